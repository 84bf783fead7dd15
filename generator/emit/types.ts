// types.ts: openapi-typescript's `paths`, `components` and `operations`, from the bundled document.
// One statement per schema: `components.schemas` entries are the models (`"simple-user":
// Models.SimpleUser`), so openapi-typescript converts only what is not a component schema. With
// `dates` the models hold `Date` where the JSON has strings: there types.ts keeps openapi-typescript's
// own JSON types of the component schemas.

// openapi-typescript builds its nodes with the `typescript` package: nodes handed to it come from there too.
import { availableParallelism } from "node:os";
import { isMainThread, Worker } from "node:worker_threads";
import type { SchemaObject, TransformNodeOptions } from "openapi-typescript";
import type * as TS from "typescript";
import { openapiTs, typescript } from "../commonjs.js";
import { type SourceLocation, UserError } from "../errors.js";
import { pointerSegments, toPointer } from "../load/pointer.js";
import type { ApiModel } from "../model/index.js";
import { arrayRecursive } from "../model/recursion.js";
import { literal } from "./escape.js";
import { header } from "./header.js";
import type { TypesRequest } from "./types-worker.js";

/** What types.ts is made from: the document and, from the model, the schemas on array loops. */
export interface TypesInput {
  document: Record<string, unknown>;
  /** Component schemas on a loop through array items (`arrayRecursive`); only where types.ts converts them. */
  arrayRecursive: string[];
  /** The spec as the header names it. */
  source: string;
  /**
   * The models' type names of the component schemas, in the document's order, and how types.ts
   * imports models.ts: its `components.schemas` entries are these. Absent with `dates`.
   */
  models?: { names: string[]; from: string };
}

/** How types.ts imports models.ts (`./models.js`), or undefined where it keeps its own schemas (`dates`). */
export type ModelsImport = string | undefined;

export function typesInput(model: ApiModel, models: ModelsImport): TypesInput {
  return { document: model.document, ...modelPart(model, models) };
}

/** What types.ts needs of the model beside the document (`finishTypes`). */
function modelPart(model: ApiModel, models: ModelsImport): Omit<TypesInput, "document"> {
  if (models === undefined) return { arrayRecursive: [...arrayRecursive(model.schemas)], source: model.source };
  return {
    arrayRecursive: [],
    source: model.source,
    models: { names: model.schemas.map((s) => s.typeName), from: models },
  };
}

export async function emitTypes(
  input: TypesInput,
  locate?: (pointer: string) => SourceLocation,
  { owned = false }: { owned?: boolean } = {},
): Promise<string> {
  return finishTypes(await rawTypes(input.document, locate, { owned, models: input.models !== undefined }), input);
}

/**
 * openapi-typescript's output for `document`: what types.ts needs of the document alone, so the types
 * worker starts it as soon as the spec is loaded, while the model is built (`finishTypes` adds the rest).
 */
