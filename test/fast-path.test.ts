// Nothing changed, nothing done, and never a false pass: the manifest's hashes let `generate` and
// `check` skip the pipeline on an unchanged API, and every kind of change (spec, referenced file,
// options, specforge itself, an output file edited, missing or left over) takes the full path. And
// interrupted runs, killed at staged points of a real child process, leave nothing behind.
import { spawn } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MANIFEST } from "../generator/write/manifest.js";
import { THING_SPEC, thingWith } from "./fixtures/specs.js";
import { API_FILES, CLI, runCli, scratch, snapshotDir } from "./helpers.js";

const CONFIG = JSON.stringify({ apis: [{ name: "things", spec: "specs/things.yaml", out: "generated/things" }] });
const TRACE = "specforge-test: unchanged things\n";

async function project(files: Record<string, string> = {}): Promise<string> {
  const dir = await scratch({ "specforge.config.json": CONFIG, "specs/things.yaml": THING_SPEC, ...files });
  const result = await runCli(["generate"], dir);
  expect(result.code, result.stderr).toBe(0);
  return dir;
}

const out = (dir: string, name = "") => path.join(dir, "generated", "things", name);

/** Runs the CLI in process with the fast-path trace on. */
async function traced(args: string[], dir: string) {
  process.env.SPECFORGE_TEST_TRACE = "1";
  try {
    return await runCli(args, dir);
  } finally {
    delete process.env.SPECFORGE_TEST_TRACE;
  }
}

describe("nothing changed, nothing done", () => {
  it("generate and check on an unchanged API take the fast path and write nothing", async () => {
    const dir = await project();
    const before = await snapshotDir(dir);
    expect(await traced(["generate"], dir)).toEqual({
      code: 0,
      stdout: "things: generated/things (0 written, 6 unchanged)\n",
      stderr: TRACE,
    });
    expect(await traced(["check"], dir)).toEqual({
      code: 0,
      stdout: "things: generated/things is up to date\n",
      stderr: TRACE,
    });
    expect(await snapshotDir(dir)).toEqual(before);
  });

  it("the manifest records a hash of every input and output", async () => {
    const dir = await project();
    const manifest = JSON.parse(await fs.readFile(out(dir, MANIFEST), "utf8"));
    expect(Object.keys(manifest.inputs)).toEqual(["(options)", "specs/things.yaml"]);
    expect(Object.keys(manifest.files)).toEqual(API_FILES);
    expect(manifest.engine).toMatch(/^\d+\.\d+\.\d+\+[0-9a-f]{16}$/);
  });

  it("warnings are replayed on the fast path, and --strict still fails on them", async () => {
    const spec = thingWith(
      "            type: string\n      responses:",
      "            type: string\n            format: phone\n      responses:",
    );
    expect(spec).not.toBe(THING_SPEC);
    const dir = await project({ "specs/things.yaml": spec });
    const full = await runCli(["check"], dir);
    const fast = await traced(["check"], dir);
    expect(fast.stderr).toBe(TRACE + full.stderr);
    expect(full.stderr).toMatch(/warning: format "phone"/);
    const strict = await traced(["check", "--strict"], dir);
    expect(strict.code).toBe(2);
    expect(strict.stderr).not.toContain(TRACE);
  });

  const changes: [string, (dir: string) => Promise<void>, number][] = [
    [
      "the spec",
      async (dir) => {
        const file = path.join(dir, "specs", "things.yaml");
        await fs.writeFile(file, (await fs.readFile(file, "utf8")).replace("title: Things", "title: Things v2"));
      },
      1,
    ],
    [
      "an output file, edited",
      async (dir) => {
        await fs.appendFile(out(dir, "models.ts"), "// edited\n");
      },
      1,
    ],
    ["an output file, missing", (dir) => fs.rm(out(dir, "validators.ts")), 1],
    [
      "a file left by a killed run",
      (dir) => fs.writeFile(out(dir, ".specforge-staging-99999-deadbeef-models.ts"), "partial"),
      1,
    ],
    [
      "the manifest, edited",
      async (dir) => {
        const file = out(dir, MANIFEST);
        await fs.writeFile(file, (await fs.readFile(file, "utf8")).replace('"warnings": []', '"warnings": ["x"]'));
      },
      // only the record of inputs is stale: not drift (check.test.ts), yet never the shortcut
      0,
    ],
  ];

  it.each(changes)(
    "%s: takes the full path (check exits 1 on drift, generate repairs it)",
    async (_name, change, code) => {
      const dir = await project();
      const fresh = await snapshotDir(out(dir));
      await change(dir);
      const check = await traced(["check"], dir);
      expect(check.stderr).not.toContain(TRACE);
      expect(check.code).toBe(code);
      const generate = await traced(["generate"], dir);
      expect(generate.code).toBe(0);
      expect(generate.stderr).not.toContain(TRACE);
      expect(await traced(["check"], dir)).toMatchObject({ code: 0, stderr: TRACE });
      if (_name !== "the spec") expect(await snapshotDir(out(dir))).toEqual(fresh);
    },
  );

  it("a referenced file changed, and an option changed: the full path", async () => {
    const spec = thingWith(
      "            type: string\n      responses:",
      '            $ref: "./common.yaml#/Id"\n      responses:',
    );
    expect(spec).not.toBe(THING_SPEC);
    const dir = await project({ "specs/things.yaml": spec, "specs/common.yaml": "Id: { type: string }\n" });
    expect((await traced(["check"], dir)).stderr).toBe(TRACE);
    await fs.writeFile(path.join(dir, "specs", "common.yaml"), "Id: { type: string, maxLength: 5 }\n");
    const check = await traced(["check"], dir);
    expect(check.code).toBe(1);
    expect(check.stderr).not.toContain(TRACE);
    await runCli(["generate"], dir);
    expect((await traced(["check"], dir)).stderr).toBe(TRACE);
    const other = await traced(["check", "--import-extension", ".ts"], dir);
    expect(other.stderr).not.toContain(TRACE);
    expect(other.code).toBe(1);
  });

  it("a manifest written by another specforge build is not trusted: the full path, which finds no drift", async () => {
    const dir = await project();
    const file = out(dir, MANIFEST);
    const text = await fs.readFile(file, "utf8");
    await fs.writeFile(file, text.replace(/"engine": "[^"]+"/, '"engine": "0.0.1+0000000000000000"'));
    const check = await traced(["check"], dir);
    expect(check.stderr).not.toContain(TRACE);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain("the manifest's record of inputs is stale");
    // A hand edit under a stale record is still caught: the shortcut is never taken on a stale record.
    await fs.appendFile(out(dir, "models.ts"), "// edited\n");
    expect((await traced(["check"], dir)).code).toBe(1);
  });
});

/** Starts `specforge generate` as a child that pauses at `point`; resolves once it has paused there. */
function pausedGenerate(dir: string, point: string) {
  const child = spawn(process.execPath, [CLI, "generate"], {
    cwd: dir,
    env: { ...process.env, SPECFORGE_TEST_PAUSE: `${point}:5000` },
  });
  let stderr = "";
  const paused = new Promise<void>((resolve, reject) => {
    child.stderr.on("data", (d) => {
      stderr += d;
      if (stderr.includes(`specforge-test: paused at ${point}`)) resolve();
    });
    child.on("close", () => reject(new Error(`exited before pausing:\n${stderr}`)));
  });
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal })),
  );
  return { child, paused, exited, stderr: () => stderr };
}

