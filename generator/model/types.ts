// The intermediate model: the one description of an API that every emitter reads. It is small and
// closed, and the same for OpenAPI 3.0 and 3.1 (`nullable` and type arrays both become `types`).

export type SchemaType = "string" | "number" | "integer" | "boolean" | "null" | "array" | "object";

export interface Property {
  /** The name as written in the spec (a JSON key, not necessarily an identifier). */
  name: string;
  required: boolean;
  schema: Schema;
}

export interface Discriminator {
  propertyName: string;
  /** Discriminator value -> component schema name, explicit and implied, in spec order. */
  mapping: { value: string; schema: string }[];
  /** The entries written in the spec's `mapping` (the rest of `mapping` is implied by names). */
  explicit: { value: string; schema: string }[];
  /** 3.2's `defaultMapping`: the component schema of values whose tag is absent or mapped to nothing. */
  defaultSchema?: string;
}

/** A JSON Schema in normal form. Every keyword is optional; an empty schema accepts anything. */
export interface Schema {
  /** JSON pointer of the schema in the bundled document, for messages. */
  pointer: string;
  /** Set when the schema is a reference to a named component schema. */
  ref?: string;
  /** Allowed JSON types; undefined means any. Includes "null" for nullable schemas. */
  types?: SchemaType[];
  /**
   * Without `types`: the type the schema's keywords are written for (`object` for `properties`,
   * `array` for `items`). The TypeScript types say it; the validators accept any type, as JSON Schema
   * does. See model/schema.ts `impliedTypes`.
   */
  impliedTypes?: SchemaType[];
  enum?: unknown[];
  const?: { value: unknown };
  // strings
  format?: string;
  pattern?: string;
  /** A calendar date in a layout, with age bounds: the `x-specforge-date` extension. */
  date?: DateRule;
  /** JSON Schema's content keywords: `base64` and e.g. `application/gzip`. */
  contentEncoding?: string;
  contentMediaType?: string;
  minLength?: number;
  maxLength?: number;
  // numbers
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  // arrays
  items?: Schema;
  prefixItems?: Schema[];
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  /** At least `minContains` (default 1) and at most `maxContains` items match `contains`. */
  contains?: Schema;
  minContains?: number;
  maxContains?: number;
  // objects
  properties?: Property[];
  /** false: closed; a schema: the type of other members; undefined: open. */
  additionalProperties?: false | Schema;
  minProperties?: number;
  maxProperties?: number;
  /** Members whose names match `pattern` (ECMA-262, unanchored) hold `schema`; they are not "additional". */
  patternProperties?: { pattern: string; pointer: string; schema: Schema }[];
  /** Every member name, as a string, holds this schema. */
  propertyNames?: Schema;
  /** When `property` is present, `required` must be too. */
  dependentRequired?: { property: string; required: string[] }[];
  /** When `property` is present, the object holds `schema`. */
  dependentSchemas?: { property: string; schema: Schema }[];
  /** Members no keyword here or in applied subschemas evaluated hold this schema (`false`: `{ not: {} }`). */
  unevaluatedProperties?: Schema;
  /** Items no keyword here or in applied subschemas evaluated hold this schema. */
  unevaluatedItems?: Schema;
  // composition
  /** `if`/`then`/`else`: the value holds `then` when it holds `if`, else `else` (each branch optional). */
  conditional?: { if: Schema; then?: Schema; else?: Schema };
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  not?: Schema;
  discriminator?: Discriminator;
  /**
   * On a component schema: the values discriminators give it, by property (`petType: ["cat"]`), which
   * its type and validator hold it to. See model/discriminators.ts.
   */
  tags?: { propertyName: string; values: string[] }[];
  // annotations
  title?: string;
  description?: string;
  default?: { value: unknown };
  examples?: unknown[];
  deprecated?: boolean;
  readOnly?: boolean;
  writeOnly?: boolean;
  /** API-specific messages by keyword, from the `x-specforge-messages` extension. */
  messages?: Record<string, string>;
  /** Keywords present here that the validators do not enforce: each is a located warning. */
  unenforced?: string[];
}

/**
 * `x-specforge-date`: the string is a real calendar date written in `layout` (`YYYY`, `MM`, `DD` once
 * each, every other character literal), and, when given, at least `minAge` / at most `maxAge` whole
 * years before today (UTC, by the validators' clock: `setClock`).
 */
export interface DateRule {
  layout: string;
  minAge?: number;
  maxAge?: number;
}

export interface NamedSchema {
  /** The component name as written in the spec. */
  name: string;
  /** The TypeScript identifier assigned to it. */
  typeName: string;
  /** Identifiers in the validators: the internal check, `validateX`, and the Standard Schema `xSchema`. */
  validator: ValidatorNames;
  schema: Schema;
}

export interface ValidatorNames {
  check: string;
  validate: string;
  standard: string;
}

/** Where a parameter goes; `querystring` (3.2) is the whole query string, serialised by its media type. */
export type ParameterLocation = "path" | "query" | "querystring" | "header" | "cookie";

