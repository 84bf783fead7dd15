// Straight-line checks for one schema: JavaScript statements that test a value held in a local
// variable and record issues, with no interpretation of the schema at run time.
import { acceptsAnything, type Property, type Schema, type SchemaType, schemaChildren } from "../../model/index.js";
import { literal } from "../escape.js";
import { message } from "./messages.js";
import { type CompiledPattern, planPattern } from "./patterns.js";

const STRING_FORMATS = new Set(["date", "date-time", "email", "uuid", "uri", "ipv4", "ipv6", "byte", "hostname"]);
const QUIET_FORMATS = new Set(["binary", "password", "int64", "float", "double", "number", "integer"]);
const PROTOTYPE_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype).concat("__proto__"));

export interface EmitWarning {
  message: string;
  pointer: string;
}

/** What the checks of one file share: module-level constants, warnings, fresh local names. */
export class CheckContext {
  /** Module-level declarations (`const R0 = ...`, helper functions of wide objects), in order of first use. */
  readonly constants: string[] = [];
  readonly warnings: EmitWarning[] = [];
  readonly errors: EmitWarning[] = [];
  private readonly patterns = new Map<string, string>();
  private readonly warnedFormats = new Set<string>();
  private readonly sharedConstants = new Map<string, string>();
  private counter = 0;

  /** Components being inlined right now, innermost last. */
  readonly inlining: string[] = [];

  constructor(
    readonly checkOf: (component: string) => string,
    readonly schemaOf: (component: string) => Schema,
  ) {}

  /**
   * Small, non-recursive components are checked inline (static paths, no call); recursive or large
   * ones through their check function.
   */
  inlines(component: string): boolean {
    // Depth 2 and 30 nodes bound the growth: a shared component inlined everywhere stays small.
    if (this.inlining.includes(component) || this.inlining.length >= 3) return false;
    return size(this.schemaOf(component), 0) <= 30 && !reaches(this.schemaOf, component, component);
  }

  local(prefix: string): string {
    return `${prefix}${this.counter++}`;
  }

  /** A module-level constant for `init`, declared once however often it is asked for. */
  shared(init: string, prefix: string, type?: string): string {
    const key = `${type ?? ""}=${init}`;
    let name = this.sharedConstants.get(key);
    if (name === undefined) this.sharedConstants.set(key, (name = this.constant(prefix, init, type)));
    return name;
  }

  /** `type` annotates the constant where inference would be wrong (`[]` is an implicit `any[]`). */
  constant(prefix: string, init: string, type?: string): string {
    const name = `${prefix}${this.constants.length}`;
    this.constants.push(`const ${name}${type === undefined ? "" : `: ${type}`} = ${init};`);
    return name;
  }

  /** The expression testing string `v` against `schema.pattern`. */
  patternTest(schema: Schema, v: string): string | undefined {
    const pattern = schema.pattern!;
    let name = this.patterns.get(pattern);
    if (name === undefined) {
      const plan = planPattern(pattern);
      if (plan.kind === "invalid") {
        this.errors.push({
          message: `pattern ${literal(pattern)} is ${plan.why}`,
          pointer: schema.pointer + "/pattern",
        });
        return undefined;
      }
      if (plan.kind === "native") {
        name = this.constant("R", `new RegExp(${literal(pattern)}, "u")`);
      } else {
        this.warnings.push({
          message: `pattern ${literal(pattern)}: ${plan.why}; the validators run it on a linear-time matcher instead of RegExp`,
          pointer: schema.pointer + "/pattern",
        });
        name = this.constant("L", linearPatternLiteral(plan.nfa));
      }
      this.patterns.set(pattern, name);
    }
    return name.startsWith("L") ? `linearTest(${name}, ${v})` : `${name}.test(${v})`;
  }

  noteFormat(schema: Schema): void {
    const format = schema.format!;
    if (STRING_FORMATS.has(format) || QUIET_FORMATS.has(format) || format === "int32" || this.warnedFormats.has(format))
      return;
    this.warnedFormats.add(format);
    this.warnings.push({
      message: `format "${format}" is not checked by the validators (unknown format); register a check at run time with setFormatCheck(${literal(format)}, check)`,
      pointer: schema.pointer + "/format",
    });
  }
}

