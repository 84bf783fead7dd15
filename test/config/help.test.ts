// `specforge --help` lists every command and every option the CLI parses.
import { describe, expect, it } from "vitest";
import { OPTIONS } from "../../generator/cli.js";
import { runCli } from "../helpers.js";

describe("--help", () => {
  it("names every command and every option", async () => {
    const { stdout, code } = await runCli(["--help"], process.cwd());
    expect(code).toBe(0);
    for (const command of ["generate", "check", "diff", "init"])
      expect(stdout).toMatch(new RegExp(`specforge \\[?${command}`));
    for (const option of Object.keys(OPTIONS)) expect(stdout, option).toMatch(new RegExp(`--${option}\\b`));
  });
});
