import { spawn } from "node:child_process";
import type { Dirent } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { run } from "../generator/cli.js";
import { emitValidators } from "../generator/emit/validators/index.js";
import type { LoadLimits } from "../generator/load/source.js";
import type { ApiModel } from "../generator/model/index.js";

import { CLI, ROOT } from "./paths.js";

export { CLI, CORPUS, ROOT, USERS_SPEC } from "./paths.js";

/** The files `generate` writes for an API with operations, besides the manifest, sorted. */
export const API_FILES = ["client.ts", "index.ts", "models.ts", "types.ts", "validators.ts"];

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in this process (fast); the tests that need a real process use `spawnCli`. */
export async function runCli(args: string[], cwd: string): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await run(args, { cwd, out: (t) => (stdout += t), err: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

/** Runs the built CLI (`dist/`) as a child process. */
export function spawnCli(
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
  timeoutMs = 60_000,
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, ...env }, timeout: timeoutMs });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? -1 : 0), stdout, stderr }));
  });
}

/** A fresh scratch folder with `files` written into it. */
export async function scratch(files: Record<string, string> = {}): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "specforge-test-"));
  for (const [name, content] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await fs.writeFile(path.join(dir, name), content);
  }
  return dir;
}

/** Every file under `dir` with its bytes, for before/after comparisons. */
export async function snapshotDir(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  async function walk(current: string) {
    let entries: Dirent[];
    try {
      entries = await fs.readdir(current, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) out[path.relative(dir, full)] = await fs.readFile(full, "utf8");
    }
  }
  await walk(dir);
  return out;
}

/**
 * TypeScript's own lib files (lib.dom.d.ts and the rest), parsed and bound once per test worker and
 * shared by every program: they never change, and re-reading them cost about a second per check.
 */
const libFiles = new Map<string, ts.SourceFile>();

function cachingHost(options: ts.CompilerOptions): ts.CompilerHost {
  const host = ts.createCompilerHost(options);
  const libDir = path.dirname(ts.getDefaultLibFilePath(options));
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    if (path.dirname(fileName) !== libDir) return read(fileName, languageVersion, onError, shouldCreate);
    const key = `${fileName}\u0000${JSON.stringify(languageVersion)}`;
    let file = libFiles.get(key);
    if (!file) {
      file = read(fileName, languageVersion, onError, shouldCreate);
      if (file) libFiles.set(key, file);
    }
    return file;
  };
  return host;
}

/** What teams put in their strictest tsconfigs beside @tsconfig/strictest itself. */
export const BEYOND_STRICTEST = { verbatimModuleSyntax: true, isolatedModules: true, erasableSyntaxOnly: true };

/** @tsconfig/strictest's compilerOptions, read from the package (not a copy of them). */
const STRICTEST: ts.CompilerOptions = ts.convertCompilerOptionsFromJson(
  ts.readConfigFile(path.join(ROOT, "node_modules", "@tsconfig", "strictest", "tsconfig.json"), ts.sys.readFile).config
    .compilerOptions,
  ROOT,
).options;

/**
 * Type-checks `files` as users compile generated code: nodenext and the strictest flags teams set
 * (@tsconfig/strictest's, and verbatimModuleSyntax, isolatedModules, erasableSyntaxOnly).
 * `skipLibCheck` skips only declaration files (TypeScript's libs); every generated file is `.ts` and
 * is checked in full (test/setups.test.ts also builds with skipLibCheck off).
 */