function linearPatternLiteral(nfa: CompiledPattern): string {
  const classes = nfa.classes.map((raw) => `new RegExp(${literal(raw)}, "uy")`).join(", ");
  return `{ states: ${JSON.stringify(nfa.states)}, classes: [${classes}], start: ${nfa.start}, floating: ${nfa.floating} } satisfies LinearPattern`;
}

/** Where checks put what they find: the issue list's variable and the path relative to it. */
interface Target {
  v: string;
  rel: string[];
  issues: string;
}

/** A braced block with its statements on their own lines, indented one level. */
export function block(...statements: string[]): string {
  const body = statements.filter(Boolean).join("\n");
  return body === "" ? "{}" : `{\n${body.replace(/^(?=.)/gm, "    ")}\n}`;
}

function fail(t: Target, code: string, text: string, rel: string[] = t.rel): string {
  return `fail(${t.issues}, [${rel.join(", ")}], ${literal(code)}, ${literal(text)});`;
}

/** Statements checking the value in variable `v` against `schema`. */
export function checkSchema(schema: Schema, v: string, rel: string[], issues: string, ctx: CheckContext): string {
  const t: Target = { v, rel, issues };
  if (schema.ref !== undefined) {
    if (!ctx.inlines(schema.ref)) return refCall(ctx.checkOf(schema.ref), t);
    ctx.inlining.push(schema.ref);
    try {
      return checkSchema(ctx.schemaOf(schema.ref), v, rel, issues, ctx);
    } finally {
      ctx.inlining.pop();
    }
  }
  const parts: string[] = [];
  if (schema.const)
    parts.push(valueTest(schema, schema.const.value === undefined ? [] : [schema.const.value], t, ctx, "const"));
  if (schema.enum) parts.push(valueTest(schema, schema.enum, t, ctx, "enum"));
  parts.push(typedChecks(schema, t, ctx));
  for (const tag of schema.tags ?? []) parts.push(tagTest(schema, tag, t));
  for (const sub of schema.allOf ?? []) parts.push(checkSchema(sub, v, rel, issues, ctx));
  if (schema.discriminator && (schema.oneOf || schema.anyOf)) parts.push(discriminated(schema, t, ctx));
  else {
    if (schema.oneOf) parts.push(alternatives(schema, schema.oneOf, "oneOf", t, ctx));
    if (schema.anyOf) parts.push(alternatives(schema, schema.anyOf, "anyOf", t, ctx));
  }
  if (schema.not && acceptsAnything(schema.not)) {
    parts.push(fail(t, "not", message(schema, "not")));
  } else if (schema.not) {
    const tmp = ctx.local("n");
    parts.push(
      block(
        `const ${tmp}: ValidationIssue[] = [];`,
        checkSchema(schema.not, v, rel, tmp, ctx),
        `if (${tmp}.length === 0) ${fail(t, "not", message(schema, "not"))}`,
      ),
    );
  }
  return parts.filter(Boolean).join("\n");
}

/** Node count of a schema, refs counting one (capped walk). */
function size(schema: Schema, depth: number): number {
  if (depth > 8) return Infinity;
  return 1 + schemaChildren(schema).reduce((n, c) => n + (c.ref !== undefined ? 1 : size(c, depth + 1)), 0);
}

/** True when component `from` refers (transitively) to component `to`. */
function reaches(schemaOf: (c: string) => Schema, from: string, to: string): boolean {
  const seen = new Set<string>();
  const stack = [schemaOf(from)];
  while (stack.length > 0) {
    const s = stack.pop()!;
    for (const c of [s, ...schemaChildren(s)]) {
      if (c.ref !== undefined) {
        if (c.ref === to) return true;
        if (!seen.has(c.ref)) {
          seen.add(c.ref);
          stack.push(schemaOf(c.ref));
        }
      } else if (c !== s) stack.push(c);
    }
  }
  return false;
}

function refCall(check: string, t: Target): string {
  if (t.rel.length === 0) return `${check}(${t.v}, ${t.issues}, req);`;
  return `at.push(${t.rel.join(", ")});\n${check}(${t.v}, ${t.issues}, req);\n${t.rel.map(() => "at.pop();").join("\n")}`;
}

function isPrimitive(value: unknown): boolean {
  return value === null || typeof value !== "object";
}

function valueTest(schema: Schema, values: unknown[], t: Target, ctx: CheckContext, code: "enum" | "const"): string {
  const tests = values.map((value) =>
    isPrimitive(value)
      ? `${t.v} === ${literal(value)}`
      : `equal(${t.v}, ${ctx.shared(literal(value), "V", "unknown")})`,
  );
  const condition = tests.length === 0 ? "true" : `!(${tests.join(" || ")})`;
  return `if (${condition}) ${fail(t, code, message(schema, code))}`;
}

