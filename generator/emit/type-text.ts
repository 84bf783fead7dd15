// Prints a model schema as a TypeScript type expression, and its annotations as JSDoc text. Types
// are built as `Code` (code.ts): names come through `qualified` (code.ts), values through literals, nothing else.
import { isBinaryContent } from "../model/content.js";
import { acceptsAnything, type MediaContent, type Schema } from "../model/index.js";
import { type Code, code, join, json, qualified, verbatim } from "./code.js";
import { commentText, jsDoc, literal, propertyKey } from "./escape.js";

const INDENT = "    ";

/**
 * The identifier of a component schema, by its spec name (or a dotted name: `Models.User`). With
 * `dates`, a `format: date-time` string is typed `Date` (the `"dates": true` option).
 */
export type TypeNames = ((component: string) => string) & { dates?: boolean };

/** The JSDoc text (escaped, without the comment markers) describing a schema, or "". */
export function docText(schema: Schema): string {
  const lines: string[] = [];
  if (schema.title && !schema.description) lines.push(commentText(schema.title));
  if (schema.description) lines.push(commentText(schema.description));
  const tags: string[] = [];
  if (schema.deprecated) tags.push("@deprecated");
  if (schema.readOnly) tags.push("@readonly Set by the server; not sent in requests.");
  if (schema.writeOnly) tags.push("@writeonly Sent in requests; not returned.");
  if (schema.format) tags.push(`@format ${commentText(schema.format)}`);
  if (schema.default) tags.push(`@default ${commentText(literal(schema.default.value))}`);
  const example = schema.examples?.[0];
  if (schema.examples && example !== undefined) {
    const text = literal(example);
    if (text.length <= 200) tags.push(`@example ${commentText(text)}`);
  }
  return [...lines, ...tags].join("\n");
}

/** A printed type and how it binds: an atom, a union (`a | b`) or an intersection (`a & b`). */
interface Printed {
  text: Code;
  kind: "atom" | "union" | "intersection";
  /** A union's or an intersection's members, so nested ones of the same kind flatten. */
  parts?: Printed[];
}

const atom = (text: Code): Printed => ({ text, kind: "atom" });

const UNKNOWN = code`unknown`;
const NEVER = code`never`;

/** The type of `schema`, possibly spanning several lines (relative indentation). */
export function typeText(schema: Schema, names: TypeNames): string {
  return print(schema, names).text.text;
}

function print(schema: Schema, names: TypeNames): Printed {
  if (schema.ref !== undefined) return atom(qualified(names(schema.ref)));
  // `not: {}` (or the schema `false`): no value is valid.
  if (schema.not && acceptsAnything(schema.not)) return atom(NEVER);
  if (schema.const) return atom(json(schema.const.value));
  if (schema.enum) return union(schema.enum.map((v) => atom(json(v))));
  const parts: Printed[] = [];
  const own = ownType(schema, names);
  if (own !== undefined) parts.push(own);
  if (schema.allOf) parts.push(...schema.allOf.map((s) => print(s, names)));
  for (const list of [schema.oneOf, schema.anyOf]) {
    if (list) parts.push(union(list.map((s) => print(s, names))));
  }
  if (parts.length === 0) return atom(UNKNOWN);
  const result = intersection(parts);
  // `nullable` beside a composition still admits null.
  const typed = own === undefined && schema.types?.includes("null") ? union([result, atom(code`null`)]) : result;
  return schema.tags ? intersection([typed, atom(tagsType(schema.tags))]) : typed;
}

/**
 * The discriminator values a schema is held to, as `{ petType?: "cat" }`: optional, so intersected with
 * a base that requires the property it stays required, and with one that does not, it stays optional.
 */
function tagsType(tags: NonNullable<Schema["tags"]>): Code {
  const members = tags.map((tag) => code`${key(tag.propertyName)}?: ${verbatim(tagValues(tag.values))}`);
  return code`{ ${join(members, "; ")} }`;
}

export function tagValues(values: string[]): string {
  return join(
    values.map((v) => code`${v}`),
    " | ",
  ).text;
}

/** A property key: bare when it is an identifier, a string literal otherwise (escape.ts's rule). */
function key(name: string): Code {
  return verbatim(propertyKey(name));
}

/** The type the schema's own `type` keywords and members describe, if they describe one. */
function ownType(schema: Schema, names: TypeNames): Printed | undefined {
  const composed = !!(schema.allOf || schema.oneOf || schema.anyOf);
  const types = schema.types ?? schema.impliedTypes;
  if (!types) return composed ? undefined : atom(UNKNOWN);
  const plainObject = !schema.properties && schema.additionalProperties === undefined && !schema.patternProperties;
  if (composed && types.every((t) => t === "object" || t === "null") && plainObject) {
    return undefined; // `type: object` beside allOf/oneOf adds nothing to the type
  }
  return union(
    types.map((type) => {
      if (type === "integer" || type === "number") return atom(code`number`);
      if (type === "array") return atom(arrayType(schema, names));
      if (type === "object") return atom(verbatim(objectType(schema, names)));
      if (type === "string" && names.dates && schema.format === "date-time") return atom(code`Date`);
      return atom(PRIMITIVES[type]);
    }),
  );
}

const PRIMITIVES = { string: code`string`, boolean: code`boolean`, null: code`null` };

