// specforge's programmatic API: the pipeline load -> model -> emit -> write/check, per API.

import fs from "node:fs/promises";
import path from "node:path";
import type { ApiConfig, Formatter, ImportExtension, ValidatorsForm } from "./config.js";
import { type EmitOptions, emitAll, modelsImport } from "./emit/index.js";
import { startTypesWorker, type TypesWorker } from "./emit/types.js";
import { formatLocation, formatWarning, UserError, type Warning } from "./errors.js";
import { type LoadOptions, loadSpec } from "./load/index.js";
import { type ApiModel, buildModel } from "./model/index.js";
import { type GeneratedFiles, generateMany } from "./parallel.js";
import { displayPath } from "./paths.js";
import { type CheckResult, checkOutput } from "./write/check.js";
import { formatFiles } from "./write/formatter.js";
import { mocksOf, OPTIONS_INPUT, optionsKey, validatorsOf } from "./write/inputs.js";
import { MANIFEST, withManifest } from "./write/manifest.js";
import { type WriteResult, writeOutput } from "./write/write.js";

export { type ApiConfig, configFromOptions, readConfig } from "./config.js";
export { UserError, type Warning } from "./errors.js";
export type { ApiModel } from "./model/index.js";

export interface Generated {
  api: ApiConfig;
  model: ApiModel;
  /** Every file of the API's folder, the manifest included. */
  files: Map<string, string>;
  warnings: Warning[];
}

/** Runs load, model and emit for one API, in memory. */
export interface GenerateOptions extends LoadOptions {
  /** A folder whose `client.hbs` replaces specforge's, for every API (overrides the config's). */
  templates?: string;
  /** Overrides every API's `importExtension`. */
  importExtension?: ImportExtension;
  /** Progress of each API's stages, for a terminal (the CLI prints it on stderr). */
  onProgress?: (api: ApiConfig, stage: string) => void;
  /** Overrides every API's `format`: the project's formatter over the output. */
  format?: Formatter;
  /** Every warning is an error (exit 2, nothing written). */
  strict?: boolean;
  /** Overrides every API's `validators` form (`--validators`). */
  validators?: ValidatorsForm;
  /** types.ts on the calling thread, not in a worker (watch mode, where TypeScript stays loaded). */
  typesInThread?: boolean;
  /** mocks.ts for every API (`--mocks`); the config's `mocks` otherwise. */
  mocks?: boolean;
  /** query.ts for every API (`--query`); the config's `query` otherwise. */
  query?: boolean;
  /** date-time values as `Date` for every API (`--dates`); the config's `dates` otherwise. */
  dates?: boolean;
  /**
   * The validators' compact form (no check written in place) whatever the spec's size; by default
   * only large specs get it. For tests, which compare both forms with ajv on small schemas.
   */
  compactValidators?: boolean;
}

export async function generateApi(api: ApiConfig, options: GenerateOptions = {}): Promise<Generated> {
  // Started first, so loading openapi-typescript in it overlaps loading the spec here.
  const typesWorker = options.typesInThread ? undefined : startTypesWorker();
  try {
    return await generateWith(api, options, typesWorker);
  } finally {
    typesWorker?.close();
  }
}

