// Swagger 2.0 input: converted to OpenAPI 3.0 by @scalar/openapi-upgrader (maintained, pure, no I/O)
// after the original has been validated, so the rest of the pipeline sees one dialect. Messages
// about the converted document still point into the original file: `swaggerPointer` maps each
// OpenAPI 3 location back to where Swagger 2.0 writes it.
import { upgrade } from "@scalar/openapi-upgrader";
import { UserError } from "../errors.js";
import { type ParsedSource, pointerSegments, toPointer } from "./source.js";

export function convertSwagger2(document: Record<string, unknown>, source: ParsedSource): Record<string, unknown> {
  try {
    return upgrade(parametersFirst(structuredClone(document)), "3.0") as unknown as Record<string, unknown>;
  } catch (error) {
    throw new UserError(
      `the Swagger 2.0 document could not be converted to OpenAPI 3: ${error instanceof Error ? error.message : String(error)}`,
      source.locate("/swagger"),
    );
  }
}

/**
 * Each path item with its shared `parameters` before its operations: the upgrader moves a path-level
 * `in: body` parameter into the operations' request bodies only when it meets it first, so the same
 * document with its keys in another order would lose the body.
 */
function parametersFirst(document: Record<string, unknown>): Record<string, unknown> {
  const paths = document.paths;
  if (!paths || typeof paths !== "object") return document;
  for (const [key, item] of Object.entries(paths as Record<string, unknown>)) {
    if (!item || typeof item !== "object" || !("parameters" in item)) continue;
    const { parameters, ...rest } = item as Record<string, unknown>;
    (paths as Record<string, unknown>)[key] = { parameters, ...rest };
  }
  return document;
}

const COMPONENTS: Record<string, string> = {
  schemas: "definitions",
  parameters: "parameters",
  responses: "responses",
  securitySchemes: "securityDefinitions",
};

/** Where the Swagger 2.0 original writes what the converted document has at `pointer` (or its nearest parent). */
export function swaggerPointer(pointer: string): string {
  const s = pointerSegments(pointer);
  if (s[0] === "components" && s[1] !== undefined && COMPONENTS[s[1]])
    return toPointer([COMPONENTS[s[1]]!, ...s.slice(2)]);
  if (s[0] === "servers") return "/host";
  if (s[0] === "paths" && s.length > 3) {
    const operation = s.slice(0, 3);
    // A request body was a `body` or `formData` parameter.
    if (s[3] === "requestBody") return toPointer([...operation, "parameters"]);
    // A response's `content/<media type>/schema` was the response's `schema`.
    if (s[3] === "responses" && s[5] === "content") return toPointer([...operation, "responses", s[4]!, ...s.slice(7)]);
  }
  return pointer;
}

/** A view of the original source that locates pointers of the converted document. */
export function convertedSource(original: ParsedSource, converted: Record<string, unknown>): ParsedSource {
  return { display: original.display, value: converted, locate: (pointer) => original.locate(swaggerPointer(pointer)) };
}
