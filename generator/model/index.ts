// Model stage: turns a loaded, bundled document into the `ApiModel` the emitters read.
import type { LoadedSpec } from "../load/index.js";
import { toPointer } from "../load/source.js";
import { ModelContext } from "./context.js";
import { assignTags } from "./discriminators.js";
import { CLIENT_TOP_LEVEL_NAMES, camelCase, NameRegistry, pascalCase, VALIDATOR_RUNTIME_NAMES } from "./names.js";
import { buildOperations } from "./operations.js";
import { checkInPlaceRecursion } from "./recursion.js";
import { buildSchema } from "./schema.js";
import type {
  ApiModel,
  NamedSchema,
  Operation,
  SecurityRequirement,
  SecurityScheme,
  Server,
  ValidatorNames,
} from "./types.js";

export { arrayRecursive } from "./recursion.js";
export { acceptsAnything, schemaChildren } from "./schema.js";
export type * from "./types.js";

/** `planPatterns: false`: no validators are emitted from this model, so patterns are not analysed. */
export function buildModel(spec: LoadedSpec, name: string, options: { planPatterns?: boolean } = {}): ApiModel {
  const doc = spec.document;
  const ctx = new ModelContext(doc, spec.version, (pointer) => spec.root.locate(pointer));
  ctx.planPatterns = options.planPatterns ?? true;
  const types = new NameRegistry();
  const validators = new NameRegistry(VALIDATOR_RUNTIME_NAMES);
  const schemas = buildNamedSchemas(ctx, types, validators);
  checkInPlaceRecursion(schemas, ctx.locate);
  const methods = new NameRegistry();
  const named = buildOperations(ctx).map((op) => {
    const base = pascalCase(op.operationId) || "Operation";
    return {
      op,
      method: methods.memberName(op.operationId),
      input: types.claim(`${base}Input`),
      result: types.claim(`${base}Result`),
      validator: validatorNames(validators, `${base}Request`),
      resultValidator: validators.claim(`validate${base}Result`),
    };
  });
  // Operation functions share the top level of client.ts, and index.ts's `export *`, with the
  // client's own names, the validators' exports and the models.
  const functions = new NameRegistry([
    ...CLIENT_TOP_LEVEL_NAMES,
    ...VALIDATOR_RUNTIME_NAMES,
    ...schemas.flatMap((s) => [s.typeName, s.validator.validate, s.validator.standard]),
    ...named.flatMap((n) => [n.input, n.result, n.validator.validate, n.validator.standard, n.resultValidator]),
  ]);
  const operations: Operation[] = named.map(({ op, method, input, result, validator, resultValidator }) => ({
    ...op,
    names: { method, fn: functions.claim(method), input, result, validator, resultValidator },
  }));
  assignTags(schemas, operations);
  const info = (doc.info ?? {}) as Record<string, unknown>;
  return {
    name,
    source: spec.display,
    openapiVersion: spec.version,
    info: {
      title: typeof info.title === "string" ? info.title : name,
      version: typeof info.version === "string" ? info.version : "",
      ...(typeof info.description === "string" ? { description: info.description } : {}),
    },
    servers: readServers(doc.servers),
    securitySchemes: readSecuritySchemes(ctx),
    security: Array.isArray(doc.security) ? (doc.security as SecurityRequirement[]) : [],
    schemas,
    operations,
    document: doc,
    warnings: ctx.warnings,
  };
}

function buildNamedSchemas(ctx: ModelContext, names: NameRegistry, validators: NameRegistry): NamedSchema[] {
  const raw = ((ctx.doc.components ?? {}) as { schemas?: Record<string, unknown> }).schemas ?? {};
  return Object.entries(raw).map(([name, value]) => {
    const typeName = names.typeName(name);
    return {
      name,
      typeName,
      validator: validatorNames(validators, typeName),
      schema: buildSchema(ctx, value, toPointer(["components", "schemas", name])),
    };
  });
}

/** `check<Base>`, `validate<Base>` and `<base>Schema`, unique within the validators. */
function validatorNames(registry: NameRegistry, base: string): ValidatorNames {
  return {
    check: registry.claim(`check${base}`),
    validate: registry.claim(`validate${base}`),
    standard: registry.claim(`${camelCase(base)}Schema`),
  };
}

function readServers(raw: unknown): Server[] {
  if (!Array.isArray(raw)) return [];
  return raw
    .filter((s): s is Record<string, unknown> => !!s && typeof s === "object" && typeof s.url === "string")
    .map((s) => {
      const server: Server = {
        url: s.url as string,
        variables: Object.entries((s.variables ?? {}) as Record<string, Record<string, unknown>>).map(([name, v]) => ({
          name,
          default: String(v.default ?? ""),
          ...(Array.isArray(v.enum) ? { enum: v.enum.map(String) } : {}),
          ...(typeof v.description === "string" ? { description: v.description } : {}),
        })),
      };
      if (typeof s.description === "string") server.description = s.description;
      if (typeof s.name === "string") server.name = s.name;
      return server;
    });
}

function readSecuritySchemes(ctx: ModelContext): SecurityScheme[] {
  const raw = ((ctx.doc.components ?? {}) as { securitySchemes?: Record<string, unknown> }).securitySchemes ?? {};
  return Object.entries(raw).map(([name, entry]) => {
    const { value: s } = ctx.deref(entry, toPointer(["components", "securitySchemes", name]));
    const description = {
      ...(typeof s.description === "string" ? { description: s.description } : {}),
      ...(s.deprecated === true ? { deprecated: true } : {}),
    };
    if (s.type === "http") {
      return {
        name,
        type: "http",
        scheme: String(s.scheme ?? "").toLowerCase(),
        ...(typeof s.bearerFormat === "string" ? { bearerFormat: s.bearerFormat } : {}),
        ...description,
      };
    }
    if (s.type === "apiKey") {
      return {
        name,
        type: "apiKey",
        in: s.in as "header" | "query" | "cookie",
        paramName: String(s.name),
        ...description,
      };
    }
    return { name, type: s.type as "oauth2" | "openIdConnect" | "mutualTLS", ...description };
  });
}
