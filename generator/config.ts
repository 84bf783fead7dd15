// The config file (`specforge.config.json`): which specs to generate from, and where to.
import { readFileSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { type SourceLocation, UserError } from "./errors.js";
import { DEFAULT_LIMITS, type LoadLimits } from "./load/limits.js";
import { displayPath, packageInfo } from "./paths.js";

export interface ApiConfig {
  name: string;
  /** Absolute paths. */
  spec: string;
  out: string;
  /** The folder paths in headers and messages are relative to: the config's folder, or the working directory. */
  base: string;
  allowRemoteRefs: boolean;
  allowOutsideRefs: boolean;
  /** A folder whose `client.hbs` replaces specforge's (absolute), if any. */
  templates?: string;
  /** How generated files name each other in imports: `./models.js` (default) or `./models.ts`. */
  importExtension?: ImportExtension;
  /** The validators' form: `validators.ts` (default) or `validators.js` + `validators.d.ts`. */
  validators?: ValidatorsForm;
  /** Input limits for this API's spec (the rest keep their defaults). */
  limits?: Partial<LoadLimits>;
  /** The repository's own formatter run over the output before writing and before comparing. */
  format?: Formatter;
  /** `mocks.ts` (and `msw.ts` with `msw`): mock answers for the consumer's tests. */
  mocks?: { msw: boolean };
  /** `query.ts`: TanStack Query options for the operations. */
  query?: boolean;
  /** `date-time` values as `Date` in what the client hands back, and accepted as `Date` in what it sends. */
  dates?: boolean;
}

/** Formatters `format` can name: each is the one installed in the user's project. */
export type Formatter = "prettier" | "biome";

/**
 * The config's JSON Schema (`config.schema.json`, shipped in the package for editors): the one
 * description of the config. The fields, their allowed values and the name rule below are read from
 * it; the checks in `readApi` give each a located message of its own.
 */
export const CONFIG_SCHEMA = JSON.parse(readFileSync(path.join(packageInfo().dir, "config.schema.json"), "utf8")) as {
  properties: Record<string, unknown>;
  $defs: { api: { properties: Record<string, { enum?: string[]; pattern?: string }> } };
};
const API_SCHEMA = CONFIG_SCHEMA.$defs.api.properties;

export const FORMATTERS = API_SCHEMA.format!.enum! as readonly Formatter[];

/**
 * `ts`: `validators.ts`, compiled by the user's toolchain like every other file; `js`: `validators.js`
 * with `validators.d.ts`, for builds whose tsc does not emit.
 */
export type ValidatorsForm = "ts" | "js";
export const VALIDATORS_FORMS = API_SCHEMA.validators!.enum! as readonly ValidatorsForm[];

/**
 * `.js` suits Node (nodenext), most bundlers and Bun; `.ts` suits Deno and Node's type stripping
 * (TypeScript projects compiling it need `allowImportingTsExtensions` or `rewriteRelativeImportExtensions`);
 * `none` writes extensionless imports, which `moduleResolution: bundler` and the bundlers that do not
 * map `.js` to `.ts` (Next.js, webpack without `extensionAlias`) resolve.
 */
export type ImportExtension = ".js" | ".ts" | "none";
export const IMPORT_EXTENSIONS = API_SCHEMA.importExtension!.enum! as readonly ImportExtension[];

/** Allowed values as a message says them: `a or b`, `a, b or c`. */
export function listOf(values: readonly string[]): string {
  return values.length < 2 ? values.join("") : `${values.slice(0, -1).join(", ")} or ${values.at(-1)}`;
}

export const DEFAULT_CONFIG = "specforge.config.json";
/** Every field an API of the config may have. */
export const API_KEYS = new Set(Object.keys(API_SCHEMA));
/** Every field the config itself may have. */
export const ROOT_KEYS = new Set(Object.keys(CONFIG_SCHEMA.properties));
const NAME = new RegExp(API_SCHEMA.name!.pattern!);

export async function readConfig(file: string, cwd: string): Promise<ApiConfig[]> {
  const absolute = path.resolve(cwd, file);
  const shown = displayPath(absolute, cwd);
  let text: string;
  try {
    text = await fs.readFile(absolute, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") {
      throw new UserError(
        `cannot read ${shown}: no such file. Run \`npx specforge init\` to write one for this project (or pass --spec FILE --out DIR)`,
      );
    }
    throw new UserError(`cannot read ${shown}: ${String(code)}`);
  }
  // The YAML-capable parser is loaded only for a config file (not for --spec/--out).
  const { parseSource } = await import("./load/source.js");
  const source = parseSource(shown, text, DEFAULT_LIMITS);
  const at = (pointer: string) => source.locate(pointer);
  const root = source.value;
  if (!root || typeof root !== "object" || Array.isArray(root) || !Array.isArray((root as { apis?: unknown }).apis)) {
    throw new UserError(
      'the config must be an object with an "apis" list: { "apis": [ { "name", "spec", "out" } ] }',
      at(""),
    );
  }
  for (const key of Object.keys(root)) {
    if (!ROOT_KEYS.has(key)) throw new UserError(`unknown config field "${key}" (expected "apis")`, at(`/${key}`));
  }
  const apis = (root as { apis: unknown[] }).apis;
  if (apis.length === 0)
    throw new UserError('"apis" is empty: add at least one { "name", "spec", "out" }', at("/apis"));
  const base = path.dirname(absolute);
  const configs = apis.map((entry, i) => readApi(entry, `/apis/${i}`, base, at));
  checkUnique(configs, at);
  return configs;
}

type Locate = (pointer: string) => SourceLocation;

function readApi(entry: unknown, pointer: string, base: string, at: Locate): ApiConfig {
  if (!entry || typeof entry !== "object" || Array.isArray(entry)) {
    throw new UserError('each API must be an object { "name", "spec", "out" }', at(pointer));
  }
  const api = entry as Record<string, unknown>;
  for (const key of Object.keys(api)) {
    if (!API_KEYS.has(key))
      throw new UserError(
        `unknown API field "${key}" (expected one of: ${[...API_KEYS].join(", ")})`,
        at(`${pointer}/${key}`),
      );
  }
  for (const key of ["name", "spec", "out"]) {
    if (typeof api[key] !== "string" || api[key] === "") {
      throw new UserError(`"${key}" must be a non-empty string`, at(key in api ? `${pointer}/${key}` : pointer));
    }
  }
  if (!NAME.test(api.name as string)) {
    throw new UserError(
      `"name" must be letters, digits, ".", "_" or "-" (it names the API's folder and files)`,
      at(`${pointer}/name`),
    );
  }
  for (const key of ["allowRemoteRefs", "allowOutsideRefs", "query", "dates"]) {
    if (key in api && typeof api[key] !== "boolean")
      throw new UserError(`"${key}" must be true or false`, at(`${pointer}/${key}`));
  }
  if ("templates" in api && (typeof api.templates !== "string" || api.templates === "")) {
    throw new UserError('"templates" must be a folder path', at(`${pointer}/templates`));
  }
  if ("importExtension" in api && !IMPORT_EXTENSIONS.includes(api.importExtension as ImportExtension)) {
    throw new UserError(
      `"importExtension" must be ${listOf(IMPORT_EXTENSIONS.map((e) => `"${e}"`))}`,
      at(`${pointer}/importExtension`),
    );
  }
  if ("validators" in api && !VALIDATORS_FORMS.includes(api.validators as ValidatorsForm)) {
    throw new UserError(
      `"validators" must be ${listOf(VALIDATORS_FORMS.map((f) => `"${f}"`))} ("ts": validators.ts, built with your other files; "js": validators.js with validators.d.ts)`,
      at(`${pointer}/validators`),
    );
  }
  if ("format" in api && !FORMATTERS.includes(api.format as Formatter)) {
    throw new UserError(
      `"format" must be ${listOf(FORMATTERS.map((f) => `"${f}"`))} (the formatter installed in your project)`,
      at(`${pointer}/format`),
    );
  }
  const mocks = readMocks(api.mocks, `${pointer}/mocks`, at);
  const limits = readLimits(api.limits, `${pointer}/limits`, at);
  return {
    ...(limits ? { limits } : {}),
    ...(typeof api.templates === "string" ? { templates: path.resolve(base, api.templates) } : {}),
    ...("importExtension" in api ? { importExtension: api.importExtension as ImportExtension } : {}),
    ...("format" in api ? { format: api.format as Formatter } : {}),
    ...("validators" in api ? { validators: api.validators as ValidatorsForm } : {}),
    ...(mocks ? { mocks } : {}),
    ...(api.query === true ? { query: true } : {}),
    ...(api.dates === true ? { dates: true } : {}),
    name: api.name as string,
    spec: path.resolve(base, api.spec as string),
    out: path.resolve(base, api.out as string),
    base,
    allowRemoteRefs: api.allowRemoteRefs === true,
    allowOutsideRefs: api.allowOutsideRefs === true,
  };
}

/** `"mocks": true`, or `{ "msw": true }` for msw.ts as well. */
function readMocks(raw: unknown, pointer: string, at: Locate): { msw: boolean } | undefined {
  if (raw === undefined || raw === false) return undefined;
  if (raw === true) return { msw: false };
  if (raw && typeof raw === "object" && !Array.isArray(raw)) {
    for (const [key, value] of Object.entries(raw)) {
      if (key !== "msw") throw new UserError(`unknown mocks field "${key}" (expected "msw")`, at(`${pointer}/${key}`));
      if (typeof value !== "boolean") throw new UserError('"msw" must be true or false', at(`${pointer}/${key}`));
    }
    return { msw: (raw as { msw?: boolean }).msw === true };
  }
  throw new UserError('"mocks" must be true, false or { "msw": true }', at(pointer));
}

function readLimits(raw: unknown, pointer: string, at: Locate): Partial<LoadLimits> | undefined {
  if (raw === undefined) return undefined;
  const keys = Object.keys(DEFAULT_LIMITS);
  if (!raw || typeof raw !== "object" || Array.isArray(raw))
    throw new UserError(`"limits" must be an object with any of: ${keys.join(", ")}`, at(pointer));
  const limits: Partial<LoadLimits> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!keys.includes(key))
      throw new UserError(`unknown limit "${key}" (expected one of: ${keys.join(", ")})`, at(`${pointer}/${key}`));
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1)
      throw new UserError(`"${key}" must be a positive whole number`, at(`${pointer}/${key}`));
    limits[key as keyof LoadLimits] = value;
  }
  return limits;
}

function checkUnique(configs: ApiConfig[], at: Locate) {
  const names = new Map<string, number>();
  const outs = new Map<string, number>();
  configs.forEach((c, i) => {
    if (names.has(c.name))
      throw new UserError(`API name "${c.name}" is used twice; names must be unique`, at(`/apis/${i}/name`));
    if (outs.has(c.out))
      throw new UserError(`two APIs write to the same "out" folder; give each its own`, at(`/apis/${i}/out`));
    names.set(c.name, i);
    outs.set(c.out, i);
  });
}

/** The config for `--spec FILE --out DIR [--name NAME]`. */
export function configFromOptions(spec: string, out: string, name: string | undefined, cwd: string): ApiConfig {
  const derived = name ?? path.basename(spec).replace(/\.(ya?ml|json)$/i, "");
  if (!NAME.test(derived)) {
    throw new UserError(`--name "${derived}" must be letters, digits, ".", "_" or "-"`);
  }
  return {
    name: derived,
    spec: path.resolve(cwd, spec),
    out: path.resolve(cwd, out),
    base: cwd,
    allowRemoteRefs: false,
    allowOutsideRefs: false,
  };
}
