// Letters of a document that break the specification where the intent is plain, read as meant before
// the document is validated, each with a located warning naming the rule and the fix (an error under
// --strict, as every warning). Every common generator reads them:
// - a path parameter with `required: false` or no `required` (a path parameter is always required);
// - a path template parameter (`/pets/{id}`) that no parameter of its operation declares: a string;
// - an operation without `responses` in 2.0 or 3.0 (3.1 made them optional): it answers anything,
//   its result `unknown`;
// - a component named outside [a-zA-Z0-9._-] (3.x): read as written.
// Swagger 2.0 and OpenAPI 3.x share these shapes (paths, parameters, responses).
import type { Warning } from "../errors.js";
import { pathItemOperations } from "../model/types.js";
import { pointerSegments, toPointer } from "./pointer.js";
import type { ParsedSource } from "./source.js";
import { isJsonSchema2020 } from "./versions.js";

type Raw = Record<string, unknown>;

const COMPONENT_NAME = /^[a-zA-Z0-9._-]+$/;

const isRecord = (v: unknown): v is Raw => typeof v === "object" && v !== null && !Array.isArray(v);

export function readAsMeant(document: Raw, source: ParsedSource): Warning[] {
  const warnings: Warning[] = [];
  const warn = (message: string, pointer: string) => warnings.push({ message, location: source.locate(pointer) });
  const swagger = document.swagger === "2.0";
  const v31 = typeof document.openapi === "string" && isJsonSchema2020(document.openapi);

  /** The parameter a `$ref` names inside this document, with its pointer; the object itself otherwise. */
  const resolve = (p: unknown, pointer: string): { value: unknown; pointer: string } => {
    if (isRecord(p) && typeof p.$ref === "string" && p.$ref.startsWith("#/")) {
      const segments = pointerSegments(p.$ref);
      const target = segments.reduce<unknown>((node, k) => (isRecord(node) ? node[k] : undefined), document);
      return { value: target, pointer: toPointer(segments) };
    }
    return { value: p, pointer };
  };

  const fixed = new Set<unknown>();
  const pathParameters = (list: unknown, pointer: string): string[] => {
    if (!Array.isArray(list)) return [];
    const names: string[] = [];
    list.forEach((entry, i) => {
      const { value: p, pointer: at } = resolve(entry, `${pointer}/${i}`);
      if (!isRecord(p) || p.in !== "path" || typeof p.name !== "string") return;
      names.push(p.name);
      if (p.required !== true && !fixed.has(p)) {
        fixed.add(p);
        warn(
          `path parameter "${p.name}" ${p.required === undefined ? "has no `required`" : `says \`required: ${JSON.stringify(p.required)}\``}: a path parameter is always required, and it is read so; write \`required: true\``,
          p.required === undefined ? at : `${at}/required`,
        );
        p.required = true;
      }
    });
    return names;
  };

  // Component names outside [a-zA-Z0-9._-], which 3.x requires (`My Schema`, `Foo<Bar>`): the output
  // makes an identifier of any name, so they are read as written.
  if (!swagger && isRecord(document.components))
    for (const [kind, map] of Object.entries(document.components)) {
      if (!isRecord(map) || kind.startsWith("x-")) continue;
      for (const name of Object.keys(map))
        if (!COMPONENT_NAME.test(name))
          warn(
            `component name "${name}" has characters outside [a-zA-Z0-9._-], which OpenAPI ${typeof document.openapi === "string" ? document.openapi.slice(0, 3) : "3.0"} requires of component names: read as written (the output names it with an identifier made of it); rename the component`,
            toPointer(["components", kind, name]),
          );
    }

  readInheritance(document);

  if (!isRecord(document.paths)) return warnings;
  for (const [route, item] of Object.entries(document.paths)) {
    if (!isRecord(item)) continue;
    const itemPointer = toPointer(["paths", route]);
    const shared = pathParameters(item.parameters, `${itemPointer}/parameters`);
    const templated = [...route.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
    for (const { at, method, raw: operation } of pathItemOperations(item, String(document.openapi ?? ""))) {
      if (!isRecord(operation)) continue;
      const opPointer = itemPointer + toPointer(at);
      const own = pathParameters(operation.parameters, `${opPointer}/parameters`);
      const missing = templated.filter((name) => !shared.includes(name) && !own.includes(name));
      if (missing.length > 0) {
        warn(
          `${method} ${route}: the path names ${missing.map((n) => `{${n}}`).join(", ")} but no parameter declares ${missing.length > 1 ? "them" : "it"}: read as ${missing.length > 1 ? "required string path parameters" : "a required string path parameter"}; declare ${missing.length > 1 ? "them" : "it"} under \`parameters\` (\`in: path\`, \`required: true\`)`,
          opPointer,
        );
        const added = missing.map((name) =>
          swagger
            ? { name, in: "path", required: true, type: "string" }
            : { name, in: "path", required: true, schema: { type: "string" } },
        );
        operation.parameters = [...(Array.isArray(operation.parameters) ? operation.parameters : []), ...added];
      }
      // OpenAPI 3.1 made `responses` optional; 2.0 and 3.0 require it.
      if (!v31 && !("responses" in operation)) {
        warn(
          `${method} ${route} has no \`responses\`, which every operation must have: read as answering anything (its result \`unknown\`); list the responses it sends`,
          opPointer,
        );
        // Any status, any body: the client parses what arrives by its media type.
        operation.responses = {
          default: swagger ? { description: "", schema: {} } : { description: "", content: { "*/*": { schema: {} } } },
        };
      }
    }
  }
  return warnings;
}

/**
 * The discriminator parent that lists its children in `oneOf`/`anyOf` while each child `allOf`s the
 * parent (`Animal: { discriminator, oneOf: [Dog, Cat] }`, `Dog: { allOf: [Animal, {...}] }`), the shape
 * springdoc and many Java tools emit. Read by the letter of JSON Schema it is a loop (a Dog must be an
 * Animal, which must be a Dog or a Cat, ...) that checks nothing; OpenAPI means inheritance: a Dog has
 * Animal's own fields, an Animal is one of its children. So each child's `allOf` entry that names the
 * parent is given the parent's own part, without its alternatives and discriminator: the types, the
 * validators, the mocks and `diff` then read what the document means. A valid document: no warning.
 */
function readInheritance(document: Raw): void {
  const schemas = isRecord(document.components) ? document.components.schemas : undefined;
  if (!isRecord(schemas)) return;
  for (const [parentName, parent] of Object.entries(schemas)) {
    if (!isRecord(parent) || !isRecord(parent.discriminator)) continue;
    const own = () => {
      const { oneOf: _o, anyOf: _a, discriminator: _d, ...rest } = parent;
      return structuredClone(rest);
    };
    const parentRef = `#${toPointer(["components", "schemas", parentName])}`;
    for (const branch of [...asArray(parent.oneOf), ...asArray(parent.anyOf)]) {
      if (!isRecord(branch) || typeof branch.$ref !== "string") continue;
      // A component schema itself (`#/components/schemas/Dog`), not a place inside one.
      const [c, s, name, ...inside] = pointerSegments(branch.$ref);
      if (c !== "components" || s !== "schemas" || name === undefined || inside.length > 0) continue;
      const child = schemas[name];
      if (!isRecord(child) || child === parent || !Array.isArray(child.allOf)) continue;
      child.allOf = child.allOf.map((entry) =>
        isRecord(entry) && entry.$ref === parentRef && Object.keys(entry).length === 1 ? own() : entry,
      );
    }
  }
}

const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
