// types.ts: openapi-typescript's `paths`, `components` and `operations`, from the bundled document.
import openapiTS, { astToString } from "openapi-typescript";
import type { ApiModel } from "../model/index.js";
import { header } from "./header.js";

export async function emitTypes(model: ApiModel): Promise<string> {
  // openapi-typescript may rewrite what it is given; it gets its own copy.
  const document = structuredClone(model.document);
  qualifyDiscriminatorMappings(document, model);
  const ast = await openapiTS(document as never, { silent: true });
  return header(model, "Raw types of the API, by openapi-typescript: `paths`, `components`, `operations`.") + "\n" + nullSafeWithRequired(astToString(ast));
}

/**
 * openapi-typescript types `allOf: [Base, { required: [...] }]` as `WithRequired<Base, keys>`, whose
 * constraint `K extends keyof T` fails to compile (TS2344) when `Base` is nullable: `keyof (X | null)`
 * is `never`. The helper is redefined over `NonNullable<T>`; for non-null `T` it is the same type.
 */
const WITH_REQUIRED = "type WithRequired<T, K extends keyof T> = T & {\n    [P in K]-?: T[P];\n};";
const NULL_SAFE_WITH_REQUIRED = "type WithRequired<T, K extends keyof NonNullable<T>> = NonNullable<T> & {\n    [P in K]-?: NonNullable<T>[P];\n};";

function nullSafeWithRequired(text: string): string {
  if (!text.includes("type WithRequired<")) return text;
  if (!text.includes(WITH_REQUIRED)) throw new Error("internal: openapi-typescript's WithRequired helper changed; update emit/types.ts");
  return text.replace(WITH_REQUIRED, NULL_SAFE_WITH_REQUIRED);
}

/**
 * OpenAPI allows a discriminator mapping to name a component schema bare (`Cat`) instead of by `$ref`
 * (`#/components/schemas/Cat`); openapi-typescript only resolves the latter, so bare names are
 * qualified first. The model already checked that each name is a component schema.
 */
function qualifyDiscriminatorMappings(document: Record<string, unknown>, model: ApiModel): void {
  const components = new Set(model.schemas.map((s) => s.name));
  const stack: unknown[] = [document];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node || typeof node !== "object" || seen.has(node)) continue;
    seen.add(node);
    const mapping = (node as { discriminator?: { mapping?: unknown } }).discriminator?.mapping;
    if (mapping && typeof mapping === "object") {
      for (const [value, target] of Object.entries(mapping as Record<string, unknown>)) {
        if (typeof target === "string" && components.has(target) && !target.includes("/")) {
          (mapping as Record<string, string>)[value] = `#/components/schemas/${target.replace(/~/g, "~0")}`;
        }
      }
    }
    stack.push(...Object.values(node));
  }
}