export async function rawTypes(
  document: Record<string, unknown>,
  locate?: (pointer: string) => SourceLocation,
  { owned = false, models = false }: { owned?: boolean; models?: boolean } = {},
): Promise<string> {
  // openapi-typescript may rewrite what it is given; it gets its own copy (unless this one is ours:
  // a worker's, cloned on the way in). Component schemas that become models are not copied: it gets
  // a placeholder for each (`modelPlaceholders`), and refs are resolved in the document as it is.
  const { own, original } = models
    ? modelPlaceholders(document, owned)
    : { own: owned ? document : structuredClone(document), original: undefined };
  if (!models) discriminatedOwnProperties(own);
  readableAs31(own);
  inlineDeepRefs(own, original);
  qualifyDiscriminatorMappings(own);
  readableSchemas(own);
  const { hidden, restore } = hidePrototypeKeys(own);
  // openapi-typescript's own entry bundles with Redocly first, which adds an empty `components`.
  (hidden as Record<string, unknown>).components ??= {};
  const ots = openapiTs();
  let ast: TS.Node[];
  try {
    // Refs are resolved (for `allOf` members' `required`) in the document as written: openapi-typescript
    // hands over the hidden form of a ref, which `restore` turns back.
    const resolveIn = original && ((ref: string) => ots.resolveRef(original, restore(ref), { silent: true }));
    ast = ots.transformSchema(hidden, transformContext(hidden, resolveIn));
  } catch (error) {
    // What openapi-typescript refuses is a problem of the spec for the user to see, located where
    // openapi-typescript names a place.
    const message = (error as Error).message;
    const at = /at (#\/[^\s]*)/.exec(message)?.[1];
    throw new UserError(
      `openapi-typescript (types.ts) cannot read the spec: ${message}`,
      at && locate ? locate(decodeURIComponent(at.slice(1))) : undefined,
    );
  }
  return restore(nullSafeWithRequired(ots.astToString(ast)));
}

/**
 * What openapi-typescript, which reads OpenAPI 3.0 and 3.1, can say of a 3.2 document's additions: a
 * sequential media type's `itemSchema` is its content's type (each item, as 3.2 means it), and an
 * `in: querystring` parameter is a query parameter holding its content's schema. 3.2's `query` and
 * `additionalOperations` have no place in openapi-typescript's `paths` (the client, models and
 * validators have them).
 */
function readableAs31(document: Record<string, unknown>): void {
  const mediaTypes = (document.components as { mediaTypes?: Record<string, unknown> } | undefined)?.mediaTypes;
  const named = (ref: string): Record<string, unknown> | undefined => {
    const prefix = "#/components/mediaTypes/";
    const target = ref.startsWith(prefix)
      ? mediaTypes?.[pointerSegments(`/${ref.slice(prefix.length)}`)[0]!]
      : undefined;
    return target !== null && typeof target === "object" ? (target as Record<string, unknown>) : undefined;
  };
  const visit = (node: unknown, key: string | undefined, parentKey: string | undefined): unknown => {
    if (Array.isArray(node)) {
      for (const [i, item] of node.entries()) node[i] = visit(item, undefined, key);
      return node;
    }
    if (node === null || typeof node !== "object") return node;
    let object = node as Record<string, unknown>;
    if (parentKey === "content") {
      // A Media Type Object's $ref to 3.2's components.mediaTypes, which openapi-typescript does not
      // know: the media type written out in its place.
      const target = typeof object.$ref === "string" ? named(object.$ref) : undefined;
      if (target) object = { ...target };
      const item = object.itemSchema ?? object["x-oai-itemSchema"];
      if (object.schema === undefined && item !== undefined) object.schema = item;
    }
    if (parentKey === "parameters" && object.in === "querystring") {
      object.in = "query";
      const media = Object.values((object.content ?? {}) as Record<string, { schema?: unknown }>)[0];
      if (media?.schema !== undefined) {
        object.schema = media.schema;
        delete object.content;
      }
    }
    for (const [k, v] of Object.entries(object)) object[k] = visit(v, k, key);
    return object;
  };
  visit(document.paths, "paths", undefined);
  visit(document.webhooks, "webhooks", undefined);
  visit(document.components, "components", undefined);
}

/** types.ts from `rawTypes`'s text and what the model adds: the header, the models' names, the lazy recursive arrays. */
export function finishTypes(raw: string, input: Omit<TypesInput, "document">): string {
  const models = input.models;
  const text = models ? namedModels(raw, models.names) : lazyRecursiveArrays(raw, new Set(input.arrayRecursive));
  return (
    header(
      input,
      models
        ? "Raw types of the API, by openapi-typescript: `paths`, `components`, `operations`; `components.schemas` are the models."
        : "Raw types of the API, by openapi-typescript: `paths`, `components`, `operations`.",
    ) +
    "\n" +
    (models && models.names.length > 0 ? `import type * as Models from ${literal(models.from)};\n\n` : "") +
    text
  );
}

/** The key that marks a component schema's placeholder (`modelPlaceholders`); its value is the schema's index. */
const MODEL_KEY = "x-specforge-model";
/** How openapi-typescript prints a placeholder's type: this name and the index, on a line of its own. */
const MODEL_TOKEN = "SpecforgeModel";

/**
 * The document openapi-typescript is given where component schemas are models: each component schema
 * is a placeholder (`{ [MODEL_KEY]: index }`, printed as a token `namedModels` replaces), so it
 * converts only what is not a component schema; refs to them stay `components["schemas"]["X"]`. The
 * rest of the document is copied unless `owned` (what the passes below and openapi-typescript may
 * rewrite); `original` is the document as written, where refs resolve.
 */
function modelPlaceholders(
  document: Record<string, unknown>,
  owned: boolean,
): { own: Record<string, unknown>; original: Record<string, unknown> } {
  const components = document.components as Record<string, unknown> | undefined;
  const schemas = components?.schemas as Record<string, unknown> | undefined;
  if (!components || !schemas || typeof schemas !== "object")
    return { own: owned ? document : structuredClone(document), original: document };
  const placeholders: Record<string, unknown> = {};
  Object.keys(schemas).forEach((name, index) => {
    // Defined, not assigned: a schema named `__proto__` is a key like any other.
    Object.defineProperty(placeholders, name, {
      value: { [MODEL_KEY]: index },
      enumerable: true,
      writable: true,
      configurable: true,
    });
  });
  const rest = { ...document, components: { ...components, schemas: undefined } };
  const own = owned ? rest : structuredClone(rest);
  (own.components as Record<string, unknown>).schemas = placeholders;
  return { own, original: document };
}

/** Each placeholder's token (`modelPlaceholders`) becomes the model it stands for: `Models.SimpleUser`. */
function namedModels(raw: string, names: string[]): string {
  // A token is the whole type of a member line; a description holding the same text is on a JSDoc line.
  return raw.replace(
    new RegExp(`^( +[^ *].*: )${MODEL_TOKEN}(\\d+);$`, "gm"),
    (_line, start: string, index: string) => {
      const name = names[Number(index)];
      if (name === undefined) throw new Error(`internal: types.ts names model ${index} of ${names.length}`);
      return `${start}Models.${name};`;
    },
  );
}

/**
 * openapi-typescript's `transform` hook: a placeholder (`modelPlaceholders`) is printed as its token;
 * other schemas as `openTuples` says.
 */
function transform(schema: SchemaObject, options: TransformNodeOptions): TS.TypeNode | undefined {
  const index = (schema as Record<string, unknown>)[MODEL_KEY];
  if (typeof index === "number") return typescript().factory.createTypeReferenceNode(`${MODEL_TOKEN}${index}`);
  return openTuples(schema, options);
}

/**
 * Whether openapi-typescript can print a `$ref` as a type that exists: `#/components/<kind>/<name>`,
 * then only `properties/<name>` steps (which it reads as members; no name "properties"). A ref into
 * a schema's keywords (`.../oneOf/0`, `.../items`) or a parameter's `schema` becomes an indexed
 * access TypeScript rejects (TS2339 `Property 'oneOf' does not exist`), as real specs show (telstra,
 * nexmo).
 */
function indexable(ref: string, resolve: (segments: string[]) => unknown, models: boolean): boolean {
  if (!ref.startsWith("#")) return true;
  const segments = pointerSegments(ref);
  if (segments[0] !== "components" || segments.length < 3) return false;
  if (segments.length === 3) return true;
  // Where component schemas are models, what is inside one is not types.ts's to index.
  if (models && segments[1] === "schemas") return false;
  if (segments[1] !== "schemas" || (segments.length - 3) % 2 !== 0) return false;
  // openapi-typescript drops every `properties` segment, so a property named "properties" (azure's
  // `.../properties/properties/properties/provisioningState`) would vanish from the printed access.
  if (!segments.slice(3).every((segment, i) => (i % 2 === 0) === (segment === "properties"))) return false;
  // Each `properties` step is an indexed access on the type of the schema it steps out of: that
  // type must be the object itself, not `X | null` or a union (TS2339 on `{ ... } | null`), nor an
  // optional property's `X | undefined` (twinehealth.com's `.../relationships/properties/owner`).
  let holder: Record<string, unknown> | undefined;
  for (let end = 3; end < segments.length; end += 2) {
    const parent = resolve(segments.slice(0, end)) as Record<string, unknown> | undefined;
    if (!parent || typeof parent !== "object") return false;
    // Past the component, `parent` is a property of the previous step's schema: it must be required.
    if (holder && !(Array.isArray(holder.required) && holder.required.includes(segments[end - 1]))) return false;
    holder = parent;
    const types = parent.type;
    if (parent.nullable === true || (Array.isArray(types) && types.includes("null"))) return false;
    if (parent.oneOf !== undefined || parent.anyOf !== undefined || parent.$ref !== undefined) return false;
  }
  return true;
}

/**
 * Replaces every `$ref` openapi-typescript cannot index (see `indexable`) with a copy of what it
 * points at, so types.ts compiles where openapi-typescript's output alone does not. A copy that
 * leads back to the ref it came from (a definition containing itself, as codat's `pushOptionProperty`
 * does) cannot be written in place: its target becomes a schema of its own under
 * `components.schemas`, named after its pointer (`PushOption/definitions/pushOptionProperty`), and
 * every such ref points there. Refs resolve in `original` where given (the document as written, when
 * `document`'s component schemas are placeholders).
 */
function inlineDeepRefs(document: Record<string, unknown>, original?: Record<string, unknown>): void {
  const walk = (segments: string[]): unknown => {
    let node: unknown = original ?? document;
    for (const segment of segments) {
      if (node === null || typeof node !== "object") return undefined;
      node = (node as Record<string, unknown>)[segment];
    }
    return node;
  };
  const resolve = (ref: string): unknown => walk(pointerSegments(ref));
  const hoisted = new Map<string, string>();
  const hoist = (ref: string, target: Record<string, unknown>): string => {
    let name = hoisted.get(ref);
    if (name === undefined) {
      const components = (document.components ??= {}) as Record<string, unknown>;
      const schemas = (components.schemas ??= {}) as Record<string, unknown>;
      const base = pointerSegments(ref).slice(2).join("/");
      name = base;
      for (let i = 2; Object.hasOwn(schemas, name); i++) name = `${base} (${i})`;
      hoisted.set(ref, name);
      schemas[name] = structuredClone(target);
      stack.push({ node: schemas[name], inlining: new Set() });
    }
    return `#${toPointer(["components", "schemas", name])}`;
  };
  const stack: { node: unknown; inlining: ReadonlySet<string> }[] = [{ node: document, inlining: new Set() }];
  while (stack.length > 0) {
    const { node, inlining } = stack.pop()!;
    if (node === null || typeof node !== "object") continue;
    const record = node as Record<string, unknown>;
    for (const [key, child] of Object.entries(record)) {
      const ref = child && typeof child === "object" ? (child as { $ref?: unknown }).$ref : undefined;
      if (typeof ref === "string" && !indexable(ref, walk, original !== undefined)) {
        const target = resolve(ref);
        if (target === undefined || target === null || typeof target !== "object") continue;
        if (hoisted.has(ref) || inlining.has(ref)) {
          (child as Record<string, unknown>).$ref = hoist(ref, target as Record<string, unknown>);
          continue;
        }
        const { $ref: _ref, ...siblings } = child as Record<string, unknown>;
        const copy = structuredClone(target) as Record<string, unknown>;
        record[key] = Object.keys(siblings).length > 0 ? { allOf: [copy], ...siblings } : copy;
        stack.push({ node: record[key], inlining: new Set([...inlining, ref]) });
      } else stack.push({ node: child, inlining });
    }
  }
}

/**
 * Rewrites, to what means the same, two shapes openapi-typescript throws on:
 * - a boolean schema as an `allOf` member (it reads each member as an object: `"$ref" in item`):
 *   `true` becomes `{}` and `false` `{ not: {} }`;
 * - an `enum` on a `type: object` schema, whose values it reads as schemas (`Expected SchemaObject,
 *   received string`, mercedes-benz.com's configurator): the enum moves into an `allOf` member of
 *   its own, which it prints as the values' literal types, intersected with the object's.
 */
function readableSchemas(node: unknown): void {
  const stack = [node];
  while (stack.length > 0) {
    const current = stack.pop();
    if (current === null || typeof current !== "object") continue;
    if (Array.isArray(current)) {
      stack.push(...current);
      continue;
    }
    const record = current as Record<string, unknown>;
    if (Array.isArray(record.allOf))
      record.allOf = record.allOf.map((m) => (m === true ? {} : m === false ? { not: {} } : m));
    if (record.type === "object" && Array.isArray(record.enum)) {
      record.allOf = [...(Array.isArray(record.allOf) ? record.allOf : []), { enum: record.enum }];
      delete record.enum;
    }
    stack.push(...Object.values(record));
  }
}

/**
 * A schema containing itself through array items (`C: {type: array, items: {$ref: C}}`) prints as
 * `C: components["schemas"]["C"][]`, which TypeScript rejects (TS2502: referenced in its own type
 * annotation). Behind an interface (`interface SpecforgeItems0 extends Array<...> {}`) it is resolved
 * lazily and means the same, so such arrays in the members on these loops are moved behind one.
 */
function lazyRecursiveArrays(text: string, recursive: Set<string>): string {
  if (recursive.size === 0) return text;
  const refs = [...recursive].map((name) => `components["schemas"][${literal(name)}]`);
  const ts = typescript();
  const file = ts.createSourceFile("types.ts", text, ts.ScriptTarget.Latest, true);
  const components = file.statements.find(
    (s): s is TS.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === "components",
  );
  const schemas = components?.members.find(
    (m): m is TS.PropertySignature => ts.isPropertySignature(m) && m.name.getText(file) === "schemas",
  );
  if (!schemas?.type || !ts.isTypeLiteralNode(schemas.type))
    throw new Error("internal: openapi-typescript's components.schemas changed; update emit/types.ts");
  const edits: { start: number; end: number; name: string; declarations: string[] }[] = [];
  const visit = (node: TS.Node): void => {
    if (ts.isTypeLiteralNode(node)) return; // an object's members are resolved lazily already
    if (ts.isArrayTypeNode(node) || ts.isTupleTypeNode(node)) {
      const text = node.getText(file);
      if (refs.some((ref) => text.includes(ref))) {
        const name = `SpecforgeItems${edits.length}`;
        // An interface extends only a name: a tuple gets one first.
        const declarations = ts.isArrayTypeNode(node)
          ? [`interface ${name} extends Array<${node.elementType.getText(file)}> {}`]
          : [`type ${name}Tuple = ${text};`, `interface ${name} extends ${name}Tuple {}`];
        edits.push({ start: node.getStart(file), end: node.getEnd(), name, declarations });
        return;
      }
    }
    ts.forEachChild(node, visit);
  };
  for (const member of schemas.type.members) {
    if (!ts.isPropertySignature(member) || !member.type) continue;
    const name =
      ts.isIdentifier(member.name) || ts.isStringLiteral(member.name) ? member.name.text : member.name.getText(file);
    if (recursive.has(name)) visit(member.type);
  }
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start))
    out = out.slice(0, edit.start) + edit.name + out.slice(edit.end);
  const declarations = edits.flatMap((e) => e.declarations);
  return `${out.trimEnd()}\n/** Arrays of schemas that contain themselves through items: an interface lets TypeScript resolve them lazily. */\n${declarations.join("\n")}\n`;
}

