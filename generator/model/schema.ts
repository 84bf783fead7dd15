// Normalises a JSON Schema (OpenAPI 3.0 or 3.1 dialect) into the model's closed `Schema` form.
import { UserError } from "../errors.js";
import { pointerSegments, toPointer } from "../load/source.js";
import { isJsonSchema2020 } from "../load/versions.js";
import type { ModelContext } from "./context.js";
import type { DateRule, Schema, SchemaType } from "./types.js";

const TYPES = new Set<SchemaType>(["string", "number", "integer", "boolean", "null", "array", "object"]);
const COMPONENT_PREFIX = "#/components/schemas/";

/** The component name a `$ref` names directly, or undefined for any other target. */
export function componentName(ref: string): string | undefined {
  if (!ref.startsWith(COMPONENT_PREFIX)) return undefined;
  const segments = pointerSegments(ref);
  return segments.length === 3 ? segments[2] : undefined;
}

/** Keys of a model schema that constrain nothing. */
const NON_CONSTRAINING = new Set([
  "pointer",
  "title",
  "description",
  "default",
  "examples",
  "deprecated",
  "readOnly",
  "writeOnly",
  "messages",
  "unenforced",
]);

/** True when the schema accepts every value (`{}`, `true`, or annotations only). */
export function acceptsAnything(schema: Schema): boolean {
  return Object.keys(schema).every((k) => NON_CONSTRAINING.has(k));
}

/** Normalises the schema found at `pointer`. */
/** The schema's subschemas, for walking it: compositions, `not`, items, additional and named properties. */
export function schemaChildren(schema: Schema): Schema[] {
  const out: Schema[] = [
    ...(schema.allOf ?? []),
    ...(schema.oneOf ?? []),
    ...(schema.anyOf ?? []),
    ...(schema.prefixItems ?? []),
  ];
  if (schema.not) out.push(schema.not);
  if (schema.items) out.push(schema.items);
  if (schema.additionalProperties) out.push(schema.additionalProperties);
  for (const p of schema.properties ?? []) out.push(p.schema);
  for (const p of schema.patternProperties ?? []) out.push(p.schema);
  for (const d of schema.dependentSchemas ?? []) out.push(d.schema);
  const c = schema.conditional;
  for (const s of [
    schema.propertyNames,
    schema.contains,
    c?.if,
    c?.then,
    c?.else,
    schema.unevaluatedProperties,
    schema.unevaluatedItems,
  ])
    if (s) out.push(s);
  return out;
}

/**
 * Normalises the schema at `pointer`. `member`: it is a subschema of `allOf`/`anyOf`/`oneOf`/`not`/
 * `if`/`then`/`else`/`dependentSchemas`, a constraint on a value whose type is said elsewhere.
 */
export function buildSchema(ctx: ModelContext, raw: unknown, pointer: string, member = false): Schema {
  if (raw === true || raw === undefined) return { pointer };
  if (raw === false) return { pointer, not: { pointer } };
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new UserError("a schema must be an object", ctx.locate(pointer));
  }
  const s = raw as Record<string, unknown>;
  if (typeof s.$ref === "string") return buildRef(ctx, s, pointer, member);
  return buildPlain(ctx, s, pointer, member);
}

function buildRef(ctx: ModelContext, s: Record<string, unknown>, pointer: string, member: boolean): Schema {
  const ref = s.$ref as string;
  const name = componentName(ref);
  let target: Schema;
  if (name !== undefined) {
    target = { pointer, ref: name };
  } else {
    // A ref to an inline schema (bundling produces these): inline it, guarding against cycles.
    if (ctx.inlining.has(ref)) return { pointer };
    ctx.inlining.add(ref);
    try {
      target = buildSchema(ctx, ctx.resolvePointer(ref, pointer), ref.slice(1), member);
    } finally {
      ctx.inlining.delete(ref);
    }
  }
  const { $ref: _ignored, description, ...siblings } = s;
  if (typeof description === "string") target = { ...target, description };
  const constraining = Object.keys(siblings).filter((k) => !k.startsWith("x-") && !ANNOTATIONS.has(k));
  if (isJsonSchema2020(ctx.version) && constraining.length > 0) {
    // 3.1 allows keywords beside `$ref`; both apply.
    return { pointer, allOf: [target, buildPlain(ctx, siblings, pointer, true)], ...annotations(siblings) };
  }
  return { ...target, ...annotations(siblings) };
}

