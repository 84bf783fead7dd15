// models.ts: a named type for every component schema, and an input and a result type per operation.
import { Project, type JSDocStructure, type OptionalKind } from "ts-morph";
import type { ApiModel, MediaContent, NamedSchema, Operation, Schema } from "../model/index.js";
import { commentText, identifier, propertyKey } from "./escape.js";
import { header } from "./header.js";
import { docText, objectMembers, typeText, type Member, type TypeNames } from "./type-text.js";

export function emitModels(model: ApiModel): string {
  const project = new Project({ useInMemoryFileSystem: true });
  const file = project.createSourceFile("models.ts", "", { overwrite: true });
  const byName = new Map(model.schemas.map((s) => [s.name, s.typeName]));
  const names: TypeNames = (component) => {
    const name = byName.get(component);
    if (name === undefined) throw new Error(`internal: no type for component schema "${component}"`);
    return identifier(name);
  };

  for (const named of model.schemas) addSchema(file, named, names);
  for (const op of model.operations) {
    addInput(file, op, names);
    addResult(file, op, names);
  }
  // The TypeScript formatter lays out nested object types; statements are then one blank line apart.
  file.formatText({ indentSize: 4, tabSize: 4, convertTabsToSpaces: true, ensureNewLineAtEndOfFile: true });
  const statements = file.getStatementsWithComments().map((s) => s.getText({ includeJsDocComments: true }));
  const body = statements.length > 0 ? statements.join("\n\n") + "\n" : "export {};\n";
  return header(model, "Named models of the API: one type per schema, and each operation's input and result.") + "\n" + body;
}

type File = ReturnType<Project["createSourceFile"]>;

function docs(text: string): OptionalKind<JSDocStructure>[] {
  return text === "" ? [] : [{ description: text }];
}

/** Plain object schemas become interfaces (readable, JSDoc per field); everything else a type alias. */
function addSchema(file: File, named: NamedSchema, names: TypeNames) {
  const { schema } = named;
  const isPlainObject =
    schema.ref === undefined &&
    !schema.allOf && !schema.oneOf && !schema.anyOf && !schema.enum && !schema.const &&
    (schema.types === undefined ? !!schema.properties : schema.types.length === 1 && schema.types[0] === "object") &&
    !!schema.properties?.length;
  const doc = docs(docText(schema));
  if (isPlainObject) {
    addInterface(file, named.typeName, doc, objectMembers(schema, names));
  } else {
    file.addTypeAlias({ name: identifier(named.typeName), isExported: true, docs: doc, type: typeText(schema, names) });
  }
}

function describeOperation(op: Operation): string {
  const lines = [`\`${commentText(op.operationId)}\`: ${op.method.toUpperCase()} ${commentText(op.path)}`];
  if (op.summary) lines.push(commentText(op.summary));
  return lines.join("\n");
}

function addInterface(file: File, name: string, doc: OptionalKind<JSDocStructure>[], members: Member[]) {
  file.addInterface({
    name: identifier(name),
    isExported: true,
    docs: doc,
    properties: members
      .filter((m) => m.key !== undefined)
      .map((m) => ({ name: m.key!, type: m.type, hasQuestionToken: m.optional, docs: docs(m.doc) })),
    indexSignatures: members
      .filter((m) => m.key === undefined)
      .map((m) => ({ keyName: "key", keyType: "string", returnType: m.type })),
  });
}

function addInput(file: File, op: Operation, names: TypeNames) {
  const members: Member[] = op.parameters.map((p) => {
    const lines = [p.description ? commentText(p.description) : "", `In: ${p.in} (\`${commentText(p.name)}\`).`];
    if (p.deprecated) lines.push("@deprecated");
    lines.push(docText({ ...p.schema, description: "" }));
    return { doc: lines.filter(Boolean).join("\n"), key: propertyKey(p.key), optional: !p.required, type: typeText(p.schema, names) };
  });
  if (op.body) {
    const doc = op.body.description ? commentText(op.body.description) : "The request body.";
    members.push({ doc, key: "body", optional: !op.body.required, type: contentType(op.body.contents, names) });
  }
  const doc = docs(`Input of ${describeOperation(op)}`);
  if (members.length === 0) {
    file.addTypeAlias({ name: identifier(op.names.input), isExported: true, docs: doc, type: "Record<string, never>" });
  } else {
    addInterface(file, op.names.input, doc, members);
  }
}

function addResult(file: File, op: Operation, names: TypeNames) {
  const success = op.responses.filter((r) => /^2(\d\d|XX)$/i.test(r.status));
  const chosen = success.length > 0 ? success : op.responses.filter((r) => r.status === "default");
  const types = chosen.map((r) => (r.contents.length === 0 ? "undefined" : contentType(r.contents, names)));
  const statuses = chosen.map((r) => r.status).join(", ");
  const type = types.length === 0 ? "unknown" : [...new Set(types)].join(" | ");
  const what = chosen.length === 0 ? "the spec declares no success answer" : `the body of a ${statuses} answer`;
  file.addTypeAlias({
    name: identifier(op.names.result),
    isExported: true,
    docs: docs(`Result of ${describeOperation(op)}: ${what}.`),
    type,
  });
}

/** The body type across media types: JSON-like bodies by schema, binary ones as Blob. */
function contentType(contents: MediaContent[], names: TypeNames): string {
  const types = contents.map((c) => (isBinary(c.mediaType, c.schema) ? "Blob" : typeText(c.schema, names)));
  const unique = [...new Set(types)];
  if (unique.length === 0) return "unknown";
  // `|` binds loosest, so members need no parentheses.
  return unique.join(" | ");
}

function isBinary(mediaType: string, schema: Schema): boolean {
  return schema.format === "binary" || /^(application\/octet-stream|image\/|audio\/|video\/)/.test(mediaType);
}

