// types.ts: openapi-typescript's `paths`, `components` and `operations`, from the bundled document.
import openapiTS, { astToString } from "openapi-typescript";
import type { ApiModel } from "../model/index.js";
import { header } from "./header.js";

export async function emitTypes(model: ApiModel): Promise<string> {
  // openapi-typescript may rewrite what it is given; it gets its own copy.
  const document = structuredClone(model.document);
  qualifyDiscriminatorMappings(document, model);
  const { hidden, restore } = hidePrototypeKeys(document);
  const ast = await openapiTS(hidden as never, { silent: true });
  return header(model, "Raw types of the API, by openapi-typescript: `paths`, `components`, `operations`.") + "\n" + restore(nullSafeWithRequired(astToString(ast)));
}

/**
 * openapi-typescript's document walker (from @redocly/openapi-core) looks keys up in plain objects,
 * so a property or schema named `hasOwnProperty`, `valueOf`, `toString`, ... finds Object.prototype's
 * function and crashes or is skipped. Such keys are handed over as unique identifiers (refs to them
 * rewritten too) and put back in the printed types, where both forms are plain identifiers.
 */
const PROTOTYPE_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype));

function hidePrototypeKeys(document: Record<string, unknown>): { hidden: unknown; restore: (text: string) => string } {
  const tokens = new Map<string, string>();
  const token = (key: string) => {
    let t = tokens.get(key);
    if (t === undefined) tokens.set(key, (t = `SpecforgeHiddenKey${tokens.size}x${key.replace(/\W/g, "")}`));
    return t;
  };
  const hideRef = (ref: string) => ref.replace(/(?<=\/)([^/]+)(?=\/|$)/g, (segment) => (PROTOTYPE_KEYS.has(segment) ? token(segment) : segment));
  const stack: { from: unknown; set: (v: unknown) => void }[] = [];
  let root: unknown;
  stack.push({ from: document, set: (v) => (root = v) });
  while (stack.length > 0) {
    const { from, set } = stack.pop()!;
    if (from === null || typeof from !== "object") {
      set(from);
    } else if (Array.isArray(from)) {
      const copy: unknown[] = new Array(from.length);
      set(copy);
      from.forEach((item, i) => stack.push({ from: item, set: (v) => (copy[i] = v) }));
    } else {
      const copy: Record<string, unknown> = {};
      set(copy);
      for (const [key, value] of Object.entries(from)) {
        const name = PROTOTYPE_KEYS.has(key) ? token(key) : key;
        const put = (v: unknown) => Object.defineProperty(copy, name, { value: v, enumerable: true, writable: true, configurable: true });
        // Values that name keys: refs, `required` lists, a discriminator's property and mapping targets.
        if (key === "$ref" && typeof value === "string") put(hideRef(value));
        else if (key === "required" && Array.isArray(value)) put(value.map((v) => (typeof v === "string" && PROTOTYPE_KEYS.has(v) ? token(v) : v)));
        else if (key === "propertyName" && typeof value === "string" && PROTOTYPE_KEYS.has(value)) put(token(value));
        else if (key === "mapping" && value && typeof value === "object" && !Array.isArray(value)) {
          put(Object.fromEntries(Object.entries(value).map(([k, v]) => [PROTOTYPE_KEYS.has(k) ? token(k) : k, typeof v === "string" ? hideRef(v) : v])));
        } else stack.push({ from: value, set: put });
      }
    }
  }
  const restore = (text: string) => {
    for (const [key, t] of tokens) text = text.split(t).join(key);
    return text;
  };
  return { hidden: root, restore };
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
