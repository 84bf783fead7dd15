// Compositions: oneOf/anyOf (each alternative into its own issue list), discriminators, the tags a
// discriminator puts on its schemas, and `not`.
import type { Schema } from "../../model/index.js";
import { block, type Code, code, indent, isEmpty, join, lines } from "../code.js";
import { checkSchema, fail, issueList, refCall, type Target } from "./checks.js";
import type { CheckContext } from "./context.js";
import { message } from "./messages.js";

/** oneOf/anyOf: each alternative into its own list; report the one that fits by type, or the keyword. */
export function alternatives(
  schema: Schema,
  alts: Schema[],
  keyword: "oneOf" | "anyOf",
  t: Target,
  ctx: CheckContext,
): Code {
  const lists = alts.map(() => ctx.local("a"));
  const runs = alts.map((alt, i) =>
    lines(issueList(lists[i]!, ctx), checkSchema(alt, { v: t.v, rel: t.rel, issues: lists[i]! }, ctx)),
  );
  const ok = ctx.local("ok");
  const best = ctx.local("best");
  const none = block(
    code`const ${best} = bestAlternative([${join(lists, ", ")}], ${t.rel.length});`,
    code`if (${best}) ${t.issues}.push(...${best});`,
    code`else ${fail(ctx, t, keyword, message(schema, keyword))}`,
  );
  const verdict =
    keyword === "oneOf"
      ? code`if (${ok} === 0) ${none} else if (${ok} > 1) ${fail(ctx, t, "oneOf", message(schema, "oneOf", "many"))}`
      : code`if (${ok} === 0) ${none}`;
  const count = join(
    lists.map((l) => code`(${l}.length === 0 ? 1 : 0)`),
    " + ",
  );
  return block(...runs, code`const ${ok} = ${count};`, verdict);
}

/** The schema's `oneOf` and `anyOf` checked as JSON Schema says (without a discriminator's dispatch). */
export function compositions(schema: Schema, t: Target, ctx: CheckContext): Code[] {
  const out: Code[] = [];
  if (schema.oneOf) out.push(alternatives(schema, schema.oneOf, "oneOf", t, ctx));
  if (schema.anyOf) out.push(alternatives(schema, schema.anyOf, "anyOf", t, ctx));
  return out;
}

/** A schema selected by a discriminator holds its tag (when the property is there; `required` says if it must be). */
export function tagTest(
  schema: Schema,
  tag: { propertyName: string; values: string[] },
  t: Target,
  ctx: CheckContext,
): Code {
  const key = tag.propertyName;
  const tests = join(
    tag.values.map((value) => code`${t.v}[${key}] !== ${value}`),
    " && ",
  );
  const wrong = fail(ctx, t, "discriminator", message(schema, "discriminator", tag.values), [...t.rel, code`${key}`]);
  return code`if (isObject(${t.v}) && ${t.v}[${key}] !== undefined && ${tests}) ${wrong}`;
}

/**
 * With a discriminator, the value's tag picks the one schema to check. When an alternative is not a
 * schema the mapping selects (an inline schema, or an entry the model ignored), no tag can be refused:
 * a value whose tag selects nothing, or that is not an object, is checked against the alternatives as
 * oneOf/anyOf say (the discriminator is a hint).
 */
export function discriminated(schema: Schema, t: Target, ctx: CheckContext): Code {
  const { propertyName, mapping } = schema.discriminator!;
  const tag = ctx.local("tag");
  const cases = mapping.map((m) =>
    lines(code`case ${m.value}:`, indent(lines(refCall(ctx.checkOf(m.schema), t, ctx), code`break;`))),
  );
  const selected = new Set(mapping.map((m) => m.schema));
  const alts = [...(schema.oneOf ?? []), ...(schema.anyOf ?? [])];
  if (alts.some((alt) => alt.ref === undefined || !selected.has(alt.ref))) {
    const otherwise = compositions(schema, t, ctx);
    if (cases.length === 0) return lines(...otherwise);
    return block(
      code`const ${tag} = isObject(${t.v}) ? ${t.v}[${propertyName}] : undefined;`,
      code`switch (${tag}) ${block(...cases, code`default: ${block(...otherwise, code`break;`)}`)}`,
    );
  }
  const values = mapping.map((m) => m.value);
  const unknown = fail(ctx, t, "discriminator", message(schema, "discriminator", values), [
    ...t.rel,
    code`${propertyName}`,
  ]);
  const notObject = schema.types ? code`` : code` else ${fail(ctx, t, "type", message(schema, "type", ["object"]))}`;
  return code`if (isObject(${t.v})) ${block(
    code`const ${tag} = ${t.v}[${propertyName}];`,
    code`switch (${tag}) ${block(...cases, code`default:`, indent(unknown))}`,
  )}${notObject}`;
}

/** `not`: the excluded schema's checks into a list of their own, which must not come out empty. */
export function negation(schema: Schema, t: Target, ctx: CheckContext): Code {
  const tmp = ctx.local("n");
  return block(
    issueList(tmp, ctx),
    checkSchema(schema.not!, { v: t.v, rel: t.rel, issues: tmp }, ctx),
    code`if (${tmp}.length === 0) ${fail(ctx, t, "not", message(schema, "not"))}`,
  );
}

/** `if`/`then`/`else`: the `if` schema's checks into a list of their own, which picks the branch. */
export function conditional(rule: NonNullable<Schema["conditional"]>, t: Target, ctx: CheckContext): Code {
  const test = ctx.local("c");
  const branch = (s: Schema | undefined) => (s ? checkSchema(s, t, ctx) : code``);
  const then = branch(rule.then);
  const otherwise = branch(rule.else);
  if (isEmpty(then) && isEmpty(otherwise)) return code``;
  const decide = checkSchema(rule.if, { v: t.v, rel: t.rel, issues: test }, ctx);
  // `if: {}` (or true) always holds.
  if (isEmpty(decide)) return then;
  return block(
    issueList(test, ctx),
    decide,
    isEmpty(otherwise)
      ? code`if (${test}.length === 0) ${block(then)}`
      : isEmpty(then)
        ? code`if (${test}.length !== 0) ${block(otherwise)}`
        : code`if (${test}.length === 0) ${block(then)} else ${block(otherwise)}`,
  );
}