const TYPE_TESTS: Record<SchemaType, (v: string) => string> = {
  string: (v) => `typeof ${v} === "string"`,
  number: (v) => `typeof ${v} === "number" && Number.isFinite(${v})`,
  integer: (v) => `typeof ${v} === "number" && Number.isInteger(${v})`,
  boolean: (v) => `typeof ${v} === "boolean"`,
  null: (v) => `${v} === null`,
  array: (v) => `Array.isArray(${v})`,
  object: (v) => `isObject(${v})`,
};

/** The type test and each type's own keywords; without `type`, each keyword group applies to its type. */
function typedChecks(schema: Schema, t: Target, ctx: CheckContext): string {
  // Groups are built only when emitted: building one registers module constants (patterns) that
  // would otherwise be declared and never read.
  const build: Record<"string" | "number" | "array" | "object", () => string> = {
    string: () => stringChecks(schema, t, ctx),
    number: () => numberChecks(schema, t),
    array: () => arrayChecks(schema, t, ctx),
    object: () => objectChecks(schema, t, ctx),
  };
  const types = schema.types;
  if (!types) {
    return (Object.entries(build) as [SchemaType, () => string][])
      .map(([type, body]) => [type, body()] as const)
      .filter(([, body]) => body !== "")
      .map(([type, body]) => `if (${TYPE_TESTS[type](t.v)}) ${block(body)}`)
      .join("\n");
  }
  // Types with keywords to check get a branch each; the rest only need to be recognised.
  const kinds = types.includes("number") ? types.filter((k) => k !== "integer") : types;
  if (schema.format === "binary" && kinds.includes("string")) {
    // Binary content is sent as a Blob or bytes; a string is accepted too.
    const others = kinds.filter((k) => k !== "string").map((k) => TYPE_TESTS[k](t.v));
    return `if (!(${["isBinary(" + t.v + ")", ...others].join(" || ")})) ${fail(t, "type", "must be a Blob, bytes or a string")}`;
  }
  const bodies = new Map(
    kinds.map((k) => [k, k === "integer" ? build.number() : k in build ? build[k as keyof typeof build]() : ""]),
  );
  const bodyOf = (kind: SchemaType) => bodies.get(kind) ?? "";
  const branches = kinds.filter((k) => bodyOf(k) !== "").map((k) => `if (${TYPE_TESTS[k](t.v)}) ${block(bodyOf(k))}`);
  const plain = kinds.filter((k) => bodyOf(k) === "").map((k) => TYPE_TESTS[k](t.v));
  const wrong = fail(t, "type", message(schema, "type", kinds));
  const last =
    plain.length === 0
      ? wrong
      : `if (!(${plain.map((c) => (plain.length > 1 && c.includes("&&") ? `(${c})` : c)).join(" || ")})) ${wrong}`;
  return branches.length === 0 ? last : `${branches.join(" else ")} else ${plain.length === 0 ? wrong : last}`;
}

function stringChecks(schema: Schema, t: Target, ctx: CheckContext): string {
  const v = t.v;
  const out: string[] = [];
  if (schema.minLength !== undefined && schema.minLength > 0) {
    const n = schema.minLength;
    out.push(
      `if (${v}.length < ${n} || (${v}.length < ${2 * n} && codePoints(${v}) < ${n})) ${fail(t, "minLength", message(schema, "minLength"))}`,
    );
  }
  if (schema.maxLength !== undefined) {
    const n = schema.maxLength;
    out.push(
      `if (${v}.length > ${n} && codePoints(${v}) > ${n}) ${fail(t, "maxLength", message(schema, "maxLength"))}`,
    );
  }
  if (schema.pattern !== undefined) {
    const test = ctx.patternTest(schema, v);
    if (test) out.push(`if (!${test}) ${fail(t, "pattern", message(schema, "pattern"))}`);
  }
  if (
    schema.format !== undefined &&
    !QUIET_FORMATS.has(schema.format) &&
    schema.format !== "int32" &&
    (!schema.types || schema.types.includes("string"))
  ) {
    ctx.noteFormat(schema);
    out.push(`if (!checkFormat(${literal(schema.format)}, ${v})) ${fail(t, "format", message(schema, "format"))}`);
  }
  if (schema.contentEncoding === "base64") {
    const gzip = schema.contentMediaType === "application/gzip" || schema.contentMediaType === "application/x-gzip";
    out.push(
      gzip
        ? `if (!isBase64Gzip(${v})) ${fail(t, "contentMediaType", message(schema, "contentMediaType"))}`
        : `if (!isBase64(${v})) ${fail(t, "contentEncoding", message(schema, "contentEncoding"))}`,
    );
  }
  if (schema.date) out.push(dateCheck(schema, t, ctx));
  return out.join("\n");
}

