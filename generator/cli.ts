#!/usr/bin/env node
// The `specforge` command: parses options, runs generate or check, and maps outcomes to exit codes
// (0 ok, 1 drift, 2 bad input, 3 internal error).
import "./compile-cache.js";
import { realpathSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import {
  type ApiConfig,
  configFromOptions,
  DEFAULT_CONFIG,
  FORMATTERS,
  type Formatter,
  IMPORT_EXTENSIONS,
  type ImportExtension,
  listOf,
  readConfig,
  VALIDATORS_FORMS,
  type ValidatorsForm,
} from "./config.js";
import { EXIT, formatUserError, formatWarning, UserError } from "./errors.js";
// The pipeline is imported only once options and config have been read, so --help and bad options
// answer at once.
import type { GenerateOptions } from "./index.js";
import { DEFAULT_LIMITS, LIMIT_OPTIONS, type LoadLimits } from "./load/limits.js";
import { displayPath, packageInfo } from "./paths.js";
import { upToDate } from "./write/fast-path.js";
import { validatorsOf } from "./write/inputs.js";
import type { Manifest } from "./write/manifest.js";

export interface Io {
  cwd: string;
  /** Whether stderr is a terminal (progress is shown by default then). */
  isTTY?: boolean;
  out: (text: string) => void;
  err: (text: string) => void;
}

const HELP = `specforge: TypeScript models, validators and a fetch client from OpenAPI documents.

Usage:
  specforge [generate] [options]   write the generated files (the default command)
  specforge check [options]        exit 1 if the committed files differ from what the specs generate
  specforge diff --base REF|--old FILE [options]
                                   what changed in each API since REF (or FILE), breaking or compatible
  specforge init [--spec FILE] [--out DIR] [--mocks] [--query] [--dates]
                                   set up this repository: a config (with $schema), package.json scripts,
                                   a first generation, and the next steps; never overwrites a config

Options:
  --config FILE          config file (default: ${DEFAULT_CONFIG} in the working directory)
  --spec FILE --out DIR  one API without a config file
  --name NAME            the API's name with --spec (default: the spec's file name)
  --templates DIR        use DIR/client.hbs instead of specforge's client template
  --import-extension EXT .js (default), .ts or none: how generated files import each other (.ts for Deno,
                         none for moduleResolution bundler: Next.js, webpack, Vite)
  --validators FORM      ts (default): validators.ts, built with your other files; js: validators.js with
                         validators.d.ts, for builds whose tsc does not emit (config: "validators")
  --format TOOL          prettier or biome: run your project's formatter over the output (check compares formatted)
  --max-file-bytes N     largest spec file read (default 64 MiB)
  --max-aliases N        most YAML alias expansions (default 10000)
  --max-depth N          deepest nesting of the document (default 200)
  --strict               treat every warning as an error (exit 2, nothing written)
  --mocks                also write mocks.ts: mock answers and mockFetch for tests (config: "mocks")
  --query                also write query.ts: TanStack Query options for the operations (config: "query")
  --dates                date-time values as Date in what the client returns, and as Date or string in
                         what it sends (config: "dates")
  --watch                with generate: regenerate when the spec, its files, the config or templates change
  --progress             print each API's stages on stderr (the default when stderr is a terminal)
  --quiet                no progress output
  --allow-remote-refs    follow http(s) $refs (refused by default)
  --allow-outside-refs   follow file $refs that leave the spec's folder (refused by default)
  --debug                print stack traces of errors

diff options (with --config, or --spec FILE alone):
  --base REF             the old version: each spec and the files it references, read from git at REF
  --old FILE             the old version: this file (one API)
  --format FORMAT        text (default), markdown (a pull-request comment) or json
  --fail-on LEVEL        breaking or any: exit 1 when such a change is found
  -h, --help             show this help
  -v, --version          show the version

Exit codes: 0 success, 1 check found drift (or diff found what --fail-on names), 2 bad input (spec, config,
options, files, git refs), 3 internal error.
`;

function version(): string {
  return packageInfo().version;
}

export async function run(argv: string[], io: Io): Promise<number> {
  const debug = argv.includes("--debug");
  try {
    return await runCommand(argv, io);
  } catch (error) {
    if (error instanceof UserError) {
      io.err(formatUserError(error) + "\n");
      if (debug && error.stack) io.err(error.stack + "\n");
      return EXIT.badInput;
    }
    if (error instanceof RangeError && /call stack/i.test(error.message)) {
      // Only reachable with a raised --max-depth: the default keeps every stage within the stack.
      io.err(
        `specforge: the spec nests too deeply to process (the call stack ran out): keep --max-depth at its default (${DEFAULT_LIMITS.maxDepth}) or lower, or move deep inline schemas into components\n`,
      );
      if (debug && error.stack) io.err(error.stack + "\n");
      return EXIT.badInput;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`specforge: internal error: ${message}\n`);
    io.err(
      debug && error instanceof Error && error.stack
        ? error.stack + "\n"
        : "Run again with --debug for details, and please report it.\n",
    );
    return EXIT.internal;
  }
}

export const OPTIONS = {
  config: { type: "string" },
  spec: { type: "string" },
  out: { type: "string" },
  name: { type: "string" },
  templates: { type: "string" },
  "import-extension": { type: "string" },
  validators: { type: "string" },
  format: { type: "string" },
  strict: { type: "boolean" },
  mocks: { type: "boolean" },
  query: { type: "boolean" },
  dates: { type: "boolean" },
  watch: { type: "boolean" },
  progress: { type: "boolean" },
  quiet: { type: "boolean" },
  "max-file-bytes": { type: "string" },
  "max-aliases": { type: "string" },
  "max-depth": { type: "string" },
  "allow-remote-refs": { type: "boolean" },
  "allow-outside-refs": { type: "boolean" },
  base: { type: "string" },
  old: { type: "string" },
  "fail-on": { type: "string" },
  debug: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
} as const;

function parseOptions(argv: string[]) {
  return parseArgs({ args: argv, allowPositionals: true, strict: true, options: OPTIONS });
}

async function runCommand(argv: string[], io: Io): Promise<number> {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(argv);
  } catch (error) {
    // Node's own wording, less its advice about `--` (specforge takes no positional file names).
    const message = ((error as Error).message.split("\n")[0] ?? "").replace(
      /\. To specify a positional argument.*$/,
      "",
    );
    throw new UserError(`${message.replace(/\.$/, "")}. Run \`specforge --help\` for the options.`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(HELP);
    return EXIT.ok;
  }
  if (values.version) {
    io.out(version() + "\n");
    return EXIT.ok;
  }
  if (positionals.length > 1)
    throw new UserError(`too many arguments: ${positionals.join(" ")}. Run \`specforge --help\`.`);
  const command = positionals[0] ?? "generate";
  if (command !== "generate" && command !== "check" && command !== "diff" && command !== "init") {
    throw new UserError(`unknown command "${command}": use \`specforge generate\`, \`check\`, \`diff\` or \`init\``);
  }
  if (command === "diff") return runDiff(values, io);
  if (command === "init") return runInit(values, io);
  for (const option of ["base", "old", "fail-on"] as const)
    if (values[option] !== undefined) throw new UserError(`--${option} goes with \`specforge diff\``);
  const importExtension = values["import-extension"];
  if (importExtension !== undefined && !IMPORT_EXTENSIONS.includes(importExtension as ImportExtension)) {
    throw new UserError(`--import-extension must be ${listOf(IMPORT_EXTENSIONS)}, not "${importExtension}"`);
  }
  const validators = values.validators;
  if (validators !== undefined && !VALIDATORS_FORMS.includes(validators as ValidatorsForm)) {
    throw new UserError(`--validators must be ${listOf(VALIDATORS_FORMS)}, not "${validators}"`);
  }
  const format = values.format;
  if (format !== undefined && !FORMATTERS.includes(format as Formatter)) {
    throw new UserError(`--format must be ${FORMATTERS.join(" or ")}, not "${format}"`);
  }
  const limits = readLimits(values);
  const apis = await selectApis(values, io.cwd);
  const showProgress = !values.quiet && (values.progress ?? io.isTTY ?? false);
  const started = performance.now();
  const options = {
    cwd: io.cwd,
    allowRemoteRefs: values["allow-remote-refs"] ?? false,
    allowOutsideRefs: values["allow-outside-refs"] ?? false,
    ...(values.templates !== undefined ? { templates: path.resolve(io.cwd, values.templates) } : {}),
    ...(importExtension !== undefined ? { importExtension: importExtension as ImportExtension } : {}),
    ...(format !== undefined ? { format: format as Formatter } : {}),
    ...(validators !== undefined ? { validators: validators as ValidatorsForm } : {}),
    ...(values.strict ? { strict: true } : {}),
    ...(values.mocks ? { mocks: true } : {}),
    ...(values.query ? { query: true } : {}),
    ...(values.dates ? { dates: true } : {}),
    ...(Object.keys(limits).length > 0 ? { limits } : {}),
    ...(showProgress
      ? {
          onProgress: (api: ApiConfig, stage: string) =>
            io.err(`specforge: ${api.name}: ${stage} (${((performance.now() - started) / 1000).toFixed(1)} s)\n`),
        }
      : {}),
  };
  if (values.watch) {
    if (command !== "generate") throw new UserError("--watch goes with `specforge generate`");
    const { watch } = await import("./watch.js");
    const configFile = values.spec === undefined ? path.resolve(io.cwd, values.config ?? DEFAULT_CONFIG) : undefined;
    return watch(() => selectApis(values, io.cwd), configFile, options, {
      err: io.err,
      report: (results) => reportGenerated(results, io),
    });
  }
  return command === "generate" ? runGenerate(apis, options, io) : runCheck(apis, options, io);
}

type Values = ReturnType<typeof parseOptions>["values"];

/** `specforge init`: the config for this repository, its scripts, a first generation, the next steps. */
async function runInit(values: Values, io: Io): Promise<number> {
  for (const [option, value] of Object.entries(values))
    if (
      value !== undefined &&
      !["spec", "out", "mocks", "query", "dates", "debug", "quiet", "progress"].includes(option)
    )
      throw new UserError(
        `--${option} does not go with \`specforge init\` (it takes --spec FILE, --out DIR, --mocks, --query and --dates)`,
      );
  const { init, nextSteps } = await import("./init.js");
  const result = await init(io.cwd, {
    ...(values.spec !== undefined ? { spec: values.spec } : {}),
    ...(values.out !== undefined ? { out: values.out } : {}),
    ...(values.mocks ? { mocks: true } : {}),
    ...(values.query ? { query: true } : {}),
    ...(values.dates ? { dates: true } : {}),
  });
  const scripts = result.scripts.length > 0 ? `; added ${result.scripts.join(" and ")} to package.json` : "";
  io.out(`specforge: wrote ${DEFAULT_CONFIG} for ${result.spec} (output in ${result.out})${scripts}\n`);
  const apis = await readConfig(DEFAULT_CONFIG, io.cwd);
  const generated = await (await import("./index.js")).generate(apis, { cwd: io.cwd });
  reportGenerated(generated, io);
  const client = generated[0]?.generated.files.get("client.ts") ?? "";
  // The first method of the client: the first entry of client.ts's OPERATIONS (`name,` or `name: fn,`).
  const first = /const OPERATIONS[^{]*\{\n\s*([A-Za-z_$][\w$]*)/.exec(client)?.[1];
  io.out(nextSteps(result, first));
  return EXIT.ok;
}

/** `specforge diff`: each API's spec against its version at `--base REF` or in `--old FILE`. */
async function runDiff(values: Values, io: Io): Promise<number> {
  const { DIFF_FORMATS, formatDiff } = await import("./diff/report.js");
  const format = values.format ?? "text";
  if (!DIFF_FORMATS.includes(format as never))
    throw new UserError(`--format with diff must be ${DIFF_FORMATS.join(", ")}, not "${format}"`);
  const failOn = values["fail-on"];
  if (failOn !== undefined && failOn !== "breaking" && failOn !== "any")
    throw new UserError(`--fail-on must be breaking or any, not "${failOn}"`);
  if ((values.base === undefined) === (values.old === undefined))
    throw new UserError("diff compares with an old version: pass --base REF (a git ref) or --old FILE, one of them");
  for (const option of [
    "out",
    "templates",
    "import-extension",
    "validators",
    "watch",
    "strict",
    "mocks",
    "query",
    "dates",
  ] as const)
    if (values[option] !== undefined) throw new UserError(`--${option} does not go with \`specforge diff\``);
  const apis =
    values.spec !== undefined
      ? (() => {
          if (values.config !== undefined) throw new UserError("use either --config or --spec, not both");
          return [configFromOptions(values.spec, ".", values.name, io.cwd)];
        })()
      : await selectApis(values, io.cwd);
  if (values.old !== undefined && apis.length > 1)
    throw new UserError(
      `--old FILE is one old spec, and the config has ${apis.length} APIs: pass --spec FILE too, or --base REF to compare every API`,
    );
  const limits = readLimits(values);
  const { diffApis } = await import("./diff/index.js");
  const diffs = await diffApis(apis, {
    cwd: io.cwd,
    ...(values.base !== undefined ? { base: values.base } : {}),
    ...(values.old !== undefined ? { old: values.old } : {}),
    allowRemoteRefs: values["allow-remote-refs"] ?? false,
    allowOutsideRefs: values["allow-outside-refs"] ?? false,
    ...(Object.keys(limits).length > 0 ? { limits } : {}),
  });
  io.out(formatDiff(diffs, format as "text"));
  const changes = diffs.flatMap((d) => d.changes);
  const failing =
    failOn === "any" ? changes : failOn === "breaking" ? changes.filter((c) => c.severity === "breaking") : [];
  return failing.length > 0 ? EXIT.drift : EXIT.ok;
}

function readLimits(values: Values): Partial<LoadLimits> {
  const limits: Partial<LoadLimits> = {};
  for (const [key, option] of Object.entries(LIMIT_OPTIONS) as [keyof LoadLimits, string][]) {
    const raw = values[option.slice(2) as "max-depth"];
    if (raw === undefined) continue;
    if (!/^[1-9]\d{0,14}$/.test(raw)) throw new UserError(`${option} must be a positive whole number, not "${raw}"`);
    limits[key] = Number(raw);
  }
  return limits;
}

async function selectApis(
  values: { config?: string; spec?: string; out?: string; name?: string },
  cwd: string,
): Promise<ApiConfig[]> {
  if (values.spec !== undefined || values.out !== undefined) {
    if (values.config !== undefined) throw new UserError("use either --config or --spec/--out, not both");
    if (values.spec === undefined || values.out === undefined)
      throw new UserError("--spec and --out go together: pass both");
    return [configFromOptions(values.spec, values.out, values.name, cwd)];
  }
  if (values.name !== undefined) throw new UserError("--name goes with --spec and --out");
  return readConfig(values.config ?? DEFAULT_CONFIG, cwd);
}

type Options = GenerateOptions & { cwd: string };

/**
 * The APIs whose folders are provably up to date (write/fast-path.ts), with their manifests, and
 * the rest, which the pipeline (loaded only then) must run for.
 */
async function splitUnchanged(
  apis: ApiConfig[],
  options: Options,
  io: Io,
): Promise<{ unchanged: Map<ApiConfig, Manifest>; changed: ApiConfig[] }> {
  const found = await Promise.all(apis.map(async (api) => [api, await upToDate(api, options)] as const));
  const unchanged = new Map(found.filter((entry): entry is [ApiConfig, Manifest] => entry[1] !== undefined));
  // For specforge's own tests: which APIs took the fast path.
  if (process.env.SPECFORGE_TEST_TRACE)
    for (const api of unchanged.keys()) io.err(`specforge-test: unchanged ${api.name}\n`);
  return { unchanged, changed: apis.filter((api) => !unchanged.has(api)) };
}

async function runGenerate(apis: ApiConfig[], options: Options, io: Io): Promise<number> {
  const { unchanged, changed } = await splitUnchanged(apis, options, io);
  const generated = changed.length > 0 ? await (await import("./index.js")).generate(changed, options) : [];
  for (const api of apis) {
    const manifest = unchanged.get(api);
    if (!manifest) {
      reportGenerated(
        generated.filter((r) => r.generated.api === api),
        io,
      );
      continue;
    }
    for (const warning of manifest.warnings) io.err(warning + "\n");
    const files = Object.keys(manifest.files).length + 1;
    io.out(`${api.name}: ${displayPath(api.out, io.cwd)} (0 written, ${files} unchanged)\n`);
  }
  // Only for what was generated: the fast path stays free of TypeScript and of reading the project.
  await warnAboutProjects(changed, options, io);
  return EXIT.ok;
}

/** Warnings about the user's project (not the spec): a tsconfig whose build would lack validators.js. */
async function warnAboutProjects(apis: ApiConfig[], options: Options, io: Io): Promise<void> {
  const js = apis.filter((api) => validatorsOf(api, options) === "js");
  if (js.length === 0) return;
  const { jsValidatorsWarning } = await import("./project.js");
  for (const api of js) {
    const warning = jsValidatorsWarning(api.out, api.name, io.cwd);
    if (warning !== undefined) io.err(warning + "\n");
  }
}

/** The lines `generate` prints for APIs it generated: warnings on stderr, what was written on stdout. */
function reportGenerated(results: Awaited<ReturnType<typeof import("./index.js").generate>>, io: Io): void {
  for (const { generated, result } of results) {
    for (const warning of generated.warnings) io.err(formatWarning(warning) + "\n");
    const parts = [`${result.written.length} written`, `${result.unchanged.length} unchanged`];
    if (result.removed.length > 0) parts.push(`${result.removed.length} stale removed`);
    io.out(`${generated.api.name}: ${displayPath(generated.api.out, io.cwd)} (${parts.join(", ")})\n`);
  }
}

async function runCheck(apis: ApiConfig[], options: Options, io: Io): Promise<number> {
  const { unchanged, changed } = await splitUnchanged(apis, options, io);
  const checked = changed.length > 0 ? await (await import("./index.js")).check(changed, options) : [];
  let drifted = 0;
  for (const api of apis) {
    const folder = displayPath(api.out, io.cwd);
    const manifest = unchanged.get(api);
    if (manifest) {
      for (const warning of manifest.warnings) io.err(warning + "\n");
      io.out(`${api.name}: ${folder} is up to date\n`);
      continue;
    }
    const { generated, drifts, staleRecord } = checked.find((r) => r.generated.api === api)!;
    for (const warning of generated.warnings) io.err(formatWarning(warning) + "\n");
    if (drifts.length === 0) {
      // Every generated file matches: only the manifest's record of inputs is stale (a comment in the
      // spec, another specforge build that generates the same code). Not drift.
      io.out(
        staleRecord
          ? `${api.name}: ${folder} is up to date (the manifest's record of inputs is stale: \`specforge generate\` refreshes it)\n`
          : `${api.name}: ${folder} is up to date\n`,
      );
      continue;
    }
    drifted += drifts.length;
    const { describeDrift } = await import("./write/check.js");
    for (const drift of drifts) io.out(describeDrift(drift) + "\n");
  }
  if (drifted > 0) {
    io.out(`\n${drifted} generated file(s) out of date. Run \`npx specforge generate\` and commit the result.\n`);
    return EXIT.drift;
  }
  return EXIT.ok;
}

function isMain(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  const code = await run(process.argv.slice(2), {
    cwd: process.cwd(),
    isTTY: process.stderr.isTTY === true,
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  });
  process.exitCode = code;
}
