// The official JSON Schema Test Suite (draft 2020-12, copied into test/json-schema-suite/) through
// specforge's validators: each keyword file becomes one OpenAPI 3.1 document whose components are
// the file's group schemas, generated once; every case is judged by `validateG<n>`, and by ajv
// (Ajv2020 with ajv-formats) on the same schema. The cases that fail are a snapshot, so a change
// that fixes or breaks one shows in review; the counts are printed.
import fs from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Ajv } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { beforeAll, describe, expect, it } from "vitest";
import { emitValidators } from "../generator/emit/validators/index.js";
import { generateApi } from "../generator/index.js";
import { ROOT, scratch, transpile } from "./helpers.js";

const SUITE = path.join(ROOT, "test", "json-schema-suite", "draft2020-12");
const DRAFT4 = path.join(ROOT, "test", "json-schema-suite", "draft4");

interface Case {
  description: string;
  data: unknown;
  valid: boolean;
}
interface Group {
  description: string;
  schema: unknown;
  tests: Case[];
}

/** Whole files set aside, with the reason (the files not copied are listed in the folder's README). */
const FILES_SET_ASIDE: Record<string, string> = {
  "format.json":
    "format as an annotation only (2020-12's default); specforge asserts the formats it knows, as OpenAPI users expect (optional/format/ is run instead)",
  "content.json":
    "contentEncoding/contentMediaType as annotations only (2020-12's default); specforge asserts base64 and gzip (documented)",
};

/** Why a group's schema cannot be a component of an OpenAPI document, or undefined when it can. */
function setAside(schema: unknown): string | undefined {
  const text = JSON.stringify(schema);
  if (/"\$(id|anchor|dynamicRef|dynamicAnchor|recursiveRef)"/.test(text)) return "$id/$anchor/$dynamicRef resolution";
  if (/"\$ref":"(?!#)/.test(text)) return "a remote or relative $ref";
  if (/"\$ref":"[^"]*(\/\/|\/")/.test(text))
    return "empty JSON-pointer tokens in $ref, which openapi-typescript (types.ts) cannot resolve: a located error";
  if (/"\$schema":"(?!https:\/\/json-schema\.org\/draft\/2020-12\/schema)/.test(text)) return "another draft's $schema";
  return undefined;
}

/** The schema as component `name`: its own `#...` references made document-absolute, `$schema` dropped. */
function asComponent(schema: unknown, name: string): unknown {
  if (Array.isArray(schema)) return schema.map((s) => asComponent(s, name));
  if (schema === null || typeof schema !== "object") return schema;
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([k]) => k !== "$schema")
      .map(([k, v]) => [
        k,
        k === "$ref" && typeof v === "string" && v.startsWith("#")
          ? `#/components/schemas/${name}${v.slice(1)}`
          : k === "enum" || k === "const"
            ? v // data, not schemas: a `$ref` key in them is a value
            : asComponent(v, name),
      ]),
  );
}

interface FileResult {
  file: string;
  total: number;
  specforge: number;
  ajv: number;
  failures: string[];
  setAside: string[];
  /** Cases the compact form (large specs' validators) judges otherwise than the default form. */
  compactDiffers: string[];
}

/** How a suite runs: its folder, the OpenAPI version of the documents, the set-aside rule, ajv. */
interface Dialect {
  dir: string;
  openapi: string;
  setAside: (schema: unknown) => string | undefined;
  ajv: () => { compile: (schema: object) => (v: unknown) => boolean };
  /** The schema as ajv reads it (draft 4's boolean exclusive* as draft 7's numbers). */
  forAjv: (schema: unknown) => unknown;
}

const DIALECT_2020: Dialect = {
  dir: SUITE,
  openapi: "3.1.0",
  setAside,
  ajv: () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    return ajv;
  },
  forAjv: (s) => s,
};

/** The keywords of OpenAPI 3.0's schema object (besides annotations) that draft 4 shares. */
const OPENAPI_30_KEYWORDS = new Set(
  (
    "multipleOf maximum exclusiveMaximum minimum exclusiveMinimum maxLength minLength pattern maxItems minItems " +
    "uniqueItems maxProperties minProperties required enum type allOf oneOf anyOf not items properties " +
    "additionalProperties description format default title $ref"
  ).split(" "),
);