async function generateWith(
  api: ApiConfig,
  options: GenerateOptions,
  typesWorker: TypesWorker | undefined,
): Promise<Generated> {
  // Paths in headers are relative to the config's folder, so output does not depend on where it runs.
  const spec = await loadSpec(api.spec, {
    ...options,
    limits: { ...api.limits, ...options.limits },
    allowRemoteRefs: options.allowRemoteRefs || api.allowRemoteRefs,
    allowOutsideRefs: options.allowOutsideRefs || api.allowOutsideRefs,
    cwd: api.base,
  });
  const progress = (stage: string) => options.onProgress?.(api, stage);
  const referenced = (spec.inputs?.length ?? 1) - 1;
  progress(`loaded ${spec.display}${referenced > 0 ? ` and ${referenced} referenced file(s)` : ""}`);
  const templates = options.templates ?? api.templates;
  const emitOptions: EmitOptions = {
    importExtension: options.importExtension ?? api.importExtension ?? ".js",
    ...(templates === undefined ? {} : { templates }),
    validators: validatorsOf(api, options),
    ...(mocksOf(api, options) ? { mocks: mocksOf(api, options)! } : {}),
    ...(api.query || options.query ? { query: true } : {}),
    ...(api.dates || options.dates ? { dates: true } : {}),
    ...(options.compactValidators !== undefined ? { compactValidators: options.compactValidators } : {}),
    locate: (pointer) => spec.root.locate(pointer),
    onFile: (name, text) => progress(`emitted ${name} (${kilobytes(text.length)})`),
    ...(typesWorker ? { typesWorker } : {}),
  };
  // openapi-typescript needs only the document: it runs in its worker while the model is built here.
  typesWorker?.begin(spec.document, modelsImport(emitOptions));
  const model = buildModel(spec, api.name);
  progress(`model: ${model.schemas.length} schemas, ${model.operations.length} operations`);
  if (templates !== undefined) await checkTemplates(templates, api.base);
  const emitted = await emitAll(model, emitOptions);
  const located = (w: { message: string; pointer: string }) => ({
    message: w.message,
    location: spec.root.locate(w.pointer),
  });
  // A schema reached along two paths (a $ref and its target) can be noted twice at one place: once.
  const warnings = [
    ...new Map([...spec.warnings, ...model.warnings.map(located)].map((w) => [formatWarning(w), w])).values(),
  ];
  const format = options.format ?? api.format;
  if (format) progress(`formatting with ${format}`);
  const output = format ? await formatFiles(format, emitted.files, api.out, api.base) : emitted.files;
  const inputs = spec.inputs && {
    [OPTIONS_INPUT]: optionsKey(api, options),
    ...Object.fromEntries(spec.inputs.map((i) => [displayPath(i.file, api.base), i.hash])),
  };
  let files = withManifest(output, { spec: model.source, inputs, warnings: warnings.map(formatWarning) });
  // The formatter formats the manifest too when it runs over the folder, so it is written its way.
  if (format) files = await formatFiles(format, files, api.out, api.base, [MANIFEST]);
  if (options.strict && warnings.length > 0) {
    const [first, ...rest] = warnings as [Warning, ...Warning[]];
    const more = rest.map((w) => `\n${formatLocation(w.location)}${w.message}`).join("");
    throw new UserError(
      `${first.message}${more}\n(--strict: ${warnings.length === 1 ? "this warning is an error" : `these ${warnings.length} warnings are errors`}; fix the spec or drop --strict)`,
      first.location,
    );
  }
  return { api, model, files, warnings };
}

/**
 * Generates every API in memory first (in parallel on several cores: parallel.ts), so a bad spec
 * stops the run before any folder changes; then writes each.
 */
export async function generate(
  apis: ApiConfig[],
  options: GenerateOptions = {},
): Promise<{ generated: GeneratedFiles; result: WriteResult }[]> {
  const all = await generateMany(apis, options);
  const results = [];
  for (const generated of all) {
    const result = await writeOutput(generated.api.out, generated.files);
    options.onProgress?.(generated.api, `wrote ${result.written.length} file(s), ${result.unchanged.length} unchanged`);
    results.push({ generated, result });
  }
  return results;
}

/** Compares every API's folder with what its spec generates now. */
export async function check(
  apis: ApiConfig[],
  options: GenerateOptions = {},
): Promise<({ generated: GeneratedFiles } & CheckResult)[]> {
  const cwd = options.cwd ?? process.cwd();
  const results = [];
  for (const generated of await generateMany(apis, options)) {
    const { api } = generated;
    results.push({ generated, ...(await checkOutput(api.out, displayPath(api.out, cwd), generated.files)) });
  }
  return results;
}

async function checkTemplates(dir: string, base: string): Promise<void> {
  const file = path.join(dir, "client.hbs");
  const stat = await fs.stat(file).catch(() => undefined);
  if (!stat?.isFile()) {
    throw new UserError(
      `templates folder ${displayPath(dir, base)} has no client.hbs: copy specforge's templates/client.hbs there and edit it`,
    );
  }
}

function kilobytes(chars: number): string {
  return chars < 1024 * 1024 ? `${Math.ceil(chars / 1024)} KB` : `${(chars / 1024 / 1024).toFixed(1)} MB`;
}