/**
 * openapi-typescript prints `prefixItems` as a closed tuple of required elements (`[string, number]`),
 * but an element is required only up to `minItems`, and `items` (absent: anything) may follow the
 * prefix: the validators accept `[]` there, so the type must too: `[string?, number?, ...unknown[]]`.
 * Elements past `maxItems` cannot exist and are left out. Same rules as the models (type-text.ts).
 */
function openTuples(schema: SchemaObject, options: TransformNodeOptions): TS.TypeNode | undefined {
  const s = schema as {
    type?: unknown;
    prefixItems?: unknown;
    items?: unknown;
    minItems?: unknown;
    maxItems?: unknown;
  };
  if (s.type !== "array" || !Array.isArray(s.prefixItems)) return undefined;
  const ts = typescript();
  const { createRef, transformSchemaObject } = openapiTs();
  const f = ts.factory;
  const count = (n: unknown) => (typeof n === "number" && Number.isInteger(n) && n >= 0 ? n : undefined);
  const min = count(s.minItems) ?? 0;
  const max = count(s.maxItems);
  const prefix = (s.prefixItems as SchemaObject[]).slice(0, max);
  const at = (...segments: (string | number)[]) => ({
    ...options,
    path: createRef([options.path ?? "", ...segments.map(String)]),
  });
  const elements: TS.TypeNode[] = prefix.map((item, i) => {
    const type = transformSchemaObject(item, at("prefixItems", i));
    return i < min ? type : f.createOptionalTypeNode(type);
  });
  if (s.items !== false && (max === undefined || max > prefix.length)) {
    const rest =
      s.items === undefined || s.items === true
        ? f.createKeywordTypeNode(ts.SyntaxKind.UnknownKeyword)
        : transformSchemaObject(s.items as SchemaObject, at("items"));
    elements.push(f.createRestTypeNode(f.createArrayTypeNode(rest)));
  }
  return f.createTupleTypeNode(elements);
}

