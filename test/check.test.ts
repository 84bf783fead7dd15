// `check` compares without writing; `generate` owns only its own files and replaces them all at once.
import fs from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { THING_SPEC, thingWith } from "./fixtures/specs.js";
import { CORPUS, runCli, scratch, snapshotDir, spawnCli } from "./helpers.js";

const CONFIG = JSON.stringify({ apis: [{ name: "things", spec: "specs/things.yaml", out: "generated/things" }] });

async function generatedProject(): Promise<string> {
  const dir = await scratch({ "specforge.config.json": CONFIG, "specs/things.yaml": THING_SPEC });
  const result = await runCli(["generate"], dir);
  expect(result.code, result.stderr).toBe(0);
  expect(result.stdout).toBe("things: generated/things (6 written, 0 unchanged)\n");
  return dir;
}

const out = (dir: string, name = "") => path.join(dir, "generated", "things", name);

describe("check", () => {
  it("passes on fresh output and writes nothing", async () => {
    const dir = await generatedProject();
    const before = await snapshotDir(dir);
    const result = await runCli(["check"], dir);
    expect(result).toEqual({ code: 0, stdout: "things: generated/things is up to date\n", stderr: "" });
    expect(await snapshotDir(dir)).toEqual(before);
  });

  it("catches an edited file and shows a unified diff", async () => {
    const dir = await generatedProject();
    const file = out(dir, "models.ts");
    const text = await fs.readFile(file, "utf8");
    await fs.writeFile(file, text.replace("name?: string;", "name?: string | number;"));
    const before = await snapshotDir(dir);
    const result = await runCli(["check"], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("generated/things/models.ts: differs from what the spec generates\n");
    expect(result.stdout).toContain("--- a/generated/things/models.ts\n+++ b/generated/things/models.ts\n@@ ");
    expect(result.stdout).toContain("\n-    name?: string | number;\n+    name?: string;\n");
    expect(result.stdout).toContain("1 generated file(s) out of date. Run `npx specforge generate`");
    expect(await snapshotDir(dir)).toEqual(before);
  });

  it("catches a missing file", async () => {
    const dir = await generatedProject();
    await fs.rm(out(dir, "index.ts"));
    const result = await runCli(["check"], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("generated/things/index.ts: missing (it is generated from the spec)\n");
  });

  it("catches a leftover file of an earlier generation", async () => {
    const dir = await generatedProject();
    const manifest = JSON.parse(await fs.readFile(out(dir, ".specforge-manifest.json"), "utf8")) as {
      files: Record<string, string>;
    };
    manifest.files["old-client.ts"] = "0".repeat(64);
    await fs.writeFile(out(dir, ".specforge-manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
    await fs.writeFile(out(dir, "old-client.ts"), "// from an older specforge\n");
    const result = await runCli(["check"], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("generated/things/old-client.ts: left over from an earlier generation");
    // the tampered manifest is itself drift
    expect(result.stdout).toContain("generated/things/.specforge-manifest.json: differs");
  });

  it("catches a spec change", async () => {
    const dir = await generatedProject();
    await fs.writeFile(
      path.join(dir, "specs/things.yaml"),
      thingWith(
        "        name:\n          type: string",
        "        name:\n          type: string\n        size:\n          type: integer",
      ),
    );
    const result = await runCli(["check"], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("generated/things/models.ts: differs");
    expect(result.stdout).toContain("+    size?: number;");
    // types.ts names the model: its component schemas do not change with the model's members.
    expect(result.stdout).not.toContain("generated/things/types.ts: differs");
  });

  describe("drift is what users import: a stale record of inputs alone is not drift", () => {
    const STALE =
      "things: generated/things is up to date (the manifest's record of inputs is stale: `specforge generate` refreshes it)\n";
    // Re-indented by 4 and re-quoted: another text of the same document.
    const reindented = YAML.stringify(YAML.parse(THING_SPEC), { indent: 4 });

    it.each([
      ["a comment added to the spec", `${THING_SPEC}# a note for reviewers\n`],
      ["the spec re-indented", reindented],
    ])("%s: exit 0 with one line saying generate refreshes the record", async (_, spec) => {
      const dir = await generatedProject();
      await fs.writeFile(path.join(dir, "specs/things.yaml"), spec);
      const before = await snapshotDir(dir);
      expect(await runCli(["check"], dir)).toEqual({ code: 0, stdout: STALE, stderr: "" });
      expect(await snapshotDir(dir)).toEqual(before);
      // generate refreshes the record (only the manifest is written), and the next check is silent.
      expect((await runCli(["generate"], dir)).stdout).toBe("things: generated/things (1 written, 5 unchanged)\n");
      expect(await runCli(["check"], dir)).toEqual({
        code: 0,
        stdout: "things: generated/things is up to date\n",
        stderr: "",
      });
    });

    it("a manifest from another engine, with other options and warnings recorded: exit 0 with the note", async () => {
      const dir = await generatedProject();
      const file = out(dir, ".specforge-manifest.json");
      const manifest = JSON.parse(await fs.readFile(file, "utf8"));
      manifest.engine = "9.9.9+ffffffffffffffff";
      manifest.inputs["(options)"] = "0".repeat(64);
      manifest.warnings = ["specs/things.yaml:1:1: warning: an old warning"];
      await fs.writeFile(file, JSON.stringify(manifest, null, 2) + "\n");
      expect(await runCli(["check"], dir)).toEqual({ code: 0, stdout: STALE, stderr: "" });
    });

    it("a stale record does not hide a hand edit, a missing or leftover file, or a manifest naming other files", async () => {
      const dir = await generatedProject();
      await fs.writeFile(path.join(dir, "specs/things.yaml"), `${THING_SPEC}# comment\n`);
      await fs.appendFile(out(dir, "client.ts"), "// hand edit\n");
      let result = await runCli(["check"], dir);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain("generated/things/client.ts: differs");
      expect(result.stdout).not.toContain("stale");
      await runCli(["generate"], dir);
      await fs.rm(out(dir, "index.ts"));
      result = await runCli(["check"], dir);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain("generated/things/index.ts: missing");
      await runCli(["generate"], dir);
      const file = out(dir, ".specforge-manifest.json");
      const manifest = JSON.parse(await fs.readFile(file, "utf8"));
      delete manifest.files["index.ts"];
      await fs.writeFile(file, JSON.stringify(manifest, null, 2) + "\n");
      result = await runCli(["check"], dir);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain("generated/things/.specforge-manifest.json: differs");
      await runCli(["generate"], dir);
      await fs.writeFile(out(dir, ".specforge-staging-1-00000000-models.ts"), "partial");
      result = await runCli(["check"], dir);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain("left by an interrupted generation");
    });
  });

  it("ignores files specforge did not generate", async () => {
    const dir = await generatedProject();
    await fs.writeFile(out(dir, "helpers.ts"), "export const mine = 1;\n");
    expect((await runCli(["check"], dir)).code).toBe(0);
  });
});

describe("generate", () => {
  it("is idempotent", async () => {
    const dir = await generatedProject();
    const before = await snapshotDir(dir);
    const again = await runCli(["generate"], dir);
    expect(again.stdout).toBe("things: generated/things (0 written, 6 unchanged)\n");
    expect(await snapshotDir(dir)).toEqual(before);
  });

  it("removes its own stale files and never touches others", async () => {
    const dir = await generatedProject();
    const manifestFile = out(dir, ".specforge-manifest.json");
    const manifest = JSON.parse(await fs.readFile(manifestFile, "utf8")) as { files: Record<string, string> };
    manifest.files["old-client.ts"] = "0".repeat(64);
    manifest.files["../escape.ts"] = "0".repeat(64);
    await fs.writeFile(manifestFile, JSON.stringify(manifest));
    await fs.writeFile(out(dir, "old-client.ts"), "// stale\n");
    await fs.writeFile(out(dir, "mine.ts"), "// the user's\n");
    await fs.writeFile(path.join(dir, "generated", "escape.ts"), "// outside the folder\n");
    const result = await runCli(["generate"], dir);
    expect(result.stdout).toBe("things: generated/things (1 written, 5 unchanged, 1 stale removed)\n");
    await expect(fs.stat(out(dir, "old-client.ts"))).rejects.toThrow();
    expect(await fs.readFile(out(dir, "mine.ts"), "utf8")).toBe("// the user's\n");
    expect(await fs.readFile(path.join(dir, "generated", "escape.ts"), "utf8")).toBe("// outside the folder\n");
  });

  it("leaves every folder untouched when one API of several fails", async () => {
    const config = JSON.stringify({
      apis: [
        { name: "things", spec: "specs/things.yaml", out: "generated/things" },
        { name: "broken", spec: "specs/broken.yaml", out: "generated/broken" },
      ],
    });
    const dir = await scratch({
      "specforge.config.json": config,
      "specs/things.yaml": THING_SPEC,
      "specs/broken.yaml": "openapi: [",
    });
    const result = await runCli(["generate"], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^specs\/broken\.yaml:1:\d+: invalid YAML/);
    expect(await snapshotDir(path.join(dir, "generated"))).toEqual({});
  });

  it("restores the folder when a file cannot be replaced", async () => {
    const dir = await generatedProject();
    await fs.writeFile(
      path.join(dir, "specs/things.yaml"),
      thingWith("          type: string\n", "          type: integer\n"),
    );
    // A directory where a generated file should go makes the rename fail after others succeeded.
    await fs.rm(out(dir, "types.ts"));
    await fs.mkdir(out(dir, "types.ts"));
    await fs.writeFile(out(dir, "types.ts/keep"), "x");
    const before = await snapshotDir(dir);
    const result = await runCli(["generate"], dir);
    expect(result.code).not.toBe(0);
    expect(await snapshotDir(dir)).toEqual(before);
    const leftovers = (await fs.readdir(out(dir))).filter((f) => f.includes(".specforge-") && f.endsWith(".tmp"));
    expect(leftovers).toEqual([]);
  });
});

describe("progress", () => {
  it("--progress prints each stage with the time so far on stderr; --quiet and a non-terminal print none", async () => {
    const dir = await scratch({ "specforge.config.json": CONFIG, "specs/things.yaml": THING_SPEC });
    const result = await runCli(["generate", "--progress"], dir);
    expect(result.code).toBe(0);
    const stages = result.stderr.split("\n").filter(Boolean);
    expect(stages.map((l) => l.replace(/\(\d+ KB\)/, "(N KB)").replace(/ \(\d+\.\d s\)$/, ""))).toEqual([
      "specforge: things: loaded specs/things.yaml",
      "specforge: things: model: 1 schemas, 1 operations",
      "specforge: things: emitted types.ts (N KB)",
      "specforge: things: emitted models.ts (N KB)",
      "specforge: things: emitted validators.ts (N KB)",
      "specforge: things: emitted client.ts (N KB)",
      "specforge: things: wrote 6 file(s), 0 unchanged",
    ]);
    for (const line of stages) expect(line).toMatch(/ \(\d+\.\d s\)$/);
    await fs.writeFile(path.join(dir, "specs/things.yaml"), THING_SPEC.replace("title: Things", "title: Other"));
    expect((await runCli(["generate", "--progress", "--quiet"], dir)).stderr).toBe("");
    await fs.writeFile(path.join(dir, "specs/things.yaml"), THING_SPEC);
    expect((await runCli(["generate"], dir)).stderr).toBe("");
  });
});

describe("several APIs in one config", () => {
  const config = (names: string[]) =>
    JSON.stringify({ apis: names.map((name) => ({ name, spec: `specs/${name}.yaml`, out: `generated/${name}` })) });

  it("are generated in parallel worker threads with the same bytes as one thread", async () => {
    const names = ["a", "b", "c"];
    const files = Object.fromEntries(
      names.map((n) => [`specs/${n}.yaml`, THING_SPEC.replace("title: Things", `title: API ${n}`)]),
    );
    const parallel = await scratch({ "specforge.config.json": config(names), ...files });
    const serial = await scratch({ "specforge.config.json": config(names), ...files });
    const many = await spawnCli(["generate"], parallel, { SPECFORGE_THREADS: "3" });
    expect(many.code, many.stderr).toBe(0);
    expect(many.stdout).toBe(names.map((n) => `${n}: generated/${n} (6 written, 0 unchanged)\n`).join(""));
    const one = await spawnCli(["generate"], serial, { SPECFORGE_THREADS: "1" });
    expect(one.stdout).toBe(many.stdout);
    expect(await snapshotDir(path.join(parallel, "generated"))).toEqual(
      await snapshotDir(path.join(serial, "generated")),
    );
    expect((await spawnCli(["check"], parallel, { SPECFORGE_THREADS: "3" })).code).toBe(0);
  }, 60_000);

  it("a bad spec among them: the first failing API's located error, exit 2, no folder written", async () => {
    const dir = await scratch({
      "specforge.config.json": config(["a", "b", "c"]),
      "specs/a.yaml": THING_SPEC,
      "specs/b.yaml": "openapi: 3.0.3\ninfo: { title: x\n",
      "specs/c.yaml": "openapi: 3.0.3\npaths: [\n",
    });
    const result = await spawnCli(["generate"], dir, { SPECFORGE_THREADS: "3" });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^specs\/b\.yaml:\d+:\d+: /);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    await expect(fs.stat(path.join(dir, "generated"))).rejects.toThrow();
  }, 60_000);
});

describe("openapi-typescript in a worker thread (specs of 1 MB or more)", () => {
  it("writes the same bytes as in one thread", async () => {
    const spec = path.join(CORPUS, "stripe-spec3-2023-09-05.yaml");
    const dir = await scratch();
    const worker = await spawnCli(["--spec", spec, "--out", "worker", "--progress"], dir, {}, 120_000);
    expect(worker.code, worker.stderr).toBe(0);
    // With the worker, types.ts is the last file emitted (it ran beside the others).
    const emitted = worker.stderr.split("\n").filter((l) => l.includes(": emitted "));
    expect(emitted.at(-1)).toMatch(/emitted types\.ts/);
    const one = await spawnCli(["--spec", spec, "--out", "one", "--quiet"], dir, { SPECFORGE_THREADS: "1" }, 120_000);
    expect(one.code, one.stderr).toBe(0);
    expect(await snapshotDir(path.join(dir, "worker"))).toEqual(await snapshotDir(path.join(dir, "one")));
  }, 240_000);

  it("stops at a spec the model refuses, while openapi-typescript already runs on it in the worker", async () => {
    // The worker gets the document before the model is built: the model's error is still the one
    // reported (located, one line, exit 2), and the worker does not keep the process alive.
    const dir = await scratch();
    await fs.writeFile(
      path.join(dir, "spec.yaml"),
      [
        "openapi: 3.0.3",
        "info: { title: Loop, version: '1' }",
        "paths: {}",
        "components:",
        "  schemas:",
        "    Loop:",
        "      oneOf:",
        "        - type: string",
        "        - $ref: '#/components/schemas/Loop'",
        "",
      ].join("\n"),
    );
    const result = await spawnCli(["--spec", "spec.yaml", "--out", "out"], dir, {}, 60_000);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/^spec\.yaml:\d+:\d+: schema "Loop" contains itself in place/);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    await expect(fs.stat(path.join(dir, "out"))).rejects.toThrow();
  }, 60_000);
});
