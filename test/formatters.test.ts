// "format": "prettier" | "biome": the project's own formatter (found from the config's folder, with
// the project's settings) runs over the output before writing and before comparing, so a repository
// that formats generated code gets an exact `check`. Without it, formatting the output makes `check`
// fail, which is the problem this option solves.
import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { THING_SPEC } from "./fixtures/specs.js";
import { ROOT, runCli, scratch, snapshotDir } from "./helpers.js";

const run = promisify(execFile);

/** A project with its own node_modules (this repository's, linked) and formatter settings. */
async function project(format: string | undefined, files: Record<string, string>): Promise<string> {
  const api = { name: "things", spec: "specs/things.yaml", out: "generated/things", ...(format ? { format } : {}) };
  const dir = await scratch({
    "package.json": '{ "name": "consumer", "private": true }\n',
    "specforge.config.json": JSON.stringify({ apis: [api] }),
    "specs/things.yaml": THING_SPEC,
    ...files,
  });
  await fs.symlink(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  return dir;
}

const out = (dir: string, name: string) => path.join(dir, "generated", "things", name);

const TOOLS = [
  {
    tool: "prettier",
    settings: { ".prettierrc.json": '{ "useTabs": true, "semi": false, "singleQuote": true }\n' },
    formatInPlace: (dir: string) =>
      run(
        process.execPath,
        [path.join(ROOT, "node_modules", "prettier", "bin", "prettier.cjs"), "--write", "generated"],
        {
          cwd: dir,
        },
      ),
    looks: (text: string) => {
      expect(text).toMatch(/^\t/m);
      expect(text).not.toMatch(/;\n/);
    },
  },
  {
    tool: "biome",
    settings: {
      "biome.json":
        '{ "formatter": { "indentStyle": "tab", "lineWidth": 100 }, "javascript": { "formatter": { "semicolons": "asNeeded", "quoteStyle": "single" } } }\n',
    },
    formatInPlace: (dir: string) =>
      run(
        process.execPath,
        [path.join(ROOT, "node_modules", "@biomejs", "biome", "bin", "biome"), "format", "--write", "generated"],
        {
          cwd: dir,
        },
      ),
    looks: (text: string) => {
      expect(text).toMatch(/^\t/m);
      expect(text).not.toMatch(/;\n/);
    },
  },
] as const;

describe.each(TOOLS)("format: $tool", ({ tool, settings, formatInPlace, looks }) => {
  it("writes the output as the project's formatter does, and check stays exact after the formatter runs", async () => {
    const dir = await project(tool, settings);
    const generated = await runCli(["generate"], dir);
    expect(generated.code, generated.stderr).toBe(0);
    looks(await fs.readFile(out(dir, "client.ts"), "utf8"));
    looks(await fs.readFile(out(dir, "models.ts"), "utf8"));
    expect((await runCli(["check"], dir)).code).toBe(0);
    // The user's own format run changes nothing: the output already is what the formatter writes.
    const before = await snapshotDir(path.join(dir, "generated"));
    await formatInPlace(dir);
    expect(await snapshotDir(path.join(dir, "generated"))).toEqual(before);
    expect((await runCli(["check"], dir)).code).toBe(0);
  }, 60_000);

  it("without the option, formatting the output makes check fail (what the option is for)", async () => {
    const dir = await project(undefined, settings);
    expect((await runCli(["generate"], dir)).code).toBe(0);
    await formatInPlace(dir);
    const check = await runCli(["check"], dir);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain("differs from what the spec generates");
  }, 60_000);

  it("changing the formatter's settings regenerates (the fast path hashes them)", async () => {
    const dir = await project(tool, settings);
    expect((await runCli(["generate"], dir)).code).toBe(0);
    const [name, text] = Object.entries(settings)[0]!;
    await fs.writeFile(
      path.join(dir, name),
      text.replace('"tab"', '"space"').replace('"useTabs": true', '"useTabs": false'),
    );
    const check = await runCli(["check"], dir);
    expect(check.code).toBe(1);
    expect((await runCli(["generate"], dir)).code).toBe(0);
    expect(await fs.readFile(out(dir, "models.ts"), "utf8")).not.toMatch(/^\t/m);
  }, 60_000);
});

describe("format errors", () => {
  it("a formatter that is not installed: exit 2, one message, nothing written", async () => {
    const dir = await scratch({
      "specforge.config.json": JSON.stringify({
        apis: [{ name: "things", spec: "specs/things.yaml", out: "generated/things", format: "prettier" }],
      }),
      "specs/things.yaml": THING_SPEC,
    });
    const result = await runCli(["generate"], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^"format": "prettier" is set, but prettier is not installed in the project \(looked from .*\): install it \(npm install --save-dev prettier\) or drop "format"\n$/,
    );
    await expect(fs.stat(path.join(dir, "generated"))).rejects.toThrow();
  });

  it("an unknown formatter, in the config and as an option", async () => {
    const dir = await scratch({
      "specforge.config.json": JSON.stringify({
        apis: [{ name: "things", spec: "specs/things.yaml", out: "generated/things", format: "gofmt" }],
      }),
      "specs/things.yaml": THING_SPEC,
    });
    const config = await runCli(["generate"], dir);
    expect(config.code).toBe(2);
    expect(config.stderr).toMatch(/^specforge\.config\.json:\d+:\d+: "format" must be "prettier" or "biome"/);
    const option = await runCli(["generate", "--spec", "specs/things.yaml", "--out", "x", "--format", "gofmt"], dir);
    expect(option).toMatchObject({ code: 2, stderr: '--format must be prettier or biome, not "gofmt"\n' });
  });
});
