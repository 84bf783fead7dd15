// `specforge init [--spec FILE] [--out DIR]`: sets up another repository. Writes specforge.config.json
// (with `$schema`, so editors complete and check it) for the spec given or the one OpenAPI document
// found under the working directory, adds `generate:api` / `check:api` scripts to package.json when
// those names are free, generates once, and prints the next steps. It never overwrites a config.

import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { DEFAULT_CONFIG, type ImportExtension, type ValidatorsForm } from "./config.js";
import { UserError } from "./errors.js";
import { displayPath } from "./paths.js";
import { nearestTsconfig, readTsconfig, sourceFolderOf } from "./project.js";

const SKIPPED = new Set(["node_modules", ".git", "dist", "build", "coverage", ".next", "generated"]);
const MAX_FILES = 5000;
/** How much of each candidate is read: enough for a long comment header before `openapi:`. */
const HEAD = 64 * 1024;

/** OpenAPI (or Swagger) documents under `dir`, by their first kilobytes, sorted. */
async function findSpecs(dir: string): Promise<string[]> {
  const found: string[] = [];
  let seen = 0;
  const walk = async (current: string, depth: number): Promise<void> => {
    if (depth > 6 || seen > MAX_FILES) return;
    const entries = await fs.readdir(current, { withFileTypes: true }).catch(() => []);
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED.has(entry.name) && !entry.name.startsWith(".")) await walk(full, depth + 1);
      } else if (entry.isFile() && /\.(ya?ml|json)$/i.test(entry.name) && entry.name !== "package.json") {
        seen++;
        const handle = await fs.open(full, "r");
        try {
          const { buffer, bytesRead } = await handle.read(Buffer.alloc(HEAD), 0, HEAD, 0);
          const head = buffer.subarray(0, bytesRead).toString("utf8");
          // `openapi:` at the top of a YAML document, or `"openapi":` as a JSON member.
          if (/^["']?(?:openapi|swagger)["']?\s*:|[{,]\s*"(?:openapi|swagger)"\s*:/m.test(head)) found.push(full);
        } finally {
          await handle.close();
        }
      }
    }
  };
  await walk(dir, 0);
  return found;
}

/** A config name from a spec's file name: letters, digits, ".", "_" and "-". */
function apiName(spec: string): string {
  const base = path
    .basename(spec)
    .replace(/\.(ya?ml|json)$/i, "")
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/^[^A-Za-z0-9]+/, "");
  return base || "api";
}

export interface InitResult {
  config: string;
  spec: string;
  out: string;
  name: string;
  scripts: string[];
  /** The validators' form written to the config (from the project's tsconfig). */
  validators: ValidatorsForm;
  /** How generated files import each other (from the project's tsconfig, or its deno.json). */
  importExtension: ImportExtension;
  /** The folder of the project's sources (relative, "." for the project's own): where the first call's file is. */
  sourceFolder: string;
}

/** What `init` takes: the spec and output folder, and the options written into the config. */
export interface InitOptions {
  spec?: string;
  out?: string;
  mocks?: boolean;
  query?: boolean;
  dates?: boolean;
}

/** Writes the config and the package.json scripts; the caller generates and prints the next steps. */
export async function init(cwd: string, options: InitOptions): Promise<InitResult> {
  const config = path.join(cwd, DEFAULT_CONFIG);
  if (
    await fs.stat(config).then(
      () => true,
      () => false,
    )
  )
    throw new UserError(
      `${DEFAULT_CONFIG} already exists: specforge init never overwrites it; edit it, or remove it to start over`,
    );
  let spec: string;
  if (options.spec !== undefined) {
    spec = path.resolve(cwd, options.spec);
    const stat = await fs.stat(spec).catch(() => undefined);
    if (!stat?.isFile()) throw new UserError(`cannot read ${options.spec}: no such file`);
  } else {
    const found = await findSpecs(cwd);
    if (found.length === 0)
      throw new UserError(
        `no OpenAPI document found under ${displayPath(cwd, cwd) === "." ? "this folder" : cwd}: pass --spec FILE`,
      );
    if (found.length > 1)
      throw new UserError(
        `${found.length} OpenAPI documents found: ${found.map((f) => displayPath(f, cwd)).join(", ")}; pass --spec FILE to pick one`,
      );
    spec = found[0]!;
  }
  const name = apiName(spec);
  const project = projectSettings(cwd);
  const out =
    options.out !== undefined ? path.resolve(cwd, options.out) : path.join(project.sourceFolder, "generated", name);
  const { validators, importExtension } = project;
  const entry = {
    name,
    spec: displayPath(spec, cwd),
    out: displayPath(out, cwd),
    ...(importExtension !== ".js" ? { importExtension } : {}),
    ...(validators === "js" ? { validators } : {}),
    ...(options.mocks ? { mocks: true } : {}),
    ...(options.query ? { query: true } : {}),
    ...(options.dates ? { dates: true } : {}),
  };
  const text = `${JSON.stringify({ $schema: "./node_modules/specforge/config.schema.json", apis: [entry] }, null, 2)}\n`;
  await fs.writeFile(config, text, { flag: "wx" });
  const scripts = await addScripts(cwd);
  // The first call is written from a file among the sources, when the output is among them.
  const inside = !path.relative(project.sourceFolder, out).startsWith("..");
  const sourceFolder = displayPath(inside ? project.sourceFolder : cwd, cwd);
  return { config, spec: entry.spec, out: entry.out, name, scripts, validators, importExtension, sourceFolder };
}

