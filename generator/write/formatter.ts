// The format stage's optional last step: the repository's own Prettier or Biome over the generated
// files, so users who format generated code get a `check` that compares what they commit. The
// formatter is the one installed where the config is (never specforge's own), with that
// repository's settings; a missing one is a clear error, exit 2.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Formatter } from "../config.js";
import { UserError } from "../errors.js";

const PACKAGES: Record<Formatter, string> = { prettier: "prettier", biome: "@biomejs/biome" };
const EXTENSIONS = /\.(ts|js|mjs|cjs)$/;

/** Where the formatter's package.json is, resolved from `base` as the repository's own code would. */
export function formatterPackage(tool: Formatter, base: string): string | undefined {
  const require = createRequire(path.join(base, "package.json"));
  try {
    return require.resolve(`${PACKAGES[tool]}/package.json`);
  } catch {
    return undefined;
  }
}

/** Files whose content changes what the formatter writes: its version and the usual config files. */
export function formatterInputs(tool: Formatter, base: string): string {
  const pkg = formatterPackage(tool, base);
  const parts = [tool, pkg ? readFileSync(pkg, "utf8") : "missing"];
  const names =
    tool === "prettier"
      ? [
          ".prettierrc",
          ".prettierrc.json",
          ".prettierrc.yaml",
          ".prettierrc.yml",
          ".prettierrc.json5",
          ".prettierrc.toml",
          ".prettierrc.js",
          ".prettierrc.cjs",
          ".prettierrc.mjs",
          "prettier.config.js",
          "prettier.config.cjs",
          "prettier.config.mjs",
          ".editorconfig",
          "package.json",
        ]
      : ["biome.json", "biome.jsonc", ".editorconfig"];
  for (const name of names) {
    const file = path.join(base, name);
    parts.push(name, existsSync(file) ? readFileSync(file, "utf8") : "");
  }
  return parts.join("\0");
}

/**
 * Formats the code files of `files` (or the files named in `only`), named as they will be in `out`,
 * with the repository's formatter.
 */
export async function formatFiles(
  tool: Formatter,
  files: Map<string, string>,
  out: string,
  base: string,
  only?: string[],
): Promise<Map<string, string>> {
  const pkg = formatterPackage(tool, base);
  if (!pkg) {
    throw new UserError(
      `"format": "${tool}" is set, but ${PACKAGES[tool]} is not installed in the project (looked from ${base}): install it (npm install --save-dev ${PACKAGES[tool]}) or drop "format"`,
    );
  }
  const format = tool === "prettier" ? await prettierFormatter(pkg) : biomeFormatter(pkg, base);
  const result = new Map<string, string>();
  await Promise.all(
    [...files].map(async ([name, text]) => {
      const wanted = only ? only.includes(name) : EXTENSIONS.test(name);
      result.set(name, wanted ? await format(path.join(out, name), text) : text);
    }),
  );
  return new Map([...files.keys()].map((name) => [name, result.get(name)!]));
}

type FormatOne = (file: string, text: string) => Promise<string>;

async function prettierFormatter(pkg: string): Promise<FormatOne> {
  const require = createRequire(pkg);
  const prettier = (await import(pathToFileURL(require.resolve("prettier")).href)) as {
    format(text: string, options: Record<string, unknown>): Promise<string>;
    resolveConfig(file: string, options?: { useCache?: boolean }): Promise<Record<string, unknown> | null>;
    clearConfigCache?(): Promise<void>;
  };
  // Settings are read anew on every run (a watch or a long-lived process sees edits to them).
  await prettier.clearConfigCache?.();
  return async (file, text) => {
    try {
      const options = (await prettier.resolveConfig(file, { useCache: false })) ?? {};
      return await prettier.format(text, { ...options, filepath: file });
    } catch (error) {
      throw new UserError(
        `prettier could not format ${path.basename(file)}: ${(error as Error).message.split("\n")[0]}`,
      );
    }
  };
}

function biomeFormatter(pkg: string, base: string): FormatOne {
  const bin = path.join(path.dirname(pkg), "bin", "biome");
  return (file, text) =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [bin, "format", `--stdin-file-path=${path.relative(base, file)}`], {
        cwd: base,
        stdio: ["pipe", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout.setEncoding("utf8").on("data", (d) => (stdout += d));
      child.stderr.setEncoding("utf8").on("data", (d) => (stderr += d));
      child.on("error", reject);
      child.on("close", (code) => {
        if (code === 0) resolve(stdout);
        else
          reject(
            new UserError(
              `biome could not format ${path.basename(file)} (exit ${code}): ${stderr.trim().split("\n").slice(0, 3).join(" ")}`,
            ),
          );
      });
      child.stdin.end(text);
    });
}
