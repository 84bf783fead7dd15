// Every real-world spec that generates: all its files type-check under --strict (and the stricter
// flags), so clients, validators and models compile for what people really ship.
import fs from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generateApi } from "../generator/index.js";
import { CORPUS, scratch, typecheck } from "./helpers.js";

/** Specs that stop generation today, with the reason (their handling is the next issue's work). */
const NOT_YET: Record<string, RegExp> = {
  "clerk-webhooks-2025-04-15.yml": /needs `paths`/,
  "netlify-swagger.yml": /Swagger 2\.0 documents are not supported yet/,
  "oai-v2.0-petstore-minimal.json": /Swagger 2\.0 documents are not supported yet/,
};

/** openapi-typescript's own output fails to compile on plaid (TS2344, as the corpus MANIFEST records). */
const KNOWN_TYPES_ERRORS: Record<string, number> = { "plaid-2020-09-14.yml": 3 };

const specs = (await fs.readdir(CORPUS)).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();

describe("real-world specs", () => {
  it.each(specs)("%s", async (name) => {
    const out = await scratch({ "package.json": '{ "type": "module" }\n' });
    const api = { name: "corpus", spec: path.join(CORPUS, name), out, base: CORPUS, allowRemoteRefs: false, allowOutsideRefs: false };
    const generating = generateApi(api, { cwd: CORPUS });
    if (NOT_YET[name]) {
      await expect(generating).rejects.toThrow(NOT_YET[name]);
      return;
    }
    const { files } = await generating;
    for (const [file, text] of files) await fs.writeFile(path.join(out, file), text);
    const problems = typecheck([...files.keys()].filter((f) => f.endsWith(".ts")).map((f) => path.join(out, f)));
    const ours = problems.filter((p) => !/\/types\.ts:/.test(p));
    expect(ours).toEqual([]);
    expect(problems.length - ours.length).toBe(KNOWN_TYPES_ERRORS[name] ?? 0);
    if (files.has("client.ts")) expect(files.get("client.ts")).toContain("export function createClient(");
  }, 300_000);
});
