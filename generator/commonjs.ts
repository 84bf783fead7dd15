// TypeScript and openapi-typescript loaded through `require`, each when first needed.
//
// Both ship CommonJS. Imported from ESM, Node scans TypeScript's 9 MB file for its export names
// and checks its syntax first: 715 ms here against 256 ms through `require` (measured on this
// project's bench machine), paid on every run. openapi-typescript's ESM entry also loads
// @redocly/openapi-core (another ~0.3 s, and a second validate + bundle pass over a document that
// load/ already validated and bundled): its transform and printer, public under its `./*` export,
// are loaded without it (see emit/types.ts).
import { createRequire } from "node:module";
import type * as TypeScript from "typescript";

const require = createRequire(import.meta.url);

let typescriptModule: typeof TypeScript | undefined;

/** The `typescript` package. */
export function typescript(): typeof TypeScript {
  typescriptModule ??= require("typescript") as typeof TypeScript;
  return typescriptModule;
}

/** What emit/types.ts uses of openapi-typescript: its document transform, printer and helpers. */
export interface OpenapiTypescript {
  transformSchema: (schema: unknown, ctx: unknown) => TypeScript.Node[];
  transformSchemaObject: (schema: unknown, options: unknown) => TypeScript.TypeNode;
  astToString: (ast: TypeScript.Node[]) => string;
  createRef: (parts: (string | number)[]) => string;
  scanDiscriminators: (schema: unknown, options: unknown) => Record<string, unknown>;
  resolveRef: (schema: unknown, ref: string, options: { silent: boolean }) => unknown;
}

let openapiTypescript: OpenapiTypescript | undefined;

export function openapiTs(): OpenapiTypescript {
  if (!openapiTypescript) {
    typescript(); // first, through require: the modules below share it
    const utils = require("openapi-typescript/dist/lib/utils.cjs");
    const printer = require("openapi-typescript/dist/lib/ts.cjs");
    const schemaObject = require("openapi-typescript/dist/transform/schema-object.cjs");
    openapiTypescript = {
      transformSchema: require("openapi-typescript/dist/transform/index.cjs"),
      transformSchemaObject: schemaObject.default ?? schemaObject,
      astToString: printer.astToString,
      createRef: utils.createRef,
      scanDiscriminators: utils.scanDiscriminators,
      resolveRef: utils.resolveRef,
    };
  }
  return openapiTypescript;
}