/** The layout `YYYY/MM/DD` as an anchored expression capturing year, month and day, and their group numbers. */
export function dateLayout(layout: string): { source: string; order: [number, number, number] } {
  const tokens = [...layout.matchAll(/YYYY|MM|DD/g)];
  const group = (token: string) => tokens.findIndex((m) => m[0] === token) + 1;
  const source = layout
    .split(/(YYYY|MM|DD)/)
    .map((part) =>
      part === "YYYY"
        ? "(\\d{4})"
        : part === "MM" || part === "DD"
          ? "(\\d{2})"
          : part.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&"),
    )
    .join("");
  return { source: `^${source}$`, order: [group("YYYY"), group("MM"), group("DD")] };
}

function dateCheck(schema: Schema, t: Target, ctx: CheckContext): string {
  const rule = schema.date!;
  const { source, order } = dateLayout(rule.layout);
  const re = ctx.shared(`new RegExp(${literal(source)}, "u")`, "D");
  const r = ctx.local("date");
  const failures = (["date", "minAge", "maxAge"] as const)
    .filter((k) => k === "date" || rule[k] !== undefined)
    .map((k) => `if (${r} === ${literal(k)}) ${fail(t, k, message(schema, k))}`);
  return [
    `const ${r} = calendarDate(${t.v}, ${re}, [${order.join(", ")}], ${rule.minAge ?? "-Infinity"}, ${rule.maxAge ?? "Infinity"});`,
    failures.join("\nelse "),
  ].join("\n");
}

function numberChecks(schema: Schema, t: Target): string {
  const v = t.v;
  const out: string[] = [];
  const bound = (key: "minimum" | "maximum" | "exclusiveMinimum" | "exclusiveMaximum", op: string) => {
    const limit = schema[key];
    if (limit !== undefined) out.push(`if (${v} ${op} ${literal(limit)}) ${fail(t, key, message(schema, key))}`);
  };
  bound("minimum", "<");
  bound("maximum", ">");
  bound("exclusiveMinimum", "<=");
  bound("exclusiveMaximum", ">=");
  if (schema.multipleOf !== undefined && schema.multipleOf > 0) {
    const m = schema.multipleOf;
    const test = Number.isInteger(m) ? `${v} % ${literal(m)} !== 0` : `!isMultipleOf(${v}, ${literal(m)})`;
    out.push(`if (${test}) ${fail(t, "multipleOf", message(schema, "multipleOf"))}`);
  }
  if (schema.format === "int32") {
    out.push(
      `if (!Number.isInteger(${v}) || ${v} < -2147483648 || ${v} > 2147483647) ${fail(t, "format", "must be a 32-bit integer")}`,
    );
  }
  return out.join("\n");
}

function arrayChecks(schema: Schema, t: Target, ctx: CheckContext): string {
  const v = t.v;
  const out: string[] = [];
  if (schema.minItems !== undefined)
    out.push(`if (${v}.length < ${schema.minItems}) ${fail(t, "minItems", message(schema, "minItems"))}`);
  if (schema.maxItems !== undefined)
    out.push(`if (${v}.length > ${schema.maxItems}) ${fail(t, "maxItems", message(schema, "maxItems"))}`);
  if (schema.uniqueItems)
    out.push(`if (hasDuplicates(${v})) ${fail(t, "uniqueItems", message(schema, "uniqueItems"))}`);
  const tuple = schema.prefixItems ?? [];
  tuple.forEach((item, index) => {
    const x = ctx.local("x");
    const body = checkSchema(item, x, [...t.rel, String(index)], t.issues, ctx);
    if (body) out.push(`if (${v}.length > ${index}) ${block(...withLocal(x, `${v}[${index}]`, body))}`);
  });
  if (schema.items) {
    const i = ctx.local("i");
    const x = ctx.local("x");
    const body = checkSchema(schema.items, x, [...t.rel, i], t.issues, ctx);
    if (body)
      out.push(
        `for (let ${i} = ${tuple.length}; ${i} < ${v}.length; ${i}++) ${block(...withLocal(x, `${v}[${i}]`, body))}`,
      );
  }
  return out.join("\n");
}

