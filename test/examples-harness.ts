// Every JSON example a document gives (a media type's `example` and `examples`, `components/examples`
// through their refs, schemas' own `example`/`examples` at any depth, parameters' examples) through the generated validators
// and through ajv over the same document (test/ajv-schema.ts: 3.0 `nullable` as a union with null,
// boolean `exclusive*` as bounds, the discriminator left to the plain oneOf/anyOf), for
// test/examples.test.ts and bench/examples.ts. Refusals of readOnly members in requests and writeOnly
// ones in answers are the contract's own and counted apart; where ajv is the stricter one (a format it
// knows and specforge does not check) it is information. A Swagger 2.0 document's nested examples are
// not compared (it is generated from its own text, not from the 3.0 conversion the pointers name).
import fs from "node:fs/promises";
import { Ajv } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import formats from "ajv-formats";
import { loadSpec } from "../generator/load/index.js";
import type { ApiModel } from "../generator/model/index.js";
import { toJsonSchema } from "./ajv-schema.js";
import { loadValidators } from "./helpers.js";

type Raw = Record<string, any>;
export type Result = { ok: boolean; issues?: { path: (string | number)[]; code: string; message: string }[] };

const escapeSegment = (segment: string) => segment.replace(/~/g, "~0").replace(/\//g, "~1");

/** The node at a JSON pointer of `doc`. */
function at(doc: Raw, pointer: string): unknown {
  return pointer
    .slice(1)
    .split("/")
    .reduce((n: Raw | undefined, k) => n?.[k.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
}

function resolve(doc: Raw, node: unknown): unknown {
  let current = node;
  for (let hops = 0; hops < 16; hops++) {
    const ref = (current as Raw | null)?.$ref;
    if (typeof ref !== "string" || !ref.startsWith("#/")) return current;
    current = ref
      .slice(2)
      .split("/")
      .reduce((n: Raw | undefined, k) => n?.[k.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
  }
  return current;
}

/** A media type's examples: `example`, and each `examples` entry's `value` (through its ref). */
function mediaExamples(doc: Raw, media: Raw): [string, unknown][] {
  const out: [string, unknown][] = [];
  if (media.example !== undefined) out.push(["example", media.example]);
  for (const [name, entry] of Object.entries((media.examples ?? {}) as Raw)) {
    const example = resolve(doc, entry) as Raw | undefined;
    if (example && "value" in example) out.push([`examples/${name}`, example.value]);
  }
  return out;
}

export interface Verdicts {
  compared: number;
  agreed: number;
  /** ajv accepts, a validator refuses: failures. */
  refused: string[];
  /** Refused for a readOnly member in a request or a writeOnly one in an answer: the contract's. */
  contract: number;
  /** ajv refuses, the validators accept: information. */
  lenient: string[];
}

/** Every example of `file` through its validators and through ajv. */
/** The keywords whose values are subschemas (one, a list, or a map of them). */
const ONE = ["additionalProperties", "items", "not", "if", "then", "else", "contains", "propertyNames"];
const LIST = ["allOf", "anyOf", "oneOf", "prefixItems"];
const MAP = ["properties", "patternProperties", "dependentSchemas"];

/**
 * The examples inside schemas (a member's, an item's, an inline body schema's: any schema but a
 * component's root, whose examples `examplesOf` reads from its validator) and parameters' examples,
 * each with the pointer of the schema it documents.
 */
function nestedExamples(doc: Raw, v31: boolean): { pointer: string; examples: unknown[] }[] {
  const found: { pointer: string; examples: unknown[] }[] = [];
  const schema = (node: unknown, pointer: string, root: boolean) => {
    if (!node || typeof node !== "object" || Array.isArray(node) || "$ref" in node) return;
    const s = node as Raw;
    const examples = [...("example" in s ? [s.example] : []), ...(v31 && Array.isArray(s.examples) ? s.examples : [])];
    if (!root && examples.length > 0) found.push({ pointer, examples });
    for (const key of ONE) if (key in s) schema(s[key], `${pointer}/${key}`, false);
    for (const key of LIST)
      if (Array.isArray(s[key])) for (const [i, sub] of s[key].entries()) schema(sub, `${pointer}/${key}/${i}`, false);
    for (const key of MAP)
      for (const [name, sub] of Object.entries((s[key] ?? {}) as Raw))
        schema(sub, `${pointer}/${key}/${escapeSegment(name)}`, false);
  };
  const media = (content: unknown, pointer: string) => {
    for (const [type, m] of Object.entries((content ?? {}) as Raw))
      schema((m as Raw)?.schema, `${pointer}/${escapeSegment(type)}/schema`, false);
  };
  const parameter = (p: Raw | undefined, at: string) => {
    if (!p || typeof p !== "object" || "$ref" in p || !p.schema) return;
    const examples = [
      ...("example" in p ? [p.example] : []),
      ...Object.values((p.examples ?? {}) as Raw)
        .map((e) => resolve(doc, e) as Raw)
        .filter((e) => e && "value" in e)
        .map((e) => e.value),
    ];
    if (examples.length > 0 && !("$ref" in p.schema)) found.push({ pointer: `${at}/schema`, examples });
    schema(p.schema, `${at}/schema`, true);
  };
  const parameters = (list: unknown, pointer: string) => {
    if (Array.isArray(list)) for (const [i, p] of list.entries()) parameter(p as Raw, `${pointer}/${i}`);
  };
  for (const [name, s] of Object.entries((doc.components?.schemas ?? {}) as Raw))
    schema(s, `/components/schemas/${escapeSegment(name)}`, true);
  for (const [name, p] of Object.entries((doc.components?.parameters ?? {}) as Raw))
    parameter(p as Raw, `/components/parameters/${escapeSegment(name)}`);
  for (const [path, item] of Object.entries((doc.paths ?? {}) as Raw)) {
    const at = `/paths/${escapeSegment(path)}`;
    parameters((item as Raw)?.parameters, `${at}/parameters`);
    for (const [method, op] of Object.entries((item ?? {}) as Raw)) {
      if (!op || typeof op !== "object" || Array.isArray(op)) continue;
      parameters((op as Raw).parameters, `${at}/${method}/parameters`);
      media((op as Raw).requestBody?.content, `${at}/${method}/requestBody/content`);
      for (const [status, r] of Object.entries(((op as Raw).responses ?? {}) as Raw))
        media((r as Raw)?.content, `${at}/${method}/responses/${status}/content`);
    }
  }
  return found;
}

export async function examplesOf(file: string): Promise<Verdicts> {
  // The document as the generator reads it (bundled, and converted to 3.0 from Swagger 2.0), with a
  // component naming each schema that documents an example inside another (`SpecforgeExample0:
  // { $ref: "#/components/schemas/User/properties/email" }`), so that it has a validator of its own.
  // A Swagger 2.0 document is generated from its own text (its 3.0 conversion is not a document the
  // generator would be given), so its nested examples are not compared.
  const loaded = await loadSpec(file);
  const swagger = /^\s*["']?swagger["']?\s*:/m.test(await fs.readFile(file, "utf8"));
  const v31 = loaded.version.startsWith("3.1");
  const doc = structuredClone(loaded.document) as Raw;
  const nested = swagger ? [] : nestedExamples(doc, v31);
  doc.components ??= {};
  doc.components.schemas ??= {};
  for (const [i, { pointer }] of nested.entries())
    doc.components.schemas[`SpecforgeExample${i}`] = { $ref: `#${pointer}` };
  const source = swagger ? await fs.readFile(file, "utf8") : JSON.stringify(doc);
  const { module, model } = (await loadValidators(source, { typecheck: false })) as {
    module: Record<string, (...args: unknown[]) => Result>;
    model: ApiModel;
  };
  const options = { strict: false, allErrors: false, logger: false as const, validateFormats: true };
  const ajv = v31 ? new Ajv2020(options) : new Ajv(options);
  formats.default(ajv);
  ajv.addSchema({ ...(toJsonSchema(doc, v31) as Raw), $id: "doc" });
  const verdicts: Verdicts = { compared: 0, agreed: 0, refused: [], contract: 0, lenient: [] };
  /** A schema of the document as ajv compiles it on its own: its refs into the document named. */
  const inDoc = (node: unknown): unknown =>
    Array.isArray(node)
      ? node.map(inDoc)
      : node && typeof node === "object"
        ? Object.fromEntries(
            Object.entries(node).map(([k, v]) => [
              k,
              k === "$ref" && typeof v === "string" && v.startsWith("#") ? `doc${v}` : inDoc(v),
            ]),
          )
        : node;
  /** `contract`: the issue code of the contract's own refusal there (readOnly in requests, writeOnly in answers). */
  const judge = (where: string, schema: unknown, value: unknown, ours: Result, contract?: "readOnly" | "writeOnly") => {
    const theirs = ajv.compile(inDoc(toJsonSchema(schema, v31)) as Raw)(value) as boolean;
    verdicts.compared++;
    if (ours.ok === theirs) verdicts.agreed++;
    else if (theirs && contract && ours.issues?.every((i) => i.code === contract)) verdicts.contract++;
    else if (theirs) verdicts.refused.push(`${where}: ${JSON.stringify(ours.issues?.slice(0, 2))}`);
    else verdicts.lenient.push(where);
  };
  const synthetic = new Map(nested.map((n, i) => [`SpecforgeExample${i}`, n]));
  for (const s of model.schemas) {
    const inside = synthetic.get(s.name);
    if (inside) {
      const validate = module[s.validator.validate];
      for (const example of inside.examples)
        if (validate) judge(`${inside.pointer} (example)`, at(doc, inside.pointer), example, validate(example));
      continue;
    }
    const raw = resolve(doc, doc.components.schemas[s.name]) as Raw;
    const examples = [...(raw?.example !== undefined ? [raw.example] : []), ...(v31 ? (raw?.examples ?? []) : [])];
    const validate = module[s.validator.validate];
    if (!validate) continue;
    const schema = { $ref: `#/components/schemas/${escapeSegment(s.name)}` };
    for (const example of examples) judge(`${s.name} (schema example)`, schema, example, validate(example));
  }
  for (const op of model.operations) {
    const raw = resolve(
      doc,
      op.pointer
        .slice(1)
        .split("/")
        .reduce((n: Raw | undefined, k) => n?.[k.replace(/~1/g, "/").replace(/~0/g, "~")], doc),
    ) as Raw;
    const results = module[op.names.resultValidator];
    for (const [status, response] of Object.entries((raw.responses ?? {}) as Raw)) {
      const content = (resolve(doc, response) as Raw)?.content ?? {};
      for (const [type, media] of Object.entries(content as Raw)) {
        if (!/json/i.test(type) || !results || !/^\d{3}$/.test(status)) continue;
        const schema = (media as Raw).schema;
        if (!schema) continue;
        for (const [name, value] of mediaExamples(doc, media as Raw))
          judge(`${op.operationId} ${status} ${name}`, schema, value, results(Number(status), value), "writeOnly");
      }
    }
    const body = resolve(doc, raw.requestBody) as Raw | undefined;
    const request = module[op.names.validator.validate];
    for (const [type, media] of Object.entries((body?.content ?? {}) as Raw)) {
      if (!/json/i.test(type) || !request || !(media as Raw).schema) continue;
      const schema = (media as Raw).schema;
      for (const [name, value] of mediaExamples(doc, media as Raw)) {
        // The request validator checks parameters too: only what it says of the body counts.
        const result = request({ body: value });
        const issues = (result.issues ?? []).filter((i) => i.path[0] === "body");
        judge(
          `${op.operationId} request ${name}`,
          schema,
          value,
          { ok: issues.length === 0, issues: issues.map((i) => ({ ...i, path: i.path.slice(1) })) },
          "readOnly",
        );
      }
    }
  }
  return verdicts;
}
