// models.ts: a named type for every component schema, and an input and a result type per operation.
// Declarations are printed straight from the model's type text (type-text.ts), with members indented
// as TypeScript's formatter lays them out: no source file is built and re-parsed (on Stripe's spec
// that round trip through ts-morph and its formatter took 1.4-2 s of the 11 s run).
import type { ApiModel, NamedSchema, Operation, Schema } from "../model/index.js";
import { isSequential } from "../model/types.js";
import type { DateConverters } from "./dates.js";
import { commentText, identifier, jsDoc, propertyKey } from "./escape.js";
import { header } from "./header.js";
import {
  contentType,
  docText,
  indentLines,
  type Member,
  memberText,
  objectMembers,
  type TypeNames,
  tagValues,
  typeText,
} from "./type-text.js";

/** One declaration of models.ts: an interface (members) or a type alias (type text). */
type Declaration =
  | { kind: "interface"; name: string; doc: string; members: Member[] }
  | { kind: "alias"; name: string; doc: string; type: string };

export function emitModels(model: ApiModel, dates?: DateConverters): string {
  const byName = new Map(model.schemas.map((s) => [s.name, s.typeName]));
  const names: TypeNames = (component) => {
    const name = byName.get(component);
    if (name === undefined) throw new Error(`internal: no type for component schema "${component}"`);
    return identifier(name);
  };
  if (dates) names.dates = true;
  const declarations: Declaration[] = model.schemas.map((named) => schemaDeclaration(named, names));
  // With dates, an input takes a `Date` or its string wherever a date-time goes.
  const wrap = (schema: Schema, type: string) => (dates?.needs(schema) ? `${dates.inputName}<${type}>` : type);
  for (const op of model.operations) declarations.push(inputDeclaration(op, names, wrap), resultDeclaration(op, names));
  if (dates) {
    const name = identifier(dates.inputName);
    declarations.push({
      kind: "alias",
      name: `${name}<T>`,
      doc: "With `dates`: a model as a request takes it, every `Date` also accepted as its ISO string (the string is sent as it is).",
      type: `T extends Date ? Date | string : T extends readonly (infer U)[] ? ${name}<U>[] : T extends object ? { [K in keyof T]: ${name}<T[K]> } : T`,
    });
  }
  const body = declarations.length > 0 ? declarations.map(print).join("\n\n") + "\n" : "export {};\n";
  return (
    header(model, "Named models of the API: one type per schema, and each operation's input and result.") + "\n" + body
  );
}

function print(declaration: Declaration): string {
  const doc = jsDoc(declaration.doc);
  const code =
    declaration.kind === "interface"
      ? `export interface ${declaration.name} {\n${declaration.members.map((m) => indentLines(memberText(m))).join("\n")}\n}`
      : `export type ${declaration.name} = ${declaration.type};`;
  return doc ? `${doc}\n${code}` : code;
}

function typeAlias(name: string, doc: string, type: string): Declaration {
  return { kind: "alias", name: identifier(name), doc, type };
}

function interfaceOf(name: string, doc: string, members: Member[]): Declaration {
  // Index signatures after the properties, as before.
  const ordered = [...members.filter((m) => m.key !== undefined), ...members.filter((m) => m.key === undefined)];
  return { kind: "interface", name: identifier(name), doc, members: ordered };
}

/** Plain object schemas become interfaces (readable, JSDoc per field); everything else a type alias. */
function schemaDeclaration(named: NamedSchema, names: TypeNames): Declaration {
  const { schema } = named;
  const isPlainObject =
    schema.ref === undefined &&
    !schema.allOf &&
    !schema.oneOf &&
    !schema.anyOf &&
    !schema.enum &&
    !schema.const &&
    (schema.types === undefined ? !!schema.properties : schema.types.length === 1 && schema.types[0] === "object") &&
    !!schema.properties?.length;
  const doc = docText(schema);
  return isPlainObject
    ? interfaceOf(named.typeName, doc, tagged(objectMembers(schema, names), schema))
    : typeAlias(named.typeName, doc, typeText(schema, names));
}

/** An interface's members with its discriminator tags: the tag property's type narrowed, or added. */
function tagged(members: Member[], schema: Schema): Member[] {
  const out = [...members];
  for (const tag of schema.tags ?? []) {
    const key = propertyKey(tag.propertyName);
    const at = out.findIndex((m) => m.key === key);
    if (at === -1) out.push({ doc: "", key, optional: true, type: tagValues(tag.values) });
    else out[at] = { ...out[at]!, type: tagValues(tag.values) };
  }
  return out;
}

function describeOperation(op: Operation): string {
  const lines = [`\`${commentText(op.operationId)}\`: ${commentText(op.method)} ${commentText(op.path)}`];
  if (op.summary) lines.push(commentText(op.summary));
  return lines.join("\n");
}

function inputDeclaration(
  op: Operation,
  names: TypeNames,
  wrap: (schema: Schema, type: string) => string = (_, type) => type,
): Declaration {
  const members: Member[] = op.parameters.map((p) => {
    const lines = [p.description ? commentText(p.description) : "", `In: ${p.in} (\`${commentText(p.name)}\`).`];
    if (p.deprecated) lines.push("@deprecated");
    lines.push(docText({ ...p.schema, description: "" }));
    return {
      doc: lines.filter(Boolean).join("\n"),
      key: propertyKey(p.key),
      optional: !p.required,
      type: wrap(p.schema, typeText(p.schema, names)),
    };
  });
  if (op.body) {
    const doc = op.body.description ? commentText(op.body.description) : "The request body.";
    const type = contentType(op.body.contents, names);
    const needs = op.body.contents.find((c) => /json/i.test(c.mediaType))?.schema ?? op.body.contents[0]?.schema;
    members.push({ doc, key: "body", optional: !op.body.required, type: needs ? wrap(needs, type) : type });
  }
  const doc = `Input of ${describeOperation(op)}`;
  return members.length === 0
    ? typeAlias(op.names.input, doc, "Record<string, never>")
    : interfaceOf(op.names.input, doc, members);
}

function resultDeclaration(op: Operation, names: TypeNames): Declaration {
  const success = op.responses.filter((r) => /^2(\d\d|XX)$/i.test(r.status));
  const chosen = success.length > 0 ? success : op.responses.filter((r) => r.status === "default");
  // A stream (server-sent events, JSON lines, JSON text sequences) resolves with the raw Response,
  // its body unread: the streaming client reads it item by item.
  const types = chosen.flatMap((r) => {
    if (r.contents.length === 0) return ["undefined"];
    const read = r.contents.filter((c) => !isSequential(c.mediaType));
    return [
      ...(read.length > 0 ? [contentType(read, names)] : []),
      ...(read.length < r.contents.length ? ["Response"] : []),
    ];
  });
  const statuses = chosen.map((r) => r.status).join(", ");
  const type = types.length === 0 ? "unknown" : [...new Set(types)].join(" | ");
  const streams = chosen.flatMap((r) => r.contents.filter((c) => isSequential(c.mediaType)));
  const streamed = streams.map(
    (c) =>
      `; a ${commentText(c.mediaType)} answer is the raw \`Response\`, its body unread${c.itemSchema ? ` (each item: \`${commentText(typeText(c.itemSchema, names))}\`)` : ""}`,
  );
  const what =
    chosen.length === 0
      ? "the spec declares no success answer"
      : `the body of a ${statuses} answer${streamed.join("")}`;
  return typeAlias(op.names.result, `Result of ${describeOperation(op)}: ${what}.`, type);
}
