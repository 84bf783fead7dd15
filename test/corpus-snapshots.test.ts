// Whole-file snapshots of small real-world specs (test/corpus/): models.ts, validators.ts, client.ts
// and index.ts as generated, and all of them type-checked under --strict.
import fs from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generateApi } from "../generator/index.js";
import { CORPUS, scratch, typecheck } from "./helpers.js";

// Whole-file snapshots of small real-world specs: their models must also compile strictly.
const SNAPSHOT_SPECS = [
  "oai-v3.0-petstore-expanded.yaml",
  "oai-v3.0-link-example.yaml",
  "oai-v3.1-non-oauth-scopes.yaml",
  "swagger-petstore-v3.yaml",
  "readme-file-uploads.yaml",
  "apisguru-personio-authentication.json",
  "readme-discriminators.yaml",
];

describe("real-world specs", () => {
  it.each(SNAPSHOT_SPECS)(
    "%s: models.ts, validators.ts, client.ts and index.ts match their snapshots and type-check",
    async (name) => {
      const out = await scratch({ "package.json": '{ "type": "module" }\n' });
      const api = {
        name: "corpus",
        spec: path.join(CORPUS, name),
        out,
        base: CORPUS,
        allowRemoteRefs: false,
        allowOutsideRefs: false,
      };
      const { files } = await generateApi(api, { cwd: CORPUS });
      const base = name.replace(/\.(ya?ml|json)$/, "");
      await expect(files.get("models.ts")).toMatchFileSnapshot(`__snapshots__/corpus/${base}/models.ts`);
      await expect(files.get("index.ts")).toMatchFileSnapshot(`__snapshots__/corpus/${base}/index.ts`);
      await expect(files.get("validators.ts")).toMatchFileSnapshot(`__snapshots__/corpus/${base}/validators.ts`);
      await expect(files.get("client.ts")).toMatchFileSnapshot(`__snapshots__/corpus/${base}/client.ts`);
      for (const [file, text] of files) await fs.writeFile(path.join(out, file), text);
      expect(
        typecheck(["index.ts", "models.ts", "types.ts", "validators.ts", "client.ts"].map((f) => path.join(out, f))),
      ).toEqual([]);
    },
  );
});