/**
 * `const x: unknown = init;` before `body`, unless `body` never reads `x` (its checks may all accept
 * anything, as `oneOf: [{}]` does): an unread local breaks `noUnusedLocals` builds.
 */
function withLocal(x: string, init: string, body: string): string[] {
  return reads(body, x) ? [`const ${x}: unknown = ${init};`, body] : [body];
}

/** `name`, or `_name` when `body` never reads it (so `noUnusedParameters` stays quiet in users' builds). */
export function paramName(body: string, name: string): string {
  return reads(body, name) ? name : `_${name}`;
}

/** Whether emitted `code` mentions the local or parameter `name` (names the emitter made: word characters). */
export function reads(code: string, name: string): boolean {
  return new RegExp(`\\b${name}\\b`).test(code);
}

/**
 * Most properties checked in one function. A wider object's properties go to helper functions of this
 * many each: TypeScript stops analysing a function body that is too large (TS2563: "too large for
 * control flow analysis"), which one flat function for a schema of thousands of properties reaches.
 */
export const PROPERTIES_PER_FUNCTION = 64;

function objectChecks(schema: Schema, t: Target, ctx: CheckContext): string {
  const properties = schema.properties ?? [];
  const out: string[] =
    properties.length > PROPERTIES_PER_FUNCTION
      ? outlinedPropertyChecks(properties, t, ctx)
      : propertyChecks(properties, t, ctx);
  out.push(...otherMemberChecks(schema, t, ctx));
  return out.join("\n");
}

/** Checks of `properties` in helper functions (a module-level function per slice), called in order. */
function outlinedPropertyChecks(properties: Property[], t: Target, ctx: CheckContext): string[] {
  const calls: string[] = [];
  for (let i = 0; i < properties.length; i += PROPERTIES_PER_FUNCTION) {
    const body = propertyChecks(
      properties.slice(i, i + PROPERTIES_PER_FUNCTION),
      { v: "v", rel: [], issues: "issues" },
      ctx,
    ).join("\n");
    if (body === "") continue;
    const name = ctx.local("properties$");
    ctx.constants.push(
      `function ${name}(v: Record<string, unknown>, ${paramName(body, "issues")}: ValidationIssue[], ${paramName(body, "req")}: boolean): void ${block(body)}`,
    );
    calls.push(refCall(name, t));
  }
  return calls;
}

function propertyChecks(properties: Property[], t: Target, ctx: CheckContext): string[] {
  const v = t.v;
  const out: string[] = [];
  for (const prop of properties) {
    const key = literal(prop.name);
    const p = ctx.local("p");
    const access = PROTOTYPE_KEYS.has(prop.name) ? `(hasOwn(${v}, ${key}) ? ${v}[${key}] : undefined)` : `${v}[${key}]`;
    const rel = [...t.rel, key];
    const readOnly = prop.schema.readOnly === true;
    const missing = prop.required
      ? readOnly
        ? `if (!req) ${fail(t, "required", message(prop.schema, "required"), rel)}`
        : fail(t, "required", message(prop.schema, "required"), rel)
      : "";
    const present = [
      readOnly ? `if (req) ${fail(t, "readOnly", message(prop.schema, "readOnly"), rel)}` : "",
      checkSchema(prop.schema, p, rel, t.issues, ctx),
    ]
      .filter(Boolean)
      .join("\n");
    if (!missing && !present) continue;
    out.push(`const ${p} = ${access};`);
    if (missing && present) out.push(`if (${p} === undefined) ${block(missing)} else ${block(present)}`);
    else if (missing) out.push(`if (${p} === undefined) ${block(missing)}`);
    else out.push(`if (${p} !== undefined) ${block(present)}`);
  }
  return out;
}

