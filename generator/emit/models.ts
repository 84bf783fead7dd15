// models.ts: a named type for every component schema, and an input and a result type per operation.
// Declarations are built as ts-morph structures and added in one manipulation (adding them one by
// one re-parses the file each time, which is quadratic on large specs).
import {
  type InterfaceDeclarationStructure,
  type JSDocStructure,
  type OptionalKind,
  Project,
  StructureKind,
  type TypeAliasDeclarationStructure,
} from "ts-morph";
import type { ApiModel, NamedSchema, Operation, Schema } from "../model/index.js";
import { commentText, identifier, propertyKey } from "./escape.js";
import { header } from "./header.js";
import { contentType, docText, type Member, objectMembers, type TypeNames, tagValues, typeText } from "./type-text.js";

type Declaration = InterfaceDeclarationStructure | TypeAliasDeclarationStructure;

export function emitModels(model: ApiModel): string {
  const byName = new Map(model.schemas.map((s) => [s.name, s.typeName]));
  const names: TypeNames = (component) => {
    const name = byName.get(component);
    if (name === undefined) throw new Error(`internal: no type for component schema "${component}"`);
    return identifier(name);
  };
  const declarations: Declaration[] = model.schemas.map((named) => schemaDeclaration(named, names));
  for (const op of model.operations) declarations.push(inputDeclaration(op, names), resultDeclaration(op, names));

  const project = new Project({ useInMemoryFileSystem: true });
  const file = project.createSourceFile("models.ts", { statements: declarations }, { overwrite: true });
  // The TypeScript formatter lays out nested object types; statements are then one blank line apart.
  file.formatText({ indentSize: 4, tabSize: 4, convertTabsToSpaces: true, ensureNewLineAtEndOfFile: true });
  const statements = file.getStatementsWithComments().map((s) => s.getText({ includeJsDocComments: true }));
  const body = statements.length > 0 ? statements.join("\n\n") + "\n" : "export {};\n";
  return (
    header(model, "Named models of the API: one type per schema, and each operation's input and result.") + "\n" + body
  );
}

function docs(text: string): OptionalKind<JSDocStructure>[] {
  return text === "" ? [] : [{ description: text }];
}

function typeAlias(name: string, doc: string, type: string): TypeAliasDeclarationStructure {
  return { kind: StructureKind.TypeAlias, name: identifier(name), isExported: true, docs: docs(doc), type };
}

function interfaceOf(name: string, doc: string, members: Member[]): InterfaceDeclarationStructure {
  return {
    kind: StructureKind.Interface,
    name: identifier(name),
    isExported: true,
    docs: docs(doc),
    properties: members
      .filter((m) => m.key !== undefined)
      .map((m) => ({ name: m.key!, type: m.type, hasQuestionToken: m.optional, docs: docs(m.doc) })),
    indexSignatures: members
      .filter((m) => m.key === undefined)
      .map((m) => ({ keyName: "key", keyType: "string", returnType: m.type })),
  };
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
  const lines = [`\`${commentText(op.operationId)}\`: ${op.method.toUpperCase()} ${commentText(op.path)}`];
  if (op.summary) lines.push(commentText(op.summary));
  return lines.join("\n");
}

function inputDeclaration(op: Operation, names: TypeNames): Declaration {
  const members: Member[] = op.parameters.map((p) => {
    const lines = [p.description ? commentText(p.description) : "", `In: ${p.in} (\`${commentText(p.name)}\`).`];
    if (p.deprecated) lines.push("@deprecated");
    lines.push(docText({ ...p.schema, description: "" }));
    return {
      doc: lines.filter(Boolean).join("\n"),
      key: propertyKey(p.key),
      optional: !p.required,
      type: typeText(p.schema, names),
    };
  });
  if (op.body) {
    const doc = op.body.description ? commentText(op.body.description) : "The request body.";
    members.push({ doc, key: "body", optional: !op.body.required, type: contentType(op.body.contents, names) });
  }
  const doc = `Input of ${describeOperation(op)}`;
  return members.length === 0
    ? typeAlias(op.names.input, doc, "Record<string, never>")
    : interfaceOf(op.names.input, doc, members);
}

function resultDeclaration(op: Operation, names: TypeNames): Declaration {
  const success = op.responses.filter((r) => /^2(\d\d|XX)$/i.test(r.status));
  const chosen = success.length > 0 ? success : op.responses.filter((r) => r.status === "default");
  const types = chosen.map((r) => (r.contents.length === 0 ? "undefined" : contentType(r.contents, names)));
  const statuses = chosen.map((r) => r.status).join(", ");
  const type = types.length === 0 ? "unknown" : [...new Set(types)].join(" | ");
  const what = chosen.length === 0 ? "the spec declares no success answer" : `the body of a ${statuses} answer`;
  return typeAlias(op.names.result, `Result of ${describeOperation(op)}: ${what}.`, type);
}