/**
 * openapi-typescript's document walker (from @redocly/openapi-core) looks keys up in plain objects,
 * so a property or schema named `hasOwnProperty`, `valueOf`, `toString`, ... finds Object.prototype's
 * function and crashes or is skipped. Such keys are handed over as unique identifiers (refs to them
 * rewritten too) and put back in the printed types, where both forms are plain identifiers.
 */
const PROTOTYPE_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype));

/**
 * The context openapi-typescript's `openapiTS()` builds, with the options specforge passes it. Refs
 * resolve in `schema` unless `resolveIn` is given (the document as written, where `schema` holds
 * placeholders).
 */
function transformContext(schema: unknown, resolveIn?: (ref: string) => unknown): unknown {
  const ots = openapiTs();
  const options = { silent: true, transform };
  return {
    additionalProperties: false,
    alphabetize: false,
    arrayLength: false,
    defaultNonNullable: true,
    discriminators: ots.scanDiscriminators(schema, options),
    emptyObjectsUnknown: false,
    enum: false,
    enumValues: false,
    conditionalEnums: false,
    dedupeEnums: false,
    excludeDeprecated: false,
    exportType: false,
    immutable: false,
    rootTypes: false,
    rootTypesNoSchemaPrefix: false,
    rootTypesKeepCasing: false,
    injectFooter: [],
    pathParamsAsTypes: false,
    postTransform: undefined,
    propertiesRequiredByDefault: false,
    redoc: undefined,
    silent: true,
    inject: undefined,
    transform,
    transformProperty: undefined,
    makePathsEnum: false,
    generatePathParams: false,
    readWriteMarkers: false,
    resolve: resolveIn ?? (($ref: string) => ots.resolveRef(schema, $ref, { silent: true })),
  };
}