function arrayType(schema: Schema, names: TypeNames): Code {
  if (schema.prefixItems) {
    // An element is required only up to minItems; none exists past maxItems; `items` (absent:
    // anything, `false`: nothing) may follow the prefix. Same rules as types.ts (`openTuples`).
    const min = schema.minItems ?? 0;
    const prefix = schema.prefixItems.slice(0, schema.maxItems);
    const elements = prefix.map((s, i) => (i < min ? print(s, names).text : code`${grouped(print(s, names))}?`));
    const rest = schema.items ? print(schema.items, names) : atom(UNKNOWN);
    if (rest.text.text !== "never" && (schema.maxItems === undefined || schema.maxItems > prefix.length))
      elements.push(code`...${grouped(rest)}[]`);
    return code`[${join(elements, ", ")}]`;
  }
  return code`${grouped(schema.items ? print(schema.items, names) : atom(UNKNOWN))}[]`;
}

/** An object literal type; `additionalProperties` becomes an index signature. */
export function objectType(schema: Schema, names: TypeNames): string {
  const members = objectMembers(schema, names);
  if (members.length === 0)
    return schema.additionalProperties === false
      ? "Record<string, never>"
      : "{\n" + INDENT + "[key: string]: unknown;\n}";
  return "{\n" + members.map((m) => indentLines(memberText(m))).join("\n") + "\n}";
}

/** One member of an object type: a property, or the index signature (`key` undefined). */
export interface Member {
  /** JSDoc text (escaped), or "". */
  doc: string;
  /** The property key as written in code (already an identifier or a string literal). */
  key?: string;
  optional: boolean;
  type: string;
}

/** The members of an object type, in spec order, the index signature last. */
export function objectMembers(schema: Schema, names: TypeNames): Member[] {
  const members: Member[] = [];
  const propTypes: Printed[] = [];
  for (const prop of schema.properties ?? []) {
    // A required property that may hold anything holds any JSON value: `{} | null`, not `unknown`,
    // which would admit `undefined` and, beside an optional declaration (`allOf: [{city?: string},
    // {required: [city]}]`), leave it `string | undefined`.
    const type =
      prop.required && acceptsAnything(prop.schema)
        ? union([atom(code`{}`), atom(code`null`)])
        : print(prop.schema, names);
    propTypes.push(type);
    members.push({
      doc: docText(prop.schema),
      key: key(prop.name).text,
      optional: !prop.required,
      type: type.text.text,
    });
  }
  const extra = schema.additionalProperties;
  const patterns = schema.patternProperties ?? [];
  if ((extra !== undefined && extra !== false) || patterns.length > 0) {
    // An index signature for the members patternProperties and additionalProperties allow (open
    // beside patterns when additionalProperties is absent); it must admit every declared
    // property's type too.
    const others = extra === undefined ? [atom(UNKNOWN)] : extra === false ? [] : [print(extra, names)];
    const optional = schema.properties?.some((p) => !p.required) ? [atom(code`undefined`)] : [];
    members.push({
      doc: "",
      optional: false,
      type: union([...patterns.map((p) => print(p.schema, names)), ...others, ...propTypes, ...optional]).text.text,
    });
  }
  return members;
}

/** A member as a line (or lines, with its JSDoc) of an object type literal. */
export function memberText(member: Member): string {
  const doc = jsDoc(member.doc);
  const head = member.key === undefined ? "[key: string]" : `${member.key}${member.optional ? "?" : ""}`;
  return (doc ? doc + "\n" : "") + `${head}: ${member.type};`;
}

/** Every non-empty line of `text` one level deeper. */
export function indentLines(text: string): string {
  return text
    .split("\n")
    .map((line) => (line === "" ? line : INDENT + line))
    .join("\n");
}

/** Joins types with `|`, flattening nested unions and dropping repeats; `unknown` absorbs the rest. */
function union(parts: Printed[]): Printed {
  const flat = parts.flatMap((p) => (p.kind === "union" && p.parts ? p.parts : [p]));
  const seen = new Map<string, Printed>();
  for (const p of flat) if (!seen.has(p.text.text)) seen.set(p.text.text, p);
  const unique = [...seen.values()];
  if (unique.some((p) => p.text.text === "unknown")) return atom(UNKNOWN);
  if (unique.length === 0) return atom(NEVER);
  if (unique.length === 1) return unique[0]!;
  const text = join(
    unique.map((p) => (p.kind === "intersection" ? code`(${p.text})` : p.text)),
    " | ",
  );
  return { text, kind: "union", parts: unique };
}

function intersection(parts: Printed[]): Printed {
  if (parts.length === 1) return parts[0]!;
  const flat = parts.flatMap((p) => (p.kind === "intersection" && p.parts ? p.parts : [p]));
  return { text: join(flat.map(grouped), " & "), kind: "intersection", parts: flat };
}

/** Parenthesises a union or intersection so it can stand in an array or an intersection. */
function grouped(p: Printed): Code {
  return p.kind === "atom" ? p.text : code`(${p.text})`;
}

/** The body type across media types: JSON-like bodies by schema, binary ones as Blob. */
export function contentType(contents: MediaContent[], names: TypeNames): string {
  const types = contents.map((c) => (isBinaryContent(c) ? "Blob" : typeText(c.schema, names)));
  const unique = [...new Set(types)];
  // `|` binds loosest, so members need no parentheses.
  return unique.length === 0 ? "unknown" : unique.join(" | ");
}
