// Generated code as a type. Emitters build JavaScript and TypeScript through the `code` tagged
// template: a `Code` value is pasted as it is, and anything else (a string, number or boolean from the
// spec) becomes a literal, so no name, key, pattern or message can break out of its place. Identifiers
// come only from `id`, which accepts nothing the naming pass would not produce.
import { identifier, literal } from "./escape.js";

const made = Symbol("code");

/** A piece of generated code. Only this module makes one from text. */
export interface Code {
  readonly [made]: true;
  readonly text: string;
}

function wrap(text: string): Code {
  return { [made]: true, text };
}

export type Interpolated = Code | string | number | boolean | null;

export function isCode(value: unknown): value is Code {
  return typeof value === "object" && value !== null && made in value;
}

/** A literal for a value from the spec: strings, booleans and null as JSON, finite numbers as written. */
function valueLiteral(value: Exclude<Interpolated, Code>): string {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`internal: ${value} has no literal`);
    return Object.is(value, -0) ? "-0" : String(value);
  }
  return literal(value);
}

/** Generated code: `Code` parts pasted, every other value as a literal. */
export function code(strings: TemplateStringsArray, ...values: Interpolated[]): Code {
  let text = strings[0]!;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    text += (isCode(value) ? value.text : valueLiteral(value)) + strings[i + 1]!;
  }
  return wrap(text);
}

/** An identifier made by the naming pass (or the emitter's own `prefix + number` names). */
export function id(name: string): Code {
  return wrap(identifier(name));
}

/** A dotted name (`Models.User`): each part an identifier. */
export function qualified(name: string): Code {
  return wrap(name.split(".").map(identifier).join("."));
}

/** Any JSON value as a literal (arrays and objects too). */
export function json(value: unknown): Code {
  return wrap(literal(value));
}

/** Pieces joined by `separator`, empty pieces dropped. */
export function join(parts: readonly Code[], separator: string): Code {
  // A loop, not map/filter/join: emitting a large spec joins millions of small pieces.
  let text = "";
  let first = true;
  for (const part of parts) {
    if (part.text === "") continue;
    text = first ? part.text : text + separator + part.text;
    first = false;
  }
  return wrap(text);
}

export const empty: Code = wrap("");

export function isEmpty(c: Code): boolean {
  return c.text === "";
}

/** Declarations separated by a blank line (empty ones dropped). */
export function paragraphs(...parts: Code[]): Code {
  return join(parts, "\n\n");
}

/** Statements on their own lines (empty ones dropped). */
export function lines(...statements: Code[]): Code {
  return join(statements, "\n");
}

/** Statements indented one level (a `case` body). */
export function indent(body: Code): Code {
  // Every line that is not empty, by its line break (as `/^(?=.)/gm` would, in one cheaper pass).
  const text = body.text;
  // Four spaces a level, as every file specforge writes.
  return wrap((text === "" || text[0] === "\n" ? "" : "    ") + text.replace(/\n(?=[^\n])/g, "\n    "));
}

/** A braced block, its statements indented one level. */
export function block(...statements: Code[]): Code {
  const body = lines(...statements);
  return wrap(body.text === "" ? "{}" : `{\n${indent(body).text}\n}`);
}

/**
 * Text another emitter produced through its own escaping (a type printed by type-text.ts, a JSDoc
 * comment from escape.ts): the one way in for such text, so every use is easy to find.
 */
export function verbatim(text: string): Code {
  return wrap(text);
}
