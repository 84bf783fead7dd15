// A readable text form of the model: what every emitter receives, for reviewers and for snapshot tests
// (test/model/print.test.ts keeps one per spec in specs/). One line per schema node, its keywords in a
// fixed order, its subschemas indented below it; references print as `→ Name` and are not expanded.
import type { ApiModel, Operation, Schema } from "./types.js";

/** Keywords printed on a schema's own line, in this order (subschemas go on lines of their own). */
const SCALARS = [
  "enum",
  "const",
  "format",
  "pattern",
  "date",
  "contentEncoding",
  "contentMediaType",
  "minLength",
  "maxLength",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "minItems",
  "maxItems",
  "uniqueItems",
  "minProperties",
  "maxProperties",
  "discriminator",
  "tags",
  "readOnly",
  "writeOnly",
  "deprecated",
  "default",
  "messages",
  "title",
  "description",
  "examples",
] as const satisfies readonly (keyof Schema)[];

const MAX_TEXT = 72;

/** JSON, cut to one short line (descriptions and examples can be long). */
function short(value: unknown): string {
  const text = JSON.stringify(value) ?? "undefined";
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

function scalarText(schema: Schema, key: (typeof SCALARS)[number]): string | undefined {
  const value = schema[key];
  if (value === undefined) return undefined;
  switch (key) {
    case "const":
    case "default":
      return `${key}=${short((value as { value: unknown }).value)}`;
    case "discriminator": {
      const d = schema.discriminator!;
      const explicit = new Set(d.explicit.map((m) => m.value));
      const mapping = d.mapping.map((m) => `${m.value}${explicit.has(m.value) ? "" : "?"}→${m.schema}`).join(", ");
      return `discriminator=${d.propertyName} {${mapping}}`;
    }
    case "tags":
      return `tags={${schema.tags!.map((t) => `${t.propertyName}: ${t.values.map((v) => JSON.stringify(v)).join(" | ")}`).join("; ")}}`;
    default:
      return value === true ? key : `${key}=${short(value)}`;
  }
}

function head(schema: Schema): string {
  const parts: string[] = [];
  if (schema.ref !== undefined) parts.push(`→ ${schema.ref}`);
  else parts.push(schema.types ? schema.types.join(" | ") : "any");
  for (const key of SCALARS) {
    const text = scalarText(schema, key);
    if (text !== undefined) parts.push(text);
  }
  if (schema.additionalProperties === false) parts.push("closed");
  return parts.join(" ");
}

function printSchema(schema: Schema, label: string, indent: string, lines: string[]): void {
  lines.push(`${indent}${label}${head(schema)}`);
  const inner = `${indent}  `;
  for (const p of schema.properties ?? [])
    printSchema(p.schema, `${JSON.stringify(p.name)}${p.required ? "" : "?"}: `, inner, lines);
  if (schema.additionalProperties) printSchema(schema.additionalProperties, "[key]: ", inner, lines);
  for (const [i, s] of (schema.prefixItems ?? []).entries()) printSchema(s, `[${i}]: `, inner, lines);
  if (schema.items) printSchema(schema.items, "[]: ", inner, lines);
  for (const key of ["allOf", "oneOf", "anyOf"] as const) {
    for (const [i, s] of (schema[key] ?? []).entries()) printSchema(s, `${key}[${i}]: `, inner, lines);
  }
  if (schema.not) printSchema(schema.not, "not: ", inner, lines);
}

function printOperation(op: Operation, lines: string[]): void {
  const { method, input, result, validator } = op.names;
  lines.push(`${op.operationId}: ${op.method} ${op.path}`);
  lines.push(`  names: method ${method}, input ${input}, result ${result}, validator ${validator.validate}`);
  if (op.tags.length > 0) lines.push(`  tags: ${op.tags.map((t) => JSON.stringify(t)).join(", ")}`);
  if (op.deprecated) lines.push("  deprecated");
  if (op.security) lines.push(`  security: ${short(op.security)}`);
  for (const p of op.parameters) {
    const style =
      p.style === undefined ? "" : ` style=${p.style}${p.explode === undefined ? "" : ` explode=${p.explode}`}`;
    printSchema(
      p.schema,
      `${p.in} ${JSON.stringify(p.name)} as ${p.key}${p.required ? "" : "?"}${style}: `,
      "  ",
      lines,
    );
  }
  if (op.body) {
    lines.push(`  body${op.body.required ? "" : "?"}`);
    for (const c of op.body.contents) printSchema(c.schema, `${c.mediaType}: `, "    ", lines);
  }
  for (const r of op.responses) {
    lines.push(`  response ${r.status}${r.contents.length === 0 ? " (no body)" : ""}`);
    for (const c of r.contents) printSchema(c.schema, `${c.mediaType}: `, "    ", lines);
  }
}

/** The model as text; the raw document (read only by the types emitter) is left out. */
export function printModel(model: ApiModel): string {
  const lines: string[] = [];
  lines.push(`api ${model.name} from ${model.source} (OpenAPI ${model.openapiVersion})`);
  lines.push(`info: ${JSON.stringify(model.info.title)} version ${JSON.stringify(model.info.version)}`);
  for (const s of model.servers) {
    const vars = s.variables
      .map((v) => `${v.name}=${JSON.stringify(v.default)}${v.enum ? ` of ${short(v.enum)}` : ""}`)
      .join(", ");
    lines.push(
      `server ${s.url}${vars ? ` {${vars}}` : ""}${s.description === undefined ? "" : ` ${short(s.description)}`}`,
    );
  }
  for (const s of model.securitySchemes) {
    const detail =
      s.type === "http" ? ` ${s.scheme}` : s.type === "apiKey" ? ` in ${s.in} ${JSON.stringify(s.paramName)}` : "";
    lines.push(`security scheme ${s.name}: ${s.type}${detail}`);
  }
  if (model.security.length > 0) lines.push(`security: ${short(model.security)}`);
  lines.push("", `schemas (${model.schemas.length})`);
  for (const n of model.schemas) {
    lines.push(`${JSON.stringify(n.name)} as type ${n.typeName}, ${n.validator.validate}, ${n.validator.standard}`);
    printSchema(n.schema, "", "  ", lines);
  }
  lines.push("", `operations (${model.operations.length})`);
  for (const op of model.operations) printOperation(op, lines);
  return `${lines.join("\n")}\n`;
}
