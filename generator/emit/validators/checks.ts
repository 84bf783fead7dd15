// Straight-line checks for one schema: statements that test a value held in a variable and record
// issues, with no interpretation of the schema at run time. This file dispatches on the schema; the
// keywords of each type are in keywords.ts, the compositions in compose.ts.
//
// The shape of what is emitted, chosen so output grows with the spec's distinct schemas, not with
// its text (see the README's "At scale"):
// - a check function reports paths relative to the value it was given; its caller puts the member's
//   path in front of the issues that were added (`under`, the runtime's `within`);
// - every object member, array item and additional property is checked by a call to a shared member
//   function `f$N(value, issues, key, mode)`, declared once for every equal body, unless the check is
//   short enough to write in place (`inlinable`);
// - components are checked by their own `checkX`, inlined only where small and not recursive.
import { acceptsAnything, type Schema, type SchemaType } from "../../model/index.js";
import { block, type Code, code, id, isEmpty, join, json, lines } from "../code.js";
import { compositions, conditional, discriminated, negation } from "./compose.js";
import type { CheckContext } from "./context.js";
import { arrayChecks, numberChecks, objectChecks, stringChecks } from "./keywords.js";
import { message } from "./messages.js";
import { unevaluatedChecks } from "./unevaluated.js";

/** Where checks put what they find: the value's expression, its path from the root, the issue list. */
export interface Target {
  v: Code;
  rel: Code[];
  issues: Code;
}

/**
 * Records an issue: its keyword and message are a module constant (`F3 = { code, message }`), one for
 * every distinct pair, so the thousands of checks that fail alike on a large spec name it, not spell it.
 */
export function fail(ctx: CheckContext, t: Target, keyword: string, text: string, rel: Code[] = t.rel): Code {
  return code`fail(${t.issues}, [${join(rel, ", ")}], ${ctx.failure(keyword, text)});`;
}

/** `const list: ValidationIssue[] = [];`: an issue list of its own, for checks whose outcome is read. */
export function issueList(list: Code, ctx: CheckContext): Code {
  return code`const ${list}${ctx.ann(code`ValidationIssue[]`)} = [];`;
}

/** The condition "`k` is one of `names`": a chain of `===` for a few, a module-level `Set` for more. */
export function keyIn(k: Code, names: string[], ctx: CheckContext): Code | undefined {
  if (names.length === 0) return undefined;
  if (names.length > 8) return code`${ctx.shared(code`new Set(${json(names)})`, "K")}.has(${k})`;
  return join(
    names.map((n) => code`${k} === ${n}`),
    " || ",
  );
}

/**
 * What a value is checked as, the `mode` argument of every check function: a plain value
 * (`validateX`), a request (`readOnly` members refused) or a response (`writeOnly` members refused).
 */
export const PLAIN = 0;
export const REQUEST = 1;
export const RESPONSE = 2;

/** Statements checking the value `t.v` against `schema`. */
export function checkSchema(schema: Schema, t: Target, ctx: CheckContext): Code {
  if (schema.ref !== undefined) {
    if (!ctx.inlines(schema.ref)) return refCall(ctx.checkOf(schema.ref), t, ctx);
    ctx.inlining.push(schema.ref);
    try {
      return checkSchema(ctx.schemaOf(schema.ref), t, ctx);
    } finally {
      ctx.inlining.pop();
    }
  }
  const parts: Code[] = [];
  if (schema.const)
    parts.push(valueTest(schema, schema.const.value === undefined ? [] : [schema.const.value], t, ctx, "const"));
  if (schema.enum) parts.push(valueTest(schema, schema.enum, t, ctx, "enum"));
  parts.push(typedChecks(schema, t, ctx));
  for (const sub of schema.allOf ?? []) parts.push(checkSchema(sub, t, ctx));
  if (schema.discriminator && (schema.oneOf || schema.anyOf)) parts.push(discriminated(schema, t, ctx));
  else parts.push(...compositions(schema, t, ctx));
  if (schema.not && acceptsAnything(schema.not)) parts.push(fail(ctx, t, "not", message(schema, "not")));
  else if (schema.not) parts.push(negation(schema, t, ctx));
  if (schema.conditional) parts.push(conditional(schema.conditional, t, ctx));
  for (const dep of schema.dependentSchemas ?? []) {
    const check = checkSchema(dep.schema, t, ctx);
    if (!isEmpty(check)) parts.push(code`if (isObject(${t.v}) && hasOwn(${t.v}, ${dep.property})) ${block(check)}`);
  }
  parts.push(unevaluatedChecks(schema, t, ctx));
  return lines(...parts);
}