const ANNOTATIONS = new Set([
  "title",
  "description",
  "example",
  "examples",
  "default",
  "deprecated",
  "readOnly",
  "writeOnly",
  "summary",
]);

function annotations(s: Record<string, unknown>): Partial<Schema> {
  const out: Partial<Schema> = {};
  if (typeof s.title === "string") out.title = s.title;
  if (typeof s.description === "string") out.description = s.description;
  if ("default" in s) out.default = { value: s.default };
  if (Array.isArray(s.examples)) out.examples = s.examples;
  else if ("example" in s) out.examples = [s.example];
  if (s.deprecated === true) out.deprecated = true;
  if (s.readOnly === true) out.readOnly = true;
  if (s.writeOnly === true) out.writeOnly = true;
  const messages = s["x-specforge-messages"];
  if (messages && typeof messages === "object" && !Array.isArray(messages)) {
    out.messages = Object.fromEntries(Object.entries(messages).filter(([, v]) => typeof v === "string")) as Record<
      string,
      string
    >;
  }
  return out;
}

const DATE_RULE_KEYS = new Set(["layout", "minAge", "maxAge"]);

/** Reads and checks `x-specforge-date` (see `DateRule`). */
function readDateRule(ctx: ModelContext, raw: unknown, pointer: string): DateRule {
  const wrong = (what: string, at = pointer) => new UserError(`x-specforge-date: ${what}`, ctx.locate(at));
  if (raw === null || typeof raw !== "object" || Array.isArray(raw))
    throw wrong('must be an object { layout: "YYYY-MM-DD", minAge?, maxAge? }');
  const r = raw as Record<string, unknown>;
  for (const key of Object.keys(r))
    if (!DATE_RULE_KEYS.has(key))
      throw wrong(`unknown field "${key}" (expected layout, minAge, maxAge)`, `${pointer}/${key}`);
  if (
    typeof r.layout !== "string" ||
    ["YYYY", "MM", "DD"].some((token) => r.layout !== undefined && (r.layout as string).split(token).length !== 2)
  ) {
    throw wrong('"layout" must be a string with YYYY, MM and DD once each, such as "YYYY/MM/DD"', `${pointer}/layout`);
  }
  const rule: DateRule = { layout: r.layout };
  for (const key of ["minAge", "maxAge"] as const) {
    if (r[key] === undefined) continue;
    const n = r[key];
    if (typeof n !== "number" || !Number.isInteger(n) || n < 0 || n > 1000)
      throw wrong(`"${key}" must be a whole number of years from 0 to 1000`, `${pointer}/${key}`);
    rule[key] = n;
  }
  if (rule.minAge !== undefined && rule.maxAge !== undefined && rule.minAge > rule.maxAge)
    throw wrong('"minAge" is greater than "maxAge": no date can pass', pointer);
  return rule;
}

