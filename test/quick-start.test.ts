// The README's quick start, as a new user runs it: a fresh clone of this repository (HEAD), then the
// first command of the quick start exactly as the README writes it (install, then generate). The
// generated folders must come out as committed. (The second command, `npm test`, is what CI runs on
// a fresh clone; running it here would run this file again.)
import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers.js";

const run = promisify(execFile);

describe("the README's quick start", () => {
  it("on a fresh clone, the first command installs and generates generated/ exactly as committed", async () => {
    const readme = await fs.readFile(path.join(ROOT, "README.md"), "utf8");
    const block = /## Quick start[^\n]*\n\n```sh\n([\s\S]*?)```/.exec(readme)![1]!;
    const commands = block
      .split("\n")
      .filter(Boolean)
      .map((line) => line.replace(/\s+#.*$/, "").trim());
    expect(commands).toEqual(["npm ci && npm run generate", "npm test"]);
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "specforge-clone-"));
    const clone = path.join(dir, "specforge");
    await run("git", ["clone", "--quiet", "--no-hardlinks", ROOT, clone]);
    // The first command, as written, in a shell (`&&` included).
    const env = {
      ...process.env,
      npm_config_audit: "false",
      npm_config_fund: "false",
      npm_config_prefer_offline: "true",
    };
    const { stdout } = await run("bash", ["-c", commands[0]!], { cwd: clone, env, maxBuffer: 64 * 1024 * 1024 });
    expect(stdout).toContain("argyle-users: generated/argyle-users (0 written");
    const { stdout: status } = await run("git", ["status", "--porcelain"], { cwd: clone });
    expect(status).toBe("");
  }, 600_000);
});
