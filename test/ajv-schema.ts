// OpenAPI schemas as JSON Schema for ajv, the reference the validators are compared with
// (differential.test.ts, examples.test.ts): 3.0's dialect read as the design says (`nullable` as a
// union with null, boolean `exclusive*` as bounds), and the keywords ajv cannot take (a
// `discriminator`, `example`, extensions) left out, so the plain `oneOf`/`anyOf` decide.

type Raw = Record<string, any>;

/** OpenAPI 3.0 schema dialect -> JSON Schema as ajv reads it. */
export function toJsonSchema(node: unknown, v31: boolean): unknown {
  if (Array.isArray(node)) return node.map((n) => toJsonSchema(n, v31));
  if (!node || typeof node !== "object") return node;
  const out: Raw = {};
  for (const [key, value] of Object.entries(node as Raw)) {
    if (key.startsWith("x-") || key === "discriminator" || key === "example" || key === "xml" || key === "externalDocs")
      continue;
    out[key] =
      key === "properties" || key === "patternProperties"
        ? Object.fromEntries(Object.entries(value as Raw).map(([k, s]) => [k, toJsonSchema(s, v31)]))
        : toJsonSchema(value, v31);
  }
  if (!v31) {
    if (out.exclusiveMinimum === true) [out.exclusiveMinimum, out.minimum] = [out.minimum, undefined];
    else if (out.exclusiveMinimum === false) delete out.exclusiveMinimum;
    if (out.exclusiveMaximum === true) [out.exclusiveMaximum, out.maximum] = [out.maximum, undefined];
    else if (out.exclusiveMaximum === false) delete out.exclusiveMaximum;
    if (out.nullable === true && typeof out.type === "string") {
      out.type = [out.type, "null"];
      if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    } else if (out.nullable === true && out.type === undefined && (out.oneOf || out.anyOf || out.allOf)) {
      // Beside a composition without `type`: null or the composition.
      delete out.nullable;
      return { anyOf: [out, { type: "null" }] };
    }
    delete out.nullable;
  }
  // In 3.1 `nullable` is no keyword (ajv would read it as OpenAPI 3.0's and refuse it without `type`).
  delete out.nullable;
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out;
}