function hidePrototypeKeys(document: Record<string, unknown>): { hidden: unknown; restore: (text: string) => string } {
  // Most specs have nothing to hide: then no copy (it cost 0.25 s and a second document's memory on Stripe).
  if (!needsHiding(document)) return { hidden: document, restore: (text) => text };
  const tokens = new Map<string, string>();
  const token = (key: string) => {
    let t = tokens.get(key);
    if (t === undefined) tokens.set(key, (t = `SpecforgeHiddenKey${tokens.size}x${key.replace(/\W/g, "")}`));
    return t;
  };
  // openapi-typescript turns an operationId into a JSON pointer and decodes it as a URI, so a `%`
  // in one throws (`%zz`) or changes it (`%41`): such ids are handed over as tokens too and put
  // back as quoted property keys and strings.
  const quoted = new Map<string, string>();
  const quotedToken = (id: string) => {
    let t = quoted.get(id);
    if (t === undefined) quoted.set(id, (t = `SpecforgeHiddenId${quoted.size}x`));
    return t;
  };
  const hideRef = (ref: string) =>
    ref.replace(/(?<=\/)([^/]+)(?=\/|$)/g, (segment) => (PROTOTYPE_KEYS.has(segment) ? token(segment) : segment));
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
      from.forEach((item, i) => {
        stack.push({ from: item, set: (v) => (copy[i] = v) });
      });
    } else {
      const copy: Record<string, unknown> = {};
      set(copy);
      for (const [key, value] of Object.entries(from)) {
        const name = PROTOTYPE_KEYS.has(key) ? token(key) : key;
        const put = (v: unknown) =>
          Object.defineProperty(copy, name, { value: v, enumerable: true, writable: true, configurable: true });
        // Defined now, in document order, and given its value when its turn on the stack comes:
        // redefining keeps a key's place, so openapi-typescript prints members in spec order.
        put(undefined);
        // Values that name keys: refs, `required` lists, a discriminator's property and mapping targets.
        if (key === "$ref" && typeof value === "string") put(hideRef(value));
        else if (key === "operationId" && typeof value === "string" && value.includes("%")) put(quotedToken(value));
        else if (key === "required" && Array.isArray(value))
          put(value.map((v) => (typeof v === "string" && PROTOTYPE_KEYS.has(v) ? token(v) : v)));
        else if (key === "propertyName" && typeof value === "string" && PROTOTYPE_KEYS.has(value)) put(token(value));
        else if (key === "mapping" && value && typeof value === "object" && !Array.isArray(value)) {
          put(
            Object.fromEntries(
              Object.entries(value).map(([k, v]) => [
                PROTOTYPE_KEYS.has(k) ? token(k) : k,
                typeof v === "string" ? hideRef(v) : v,
              ]),
            ),
          );
        } else stack.push({ from: value, set: put });
      }
    }
  }
  const restore = (text: string) => {
    for (const [key, t] of tokens) text = text.split(t).join(key);
    for (const [id, t] of quoted) text = text.split(`"${t}"`).join(literal(id)).split(t).join(literal(id));
    return text;
  };
  return { hidden: root, restore };
}

