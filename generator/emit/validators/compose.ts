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

/**
 * With a discriminator, the value's tag picks the schema to check first: a hint for speed and for the
 * issue to name, never a rule of its own (DESIGN: never stricter than the schema read as JSON
 * Schema). The tag is read only from an object; when it picks a schema the value holds, that is the
 * answer. When it picks none (absent, not a string, not mapped) or the picked schema refuses the
 * value, the `oneOf`/`anyOf` decide as JSON Schema says, and what they refuse is reported with the
 * picked schema's issues where there is one (so the message names the branch the tag meant).
 */
export function discriminated(schema: Schema, t: Target, ctx: CheckContext): Code {
  const { propertyName, mapping, defaultSchema } = schema.discriminator!;
  if (mapping.length === 0 && defaultSchema === undefined) return lines(...compositions(schema, t, ctx));
  const tag = ctx.local("tag");
  const hinted = ctx.local("h");
  const picked = ctx.local("picked");
  const all = ctx.local("all");
  const cases = mapping.map((m) =>
    lines(
      code`case ${m.value}:`,
      indent(lines(refCall(ctx.checkOf(m.schema), { ...t, issues: hinted }, ctx), code`break;`)),
    ),
  );
  const plain = compositions(schema, { ...t, issues: all }, ctx);
  return block(
    code`const ${tag} = isObject(${t.v}) ? ${t.v}[${propertyName}] : undefined;`,
    issueList(hinted, ctx),
    code`let ${picked} = true;`,
    code`switch (${tag}) ${block(
      ...cases,
      code`default:`,
      // 3.2's defaultMapping picks its schema for a tag that is absent or mapped to nothing.
      indent(
        defaultSchema === undefined
          ? code`${picked} = false;`
          : refCall(ctx.checkOf(defaultSchema), { ...t, issues: hinted }, ctx),
      ),
    )}`,
    code`if (!${picked} || ${hinted}.length !== 0) ${block(
      issueList(all, ctx),
      ...plain,
      code`if (${all}.length !== 0) ${t.issues}.push(...(${picked} ? ${hinted} : ${all}));`,
    )}`,
  );
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
