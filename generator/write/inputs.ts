// What an API's output depends on besides its spec files: the options that change what is written.
// Shared by the pipeline (which records it in the manifest) and the fast path (which compares it)
// without loading the pipeline.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { ApiConfig, Formatter, ImportExtension, ValidatorsForm } from "../config.js";
import type { LoadLimits } from "../load/limits.js";
import { formatterInputs } from "./formatter.js";
import { sha256 } from "./manifest.js";

/** The options of a run that matter to one API's output (GenerateOptions, without the pipeline's types). */
export interface RunOptions {
  templates?: string;
  importExtension?: ImportExtension;
  format?: Formatter;
  /** Overrides every API's `validators` form (`--validators`). */
  validators?: ValidatorsForm;
  allowRemoteRefs?: boolean;
  allowOutsideRefs?: boolean;
  limits?: Partial<LoadLimits>;
  /** `--mocks`: mocks.ts for every API (msw.ts where the config asks for it). */
  mocks?: boolean;
  /** `--query`: query.ts for every API. */
  query?: boolean;
  /** `--dates`: date-time values as `Date` for every API. */
  dates?: boolean;
}

/** The manifest's key for the options: a hash of everything besides the spec files that shapes the output. */
export function optionsKey(api: ApiConfig, options: RunOptions): string {
  const templates = options.templates ?? api.templates;
  let template: string | null = null;
  if (templates !== undefined) {
    try {
      template = sha256(readFileSync(path.join(templates, "client.hbs")));
    } catch {
      template = "missing";
    }
  }
  const limits = { ...api.limits, ...options.limits };
  const format = options.format ?? api.format;
  return sha256(
    JSON.stringify({
      importExtension: options.importExtension ?? api.importExtension ?? ".js",
      template,
      limits: Object.fromEntries(Object.entries(limits).sort()),
      allowRemoteRefs: !!(options.allowRemoteRefs || api.allowRemoteRefs),
      allowOutsideRefs: !!(options.allowOutsideRefs || api.allowOutsideRefs),
      validators: validatorsOf(api, options),
      format: format === undefined ? null : sha256(formatterInputs(format, api.base)),
      name: api.name,
      ...(mocksOf(api, options) ? { mocks: mocksOf(api, options) } : {}),
      ...(api.query || options.query ? { query: true } : {}),
      ...(api.dates || options.dates ? { dates: true } : {}),
    }),
  );
}

/** The validators' form an API's output has: `--validators`, the config's, or `ts`. */
export function validatorsOf(api: ApiConfig, options: RunOptions): ValidatorsForm {
  return options.validators ?? api.validators ?? "ts";
}

/** The mocks an API's output has: the config's, or `--mocks`. */
export function mocksOf(api: ApiConfig, options: RunOptions): { msw: boolean } | undefined {
  return api.mocks ?? (options.mocks ? { msw: false } : undefined);
}

/** The key the manifest files the options under (not a path: it has no extension and parentheses). */
export const OPTIONS_INPUT = "(options)";