/** Why a draft 4 group cannot be a component of an OpenAPI 3.0 document, or undefined when it can. */
function setAside30(schema: unknown): string | undefined {
  const why = (node: unknown, inData: boolean): string | undefined => {
    if (Array.isArray(node)) {
      for (const n of node) {
        const w = why(n, inData);
        if (w) return w;
      }
      return undefined;
    }
    if (node === null || typeof node !== "object" || inData) return undefined;
    for (const [k, v] of Object.entries(node)) {
      if (!OPENAPI_30_KEYWORDS.has(k)) return `"${k}" is not a keyword of OpenAPI 3.0's schema object`;
      if (k === "type" && typeof v !== "string") return "a type array (OpenAPI 3.0 has `nullable` instead)";
      if (k === "type" && v === "null") return "type null (OpenAPI 3.0 has `nullable` instead)";
      if (k === "items" && Array.isArray(v)) return "tuple `items` (not in OpenAPI 3.0)";
      if (k === "$ref" && !String(v).startsWith("#/components/")) return "a $ref outside components";
      if (k === "properties" || k === "patternProperties") {
        for (const sub of Object.values(v as object)) {
          const w = why(sub, false);
          if (w) return w;
        }
        continue;
      }
      const w = why(v, k === "enum" || k === "default");
      if (w) return w;
    }
    return undefined;
  };
  return why(schema, false);
}

/** Draft 4's boolean exclusiveMinimum/exclusiveMaximum as the numbers later drafts (and ajv) use. */
function draft4ForAjv(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(draft4ForAjv);
  if (node === null || typeof node !== "object") return node;
  const out = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === "enum" ? v : draft4ForAjv(v)]));
  for (const [ex, bound] of [
    ["exclusiveMinimum", "minimum"],
    ["exclusiveMaximum", "maximum"],
  ] as const) {
    if (out[ex] === true) [out[ex], out[bound]] = [out[bound], undefined];
    else if (out[ex] === false) delete out[ex];
    if (out[bound] === undefined) delete out[bound];
  }
  return out;
}

const DIALECT_30: Dialect = {
  dir: DRAFT4,
  openapi: "3.0.3",
  setAside: setAside30,
  ajv: () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats.default(ajv);
    return ajv;
  },
  forAjv: draft4ForAjv,
};

async function runFile(file: string, dialect: Dialect): Promise<FileResult> {
  const groups = JSON.parse(await fs.readFile(path.join(dialect.dir, file), "utf8")) as Group[];
  const result: FileResult = { file, total: 0, specforge: 0, ajv: 0, failures: [], setAside: [], compactDiffers: [] };
  const used = groups.map((g, i) => ({ g, i, why: dialect.setAside(g.schema) }));
  for (const { g, why } of used) if (why) result.setAside.push(`${g.description}: ${why}`);
  const kept = used.filter((u) => !u.why);
  const schemas = Object.fromEntries(kept.map(({ g, i }) => [`G${i}`, asComponent(g.schema, `G${i}`)]));
  const dir = await scratch({ "package.json": '{ "type": "module" }\n' });
  const spec = path.join(dir, "spec.json");
  await fs.writeFile(
    spec,
    JSON.stringify({
      openapi: dialect.openapi,
      info: { title: file, version: "1" },
      paths: {},
      components: { schemas },
    }),
  );
  let module: Record<string, (v: unknown) => { ok: boolean }> | undefined;
  let compact: typeof module;
  let error = "";
  try {
    const api = {
      name: "t",
      spec,
      out: path.join(dir, "out"),
      base: dir,
      allowRemoteRefs: false,
      allowOutsideRefs: false,
    };
    const { files, model } = await generateApi(api, { cwd: dir });
    await fs.mkdir(api.out);
    for (const [name, text] of files) await fs.writeFile(path.join(api.out, name), text);
    module = await import(pathToFileURL(await transpile(api.out, files, "validators.ts")).href);
    // The same schemas in the compact form, which large specs get: it must judge every case alike.
    const compactOut = path.join(dir, "compact");
    await fs.mkdir(compactOut);
    const compactFiles = emitValidators(model, (name) => `./${name}.js`, { compact: true }).files;
    compact = await import(pathToFileURL(await transpile(compactOut, compactFiles, "validators.ts")).href);
  } catch (e) {
    error = (e as Error).message.split("\n")[0]!;
  }
  const ajv = dialect.ajv();
  for (const { g, i } of kept) {
    let ajvValidate: ((v: unknown) => boolean) | undefined;
    try {
      ajvValidate = ajv.compile(dialect.forAjv(g.schema) as object);
    } catch {
      ajvValidate = undefined;
    }
    for (const c of g.tests) {
      result.total++;
      if (ajvValidate && ajvValidate(c.data) === c.valid) result.ajv++;
      const validate = module?.[`validateG${i}`];
      let ok: boolean | string;
      try {
        ok = validate ? validate(c.data).ok : `not generated: ${error}`;
      } catch (e) {
        ok = `threw ${(e as Error).message}`;
      }
      const compactOk = compact?.[`validateG${i}`]?.(c.data).ok;
      if (validate && compactOk !== ok) result.compactDiffers.push(`${g.description} / ${c.description}`);
      if (ok === c.valid) result.specforge++;
      else result.failures.push(`${g.description} / ${c.description}${typeof ok === "string" ? ` (${ok})` : ""}`);
    }
  }
  return result;
}