function num(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

function buildPlain(ctx: ModelContext, s: Record<string, unknown>, pointer: string, member: boolean): Schema {
  const out: Schema = { pointer, ...annotations(s) };
  const child = (key: string, ...rest: (string | number)[]) => pointer + toPointer([key, ...rest]);

  // A type JSON Schema does not have says nothing a check could test (3.1's schema dialect lets any
  // string through where 3.0's schema refuses it): refused where it stands, never read as `unknown`.
  const names = typeNames(s);
  if (isJsonSchema2020(ctx.version)) {
    const unknown = names.find((t) => !TYPES.has(t as SchemaType));
    if (unknown !== undefined)
      throw new UserError(
        `unknown type ${JSON.stringify(unknown)}: JSON Schema's types are ${[...TYPES].map((n) => `"${n}"`).join(", ")}`,
        ctx.locate(child("type")),
      );
  }
  const types = readTypes(names);
  const nullable = s.nullable === true || types?.includes("null");
  if (types) out.types = nullable && !types.includes("null") ? [...types, "null"] : types;
  if (Array.isArray(s.enum)) {
    out.enum = nullable && !s.enum.includes(null) ? [...s.enum, null] : s.enum;
    if (out.types) {
      const outside = out.enum.filter((v) => !out.types!.some((t) => ofType(v, t)));
      if (outside.length > 0) ctx.noteEnumOutsideType(outside, out.types, child("enum"));
    }
  }
  if ("const" in s) out.const = { value: s.const };

  if (typeof s.format === "string") {
    out.format = s.format;
    // Checked only on strings: a schema that cannot be one says nothing with it.
    if (!types || types.includes("string")) ctx.noteFormat(s.format, child("format"));
  }
  if (typeof s.pattern === "string") {
    out.pattern = s.pattern;
    ctx.notePattern(s.pattern, child("pattern"));
  }
  if (s["x-specforge-date"] !== undefined)
    out.date = readDateRule(ctx, s["x-specforge-date"], child("x-specforge-date"));
  if (typeof s.contentEncoding === "string") out.contentEncoding = s.contentEncoding;
  if (typeof s.contentMediaType === "string") out.contentMediaType = s.contentMediaType;
  copyNumbers(s, out, [
    "minLength",
    "maxLength",
    "multipleOf",
    "minItems",
    "maxItems",
    "minProperties",
    "maxProperties",
  ]);
  readBounds(s, out);

  if (s.items !== undefined && !Array.isArray(s.items)) out.items = buildSchema(ctx, s.items, child("items"));
  const tuple = Array.isArray(s.prefixItems) ? s.prefixItems : Array.isArray(s.items) ? s.items : undefined;
  if (tuple) {
    out.prefixItems = tuple.map((item, i) =>
      buildSchema(ctx, item, child(Array.isArray(s.prefixItems) ? "prefixItems" : "items", i)),
    );
  }
  if (s.uniqueItems === true) out.uniqueItems = true;
  if (s.contains !== undefined) {
    out.contains = buildSchema(ctx, s.contains, child("contains"));
    copyNumbers(s, out, ["minContains", "maxContains"]);
  }

  readObject(ctx, s, out, child);
  for (const key of ["allOf", "oneOf", "anyOf"] as const) {
    const list = s[key];
    if (Array.isArray(list)) out[key] = list.map((item, i) => buildSchema(ctx, item, child(key, i), true));
  }
  if (s.not !== undefined) out.not = buildSchema(ctx, s.not, child("not"), true);
  // `then` and `else` mean nothing without `if`, and `if` nothing without one of them.
  if (s.if !== undefined && (s.then !== undefined || s.else !== undefined)) {
    out.conditional = {
      if: buildSchema(ctx, s.if, child("if"), true),
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's keyword, in a plain record never awaited
      ...(s.then !== undefined ? { then: buildSchema(ctx, s.then, child("then"), true) } : {}),
      ...(s.else !== undefined ? { else: buildSchema(ctx, s.else, child("else"), true) } : {}),
    };
  }
  readDiscriminator(ctx, s, out, pointer);
  if (!types) {
    const implied = impliedTypes(out);
    if (implied) {
      out.impliedTypes = implied;
      if (!member) ctx.noteImplied(implied[0] as string, pointer);
    }
  }
  const unenforced = UNENFORCED.filter((k) => s[k] !== undefined);
  if (unenforced.length > 0) out.unenforced = unenforced;
  for (const keyword of unenforced) ctx.noteUnenforced(keyword, child(keyword));
  // 3.0's `nullable: true` beside a composition, without `type`: null is one more value (as
  // openapi-typescript and ajv read it), in the models, the validators and the mocks alike.
  if (s.nullable === true && !types && (out.oneOf || out.anyOf || out.allOf)) return orNull(out);
  return out;
}

/**
 * `schema` or null: an `anyOf` of the schema and `null`, the annotations (`annotations`) on the union;
 * the API's messages stay with the checks.
 */
function orNull(schema: Schema): Schema {
  const { title, description, default: value, examples, deprecated, readOnly, writeOnly, ...checks } = schema;
  const notes = { title, description, default: value, examples, deprecated, readOnly, writeOnly };
  const defined = Object.fromEntries(Object.entries(notes).filter(([, v]) => v !== undefined)) as Partial<Schema>;
  return { pointer: schema.pointer, ...defined, anyOf: [checks, { pointer: schema.pointer, types: ["null"] }] };
}

/**
 * The type a schema without `type` is written for: `object` when it has object keywords, `array` when
 * it has `items`. Its TypeScript type says that; its validator, as JSON Schema says, accepts the rest.
 */
function impliedTypes(schema: Schema): SchemaType[] | undefined {
  if (schema.properties || schema.additionalProperties !== undefined || schema.patternProperties) return ["object"];
  if (schema.items) return ["array"];
  return undefined;
}

/** Whether a JSON value is of a JSON Schema type. */
function ofType(value: unknown, type: SchemaType): boolean {
  switch (type) {
    case "null":
      return value === null;
    case "array":
      return Array.isArray(value);
    case "object":
      return value !== null && typeof value === "object" && !Array.isArray(value);
    case "integer":
      return Number.isInteger(value);
    default:
      return typeof value === type;
  }
}

/** `type` as a list, as written: one name or an array of them. */
function typeNames(s: Record<string, unknown>): unknown[] {
  const raw = s.type;
  return typeof raw === "string" ? [raw] : Array.isArray(raw) ? raw : [];
}

/** The JSON Schema types among `names`, once each; undefined for none. */
function readTypes(names: unknown[]): SchemaType[] | undefined {
  const types = names.filter((t): t is SchemaType => TYPES.has(t as SchemaType));
  return types.length > 0 ? [...new Set(types)] : undefined;
}

function copyNumbers(s: Record<string, unknown>, out: Schema, keys: (keyof Schema & keyof typeof s)[]) {
  for (const key of keys) {
    const value = num(s[key]);
    if (value !== undefined) (out as unknown as Record<string, number>)[key] = value;
  }
}

/** 3.0's boolean `exclusiveMinimum` and 3.1's numeric one both become a number. */
function readBounds(s: Record<string, unknown>, out: Schema) {
  const min = num(s.minimum);
  const max = num(s.maximum);
  if (min !== undefined) {
    if (s.exclusiveMinimum === true) out.exclusiveMinimum = min;
    else out.minimum = min;
  }
  if (max !== undefined) {
    if (s.exclusiveMaximum === true) out.exclusiveMaximum = max;
    else out.maximum = max;
  }
  const exMin = num(s.exclusiveMinimum);
  const exMax = num(s.exclusiveMaximum);
  if (exMin !== undefined) out.exclusiveMinimum = exMin;
  if (exMax !== undefined) out.exclusiveMaximum = exMax;
}

function readObject(
  ctx: ModelContext,
  s: Record<string, unknown>,
  out: Schema,
  child: (key: string, ...rest: (string | number)[]) => string,
) {
  const required = new Set(
    Array.isArray(s.required) ? s.required.filter((r): r is string => typeof r === "string") : [],
  );
  const props = s.properties;
  if (props && typeof props === "object" && !Array.isArray(props)) {
    // `required: true` on the property itself (a common slip of hand-written documents): JSON
    // Schema lists required properties in the object's `required`. Read as meant, with a warning.
    for (const [name, value] of Object.entries(props)) {
      const flag = (value as Record<string, unknown> | null)?.required;
      if (typeof flag !== "boolean") continue;
      if (flag) required.add(name);
      ctx.warnAt(
        child("properties", name, "required"),
        `property "${name}" says \`required: ${flag}\`, which JSON Schema does not read there: read as ${flag ? "required" : "optional"}; ${flag ? `list it in the object's \`required\` (\`required: [${name}]\`)` : "remove it"}`,
      );
    }
    out.properties = Object.entries(props).map(([name, value]) => ({
      name,
      required: required.has(name),
      schema: buildSchema(ctx, value, child("properties", name)),
    }));
  }
  // Required names without a property schema still constrain the object.
  const declared = new Set(out.properties?.map((p) => p.name));
  for (const name of required) {
    if (!declared.has(name))
      (out.properties ??= []).push({ name, required: true, schema: { pointer: child("required") } });
  }
  const additional = s.additionalProperties;
  if (additional === false) out.additionalProperties = false;
  else if (additional !== undefined && additional !== true) {
    out.additionalProperties = buildSchema(ctx, additional, child("additionalProperties"));
  }
  const patterns = s.patternProperties;
  if (patterns && typeof patterns === "object" && !Array.isArray(patterns)) {
    out.patternProperties = Object.entries(patterns).map(([pattern, value]) => {
      ctx.notePattern(pattern, child("patternProperties", pattern));
      return {
        pattern,
        pointer: child("patternProperties", pattern),
        schema: buildSchema(ctx, value, child("patternProperties", pattern)),
      };
    });
  }
  if (s.propertyNames !== undefined) out.propertyNames = buildSchema(ctx, s.propertyNames, child("propertyNames"));
  if (s.unevaluatedProperties !== undefined)
    out.unevaluatedProperties = buildSchema(ctx, s.unevaluatedProperties, child("unevaluatedProperties"));
  if (s.unevaluatedItems !== undefined)
    out.unevaluatedItems = buildSchema(ctx, s.unevaluatedItems, child("unevaluatedItems"));
  const dependentRequired = s.dependentRequired;
  if (dependentRequired && typeof dependentRequired === "object" && !Array.isArray(dependentRequired)) {
    out.dependentRequired = Object.entries(dependentRequired)
      .filter(([, names]) => Array.isArray(names))
      .map(([property, names]) => ({
        property,
        required: (names as unknown[]).filter((n): n is string => typeof n === "string"),
      }));
  }
  const dependentSchemas = s.dependentSchemas;
  if (dependentSchemas && typeof dependentSchemas === "object" && !Array.isArray(dependentSchemas)) {
    out.dependentSchemas = Object.entries(dependentSchemas).map(([property, value]) => ({
      property,
      schema: buildSchema(ctx, value, child("dependentSchemas", property), true),
    }));
  }
}

/**
 * Keywords of the 2020-12 vocabularies the validators do not enforce yet: each is reported as a
 * located warning when generating (an error under --strict), never silently ignored.
 */
const UNENFORCED = ["$dynamicRef", "dependencies"];

function readDiscriminator(ctx: ModelContext, s: Record<string, unknown>, out: Schema, pointer: string) {
  const d = s.discriminator;
  if (!d || typeof d !== "object" || typeof (d as { propertyName?: unknown }).propertyName !== "string") return;
  const { propertyName, mapping } = d as { propertyName: string; mapping?: Record<string, unknown> };
  const entries: { value: string; schema: string }[] = [];
  const ignored: [string, string][] = [];
  for (const [value, target] of Object.entries(mapping ?? {})) {
    if (typeof target !== "string") continue;
    const name = componentName(target) ?? (target.includes("/") || target.includes("#") ? undefined : target);
    if (name === undefined || !ctx.hasComponent(name)) ignored.push([value, target]);
    else entries.push({ value, schema: name });
  }
  if (ignored.length > 0) ctx.noteUnmappedTargets(ignored, pointer + toPointer(["discriminator", "mapping"]));
  const explicit = [...entries];
  // Implicit mapping: an alternative no mapping entry names is selected by the values its own schema
  // pins the property to (`role: { enum: [user] }`, OpenAI's messages), as ajv's discriminator reads
  // it; else by its component name. A name its schema does not allow would select a branch that
  // refuses the value: the mocks would make values the validators refuse, and dates would never convert.
  const mapped = new Set(entries.map((e) => e.schema));
  for (const alt of [...(out.oneOf ?? []), ...(out.anyOf ?? [])]) {
    if (alt.ref === undefined || mapped.has(alt.ref)) continue;
    mapped.add(alt.ref);
    for (const value of pinnedValues(ctx, alt.ref, propertyName) ?? [alt.ref]) entries.push({ value, schema: alt.ref });
  }
  out.discriminator = { propertyName, mapping: entries, explicit };
  // 3.2's defaultMapping: the schema of values whose tag is absent or mapped to nothing.
  const fallback = (d as { defaultMapping?: unknown }).defaultMapping;
  if (typeof fallback === "string") {
    const name = componentName(fallback) ?? (fallback.includes("/") || fallback.includes("#") ? undefined : fallback);
    if (name !== undefined && ctx.hasComponent(name)) out.discriminator.defaultSchema = name;
    else ctx.noteUnmappedTargets([["(default)", fallback]], pointer + toPointer(["discriminator", "defaultMapping"]));
  }
}

/**
 * The string values component `name` pins `property` to (`const`, or an `enum` of strings), read in
 * its own properties or its `allOf` parts; undefined where it pins none.
 */
function pinnedValues(ctx: ModelContext, name: string, property: string): string[] | undefined {
  const seen = new Set<unknown>();
  const visit = (node: unknown, at: string): string[] | undefined => {
    const { value: s, pointer } = ctx.deref<Record<string, unknown> | undefined>(node, at);
    if (!s || typeof s !== "object" || seen.has(s)) return undefined;
    seen.add(s);
    const properties = s.properties as Record<string, unknown> | undefined;
    if (properties && typeof properties === "object" && Object.hasOwn(properties, property)) {
      const own = ctx.deref<Record<string, unknown> | undefined>(
        properties[property],
        pointer + toPointer(["properties", property]),
      ).value;
      if (own && typeof own.const === "string") return [own.const];
      if (own && Array.isArray(own.enum) && own.enum.length > 0 && own.enum.every((v) => typeof v === "string"))
        return own.enum as string[];
    }
    const parts = Array.isArray(s.allOf) ? s.allOf : [];
    for (const [i, part] of parts.entries()) {
      const found = visit(part, pointer + toPointer(["allOf", String(i)]));
      if (found) return found;
    }
    return undefined;
  };
  return visit({ $ref: `#${toPointer(["components", "schemas", name])}` }, "");
}