/**
 * Statements whose checks report paths relative to the value at `t.rel` (calls of check functions):
 * the issues they add get `t.rel` put in front afterwards, so a valid value pays one comparison.
 */
export function under(t: Target, body: Code, ctx: CheckContext): Code {
  if (t.rel.length === 0 || isEmpty(body)) return body;
  const mark = ctx.local("m");
  return lines(
    code`const ${mark} = ${t.issues}.length;`,
    body,
    code`if (${t.issues}.length !== ${mark}) within(${t.issues}, ${mark}, [${join(t.rel, ", ")}]);`,
  );
}

/** A call of a named check function (a component's `checkX`) on the value. */
export function refCall(check: Code, t: Target, ctx: CheckContext): Code {
  return under(t, code`${check}(${t.v}, ${t.issues}, mode);`, ctx);
}

/**
 * How a member function treats `undefined`: an optional property skips it, a required one reports it,
 * an array item or additional property checks it like any value.
 */
export type MemberMode = "optional" | "required" | "item";

/**
 * A call checking one member (`value`, at key `key` of the running root) against `schema`, through
 * the shared member function for that check; "" when nothing is checked.
 */
export function memberCall(
  schema: Schema | undefined,
  mode: MemberMode,
  value: Code,
  key: Code,
  issues: Code,
  ctx: CheckContext,
  prefix: Code[] = [],
): Code {
  const body = memberFunctionBody(schema, mode, ctx);
  if (isEmpty(body)) return body;
  if (mode !== "item" && !ctx.compact && inlinable(body)) {
    const p = ctx.local("p");
    return lines(
      code`const ${p} = ${value};`,
      memberBody(schema, mode, { v: p, rel: [...prefix, key], issues }, ctx, true),
    );
  }
  if (prefix.length > 0) throw new Error("internal: a shared member check is called at its object's root");
  const name = ctx.sharedFunction("f", body, (fn) => checkFunction(ctx, fn, body, ["v", "issues", "k", "mode"]));
  return code`${name}(${value}, ${issues}, ${key}, mode);`;
}

/** Whether the member's checks are written in place (see `inlinable`), so they can take any path. */
export function memberInPlace(schema: Schema | undefined, mode: MemberMode, ctx: CheckContext): boolean {
  const body = memberFunctionBody(schema, mode, ctx);
  return isEmpty(body) || (mode !== "item" && !ctx.compact && inlinable(body));
}

/** The body of the shared function checking a member (emitted once per schema and mode). */
function memberFunctionBody(schema: Schema | undefined, mode: MemberMode, ctx: CheckContext): Code {
  return ctx.memoized(schema, mode, () =>
    ctx.inFunction(() => memberBody(schema, mode, { v: code`v`, rel: [code`k`], issues: code`issues` }, ctx)),
  );
}

/** Most lines of a member check written in place of its call. */
const INLINE_LINES = 40;

/**
 * A member check short enough to write in place of its call: keyword tests on the value, or a small
 * object of such members, with no call and no composition. In place, the engine compiles an object's
 * checks as one function, which keeps the validators as fast as ajv's; anything larger is shared.
 */
