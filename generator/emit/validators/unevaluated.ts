// unevaluatedProperties and unevaluatedItems: a member (or item) is "evaluated" when a keyword of the
// schema, or of a subschema that applies to the value, looked at it (JSON Schema 2020-12's annotation
// rules). Each schema gets an evaluator function, `u$N(v, k, mode): boolean`, built from its keywords:
// properties, patternProperties and additionalProperties (items, prefixItems and contains) directly;
// allOf members and `$ref` targets always; anyOf/oneOf alternatives and if/then/else branches when
// they hold for the value (their checks run into a list of their own); dependentSchemas when their
// property is present; a subschema's own unevaluated* evaluates everything. `not` evaluates nothing.
import { acceptsAnything, type Schema } from "../../model/index.js";
import { block, type Code, code, id, isEmpty, join, lines } from "../code.js";
import { checkFunction, checkSchema, fail, issueList, keyIn, memberCall, type Target, under } from "./checks.js";
import type { CheckContext } from "./context.js";
import { message } from "./messages.js";

type Kind = "properties" | "items";

/** What differs between the two keywords: the value's type, its keys, and how to loop over them. */
const KINDS = {
  properties: {
    keyword: "unevaluatedProperties",
    index: "k",
    valueType: code`Record<string, unknown>`,
    indexType: code`string`,
    is: (v: Code) => code`isObject(${v})`,
    loop: (v: Code, k: Code, body: Code) => code`for (const ${k} in ${v}) ${body}`,
    of: (s: Schema) => s.unevaluatedProperties,
  },
  items: {
    keyword: "unevaluatedItems",
    index: "i",
    valueType: code`unknown[]`,
    indexType: code`number`,
    is: (v: Code) => code`Array.isArray(${v})`,
    loop: (v: Code, i: Code, body: Code) => code`for (let ${i} = 0; ${i} < ${v}.length; ${i}++) ${body}`,
    of: (s: Schema) => s.unevaluatedItems,
  },
} as const;

/** The checks of `schema`'s own unevaluatedProperties / unevaluatedItems on the value `t.v`. */
export function unevaluatedChecks(schema: Schema, t: Target, ctx: CheckContext): Code {
  const out: Code[] = [];
  for (const kind of ["properties", "items"] as const) {
    const { keyword, index, is, loop, of } = KINDS[kind];
    const sub = of(schema);
    if (!sub) continue;
    const evaluated = evaluator(schema, kind, false, ctx);
    const k = ctx.local(index);
    // `false` (or `not: {}`) is the keyword's own failure; any other schema checks the member.
    const check =
      sub.not && acceptsAnything(sub.not)
        ? fail(ctx, { v: t.v, rel: [], issues: t.issues }, keyword, message(schema, keyword), [k])
        : memberCall(sub, "item", code`${t.v}[${k}]`, k, t.issues, ctx);
    if (isEmpty(check)) continue;
    const skip = evaluated ? code`if (${evaluated}(${t.v}, ${k}, mode)) continue;` : code``;
    out.push(code`if (${is(t.v)}) ${block(under(t, loop(t.v, k, block(skip, check)), ctx))}`);
  }
  return lines(...out);
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
  const { index, valueType, indexType } = KINDS[kind];
  ctx.declarations.push(
    checkFunction(ctx, name, body, ["v", index, "mode"], { v: valueType, [index]: indexType }, code`boolean`),
  );
  return name;
}

function evaluatorBody(schema: Schema, kind: Kind, own: boolean, ctx: CheckContext): Code {
  const v = code`v`;
  const index = id(KINDS[kind].index);
  const yes = code`return true;`;
  const call = (e: Code) => code`${e}(v, ${index}, mode)`;
  if (schema.ref !== undefined) {
    const target = evaluator(ctx.schemaOf(schema.ref), kind, true, ctx);
    return target ? code`return ${call(target)};` : code`return false;`;
  }
  if (own && KINDS[kind].of(schema)) return yes;
  const out: Code[] = [];
  if (kind === "properties") {
    if (schema.additionalProperties !== undefined) return yes;
    const declared = keyIn(
      index,
      (schema.properties ?? []).map((p) => p.name),
      ctx,
    );
    if (declared) out.push(code`if (${declared}) return true;`);
    for (const p of schema.patternProperties ?? []) {
      const test = ctx.regexTest(p.pattern, index);
      if (test) out.push(code`if (${test}) return true;`);
    }
  } else {
    if (schema.items) return yes;
    if (schema.prefixItems) out.push(code`if (i < ${schema.prefixItems.length}) return true;`);
    if (schema.contains) {
      const e = ctx.local("e");
      out.push(
        block(
          issueList(e, ctx),
          memberCall(schema.contains, "item", code`v[i]`, index, e, ctx),
          code`if (${e}.length === 0) return true;`,
        ),
      );
    }
  }
  for (const sub of schema.allOf ?? []) {
    const e = evaluator(sub, kind, true, ctx);
    if (e) out.push(code`if (${call(e)}) return true;`);
  }
  /**
   * What `evaluating` evaluates counts when the value holds `test` (`holds`) or fails it: `test`'s
   * checks run into a list of their own.
   */
  const when = (test: Schema, holds: boolean, evaluating: (Schema | undefined)[]) => {
    const calls = evaluating.flatMap((s) => {
      const e = s && evaluator(s, kind, true, ctx);
      return e ? [call(e)] : [];
    });
    if (calls.length === 0) return;
    const list = ctx.local("a");
    out.push(
      block(
        issueList(list, ctx),
        checkSchema(test, { v, rel: [], issues: list }, ctx),
        code`if (${list}.length ${holds ? code`===` : code`!==`} 0 && (${join(calls, " || ")})) return true;`,
      ),
    );
  };
  for (const alt of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) when(alt, true, [alt]);
  const c = schema.conditional;
  if (c) {
    // `if` evaluates when it holds, with `then`; `else` when it does not.
    when(c.if, true, [c.if, c.then]);
    when(c.if, false, [c.else]);
  }
  if (kind === "properties")
    for (const dep of schema.dependentSchemas ?? []) {
      const e = evaluator(dep.schema, kind, true, ctx);
      if (e) out.push(code`if (hasOwn(v, ${dep.property}) && ${call(e)}) return true;`);
    }
  out.push(code`return false;`);
  return lines(...out);
}
