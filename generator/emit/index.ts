// Emit stage: every emitter reads the model and returns file contents; nothing is written here.
import type { SourceLocation } from "../errors.js";
import type { ApiModel } from "../model/index.js";
import { emitClient } from "./client.js";
import { DateConverters } from "./dates.js";
import { literal } from "./escape.js";
import { formatOutput } from "./format.js";
import { header } from "./header.js";
import { emitMocks, resultValidators } from "./mocks/index.js";
import { emitModels } from "./models.js";
import { emitQuery } from "./query.js";
import { emitTypes, type ModelsImport, type TypesWorker, typesInput } from "./types.js";
import { emitValidators, type ValidatorsForm } from "./validators/index.js";

/** Output file name -> contents for one API (what the spec makes the generator warn about is the model's). */
export interface Emitted {
  files: Map<string, string>;
}

export interface EmitOptions {
  templates?: string;
  /** The extension generated files use to import each other (default `.js`). */
  importExtension?: ".js" | ".ts" | "none";
  /** The validators' form: `validators.ts` (the default) or `validators.js` + `validators.d.ts`. */
  validators?: ValidatorsForm;
  /** Where a pointer of the spec is, for errors found while emitting. */
  locate?: (pointer: string) => SourceLocation;
  /** Called after each file is emitted (progress on large specs). */
  onFile?: (name: string, text: string) => void;
  /** types.ts from this worker (started early), while the other emitters run here. */
  typesWorker?: TypesWorker;
  /** mocks.ts, and msw.ts with `msw`. */
  mocks?: { msw: boolean };
  /** query.ts: TanStack Query options. */
  query?: boolean;
  /** `date-time` values as `Date` (models, validators and client). */
  dates?: boolean;
  /** The validators' compact form whatever the spec's size (`GenerateOptions.compactValidators`). */
  compactValidators?: boolean;
}

/** How a generated file imports its sibling `name` (`./models.js`), by the options. */
function siblingOf(options: EmitOptions): (name: string) => string {
  const form = options.validators ?? "ts";
  // validators.js is JavaScript with declarations beside it, so it is imported as `.js` where the
  // TypeScript files are imported with an extension; extensionless, every resolver finds it.
  const extension = options.importExtension ?? ".js";
  return (name) =>
    extension === "none" ? `./${name}` : `./${name}${name === "validators" && form === "js" ? ".js" : extension}`;
}

/**
 * How types.ts imports models.ts, whose types its component schemas are; undefined with `dates`, where
 * the models hold `Date` and types.ts keeps openapi-typescript's JSON types (DESIGN: one statement per schema).
 */
export function modelsImport(options: EmitOptions): ModelsImport {
  return options.dates ? undefined : siblingOf(options)("models");
}

export async function emitAll(model: ApiModel, options: EmitOptions = {}): Promise<Emitted> {
  const form = options.validators ?? "ts";
  const sibling = siblingOf(options);
  const files = new Map<string, string>();
  const emitted = (name: string, text: string) => {
    files.set(name, text);
    options.onFile?.(name, text);
  };
  // openapi-typescript in its worker runs beside the other emitters; without one, first, in turn.
  const types = options.typesWorker?.run(model, options.locate);
  if (!types) emitted("types.ts", await emitTypes(typesInput(model, modelsImport(options)), options.locate));
  // A rejected types promise is read below; until then it must not count as unhandled.
  types?.catch(() => undefined);
  const dates = options.dates ? new DateConverters(model) : undefined;
  emitted("models.ts", emitModels(model, dates));
  const validators = emitValidators(model, sibling, {
    form,
    ...(dates ? { dates } : {}),
    ...(options.compactValidators !== undefined ? { compact: options.compactValidators } : {}),
  });
  for (const [name, text] of validators.files) emitted(name, text);
  // An API without operations has nothing to call: no client.
  if (model.operations.length > 0) emitted("client.ts", emitClient(model, sibling, options.templates, dates));
  if (options.query && model.operations.length > 0) emitted("query.ts", emitQuery(model, sibling));
  if (options.mocks && model.operations.length > 0) {
    const checks = resultValidators(
      validators.js(),
      model.operations.map((op) => op.names.resultValidator),
    );
    const mocks = emitMocks(model, sibling, checks, { ...options.mocks, ...(dates ? { dates } : {}) });
    emitted("mocks.ts", mocks.mocks);
    if (mocks.msw !== undefined) emitted("msw.ts", mocks.msw);
  }
  if (types) emitted("types.ts", await types);
  files.set("index.ts", emitIndex(model, [...files.keys()], sibling));
  const out = new Map<string, string>();
  for (const name of [...files.keys()].sort()) out.set(name, formatOutput(files.get(name)!));
  return { files: out };
}

function emitIndex(model: ApiModel, files: string[], sibling: (name: string) => string): string {
  const lines = [header(model, "Everything generated for this API.")];
  if (files.includes("types.ts"))
    lines.push(`export type { components, operations, paths } from ${literal(sibling("types"))};`);
  if (files.includes("models.ts")) lines.push(`export type * from ${literal(sibling("models"))};`);
  if (files.some((f) => f.startsWith("validators."))) lines.push(`export * from ${literal(sibling("validators"))};`);
  if (files.includes("client.ts")) lines.push(`export * from ${literal(sibling("client"))};`);
  return lines.join("\n") + "\n";
}
