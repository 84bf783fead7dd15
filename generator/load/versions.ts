// What the OpenAPI versions specforge reads mean for the rest of the pipeline.

/** OpenAPI 3.1 and 3.2 read Schema Objects as JSON Schema 2020-12; 3.0 (and 2.0, converted) as their draft-4 subset. */
export function isJsonSchema2020(version: string): boolean {
  return version.startsWith("3.1") || version.startsWith("3.2");
}

/** A full version to suggest for `openapi: "3.x"` written without its patch. */
export const LATEST_PATCH: Readonly<Record<string, string>> = { "3.0": "3.0.4", "3.1": "3.1.1", "3.2": "3.2.0" };
