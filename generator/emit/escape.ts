// The ways a string from a spec may enter generated code. Every emitter and template uses these
// and nothing else, so no title, name, pattern or example can break out of its place.
import { isIdentifier } from "../model/names.js";

const LINE_SEPARATORS = /[\u2028\u2029]/;

/** A JavaScript string (or any JSON value) literal: JSON text with U+2028/U+2029 escaped. */
export function literal(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) return "undefined";
  return LINE_SEPARATORS.test(text) ? text.replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029") : text;
}

/** How a character is written inside a quoted literal when it cannot stand as itself. */
const ESCAPES: Record<string, string> = {
  "\\": "\\\\",
  "'": "\\'",
  "`": "\\`",
  "${": "\\${",
  "\u2028": "\\u2028",
  "\u2029": "\\u2029",
};

/**
 * A JSON value as a single-quoted string literal of its JSON text, for `JSON.parse(...)`: data the
 * user's type checker then reads as one string token instead of an object literal to type.
 */
export function jsonText(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new Error("internal: no JSON text for undefined");
  return `'${text.replace(/[\\'\u2028\u2029]/g, (c) => ESCAPES[c]!)}'`;
}

/**
 * A JSON value as a template literal of its JSON text, pretty-printed, its lines after the first
 * indented by `indent` (whitespace JSON ignores): readable data for `JSON.parse`, one token to the
 * user's type checker. JSON text has no raw line breaks inside its strings, so the literal's value is
 * that text exactly.
 */
export function jsonTemplate(value: unknown, indent: string): string {
  const text = JSON.stringify(value, null, 4);
  if (text === undefined) throw new Error("internal: no JSON text for undefined");
  return template(text.replace(/\n/g, `\n${indent}`));
}

/** A JSON array as a template literal of its JSON text, one element per line, indented by `indent`. */
export function jsonLinesTemplate(values: unknown[], indent: string): string {
  const lines = values.map((v, i) => `${indent}${JSON.stringify(v)}${i < values.length - 1 ? "," : ""}`);
  return template(values.length > 0 ? `[\n${lines.join("\n")}\n]` : "[]");
}

/** Text as a template literal whose value is that text exactly. */
function template(text: string): string {
  return `\`${text.replace(/[\\`\u2028\u2029]|\$\{/g, (c) => ESCAPES[c]!)}\``;
}

/** An identifier the naming pass produced; anything else is a bug and stops generation. */
export function identifier(name: string): string {
  if (!isIdentifier(name)) throw new Error(`internal: "${name}" is not an identifier`);
  return name;
}

/** A property key: bare when it is an identifier, a string literal otherwise. */
export function propertyKey(name: string): string {
  return isIdentifier(name) ? name : literal(name);
}

/**
 * Text for a block comment: no `*\/` can end it early, line breaks are `\n`, lines are trimmed on the
 * right, and leading/trailing blank lines are dropped.
 */
export function commentText(text: string): string {
  return text
    .replace(/\r\n?|[\u2028\u2029]/g, "\n")
    .replace(/\*\//g, "*\\/")
    .split("\n")
    .map((line) => line.replace(/\s+$/, ""))
    .join("\n")
    .replace(/^\n+|\n+$/g, "");
}

/** A JSDoc block from already-escaped lines, or "" when there is nothing to say. */
export function jsDoc(text: string): string {
  if (text === "") return "";
  const lines = text.split("\n");
  if (lines.length === 1) return `/** ${lines[0]} */`;
  return ["/**", ...lines.map((line) => (line === "" ? " *" : ` * ${line}`)), " */"].join("\n");
}