const FILES = [
  ...(await fs.readdir(SUITE)).filter((f) => f.endsWith(".json")),
  ...(await fs.readdir(path.join(SUITE, "optional", "format"))).map((f) => `optional/format/${f}`),
].sort();

suite(
  "JSON Schema Test Suite, draft 2020-12",
  "2020-12",
  FILES.filter((f) => !(f in FILES_SET_ASIDE)),
  DIALECT_2020,
);

/** Draft 4's keyword files whose keywords OpenAPI 3.0's schema object has, through 3.0 documents. */
const DRAFT4_FILES = [
  "additionalProperties.json",
  "allOf.json",
  "anyOf.json",
  "default.json",
  "enum.json",
  "items.json",
  "maxItems.json",
  "maxLength.json",
  "maxProperties.json",
  "maximum.json",
  "minItems.json",
  "minLength.json",
  "minProperties.json",
  "minimum.json",
  "multipleOf.json",
  "not.json",
  "oneOf.json",
  "pattern.json",
  "properties.json",
  "required.json",
  "type.json",
  "uniqueItems.json",
];

suite(
  "JSON Schema Test Suite, draft 4, through OpenAPI 3.0 documents",
  "draft 4 (OpenAPI 3.0)",
  DRAFT4_FILES,
  DIALECT_30,
);

/**
 * One suite's files, generated once in `beforeAll`: the counts beside ajv's printed, at least ajv's
 * count passing, and each file's failing and set-aside cases as a snapshot.
 */
function suite(title: string, label: string, files: string[], dialect: Dialect): void {
  describe(title, () => {
    const results = new Map<string, FileResult>();
    const sum = (k: "total" | "specforge" | "ajv") => [...results.values()].reduce((n, r) => n + r[k], 0);
    beforeAll(async () => {
      for (const file of files) results.set(file, await runFile(file, dialect));
      console.log(
        `JSON Schema Test Suite ${label}: ${sum("total")} cases, specforge ${sum("specforge")}, ajv ${sum("ajv")}\n` +
          [...results.values()]
            .filter((r) => r.specforge !== r.total || r.ajv !== r.total)
            .map((r) => `  ${r.file}: ${r.total} cases, specforge ${r.specforge}, ajv ${r.ajv}`)
            .join("\n"),
      );
    }, 300_000);

    it("passes at least as many cases as ajv", () => {
      expect(sum("specforge")).toBeGreaterThanOrEqual(sum("ajv"));
    });

    it("judges every case alike in the compact form (large specs' validators)", () => {
      expect([...results.values()].flatMap((r) => r.compactDiffers.map((d) => `${r.file}: ${d}`))).toEqual([]);
    });

    it.each(files)("%s", (file) => {
      const r = results.get(file)!;
      // Every file runs cases or says why it sets them aside (defs.json: all of its groups use $id).
      expect(r.total + r.setAside.length).toBeGreaterThan(0);
      expect({ failures: r.failures, setAside: r.setAside }).toMatchSnapshot();
    });
  });
}
