// `specforge generate --watch`, end to end in a real process: it regenerates on a change to the
// spec, to a file the spec references and to the config; an invalid spec prints the located error
// and keeps the last good output; the next good save recovers; Ctrl-C (SIGINT) exits 0, cleanly.
import { spawn } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { THING_SPEC, thingWith } from "./fixtures/specs.js";
import { CLI, scratch, snapshotDir } from "./helpers.js";

const CONFIG = JSON.stringify({ apis: [{ name: "things", spec: "specs/things.yaml", out: "generated/things" }] });
const SPEC = thingWith(
  "            type: string\n      responses:",
  '            $ref: "./common.yaml#/Id"\n      responses:',
);

describe("generate --watch", () => {
  it("regenerates on changes, survives an invalid spec, recovers, and stops on Ctrl-C", async () => {
    const dir = await scratch({
      "specforge.config.json": CONFIG,
      "specs/things.yaml": SPEC,
      "specs/common.yaml": "Id: { type: string }\n",
    });
    const child = spawn(process.execPath, [CLI, "generate", "--watch", "--quiet"], { cwd: dir });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    /** Waits until `pattern` has appeared `times` times in the output. */
    const seen = async (pattern: RegExp, times: number) => {
      const deadline = Date.now() + 30_000;
      while ((output.match(new RegExp(pattern.source, "g")) ?? []).length < times) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern} x${times}; output:\n${output}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const client = () => fs.readFile(path.join(dir, "generated", "things", "client.ts"), "utf8");
    const spec = path.join(dir, "specs", "things.yaml");
    try {
      await seen(/watching 3 file\(s\)/, 1);
      expect(output).toContain("things: generated/things (6 written, 0 unchanged)");

      // The spec changes: regenerated.
      await fs.writeFile(spec, SPEC.replace("title: Things", "title: Watched Things"));
      await seen(/things: generated\/things \(\d+ written/, 2);
      expect(await client()).toContain("Watched Things");

      // A referenced file changes: regenerated.
      await fs.writeFile(path.join(dir, "specs", "common.yaml"), "Id: { type: string, maxLength: 9 }\n");
      await seen(/things: generated\/things \(\d+ written/, 3);
      expect(await fs.readFile(path.join(dir, "generated", "things", "validators.ts"), "utf8")).toContain("9");

      // An invalid spec: the located error, and the output stays as it was.
      const good = await snapshotDir(path.join(dir, "generated"));
      await fs.writeFile(spec, "openapi: 3.0.3\ninfo: { title: x\n");
      await seen(/the last good output is kept/, 1);
      expect(output).toMatch(/specs\/things\.yaml:\d+:\d+: /);
      expect(await snapshotDir(path.join(dir, "generated"))).toEqual(good);

      // Fixed: it recovers.
      await fs.writeFile(spec, SPEC.replace("title: Things", "title: Recovered Things"));
      await seen(/things: generated\/things \(\d+ written/, 4);
      expect(await client()).toContain("Recovered Things");

      // The config changes: regenerated with the new options.
      await fs.writeFile(
        path.join(dir, "specforge.config.json"),
        JSON.stringify({
          apis: [{ name: "things", spec: "specs/things.yaml", out: "generated/things", importExtension: ".ts" }],
        }),
      );
      await seen(/things: generated\/things \(\d+ written/, 5);
      expect(await client()).toContain('from "./models.ts"');
    } finally {
      child.kill("SIGINT");
    }
    expect(await exited).toBe(0);
    expect(output).toContain("specforge: stopped watching");
    expect(output).not.toMatch(/internal error|at .*\.js:\d+/);
    const left = (await fs.readdir(path.join(dir, "generated", "things"))).filter((n) => n.includes("staging"));
    expect(left).toEqual([]);
  }, 90_000);

  it("--watch goes with generate only", async () => {
    const dir = await scratch({ "specforge.config.json": CONFIG, "specs/things.yaml": THING_SPEC });
    const child = spawn(process.execPath, [CLI, "check", "--watch"], { cwd: dir });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(code).toBe(2);
    expect(stderr).toBe("--watch goes with `specforge generate`\n");
  });
});