/**
 * What the project's tsconfig (TypeScript's reading of it) says of the output:
 * - the validators' form: `js` (validators.js with its declarations, the cheapest to type-check) where
 *   it never emits (bundlers, tsx, Next.js, Vite: `noEmit`), `ts` (compiled with the project's other
 *   files, in its module format) otherwise;
 * - the import extension its resolution wants (`.ts` also for a Deno project, by its deno.json);
 * - the folder its sources live in, so the output is part of its build (`src/generated/<api>`).
 */
function projectSettings(cwd: string): {
  validators: ValidatorsForm;
  importExtension: ImportExtension;
  sourceFolder: string;
} {
  const nearest = nearestTsconfig(cwd);
  // A tsconfig.build.json beside it is what the build compiles (NestJS's `nest build`, many Node
  // services): its rootDir and include decide where the output must be (Nest's is `src`).
  const build = nearest === undefined ? undefined : path.join(path.dirname(nearest), "tsconfig.build.json");
  const file = build !== undefined && existsSync(build) ? build : nearest;
  const config = file === undefined ? undefined : readTsconfig(file);
  const deno = ["deno.json", "deno.jsonc"].some((f) => existsSync(path.join(cwd, f)));
  return {
    validators: config !== undefined && !config.emitsJavaScript ? "js" : "ts",
    importExtension: deno ? ".ts" : (config?.importExtension ?? ".js"),
    sourceFolder: config?.sourceFolder ?? sourceFolderOf(cwd),
  };
}

/** Adds `generate:api` and `check:api` to package.json's scripts where those names are free. */
async function addScripts(cwd: string): Promise<string[]> {
  const file = path.join(cwd, "package.json");
  const text = await fs.readFile(file, "utf8").catch(() => undefined);
  if (text === undefined) return [];
  let pkg: Record<string, unknown>;
  try {
    pkg = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return [];
  }
  const scripts = (pkg.scripts && typeof pkg.scripts === "object" ? pkg.scripts : {}) as Record<string, string>;
  const added: string[] = [];
  for (const [key, command] of [
    ["generate:api", "specforge generate"],
    ["check:api", "specforge check"],
  ] as const) {
    if (scripts[key] !== undefined) continue;
    scripts[key] = command;
    added.push(key);
  }
  if (added.length === 0) return [];
  pkg.scripts = scripts;
  const indent = /^(\s+)"/m.exec(text)?.[1] ?? "  ";
  await fs.writeFile(file, `${JSON.stringify(pkg, null, indent)}\n`);
  return added;
}

/**
 * The three next steps, printed after the first generation. The first call imports the output's
 * index as seen from a file in the project's source folder, with the extension the config chose, and
 * uses no top-level `await`: it holds in an ES module or CommonJS package and in any bundler's output.
 */
export function nextSteps(result: InitResult, firstOperation: string | undefined): string {
  const relative = path.relative(result.sourceFolder, result.out).split(path.sep).join("/");
  const specifier = `${relative.startsWith(".") ? "" : "./"}${relative}/index${result.importExtension === "none" ? "" : result.importExtension}`;
  const where = result.sourceFolder === "." ? "a file at the project's root" : `a file in ${result.sourceFolder}/`;
  const lines = [
    `import { createClient } from "${specifier}";`,
    `const api = createClient({ baseUrl: "https://..." /* , auth */ });`,
    ...(firstOperation ? [`api.${firstOperation}(/* input */).then((result) => console.log(result));`] : []),
  ];
  return [
    "",
    "Next steps:",
    `  1. Commit the config and the output: git add ${DEFAULT_CONFIG} ${result.out}`,
    `  2. In CI, fail the build when the output is stale: npx specforge check${result.scripts.includes("check:api") ? " (or npm run check:api)" : ""}`,
    `  3. Make the first call, from ${where}:`,
    ...lines.map((l) => `     ${l}`),
    "",
  ].join("\n");
}