async function changedSpecProject(): Promise<string> {
  const dir = await project();
  const file = path.join(dir, "specs", "things.yaml");
  await fs.writeFile(file, (await fs.readFile(file, "utf8")).replace("title: Things", "title: Renamed Things"));
  return dir;
}

const staged = async (dir: string) => (await fs.readdir(out(dir))).filter((n) => n.includes("specforge-staging"));

describe("interrupted runs leave nothing behind", () => {
  it.each([
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const)(
    "%s while files are staged: the API is completed, then exit %i",
    async (signal, code) => {
      const dir = await changedSpecProject();
      const run = pausedGenerate(dir, "staged");
      await run.paused;
      expect((await staged(dir)).length).toBeGreaterThan(0);
      run.child.kill(signal);
      expect(await run.exited).toEqual({ code, signal: null });
      expect(run.stderr()).toContain(`interrupted (${signal}); the API being written was completed first`);
      expect(await staged(dir)).toEqual([]);
      expect((await runCli(["check"], dir)).code).toBe(0);
      expect(await fs.readFile(out(dir, "client.ts"), "utf8")).toContain("Renamed Things");
    },
    60_000,
  );

  it("SIGKILL while files are staged: check reports the leftovers, the next generate removes them", async () => {
    const dir = await changedSpecProject();
    const before = await snapshotDir(out(dir));
    const run = pausedGenerate(dir, "staged");
    await run.paused;
    run.child.kill("SIGKILL");
    expect((await run.exited).signal).toBe("SIGKILL");
    const left = await staged(dir);
    expect(left.length).toBeGreaterThan(0);
    // The old files are all still there, untouched.
    const now = await snapshotDir(out(dir));
    for (const name of Object.keys(before)) expect(now[name]).toBe(before[name]);
    const check = await runCli(["check"], dir);
    expect(check.code).toBe(1);
    for (const name of left)
      expect(check.stdout).toContain(`generated/things/${name}: left by an interrupted generation`);
    const generate = await runCli(["generate"], dir);
    expect(generate.code).toBe(0);
    expect(await staged(dir)).toEqual([]);
    expect((await runCli(["check"], dir)).code).toBe(0);
  }, 60_000);

  it("SIGKILL between two renames: some files new, the manifest old, and check is not fooled", async () => {
    const dir = await changedSpecProject();
    const run = pausedGenerate(dir, "renamed-one");
    await run.paused;
    run.child.kill("SIGKILL");
    await run.exited;
    // Restore the spec: the folder is now half new, half old, and the manifest the old one.
    const file = path.join(dir, "specs", "things.yaml");
    await fs.writeFile(file, THING_SPEC);
    const check = await traced(["check"], dir);
    expect(check.stderr).not.toContain(TRACE);
    expect(check.code).toBe(1);
    expect((await runCli(["generate"], dir)).code).toBe(0);
    expect(await traced(["check"], dir)).toMatchObject({ code: 0, stderr: TRACE });
  }, 60_000);
});