/**
 * Whether anything `hidePrototypeKeys` rewrites occurs: a key named like a member of Object.prototype,
 * such a name as a string (a `required` entry, a discriminator's property) or a segment of a ref or
 * mapping target, or an operationId with a `%`. Conservative: a false alarm only costs the copy.
 */
function needsHiding(document: unknown): boolean {
  const named = (text: string) =>
    PROTOTYPE_KEYS.has(text) || (text.includes("/") && text.split("/").some((s) => PROTOTYPE_KEYS.has(s)));
  const stack: unknown[] = [document];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node === "string") {
      if (named(node)) return true;
    } else if (Array.isArray(node)) {
      for (const item of node) stack.push(item);
    } else if (node !== null && typeof node === "object") {
      for (const key of Object.keys(node)) {
        if (PROTOTYPE_KEYS.has(key)) return true;
        const value = (node as Record<string, unknown>)[key];
        if (key === "operationId" && typeof value === "string" && value.includes("%")) return true;
        stack.push(value);
      }
    }
  }
  return false;
}

/**
 * openapi-typescript types `allOf: [Base, { required: [...] }]` as `WithRequired<Base, keys>`, whose
 * constraint `K extends keyof T` fails to compile (TS2344) when `Base` is nullable: `keyof (X | null)`
 * is `never`. The helper is redefined over `NonNullable<T>`; for non-null `T` it is the same type.
 */
