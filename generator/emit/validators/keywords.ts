// Each type's own keywords: strings, numbers, arrays and objects. Members of arrays and objects are
// checked by shared member functions (checks.ts), relative to the array or object as the new root.

import { FORMAT_CHECKS, QUIET_FORMATS } from "../../model/formats.js";
import type { Property, Schema } from "../../model/index.js";
import { isIdentifier } from "../../model/names.js";
import { block, type Code, code, id, isEmpty, join, lines } from "../code.js";
import { checkFunction, fail, issueList, keyIn, memberCall, memberInPlace, type Target, under } from "./checks.js";
import type { CheckContext } from "./context.js";
import { message } from "./messages.js";

const PROTOTYPE_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype).concat("__proto__"));

export function stringChecks(schema: Schema, t: Target, ctx: CheckContext): Code {
  const v = t.v;
  const out: Code[] = [];
  if (schema.minLength !== undefined && schema.minLength > 0) {
    const n = schema.minLength;
    out.push(
      code`if (${v}.length < ${n} || (${v}.length < ${2 * n} && codePoints(${v}) < ${n})) ${fail(ctx, t, "minLength", message(schema, "minLength"))}`,
    );
  }
  if (schema.maxLength !== undefined) {
    const n = schema.maxLength;
    out.push(
      code`if (${v}.length > ${n} && codePoints(${v}) > ${n}) ${fail(ctx, t, "maxLength", message(schema, "maxLength"))}`,
    );
  }
  if (schema.pattern !== undefined) {
    const test = ctx.regexTest(schema.pattern, v);
    if (test) out.push(code`if (!${test}) ${fail(ctx, t, "pattern", message(schema, "pattern"))}`);
  }
  if (
    schema.format !== undefined &&
    !QUIET_FORMATS.has(schema.format) &&
    schema.format !== "int32" &&
    (!schema.types || schema.types.includes("string"))
  ) {
    const builtin = FORMAT_CHECKS.get(schema.format);
    const call = builtin
      ? code`checkFormat(${schema.format}, ${v}, ${id(builtin)})`
      : code`checkFormat(${schema.format}, ${v})`;
    out.push(code`if (!${call}) ${fail(ctx, t, "format", message(schema, "format"))}`);
  }
  if (schema.contentEncoding === "base64") {
    const gzip = schema.contentMediaType === "application/gzip" || schema.contentMediaType === "application/x-gzip";
    out.push(
      gzip
        ? code`if (!isBase64Gzip(${v})) ${fail(ctx, t, "contentMediaType", message(schema, "contentMediaType"))}`
        : code`if (!isBase64(${v})) ${fail(ctx, t, "contentEncoding", message(schema, "contentEncoding"))}`,
    );
  }
  if (schema.date) out.push(dateCheck(schema, t, ctx));
  return lines(...out);
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

function dateCheck(schema: Schema, t: Target, ctx: CheckContext): Code {
  const rule = schema.date!;
  const { source, order } = dateLayout(rule.layout);
  const re = ctx.shared(code`new RegExp(${source}, "u")`, "D");
  const r = ctx.local("date");
  const failures = (["date", "minAge", "maxAge"] as const)
    .filter((k) => k === "date" || rule[k] !== undefined)
    .map((k) => code`if (${r} === ${k}) ${fail(ctx, t, k, message(schema, k))}`);
  const bound = (n: number | undefined, none: Code) => (n === undefined ? none : code`${n}`);
  return lines(
    code`const ${r} = calendarDate(${t.v}, ${re}, [${join(
      order.map((n) => code`${n}`),
      ", ",
    )}], ${bound(rule.minAge, code`-Infinity`)}, ${bound(rule.maxAge, code`Infinity`)});`,
    join(failures, "\nelse "),
  );
}

export function numberChecks(schema: Schema, t: Target, ctx: CheckContext): Code {
  const v = t.v;
  const out: Code[] = [];
  const bound = (key: "minimum" | "maximum" | "exclusiveMinimum" | "exclusiveMaximum", op: Code) => {
    const limit = schema[key];
    if (limit !== undefined) out.push(code`if (${v} ${op} ${limit}) ${fail(ctx, t, key, message(schema, key))}`);
  };
  bound("minimum", code`<`);
  bound("maximum", code`>`);
  bound("exclusiveMinimum", code`<=`);
  bound("exclusiveMaximum", code`>=`);
  if (schema.multipleOf !== undefined && schema.multipleOf > 0) {
    const m = schema.multipleOf;
    const test = Number.isInteger(m) ? code`${v} % ${m} !== 0` : code`!isMultipleOf(${v}, ${m})`;
    out.push(code`if (${test}) ${fail(ctx, t, "multipleOf", message(schema, "multipleOf"))}`);
  }
  if (schema.format === "int32") {
    out.push(
      code`if (!Number.isInteger(${v}) || ${v} < -2147483648 || ${v} > 2147483647) ${fail(ctx, t, "format", "must be a 32-bit integer")}`,
    );
  }
  return lines(...out);
}

export function arrayChecks(schema: Schema, t: Target, ctx: CheckContext): Code {
  const v = t.v;
  const out: Code[] = [];
  if (schema.minItems !== undefined)
    out.push(code`if (${v}.length < ${schema.minItems}) ${fail(ctx, t, "minItems", message(schema, "minItems"))}`);
  if (schema.maxItems !== undefined)
    out.push(code`if (${v}.length > ${schema.maxItems}) ${fail(ctx, t, "maxItems", message(schema, "maxItems"))}`);
  if (schema.uniqueItems)
    out.push(code`if (hasDuplicates(${v})) ${fail(ctx, t, "uniqueItems", message(schema, "uniqueItems"))}`);
  const items: Code[] = [];
  const tuple = schema.prefixItems ?? [];
  tuple.forEach((item, index) => {
    const call = memberCall(item, "item", code`${v}[${index}]`, code`${index}`, t.issues, ctx);
    if (!isEmpty(call)) items.push(code`if (${v}.length > ${index}) ${call}`);
  });
  if (schema.items) {
    const i = ctx.local("i");
    const call = memberCall(schema.items, "item", code`${v}[${i}]`, i, t.issues, ctx);
    if (!isEmpty(call)) items.push(code`for (let ${i} = ${tuple.length}; ${i} < ${v}.length; ${i}++) ${call}`);
  }
  out.push(under(t, lines(...items), ctx));
  if (schema.contains) out.push(containsChecks(schema, t, ctx));
  return lines(...out);
}

/** `contains` with `minContains` (default 1) and `maxContains`: items that match, counted. */
function containsChecks(schema: Schema, t: Target, ctx: CheckContext): Code {
  const v = t.v;
  const min = schema.minContains ?? 1;
  const max = schema.maxContains;
  const n = ctx.local("matches");
  const i = ctx.local("i");
  const e = ctx.local("e");
  const call = memberCall(schema.contains!, "item", code`${v}[${i}]`, i, e, ctx);
  const count = isEmpty(call)
    ? code`const ${n} = ${v}.length;`
    : lines(
        code`let ${n} = 0;`,
        code`for (let ${i} = 0; ${i} < ${v}.length; ${i}++) ${block(
          issueList(e, ctx),
          call,
          code`if (${e}.length === 0) ${n}++;`,
        )}`,
      );
  const checks: Code[] = [];
  if (min > 0) checks.push(code`if (${n} < ${min}) ${fail(ctx, t, "contains", message(schema, "contains"))}`);
  if (max !== undefined)
    checks.push(code`if (${n} > ${max}) ${fail(ctx, t, "maxContains", message(schema, "maxContains"))}`);
  return checks.length === 0 ? code`` : lines(count, ...checks);
}

/**
 * Most properties checked in one function. A wider object's properties go to helper functions of this
 * many each: TypeScript stops analysing a function body that is too large (TS2563: "too large for
 * control flow analysis"), which one flat function for a schema of thousands of properties reaches.
 */
export const PROPERTIES_PER_FUNCTION = 64;

export function objectChecks(schema: Schema, t: Target, ctx: CheckContext): Code {
  const properties = schema.properties ?? [];
  const root: Target = { v: t.v, rel: [], issues: t.issues };
  if (properties.length > PROPERTIES_PER_FUNCTION) {
    // The object is the root of its members' checks, in helper functions.
    const members = outlinedPropertyChecks(properties, root, ctx);
    return lines(
      under(t, lines(...members), ctx),
      otherMemberChecks(schema, t, ctx),
      countChecks(schema, t, ctx),
      dependentChecks(schema, t, ctx),
    );
  }
  // Members checked in place name their whole path; calls of shared member checks report paths from
  // the object, which `under` completes (once for each run of consecutive calls).
  const out: Code[] = [];
  let calls: Code[] = [];
  const flush = () => {
    if (calls.length > 0) out.push(under(t, lines(...calls), ctx));
    calls = [];
  };
  for (const prop of properties) {
    const inPlace = memberInPlace(prop.schema, prop.required ? "required" : "optional", ctx);
    const call = propertyCheck(prop, { v: t.v, rel: inPlace ? t.rel : [], issues: t.issues }, ctx);
    if (!inPlace) calls.push(call);
    else if (!isEmpty(call)) {
      flush();
      out.push(call);
    }
  }
  flush();
  return lines(...out, otherMemberChecks(schema, t, ctx), countChecks(schema, t, ctx), dependentChecks(schema, t, ctx));
}

/** Checks of `properties` in helper functions (a module-level function per slice), called in order. */
function outlinedPropertyChecks(properties: Property[], t: Target, ctx: CheckContext): Code[] {
  const calls: Code[] = [];
  for (let i = 0; i < properties.length; i += PROPERTIES_PER_FUNCTION) {
    const slice = properties.slice(i, i + PROPERTIES_PER_FUNCTION);
    const body = ctx.inFunction(() =>
      lines(...slice.map((prop) => propertyCheck(prop, { v: code`v`, rel: [], issues: code`issues` }, ctx))),
    );
    if (isEmpty(body)) continue;
    const name = ctx.sharedFunction("properties", body, (fn) =>
      checkFunction(ctx, fn, body, ["v", "issues", "mode"], { v: code`Record<string, unknown>` }),
    );
    calls.push(code`${name}(${t.v}, ${t.issues}, mode);`);
  }
  return calls;
}

/** `v.key` where that is plain JavaScript, `v["key"]` otherwise (and always in TypeScript, for index signatures). */
function memberAccess(v: Code, key: string, ctx: CheckContext): Code {
  if (PROTOTYPE_KEYS.has(key)) return code`(hasOwn(${v}, ${key}) ? ${v}[${key}] : undefined)`;
  return !ctx.typed && isIdentifier(key) && !key.includes("\\") ? code`${v}.${id(key)}` : code`${v}[${key}]`;
}

/** The check of one property of the object `t.v`, written in place under `t.rel` or called. */
function propertyCheck(prop: Property, t: Target, ctx: CheckContext): Code {
  const mode = prop.required ? "required" : "optional";
  return memberCall(prop.schema, mode, memberAccess(t.v, prop.name, ctx), code`${prop.name}`, t.issues, ctx, t.rel);
}

/**
 * One loop over the object's keys for what applies to members by name: `propertyNames` (the key
 * itself), `patternProperties` (every key a pattern matches) and `additionalProperties` (keys neither
 * declared nor matched). Checks in the loop report paths from the object; `under` completes them.
 */
function otherMemberChecks(schema: Schema, t: Target, ctx: CheckContext): Code {
  const extra = schema.additionalProperties;
  const patterns = schema.patternProperties ?? [];
  const names = schema.propertyNames;
  if (extra === undefined && patterns.length === 0 && !names) return code``;
  const k = ctx.local("k");
  // Only `additionalProperties: false`: no call in the loop, so its paths are written out whole.
  const calls = !!names || patterns.length > 0 || extra !== false;
  const root: Target = calls ? { v: t.v, rel: [], issues: t.issues } : t;
  const body: Code[] = [];
  // Whether the loop checks anything (it may only skip keys, when every schema in it accepts anything).
  let checks = false;
  const check = (c: Code) => {
    checks ||= !isEmpty(c);
    return c;
  };
  if (names) body.push(check(memberCall(names, "item", k, k, t.issues, ctx)));
  const matched = extra !== undefined && patterns.length > 0 ? ctx.local("matched") : undefined;
  if (matched) body.push(code`let ${matched} = false;`);
  for (const p of patterns) {
    const test = ctx.regexTest(p.pattern, k);
    if (!test) continue;
    const call = check(memberCall(p.schema, "item", code`${t.v}[${k}]`, k, t.issues, ctx));
    if (!isEmpty(call) || matched)
      body.push(code`if (${test}) ${block(matched ? code`${matched} = true;` : code``, call)}`);
  }
  if (extra !== undefined) {
    if (matched) body.push(code`if (${matched}) continue;`);
    const declared = keyIn(
      k,
      (schema.properties ?? []).map((p) => p.name),
      ctx,
    );
    if (declared) body.push(code`if (${declared}) continue;`);
    body.push(
      check(
        extra === false
          ? fail(ctx, root, "additionalProperties", message(schema, "additionalProperties"), [...root.rel, k])
          : memberCall(extra, "item", code`${t.v}[${k}]`, k, t.issues, ctx),
      ),
    );
  }
  if (!checks) return code``;
  const loop = code`for (const ${k} in ${t.v}) ${block(...body)}`;
  return calls ? under(t, loop, ctx) : loop;
}

/** `dependentRequired`: when a member is present, the members it names must be too. */
function dependentChecks(schema: Schema, t: Target, ctx: CheckContext): Code {
  const out: Code[] = [];
  for (const dep of schema.dependentRequired ?? []) {
    const missing = dep.required.map(
      (name) =>
        code`if (!hasOwn(${t.v}, ${name})) ${fail(ctx, t, "dependentRequired", message(schema, "dependentRequired", dep.property), [...t.rel, code`${name}`])}`,
    );
    if (missing.length > 0) out.push(code`if (hasOwn(${t.v}, ${dep.property})) ${block(...missing)}`);
  }
  return lines(...out);
}

/** minProperties and maxProperties, on the object's own keys. */
function countChecks(schema: Schema, t: Target, ctx: CheckContext): Code {
  if (schema.minProperties === undefined && schema.maxProperties === undefined) return code``;
  const n = ctx.local("count");
  const out: Code[] = [code`const ${n} = Object.keys(${t.v}).length;`];
  if (schema.minProperties !== undefined)
    out.push(
      code`if (${n} < ${schema.minProperties}) ${fail(ctx, t, "minProperties", message(schema, "minProperties"))}`,
    );
  if (schema.maxProperties !== undefined)
    out.push(
      code`if (${n} > ${schema.maxProperties}) ${fail(ctx, t, "maxProperties", message(schema, "maxProperties"))}`,
    );
  return lines(...out);
}
