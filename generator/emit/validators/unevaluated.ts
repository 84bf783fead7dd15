// unevaluatedProperties and unevaluatedItems: a member (or item) is "evaluated" when a keyword of the
// schema, or of a subschema that applies to the value, looked at it (JSON Schema 2020-12's annotation
// rules). Each schema gets an evaluator function, `u$N(v, k, mode): boolean`, built from its keywords:
// properties, patternProperties and additionalProperties (items, prefixItems and contains) directly;
// allOf members and `$ref` targets always; anyOf/oneOf alternatives and if/then/else branches when
// they hold for the value (their checks run into a list of their own); dependentSchemas when their
// property is present; a subschema's own unevaluated* evaluates everything. `not` evaluates nothing.
import type { Schema } from "../../model/index.js";
import { block, type Code, code, id, isEmpty, join, json, lines } from "../code.js";
import { checkFunction, checkSchema, fail, memberCall, type Target, under } from "./checks.js";
import type { CheckContext } from "./context.js";
import { message } from "./messages.js";

type Kind = "properties" | "items";

/** The checks of `schema`'s own unevaluatedProperties / unevaluatedItems on the value `t.v`. */
export function unevaluatedChecks(schema: Schema, t: Target, ctx: CheckContext): Code {
  const out: Code[] = [];
  if (schema.unevaluatedProperties) {
    const evaluated = evaluator(schema, "properties", false, ctx);
    const k = ctx.local("k");
    const check = memberCheck(schema.unevaluatedProperties, code`${t.v}[${k}]`, k, schema, t, ctx);
    if (!isEmpty(check)) {
      const skip = evaluated ? code`if (${evaluated}(${t.v}, ${k}, mode)) continue;` : code``;
      out.push(
        code`if (isObject(${t.v})) ${block(under(t, code`for (const ${k} in ${t.v}) ${block(skip, check)}`, ctx))}`,
      );
    }
  }
  if (schema.unevaluatedItems) {
    const evaluated = evaluator(schema, "items", false, ctx);
    const i = ctx.local("i");
    const check = memberCheck(schema.unevaluatedItems, code`${t.v}[${i}]`, i, schema, t, ctx);
    if (!isEmpty(check)) {
      const skip = evaluated ? code`if (${evaluated}(${t.v}, ${i}, mode)) continue;` : code``;
      out.push(
        code`if (Array.isArray(${t.v})) ${block(under(t, code`for (let ${i} = 0; ${i} < ${t.v}.length; ${i}++) ${block(skip, check)}`, ctx))}`,
      );
    }
  }
  return lines(...out);
}

/** An unevaluated member's check: `false` (or `not: {}`) is the keyword's own failure. */
function memberCheck(sub: Schema, value: Code, key: Code, schema: Schema, t: Target, ctx: CheckContext): Code {
  const keyword = schema.unevaluatedProperties === sub ? "unevaluatedProperties" : "unevaluatedItems";
  if (sub.not && Object.keys(sub.not).every((k) => k === "pointer")) {
    return fail({ v: t.v, rel: [], issues: t.issues }, keyword, message(schema, keyword), [key]);
  }
  return memberCall(sub, "item", value, key, t.issues, ctx);
}

/**
 * The name of `schema`'s evaluator for `kind`, or undefined when it evaluates nothing. `own`: whether
 * the schema's own unevaluated* counts (it does when the schema is applied by another one).
 */
function evaluator(schema: Schema, kind: Kind, own: boolean, ctx: CheckContext): Code | undefined {
  const key = `${kind}:${own}`;
  const known = ctx.evaluators.get(schema)?.get(key);
  if (known !== undefined) return known ?? undefined;
  // Named before its body is emitted, so a recursive schema refers to itself.
  const name = id(`u$${ctx.evaluatorCount++}`);
  if (!ctx.evaluators.has(schema)) ctx.evaluators.set(schema, new Map());
  ctx.evaluators.get(schema)!.set(key, name);
  const body = ctx.inFunction(() => evaluatorBody(schema, kind, own, ctx));
  if (body.text === "return false;") {
    ctx.evaluators.get(schema)!.set(key, null);
    return undefined;
  }
  const index = kind === "properties" ? "k" : "i";
  ctx.declarations.push(
    checkFunction(
      ctx,
      name,
      body,
      ["v", index, "mode"],
      { v: kind === "properties" ? code`Record<string, unknown>` : code`unknown[]`, k: code`string`, i: code`number` },
      code`boolean`,
    ),
  );
  return name;
}

