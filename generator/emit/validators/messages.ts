// Default messages of the validators: short, specific, consistent, never quoting the rejected value.
// A schema's `x-specforge-messages` (keyword -> message) replaces them with the API's own wording.
import type { Schema } from "../../model/index.js";

const FORMAT_NAMES: Record<string, string> = {
  email: "a valid email address",
  uuid: "a UUID",
  date: "a date (YYYY-MM-DD)",
  "date-time": "a date-time (RFC 3339, e.g. 2024-01-31T12:00:00Z)",
  time: "a time (RFC 3339, e.g. 12:00:00Z)",
  uri: "an absolute URI",
  "uri-reference": "a URI or relative reference",
  duration: "a duration (ISO 8601, e.g. P3DT4H)",
  ipv4: "an IPv4 address",
  ipv6: "an IPv6 address",
  byte: "base64-encoded",
  hostname: "a hostname",
};

const TYPE_NAMES: Record<string, string> = {
  string: "a string",
  number: "a number",
  integer: "an integer",
  boolean: "a boolean",
  null: "null",
  array: "an array",
  object: "an object",
};

function plural(n: number, one: string): string {
  return `${n} ${one}${n === 1 ? "" : "s"}`;
}

function shown(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

export function listOf(values: unknown[]): string {
  const head = values.slice(0, 10).map(shown).join(", ");
  return values.length > 10 ? `${head}, …` : head;
}

/** The message for `keyword` failing on `schema`. */
export function message(schema: Schema, keyword: string, detail?: unknown): string {
  const own = schema.messages?.[keyword];
  if (own !== undefined) return own;
  switch (keyword) {
    case "type":
      return `must be ${(detail as string[]).map((t) => TYPE_NAMES[t] ?? t).join(" or ")}`;
    case "required":
      return "is required";
    case "enum":
      return `must be one of: ${listOf(schema.enum ?? [])}`;
    case "const":
      return `must be ${shown(schema.const?.value)}`;
    case "format":
      return `must be ${FORMAT_NAMES[schema.format!] ?? `in the format "${schema.format}"`}`;
    case "pattern":
      return `must match the pattern ${schema.pattern}`;
    case "minLength":
      return `must be at least ${plural(schema.minLength!, "character")}`;
    case "maxLength":
      return `must be at most ${plural(schema.maxLength!, "character")}`;
    case "minimum":
      return `must be at least ${schema.minimum}`;
    case "maximum":
      return `must be at most ${schema.maximum}`;
    case "exclusiveMinimum":
      return `must be greater than ${schema.exclusiveMinimum}`;
    case "exclusiveMaximum":
      return `must be less than ${schema.exclusiveMaximum}`;
    case "multipleOf":
      return `must be a multiple of ${schema.multipleOf}`;
    case "minItems":
      return `must have at least ${plural(schema.minItems!, "item")}`;
    case "maxItems":
      return `must have at most ${plural(schema.maxItems!, "item")}`;
    case "uniqueItems":
      return "must not contain duplicate items";
    case "minProperties":
      return `must have at least ${plural(schema.minProperties!, "property")}`.replace("propertys", "properties");
    case "maxProperties":
      return `must have at most ${plural(schema.maxProperties!, "property")}`.replace("propertys", "properties");
    case "additionalProperties":
      return "is not allowed";
    case "writeOnly":
      return "is write-only: it is sent to the server and never returned";
    case "readOnly":
      return "is read-only: it is set by the server and cannot be sent";
    case "oneOf":
      return detail === "many"
        ? "must match exactly one of the allowed schemas, but matches several"
        : "must match exactly one of the allowed schemas";
    case "anyOf":
      return "must match at least one of the allowed schemas";
    case "not":
      return "must not match the excluded schema";
    case "date":
      return `must be a real date written ${schema.date!.layout}`;
    case "minAge":
      return `must be at least ${plural(schema.date!.minAge!, "year")} ago`;
    case "maxAge":
      return `must be at most ${plural(schema.date!.maxAge!, "year")} ago`;
    case "contentEncoding":
      return "must be base64-encoded";
    case "contentMediaType":
      return `must be ${schema.contentMediaType} data, base64-encoded`;
    case "unevaluatedProperties":
    case "unevaluatedItems":
      return "is not allowed";
    case "contains":
      return `must contain at least ${plural(schema.minContains ?? 1, "matching item")}`;
    case "maxContains":
      return `must contain at most ${plural(schema.maxContains!, "matching item")}`;
    case "dependentRequired":
      return `is required when ${shown(detail)} is present`;
    default:
      return `is invalid (${keyword})`;
  }
}