export function typecheck(files: string[], extra: ts.CompilerOptions = {}): string[] {
  const options: ts.CompilerOptions = {
    ...STRICTEST,
    ...BEYOND_STRICTEST,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
    types: [],
    noEmit: true,
    skipLibCheck: true,
    ...extra,
  };
  const program = ts.createProgram(files, options, cachingHost(options));
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const text = ts.flattenDiagnosticMessageText(d.messageText, "\n");
    if (!d.file || d.start === undefined) return text;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${path.relative(ROOT, d.file.fileName)}:${line + 1}:${character + 1}: ${text}`;
  });
}

/** Generates an API from spec text into a scratch folder (`out/`), optionally type-checking every file. */
async function generateInto(
  specText: string,
  check: boolean,
  limits?: Partial<LoadLimits>,
  options: { mocks?: boolean; query?: boolean; dates?: boolean; compactValidators?: boolean } = {},
) {
  const { generateApi } = await import("../generator/index.js");
  const dir = await scratch({ "spec.yaml": specText, "package.json": '{ "type": "module" }\n' });
  const api = {
    name: "t",
    spec: path.join(dir, "spec.yaml"),
    out: path.join(dir, "out"),
    base: dir,
    allowRemoteRefs: false,
    allowOutsideRefs: false,
    ...(limits ? { limits } : {}),
  };
  const generated = await generateApi(api, { cwd: dir, ...options });
  await fs.mkdir(api.out);
  for (const [name, text] of generated.files) await fs.writeFile(path.join(api.out, name), text);
  if (check) {
    const problems = await typecheckOutput(api.out, generated.files, generated.model);
    if (problems.length > 0) throw new Error(`does not type-check:\n${problems.slice(0, 5).join("\n")}`);
  }
  return { out: api.out, generated };
}

/** The validators of `model` as one TypeScript file (the `checked` form: every local typed, no @ts-nocheck), for type-checking. */
export function typedValidators(model: ApiModel): string {
  return emitValidators(model, (name) => `./${name}.js`, { form: "checked" }).files.get("validators.ts")!;
}

/**
 * Type-checks generated output written in `out`: the shipped TypeScript files (validators.d.ts among
 * them) and the validators' checks themselves in their TypeScript form (the same emitter with
 * annotations, written beside them as validators-typed.ts), under the strictest settings.
 */
export async function typecheckOutput(out: string, files: Map<string, string>, model: ApiModel): Promise<string[]> {
  await fs.writeFile(path.join(out, "validators-typed.ts"), typedValidators(model));
  return typecheck(
    [...files.keys(), "validators-typed.ts"].filter((f) => f.endsWith(".ts")).map((f) => path.join(out, f)),
  );
}

/** Compiles generated `name.ts` next to it as `name.js` (type-only imports vanish; `./x.js` imports resolve). */
export async function transpile(out: string, files: Map<string, string>, name: string): Promise<string> {
  const js = ts.transpileModule(files.get(name)!, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const file = path.join(out, name.replace(/\.ts$/, ".js"));
  await fs.writeFile(file, js);
  return file;
}

/** Generates an API from spec text, type-checks it, and imports its validators as compiled JS. */
export async function loadValidators(
  specText: string,
  opts: { typecheck?: boolean; limits?: Partial<LoadLimits>; dates?: boolean; compact?: boolean } = {},
): Promise<{
  module: Record<string, any>;
  warnings: string[];
  files: Map<string, string>;
  model: ApiModel;
  out: string;
}> {
  const { out, generated } = await generateInto(specText, opts.typecheck !== false, opts.limits, {
    ...(opts.dates ? { dates: true } : {}),
    ...(opts.compact !== undefined ? { compactValidators: opts.compact } : {}),
  });
  const module = (await import(pathToFileURL(await transpile(out, generated.files, "validators.ts")).href)) as Record<
    string,
    any
  >;
  return {
    module,
    warnings: generated.warnings.map(
      (w) => `${w.location ? `${w.location.line}:${w.location.col}: ` : ""}${w.message}`,
    ),
    files: generated.files,
    model: generated.model,
    out,
  };
}

/** Generates an API from spec text, type-checks every file, compiles them all and imports `index.js`, which must add no globals. */
export async function loadEverything(
  specText: string,
  /** Optional outputs to generate (and type-check) as well: mocks.ts, query.ts, date converters. */
  options: { mocks?: boolean; query?: boolean; dates?: boolean } = {},
): Promise<{ module: Record<string, any>; files: Map<string, string>; model: ApiModel; out: string }> {
  const { out, generated } = await generateInto(specText, true, undefined, options);
  for (const name of generated.files.keys()) if (name.endsWith(".ts")) await transpile(out, generated.files, name);
  const globals = Object.getOwnPropertyNames(globalThis).length;
  const module = (await import(pathToFileURL(path.join(out, "index.js")).href)) as Record<string, any>;
  if (Object.getOwnPropertyNames(globalThis).length !== globals)
    throw new Error("importing the generated code added globals");
  return { module, files: generated.files, model: generated.model, out };
}

/** A one-schema spec: `T` is the schema under test, `Other` a helper component. */
export function schemaSpec(schema: unknown, version = "3.0.3", extra: Record<string, unknown> = {}): string {
  return tableSpec({ T: schema, ...extra }, version);
}

/** A spec of component schemas under test, with `Other` as a helper component they may refer to. */
export function tableSpec(schemas: Record<string, unknown>, version = "3.0.3"): string {
  const other = { type: "object", required: ["n"], properties: { n: { type: "integer" } } };
  return JSON.stringify({
    openapi: version,
    info: { title: "t", version: "1" },
    paths: {},
    components: { schemas: { ...schemas, Other: schemas.Other ?? other } },
  });
}

/** Generates an API from spec text, type-checks it, and imports its compiled client. */
export async function loadClient(specText: string): Promise<{ client: Record<string, any>; dir: string }> {
  const { out, generated } = await generateInto(specText, true);
  await transpile(out, generated.files, "models.ts");
  await transpile(out, generated.files, "validators.ts");
  return {
    client: (await import(await transpile(out, generated.files, "client.ts"))) as Record<string, any>,
    dir: out,
  };
}

/**
 * The committed output of `generated/<name>`, copied into a scratch folder that resolves this
 * repository's packages (msw, TanStack), every TypeScript file compiled beside it; `load` imports one.
 */
export async function compiledOutput(
  name: string,
): Promise<{ dir: string; load: (file: string) => Promise<Record<string, any>> }> {
  const source = path.join(ROOT, "generated", name);
  const dir = await scratch({ "package.json": '{ "type": "module" }\n' });
  await fs.symlink(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  const files = new Map<string, string>();
  for (const file of await fs.readdir(source)) {
    if (file.startsWith(".")) continue;
    const text = await fs.readFile(path.join(source, file), "utf8");
    files.set(file, text);
    await fs.writeFile(path.join(dir, file), text);
  }
  for (const file of files.keys())
    if (file.endsWith(".ts") && !file.endsWith(".d.ts")) await transpile(dir, files, file);
  const load = (file: string) => import(pathToFileURL(path.join(dir, file)).href) as Promise<Record<string, any>>;
  return { dir, load };
}