export interface Parameter {
  name: string;
  in: ParameterLocation;
  /** The key of this parameter in the operation's input object. */
  key: string;
  required: boolean;
  description?: string;
  deprecated?: boolean;
  style?: string;
  explode?: boolean;
  /** A parameter described by `content`: its media type (how `querystring` is serialised). */
  mediaType?: string;
  schema: Schema;
}

export interface MediaContent {
  mediaType: string;
  schema: Schema;
  /** 3.2's `itemSchema` (`x-oai-itemSchema` before 3.2): each item of a sequential media type. */
  itemSchema?: Schema;
}

/** Media types whose content is a sequence of items read as they arrive: server-sent events, JSON lines, JSON text sequences. */
export function isSequential(mediaType: string): boolean {
  return /^\s*(text\/event-stream|application\/(jsonl|x-ndjson|json-seq))\s*(;|$)/i.test(mediaType);
}

export interface RequestBody {
  required: boolean;
  description?: string;
  contents: MediaContent[];
}

export interface Response {
  /** `200`, `4XX` or `default`. */
  status: string;
  description?: string;
  contents: MediaContent[];
}

/**
 * An operation's HTTP method, as the request sends it: a Path Item's fixed fields in capitals (`GET`,
 * 3.2's `QUERY`), 3.2's `additionalOperations` keys as written (`PURGE`; method tokens are
 * case-sensitive).
 */
export type HttpMethod = string;
/** The Path Item's fixed fields that are operations, in the specification's order (3.2 adds `query`). */
export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/** The methods that only read: retried, cached, and query options rather than mutations. */
export const SAFE_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "QUERY"]);

/**
 * The operations of a Path Item: each one's field path below the item (`["get"]`,
 * `["additionalOperations", "PURGE"]`), its method as sent, and the operation as written. 3.2's `query`
 * and `additionalOperations` are read in 3.2 documents, and in 3.0/3.1 ones as the OAI's registered
 * `x-oai-additionalOperations` (the `query` method among them).
 */
export function pathItemOperations(
  item: Record<string, unknown>,
  version: string,
): { at: string[]; method: HttpMethod; raw: unknown }[] {
  const v32 = version.startsWith("3.2");
  const fixed: string[] = v32 ? [...HTTP_METHODS, "query"] : [...HTTP_METHODS];
  const out = fixed
    .filter((field) => item[field] !== undefined)
    .map((field) => ({ at: [field], method: field.toUpperCase(), raw: item[field] }));
  const extraField = v32 ? "additionalOperations" : "x-oai-additionalOperations";
  const extra = item[extraField];
  if (extra !== null && typeof extra === "object" && !Array.isArray(extra))
    for (const [token, raw] of Object.entries(extra)) out.push({ at: [extraField, token], method: token, raw });
  return out;
}

export interface Operation {
  /** The operationId, or one derived from method and path. */
  operationId: string;
  /** Identifiers assigned by the naming pass. */
  names: {
    method: string;
    /** The standalone function exported from client.ts (the method's name unless another export has it). */
    fn: string;
    input: string;
    result: string;
    validator: ValidatorNames;
    /** `validateFooBarResult(status, body)`: the documented response bodies, by status. */
    resultValidator: string;
  };
  method: HttpMethod;
  path: string;
  pointer: string;
  summary?: string;
  description?: string;
  deprecated?: boolean;
  tags: string[];
  parameters: Parameter[];
  body?: RequestBody;
  responses: Response[];
  /** Security requirements; undefined inherits the API's. */
  security?: SecurityRequirement[];
}

export interface Server {
  url: string;
  description?: string;
  /** 3.2's short name of the server (`production`). */
  name?: string;
  variables: { name: string; default: string; enum?: string[]; description?: string }[];
}

/** A security scheme; `deprecated` (3.2) marks one the API is retiring. */
export type SecurityScheme = { name: string; description?: string; deprecated?: boolean } & (
  | { type: "http"; scheme: string; bearerFormat?: string }
  | { type: "apiKey"; in: "header" | "query" | "cookie"; paramName: string }
  | { type: "oauth2" | "openIdConnect" | "mutualTLS" }
);

/** Scheme name -> scopes; all schemes of one requirement apply together. */
export type SecurityRequirement = Record<string, string[]>;

export interface ApiModel {
  /** The API's name from the config (also its folder name). */
  name: string;
  /** The spec file as shown in headers and messages. */
  source: string;
  openapiVersion: string;
  info: { title: string; version: string; description?: string };
  servers: Server[];
  securitySchemes: SecurityScheme[];
  security: SecurityRequirement[];
  schemas: NamedSchema[];
  operations: Operation[];
  /**
   * The bundled document itself, read only by the types emitter: openapi-typescript takes a document,
   * and `types.ts` is its output by design. Every other emitter reads the fields above.
   */
  document: Record<string, unknown>;
  /** What the generated code will not do as the spec says (patterns, formats, keywords), in spec order. */
  warnings: { message: string; pointer: string }[];
}