const WITH_REQUIRED = "type WithRequired<T, K extends keyof T> = T & {\n    [P in K]-?: T[P];\n};";
const NULL_SAFE_WITH_REQUIRED =
  "type WithRequired<T, K extends keyof NonNullable<T>> = NonNullable<T> & {\n    [P in K]-?: NonNullable<T>[P];\n};";

function nullSafeWithRequired(text: string): string {
  if (!text.includes("type WithRequired<")) return text;
  if (!text.includes(WITH_REQUIRED))
    throw new Error("internal: openapi-typescript's WithRequired helper changed; update emit/types.ts");
  return text.replace(WITH_REQUIRED, NULL_SAFE_WITH_REQUIRED);
}

/**
 * OpenAPI allows a discriminator mapping to name a component schema bare (`Cat`) instead of by `$ref`
 * (`#/components/schemas/Cat`); openapi-typescript only resolves the latter, so bare names are
 * qualified first (the component schemas are the model's named schemas). The model already checked
 * that each name is a component schema.
 */
function qualifyDiscriminatorMappings(document: Record<string, unknown>): void {
  const schemas = (document.components as { schemas?: unknown } | undefined)?.schemas;
  const components = new Set(schemas && typeof schemas === "object" ? Object.keys(schemas) : []);
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

/**
 * A component schema extending a discriminated base through `allOf` (`allOf: [{ $ref: Base }]`,
 * Base with `discriminator: { propertyName: class }`) and not named in Base's mapping gets the tag
 * from openapi-typescript as a property of its own object type; when the schema declares that
 * property itself (apple.com's sirikit-cloud-media), the object type has it twice (TS2300 Duplicate
 * identifier). Its object keywords then move into an `allOf` member of their own, which means the
 * same (openapi-typescript applies the schema's `required` to its members).
 */
function discriminatedOwnProperties(document: Record<string, unknown>): void {
  const schemas = (document.components as { schemas?: unknown } | undefined)?.schemas;
  if (!schemas || typeof schemas !== "object") return;
  // The component a `$ref` names (`#/components/schemas/Base`), not a schema inside one.
  const byRef = (ref: unknown) => {
    const segments = typeof ref === "string" && ref.startsWith("#/") ? pointerSegments(ref) : [];
    return segments.length === 3 && segments[0] === "components" && segments[1] === "schemas"
      ? (schemas as Record<string, unknown>)[segments[2]!]
      : undefined;
  };
  for (const [name, schema] of Object.entries(schemas as Record<string, unknown>)) {
    if (!schema || typeof schema !== "object") continue;
    const record = schema as Record<string, unknown>;
    const properties = record.properties;
    if (!Array.isArray(record.allOf) || record.discriminator || !properties || typeof properties !== "object") continue;
    const self = `#${toPointer(["components", "schemas", name])}`;
    const clashes = record.allOf.some((member) => {
      const base = byRef((member as { $ref?: unknown } | null)?.$ref) as { discriminator?: unknown } | undefined;
      const d = base?.discriminator as { propertyName?: unknown; mapping?: Record<string, unknown> } | undefined;
      return (
        typeof d?.propertyName === "string" &&
        Object.hasOwn(properties, d.propertyName) &&
        !Object.values(d.mapping ?? {}).includes(self)
      );
    });
    if (!clashes) continue;
    const moved: Record<string, unknown> = {};
    for (const key of ["properties", "additionalProperties", "patternProperties"]) {
      if (key in record) {
        moved[key] = record[key];
        delete record[key];
      }
    }
    record.allOf = [...record.allOf, moved];
  }
}

/** openapi-typescript in a worker thread (types-worker.ts), started before it is needed. */
export interface TypesWorker {
  /**
   * Hands the worker the loaded document: openapi-typescript starts on it while the model is built.
   * `models`: how types.ts imports models.ts, whose types its component schemas are (`ModelsImport`).
   */
  begin(document: Record<string, unknown>, models: ModelsImport): void;
  /** types.ts for `model`; errors as `emitTypes` throws them, located on this thread. */
  run(model: ApiModel, locate?: (pointer: string) => SourceLocation): Promise<string>;
  /** Stops the worker if `run` was never called (a spec that failed to load). */
  close(): void;
}

/**
 * Starts the types worker when it can help: running from the build (not the TypeScript sources),
 * on the main thread (not inside a worker of a multi-API run, which already uses every core), with
 * more than one core. Otherwise undefined, and types.ts is emitted in turn. The main thread does not
 * load TypeScript at all then (commonjs.ts, runtime.ts), so the worker pays off on small specs too.
 */
export function startTypesWorker(): TypesWorker | undefined {
  if (!import.meta.url.endsWith(".js") || !isMainThread || availableParallelism() < 2) return undefined;
  if (process.env.SPECFORGE_THREADS === "1") return undefined;
  const worker = new Worker(new URL("./types-worker.js", import.meta.url));
  // A worker that fails before `run` (it cannot load openapi-typescript) is reported by `run`, not
  // as an unhandled error event.
  let failed: { error: unknown } | undefined;
  worker.on("error", (error) => {
    failed ??= { error };
  });
  let begun: { models: ModelsImport } | undefined;
  const begin = (document: Record<string, unknown>, models: ModelsImport) => {
    if (begun) return;
    begun = { models };
    worker.postMessage({ document, models: models !== undefined } satisfies TypesRequest);
  };
  return {
    close: () => void worker.terminate(),
    begin,
    run: (model, locate) =>
      new Promise<string>((resolve, reject) => {
        if (failed) return reject(failed.error);
        worker.once("error", reject);
        worker.once(
          "message",
          (reply: { text?: string; error?: { name: string; message: string; stack?: string; pointer?: string } }) => {
            void worker.terminate();
            if (reply.text !== undefined) return resolve(reply.text);
            const e = reply.error!;
            const error =
              e.name === "UserError"
                ? new UserError(e.message, e.pointer !== undefined && locate ? locate(e.pointer) : undefined)
                : Object.assign(new Error(e.message), { stack: e.stack });
            reject(error);
          },
        );
        // Only what types.ts needs of the model: its schemas' graph would be a large copy to send.
        if (!begun) return reject(new Error("internal: the types worker was never given the document"));
        worker.postMessage(modelPart(model, begun.models) satisfies TypesRequest);
      }),
  };
}