function inlinable(body: Code): boolean {
  // Asked at every call of a member check; the bodies are memoized, so the answer is too.
  let known = inlinableBodies.get(body);
  if (known === undefined) {
    const text = body.text;
    let lines = 1;
    for (let i = text.indexOf("\n"); i >= 0 && lines <= INLINE_LINES; i = text.indexOf("\n", i + 1)) lines++;
    known = lines <= INLINE_LINES && !/\bwithin\(|\b(?:f|properties|u)\$\d+\(|\bconst [ance]\d+ =|switch \(/.test(text);
    inlinableBodies.set(body, known);
  }
  return known;
}

const inlinableBodies = new WeakMap<Code, boolean>();

/**
 * A member's checks; a member without a schema (a parameter with content only) is only required or
 * not. `inPlace` writes them as a block on the local `t.v` rather than as a function body on `v`.
 */
function memberBody(schema: Schema | undefined, mode: MemberMode, t: Target, ctx: CheckContext, inPlace = false): Code {
  // A readOnly member is refused in requests (mode 1) and a writeOnly one in responses (mode 2); where
  // it is refused, it is not required either.
  const readOnly = schema?.readOnly === true && mode !== "item";
  const writeOnly = schema?.writeOnly === true && mode !== "item";
  const check = lines(
    readOnly ? code`if (mode === ${REQUEST}) ${fail(ctx, t, "readOnly", message(schema!, "readOnly"))}` : code``,
    writeOnly ? code`if (mode === ${RESPONSE}) ${fail(ctx, t, "writeOnly", message(schema!, "writeOnly"))}` : code``,
    schema ? checkSchema(schema, t, ctx) : code``,
  );
  if (mode === "item") return check;
  const missing = fail(ctx, t, "required", schema ? message(schema, "required") : "is required");
  const refusedIn = [...(readOnly ? [REQUEST] : []), ...(writeOnly ? [RESPONSE] : [])];
  const absent =
    refusedIn.length === 0
      ? missing
      : code`if (${join(
          refusedIn.map((m) => code`mode !== ${m}`),
          " && ",
        )}) ${missing}`;
  if (inPlace) {
    // A check of one line needs no braces (most members: a type test); a required member's `else`
    // follows a plain `fail` only, never an `if` it could be read as belonging to.
    const oneLine = !check.text.includes("\n");
    if (mode === "optional") return code`if (${t.v} !== undefined) ${oneLine ? check : block(check)}`;
    if (isEmpty(check)) return code`if (${t.v} === undefined) ${refusedIn.length === 0 ? absent : block(absent)}`;
    if (refusedIn.length > 0) return code`if (${t.v} === undefined) ${block(absent)} else ${block(check)}`;
    return code`if (${t.v} === undefined) ${absent}\nelse ${oneLine ? check : block(check)}`;
  }
  if (mode === "optional") return isEmpty(check) ? check : lines(code`if (v === undefined) return;`, check);
  return lines(code`if (v === undefined) ${block(absent, code`return;`)}`, check);
}

const PARAM_TYPES: Record<string, Code> = {
  v: code`unknown`,
  issues: code`ValidationIssue[]`,
  k: code`string | number`,
  mode: code`number`,
};

/** A check function; parameters it does not read are named `_x`, so `noUnusedParameters` stays quiet. */
export function checkFunction(
  ctx: CheckContext,
  name: Code,
  body: Code,
  params: string[],
  types: Record<string, Code> = {},
  returns: Code = code`void`,
): Code {
  const text = withoutStrings(body);
  const list = params.map((p) => code`${id(readsIn(text, p) ? p : `_${p}`)}${ctx.ann(types[p] ?? PARAM_TYPES[p]!)}`);
  return code`function ${name}(${join(list, ", ")})${ctx.ann(returns)} ${block(body)}`;
}

/** Whether emitted `body` mentions the local or parameter `name` (names the emitter made: word characters). */
export function reads(body: Code, name: string): boolean {
  return readsIn(withoutStrings(body), name);
}

/** String literals (keys, messages: `v["mode"]`) are not reads; every literal emitted is JSON-quoted. */
function withoutStrings(body: Code): string {
  return body.text.includes('"') ? body.text.replace(/"(?:[^"\\]|\\.)*"/g, '""') : body.text;
}

function readsIn(text: string, name: string): boolean {
  return new RegExp(`\\b${name}\\b`).test(text);
}

function isPrimitive(value: unknown): boolean {
  return value === null || typeof value !== "object";
}

/** Enums longer than this are tested with a module-level `Set` (one lookup, and no long chain for tsc to narrow through). */
const ENUM_CHAIN = 8;

function valueTest(schema: Schema, values: unknown[], t: Target, ctx: CheckContext, keyword: "enum" | "const"): Code {
  const primitives = values.filter(isPrimitive);
  if (primitives.length > ENUM_CHAIN) {
    const set = ctx.shared(code`new Set${ctx.typed ? code`<unknown>` : code``}(${json(primitives)})`, "E");
    const objects = values.filter((value) => !isPrimitive(value));
    const tests = [
      code`${set}.has(${t.v})`,
      ...objects.map((value) => code`equal(${t.v}, ${ctx.shared(json(value), "V", code`unknown`)})`),
    ];
    return code`if (!(${join(tests, " || ")})) ${fail(ctx, t, keyword, message(schema, keyword))}`;
  }
  const tests = values.map((value) =>
    isPrimitive(value)
      ? code`${t.v} === ${value as string | number | boolean | null}`
      : code`equal(${t.v}, ${ctx.shared(json(value), "V", code`unknown`)})`,
  );
  const condition = tests.length === 0 ? code`true` : code`!(${join(tests, " || ")})`;
  return code`if (${condition}) ${fail(ctx, t, keyword, message(schema, keyword))}`;
}

export const TYPE_TESTS: Record<SchemaType, (v: Code) => Code> = {
  string: (v) => code`typeof ${v} === "string"`,
  number: (v) => code`typeof ${v} === "number" && Number.isFinite(${v})`,
  integer: (v) => code`typeof ${v} === "number" && Number.isInteger(${v})`,
  boolean: (v) => code`typeof ${v} === "boolean"`,
  null: (v) => code`${v} === null`,
  array: (v) => code`Array.isArray(${v})`,
  object: (v) => code`isObject(${v})`,
};

/** The tests that a value is not of one type, where that is shorter than `!(test)`. */
const NOT_TYPE_TESTS: Partial<Record<SchemaType, (v: Code) => Code>> = {
  string: (v) => code`typeof ${v} !== "string"`,
  boolean: (v) => code`typeof ${v} !== "boolean"`,
  null: (v) => code`${v} !== null`,
  array: (v) => code`!Array.isArray(${v})`,
  object: (v) => code`!isObject(${v})`,
};

/** The type test and each type's own keywords; without `type`, each keyword group applies to its type. */
function typedChecks(schema: Schema, t: Target, ctx: CheckContext): Code {
  // Groups are built only when emitted: building one registers module constants (patterns) that
  // would otherwise be declared and never read.
  const build: Record<"string" | "number" | "array" | "object", () => Code> = {
    string: () => stringChecks(schema, t, ctx),
    number: () => numberChecks(schema, t, ctx),
    array: () => arrayChecks(schema, t, ctx),
    object: () => objectChecks(schema, t, ctx),
  };
  const types = schema.types;
  if (!types) {
    return lines(
      ...(Object.entries(build) as [SchemaType, () => Code][])
        .map(([type, body]) => [type, body()] as const)
        .filter(([, body]) => !isEmpty(body))
        .map(([type, body]) => code`if (${TYPE_TESTS[type](t.v)}) ${block(body)}`),
    );
  }
  // Types with keywords to check get a branch each; the rest only need to be recognised.
  const kinds = types.includes("number") ? types.filter((k) => k !== "integer") : types;
  if (schema.format === "binary" && kinds.includes("string")) {
    // Binary content is sent as a Blob or bytes; a string is accepted too.
    const others = kinds.filter((k) => k !== "string").map((k) => TYPE_TESTS[k](t.v));
    return code`if (!(${join([code`isBinary(${t.v})`, ...others], " || ")})) ${fail(ctx, t, "type", "must be a Blob, bytes or a string")}`;
  }
  if (ctx.dates && schema.format === "date-time" && kinds.includes("string")) {
    // With dates, a request may give a `Date` where the date-time string goes (sent as its ISO string).
    ctx.dates = false;
    const rest = typedChecks(schema, t, ctx);
    ctx.dates = true;
    return code`if (${t.v} instanceof Date) { if (Number.isNaN(${t.v}.getTime())) ${fail(ctx, t, "format", "must be a valid date (an Invalid Date was given)")} } else ${block(rest)}`;
  }
  const bodies = new Map(
    kinds.map((k) => [k, k === "integer" ? build.number() : k in build ? build[k as keyof typeof build]() : code``]),
  );
  const bodyOf = (kind: SchemaType) => bodies.get(kind) ?? code``;
  const branches = kinds
    .filter((k) => !isEmpty(bodyOf(k)))
    .map((k) => code`if (${TYPE_TESTS[k](t.v)}) ${block(bodyOf(k))}`);
  const plainKinds = kinds.filter((k) => isEmpty(bodyOf(k)));
  const plain = plainKinds.map((k) => TYPE_TESTS[k](t.v));
  const wrong = fail(ctx, t, "type", message(schema, "type", kinds));
  const not = plainKinds.length === 1 ? NOT_TYPE_TESTS[plainKinds[0]!] : undefined;
  const last =
    plain.length === 0
      ? wrong
      : not
        ? code`if (${not(t.v)}) ${wrong}`
        : code`if (!(${join(
            plain.map((c) => (plain.length > 1 && c.text.includes("&&") ? code`(${c})` : c)),
            " || ",
          )})) ${wrong}`;
  return branches.length === 0 ? last : code`${join(branches, " else ")} else ${last}`;
}
