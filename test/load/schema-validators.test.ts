// The OpenAPI schema validators compiled when specforge is built (load/schema-validators.ts) must
// find what swagger-parser's validateSchema finds, the same problems in the same order.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { CORPUS, ROOT } from "../paths.js";

const require = createRequire(import.meta.url);
const validateSchema = require("@apidevtools/swagger-parser/lib/validators/schema.js") as (api: object) => void;

type Compiled = ((document: unknown) => boolean) & { errors?: unknown[] | null };
const prepared = (version: string) =>
  require(path.join(ROOT, "dist", "generator", "load", `openapi-${version}-schema.cjs`)) as Compiled;

function swaggerParser(document: object): unknown[] {
  try {
    validateSchema(structuredClone(document));
    return [];
  } catch (error) {
    return (error as { details: unknown[] }).details;
  }
}

function ours(document: Record<string, unknown>): unknown[] {
  const version = document.swagger ? "2.0" : String(document.openapi).startsWith("3.1") ? "3.1" : "3.0";
  const validate = prepared(version);
  return validate(document) ? [] : [...(validate.errors ?? [])];
}

const read = (file: string) => {
  const text = fs.readFileSync(path.join(CORPUS, file), "utf8");
  return (file.endsWith(".json") ? JSON.parse(text) : parse(text)) as Record<string, any>;
};

describe("OpenAPI schema validators compiled at build time", () => {
  it("find what swagger-parser finds, valid and broken, in Swagger 2.0, OpenAPI 3.0 and 3.1", () => {
    const documents: Record<string, any>[] = [];
    for (const file of [
      "oai-v2.0-petstore-minimal.json",
      "oai-v3.0-petstore-expanded.yaml",
      "readme-api-3.1.yaml",
      "readme-parameters-style-3.1.yaml",
      "clerk-webhooks-2025-04-15.yml",
    ]) {
      const doc = read(file);
      documents.push(doc);
      const broken = structuredClone(doc);
      delete broken.info;
      broken.surprise = true;
      const firstPath = Object.values(broken.paths ?? {})[0] as Record<string, any> | undefined;
      const op =
        firstPath && (Object.values(firstPath).find((v) => v && typeof v === "object" && "responses" in v) as any);
      if (op) {
        op.parameters = [{ name: "x", in: "nowhere" }];
        op.responses = { nope: {} };
      }
      documents.push(broken);
    }
    documents.push({ openapi: "3.1.0", info: { title: "x", version: "1" } });
    for (const doc of documents) {
      const expected = swaggerParser(doc);
      expect(ours(doc), String(doc.info?.title)).toEqual(expected);
    }
    expect(documents.filter((d) => swaggerParser(d).length > 0).length).toBeGreaterThanOrEqual(6);
  });
});
