// The official JSON Schema Test Suite (draft 2020-12, copied into test/json-schema-suite/) through
// specforge's validators: each keyword file becomes one OpenAPI 3.1 document whose components are
// the file's group schemas, generated once; every case is judged by `validateG<n>`, and by ajv
// (Ajv2020 with ajv-formats) on the same schema. The cases that fail are a snapshot, so a change
// that fixes or breaks one shows in review; the counts are printed.
import fs from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { beforeAll, describe, expect, it } from "vitest";
import { generateApi } from "../generator/index.js";
import { ROOT, scratch } from "./helpers.js";

const SUITE = path.join(ROOT, "test", "json-schema-suite", "draft2020-12");

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
}

async function runFile(file: string): Promise<FileResult> {
  const groups = JSON.parse(await fs.readFile(path.join(SUITE, file), "utf8")) as Group[];
  const result: FileResult = { file, total: 0, specforge: 0, ajv: 0, failures: [], setAside: [] };
  const used = groups.map((g, i) => ({ g, i, why: setAside(g.schema) }));
  for (const { g, why } of used) if (why) result.setAside.push(`${g.description}: ${why}`);
  const kept = used.filter((u) => !u.why);
  const schemas = Object.fromEntries(kept.map(({ g, i }) => [`G${i}`, asComponent(g.schema, `G${i}`)]));
  const dir = await scratch({ "package.json": '{ "type": "module" }\n' });
  const spec = path.join(dir, "spec.json");
  await fs.writeFile(
    spec,
    JSON.stringify({ openapi: "3.1.0", info: { title: file, version: "1" }, paths: {}, components: { schemas } }),
  );
  let module: Record<string, (v: unknown) => { ok: boolean }> | undefined;
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
    const { files } = await generateApi(api, { cwd: dir });
    await fs.mkdir(api.out);
    for (const [name, text] of files) await fs.writeFile(path.join(api.out, name), text);
    module = await import(pathToFileURL(path.join(api.out, "validators.js")).href);
  } catch (e) {
    error = (e as Error).message.split("\n")[0]!;
  }
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  for (const { g, i } of kept) {
    let ajvValidate: ((v: unknown) => boolean) | undefined;
    try {
      ajvValidate = ajv.compile(g.schema as object);
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

describe("JSON Schema Test Suite, draft 2020-12", () => {
  const results = new Map<string, FileResult>();
  beforeAll(async () => {
    for (const file of FILES) if (!(file in FILES_SET_ASIDE)) results.set(file, await runFile(file));
    const rows = [...results.values()];
    const sum = (k: "total" | "specforge" | "ajv") => rows.reduce((n, r) => n + r[k], 0);
    console.log(
      `JSON Schema Test Suite 2020-12: ${sum("total")} cases, specforge ${sum("specforge")}, ajv ${sum("ajv")}\n` +
        rows
          .filter((r) => r.specforge !== r.total || r.ajv !== r.total)
          .map((r) => `  ${r.file}: ${r.total} cases, specforge ${r.specforge}, ajv ${r.ajv}`)
          .join("\n"),
    );
  }, 300_000);

  it.each(FILES.filter((f) => !(f in FILES_SET_ASIDE)))("%s", (file) => {
    const r = results.get(file)!;
    expect({ failures: r.failures, setAside: r.setAside }).toMatchSnapshot();
  });
});