/** additionalProperties, minProperties and maxProperties: one loop over the object's keys. */
function otherMemberChecks(schema: Schema, t: Target, ctx: CheckContext): string[] {
  const v = t.v;
  const out: string[] = [];
  const extra = schema.additionalProperties;
  const counting = schema.minProperties !== undefined || schema.maxProperties !== undefined;
  if (extra !== undefined || counting) {
    const k = ctx.local("k");
    const n = ctx.local("count");
    const body: string[] = [];
    if (counting) body.push(`${n}++;`);
    if (extra !== undefined) {
      const declared = (schema.properties ?? []).map((p) => p.name);
      if (declared.length > 0 && declared.length <= 8)
        body.push(`if (${declared.map((d) => `${k} === ${literal(d)}`).join(" || ")}) continue;`);
      else if (declared.length > 8)
        body.push(`if (${ctx.constant("K", `new Set(${literal(declared)})`)}.has(${k})) continue;`);
      if (extra === false)
        body.push(fail(t, "additionalProperties", message(schema, "additionalProperties"), [...t.rel, k]));
      else {
        const x = ctx.local("x");
        const check = checkSchema(extra, x, [...t.rel, k], t.issues, ctx);
        if (check) body.push(...withLocal(x, `${v}[${k}]`, check));
      }
    }
    if (counting) out.push(`let ${n} = 0;`);
    // A loop that only counts leaves its key unused: `_` tells the compiler that is on purpose.
    if (body.length > 0) out.push(`for (const ${reads(body.join("\n"), k) ? k : `_${k}`} in ${v}) ${block(...body)}`);
    if (schema.minProperties !== undefined)
      out.push(`if (${n} < ${schema.minProperties}) ${fail(t, "minProperties", message(schema, "minProperties"))}`);
    if (schema.maxProperties !== undefined)
      out.push(`if (${n} > ${schema.maxProperties}) ${fail(t, "maxProperties", message(schema, "maxProperties"))}`);
  }
  return out;
}

/** oneOf/anyOf: each alternative into its own list; report the one that fits by type, or the keyword. */
function alternatives(
  schema: Schema,
  alts: Schema[],
  keyword: "oneOf" | "anyOf",
  t: Target,
  ctx: CheckContext,
): string {
  const lists = alts.map(() => ctx.local("a"));
  const runs = alts.map(
    (alt, i) => `const ${lists[i]}: ValidationIssue[] = [];\n${checkSchema(alt, t.v, t.rel, lists[i]!, ctx)}`,
  );
  const ok = ctx.local("ok");
  const best = ctx.local("best");
  const none = block(
    `const ${best} = bestAlternative([${lists.join(", ")}], ${t.rel.length});`,
    `if (${best}) ${t.issues}.push(...${best});`,
    `else ${fail(t, keyword, message(schema, keyword))}`,
  );
  const verdict =
    keyword === "oneOf"
      ? `if (${ok} === 0) ${none} else if (${ok} > 1) ${fail(t, "oneOf", message(schema, "oneOf", "many"))}`
      : `if (${ok} === 0) ${none}`;
  return block(...runs, `const ${ok} = ${lists.map((l) => `(${l}.length === 0 ? 1 : 0)`).join(" + ")};`, verdict);
}

/** A schema selected by a discriminator holds its tag (when the property is there; `required` says if it must be). */
function tagTest(schema: Schema, tag: { propertyName: string; values: string[] }, t: Target): string {
  const key = literal(tag.propertyName);
  const tests = tag.values.map((value) => `${t.v}[${key}] !== ${literal(value)}`).join(" && ");
  const wrong = fail(t, "discriminator", message(schema, "discriminator", tag.values), [...t.rel, key]);
  return `if (isObject(${t.v}) && ${t.v}[${key}] !== undefined && ${tests}) ${wrong}`;
}

/** With a discriminator, the value's tag picks the one schema to check. */
function discriminated(schema: Schema, t: Target, ctx: CheckContext): string {
  const { propertyName, mapping } = schema.discriminator!;
  const key = literal(propertyName);
  const tag = ctx.local("tag");
  const indent = (text: string) => text.replace(/^(?=.)/gm, "    ");
  const cases = mapping.map(
    (m) => `case ${literal(m.value)}:\n${indent(`${refCall(ctx.checkOf(m.schema), t)}\nbreak;`)}`,
  );
  const values = mapping.map((m) => m.value);
  const unknown = fail(t, "discriminator", message(schema, "discriminator", values), [...t.rel, key]);
  const notObject = schema.types ? "" : ` else ${fail(t, "type", message(schema, "type", ["object"]))}`;
  return `if (isObject(${t.v})) ${block(`const ${tag} = ${t.v}[${key}];`, `switch (${tag}) ${block(...cases, `default:\n${indent(unknown)}`)}`)}${notObject}`;
}