function evaluatorBody(schema: Schema, kind: Kind, own: boolean, ctx: CheckContext): Code {
  const v = code`v`;
  const index = kind === "properties" ? code`k` : code`i`;
  const yes = code`return true;`;
  if (schema.ref !== undefined) {
    const target = evaluator(ctx.schemaOf(schema.ref), kind, true, ctx);
    return target ? code`return ${target}(v, ${index}, mode);` : code`return false;`;
  }
  const mine = kind === "properties" ? schema.unevaluatedProperties : schema.unevaluatedItems;
  if (own && mine) return yes;
  const out: Code[] = [];
  if (kind === "properties") {
    if (schema.additionalProperties !== undefined) return yes;
    const names = (schema.properties ?? []).map((p) => p.name);
    if (names.length > 0 && names.length <= 8)
      out.push(
        code`if (${join(
          names.map((n) => code`k === ${n}`),
          " || ",
        )}) return true;`,
      );
    else if (names.length > 8)
      out.push(code`if (${ctx.shared(code`new Set(${json(names)})`, "K")}.has(k)) return true;`);
    for (const p of schema.patternProperties ?? []) {
      const test = ctx.regexTest(p.pattern, code`k`);
      if (test) out.push(code`if (${test}) return true;`);
    }
  } else {
    if (schema.items) return yes;
    if (schema.prefixItems) out.push(code`if (i < ${schema.prefixItems.length}) return true;`);
    if (schema.contains) {
      const e = ctx.local("e");
      out.push(
        block(
          code`const ${e}${ctx.ann(code`ValidationIssue[]`)} = [];`,
          memberCall(schema.contains, "item", code`v[i]`, code`i`, e, ctx),
          code`if (${e}.length === 0) return true;`,
        ),
      );
    }
  }
  const always = (sub: Schema) => {
    const e = evaluator(sub, kind, true, ctx);
    if (e) out.push(code`if (${e}(v, ${index}, mode)) return true;`);
  };
  /** `sub`'s keys count when the value holds `sub` (its checks run into a list of their own). */
  const when = (sub: Schema, extra?: Schema) => {
    const e = evaluator(sub, kind, true, ctx);
    const e2 = extra ? evaluator(extra, kind, true, ctx) : undefined;
    if (!e && !e2) return;
    const list = ctx.local("a");
    const holds = checkSchema(sub, { v, rel: [], issues: list }, ctx);
    const either = join(
      [e ? code`${e}(v, ${index}, mode)` : code``, e2 ? code`${e2}(v, ${index}, mode)` : code``],
      " || ",
    );
    out.push(
      block(
        code`const ${list}${ctx.ann(code`ValidationIssue[]`)} = [];`,
        holds,
        code`if (${list}.length === 0 && (${either})) return true;`,
      ),
    );
  };
  for (const sub of schema.allOf ?? []) always(sub);
  for (const alt of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) when(alt);
  const c = schema.conditional;
  if (c) {
    // `if` evaluates when it holds, with `then`; `else` when it does not.
    when(c.if, c.then);
    if (c.else) {
      const e = evaluator(c.else, kind, true, ctx);
      if (e) {
        const list = ctx.local("a");
        out.push(
          block(
            code`const ${list}${ctx.ann(code`ValidationIssue[]`)} = [];`,
            checkSchema(c.if, { v, rel: [], issues: list }, ctx),
            code`if (${list}.length !== 0 && ${e}(v, ${index}, mode)) return true;`,
          ),
        );
      }
    }
  }
  if (kind === "properties")
    for (const dep of schema.dependentSchemas ?? []) {
      const e = evaluator(dep.schema, kind, true, ctx);
      if (e) out.push(code`if (hasOwn(v, ${dep.property}) && ${e}(v, k, mode)) return true;`);
    }
  out.push(code`return false;`);
  return lines(...out);
}
