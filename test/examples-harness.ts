// Every JSON example a document gives (a media type's `example` and `examples`, `components/examples`
// through their refs, a component schema's own `example`/`examples`) through the generated validators
// and through ajv over the same document (test/ajv-schema.ts: 3.0 `nullable` as a union with null,
// boolean `exclusive*` as bounds, the discriminator left to the plain oneOf/anyOf), for
// test/examples.test.ts and bench/examples.ts. Refusals of readOnly members in requests and writeOnly
// ones in answers are the contract's own and counted apart; where ajv is the stricter one (a format it
// knows and specforge does not check) it is information. Examples inside a schema's members, and
// parameters' examples, have no validator of their own: not compared.
import fs from "node:fs/promises";
import { Ajv } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import formats from "ajv-formats";
import type { ApiModel } from "../generator/model/index.js";
import { toJsonSchema } from "./ajv-schema.js";
import { loadValidators } from "./helpers.js";

type Raw = Record<string, any>;
export type Result = { ok: boolean; issues?: { path: (string | number)[]; code: string; message: string }[] };

const escapeSegment = (segment: string) => segment.replace(/~/g, "~0").replace(/\//g, "~1");

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
export async function examplesOf(file: string): Promise<Verdicts> {
  const text = await fs.readFile(file, "utf8");
  const { module, model } = (await loadValidators(text, { typecheck: false })) as {
    module: Record<string, (...args: unknown[]) => Result>;
    model: ApiModel;
  };
  // The document as the generator read it: bundled, and converted to 3.0 from Swagger 2.0.
  const doc = model.document as Raw;
  const v31 = model.openapiVersion.startsWith("3.1");
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
  const judge = (where: string, schema: unknown, value: unknown, ours: Result, contract: string) => {
    const theirs = ajv.compile(inDoc(toJsonSchema(schema, v31)) as Raw)(value) as boolean;
    verdicts.compared++;
    if (ours.ok === theirs) verdicts.agreed++;
    else if (theirs && ours.issues?.every((i) => i.code === contract)) verdicts.contract++;
    else if (theirs) verdicts.refused.push(`${where}: ${JSON.stringify(ours.issues?.slice(0, 2))}`);
    else verdicts.lenient.push(where);
  };
  for (const s of model.schemas) {
    const raw = resolve(doc, doc.components.schemas[s.name]) as Raw;
    const examples = [...(raw?.example !== undefined ? [raw.example] : []), ...(v31 ? (raw?.examples ?? []) : [])];
    const validate = module[s.validator.validate];
    if (!validate) continue;
    const schema = { $ref: `#/components/schemas/${escapeSegment(s.name)}` };
    for (const example of examples)
      judge(`${s.name} (schema example)`, schema, example, validate(example), "readOnly-never");
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
