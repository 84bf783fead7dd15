// Documents that break the letter where the intent is plain (DESIGN: "Documents that break the
// letter"): generated as meant, type-checked and run, with a located warning naming the rule and the
// fix. Fields the schema does not define, 3.1 keywords in 3.0 schemas, `nullable` in Swagger 2.0,
// `required: true` on a property, component names outside [a-zA-Z0-9._-]. Each a document written here.
import { describe, expect, it } from "vitest";
import { loadValidators, schemaSpec, tableSpec } from "../helpers.js";

describe("read as meant, with a located warning", () => {
  it("3.1 keywords in a 3.0 schema (const, prefixItems) are read as 3.1 reads them", async () => {
    const { module, warnings } = await loadValidators(
      schemaSpec({
        type: "object",
        properties: {
          kind: { type: "string", const: "dog" },
          pair: { type: "array", prefixItems: [{ type: "string" }, { type: "integer" }] },
        },
      }),
    );
    expect(warnings).toEqual([
      expect.stringMatching(
        /^\d+:\d+: "const" is a JSON Schema 2020-12 keyword, which OpenAPI 3\.0 schemas do not have: read as OpenAPI 3\.1 reads it; .*\(at \/components\/schemas\/T\/properties\/kind\)$/,
      ),
      expect.stringMatching(/^\d+:\d+: "prefixItems" is a JSON Schema 2020-12 keyword/),
    ]);
    expect(module.validateT({ kind: "dog", pair: ["a", 1] }).ok).toBe(true);
    expect(module.validateT({ kind: "cat" }).ok).toBe(false);
    expect(module.validateT({ pair: [1, "a"] }).ok).toBe(false);
  });

  it("required: true on a property is read as required (3.0 and 3.1), false as optional", async () => {
    for (const version of ["3.0.3", "3.1.0"]) {
      const { module, warnings, files } = await loadValidators(
        schemaSpec(
          {
            type: "object",
            properties: { id: { type: "string", required: true }, note: { type: "string", required: false } },
          },
          version,
        ),
      );
      expect(warnings).toEqual([
        expect.stringMatching(
          /^\d+:\d+: property "id" says `required: true`, which JSON Schema does not read there: read as required; list it in the object's `required` \(`required: \[id\]`\)$/,
        ),
        expect.stringMatching(/^\d+:\d+: property "note" says `required: false`, .* read as optional; remove it$/),
      ]);
      expect(module.validateT({}).ok).toBe(false);
      expect(module.validateT({ id: "a" }).ok).toBe(true);
      expect(files.get("models.ts")).toMatch(/id: string;\s+note\?: string;/);
    }
  });

  it("component names outside [a-zA-Z0-9._-] (3.0 and 3.1): one warning at the name's own line", async () => {
    for (const version of ["3.0.3", "3.1.0"]) {
      const spec = JSON.stringify(
        JSON.parse(tableSpec({ "Spæcial Thing": { type: "object", properties: { a: { type: "string" } } } }, version)),
        null,
        2,
      );
      const { module, warnings } = await loadValidators(spec);
      expect(warnings).toEqual([
        expect.stringMatching(
          /^10:7: component name "Spæcial Thing" has characters outside \[a-zA-Z0-9\._-\], which OpenAPI 3\.[01] requires of component names: read as written/,
        ),
      ]);
      expect(Object.keys(module).filter((k) => /^validateSp/.test(k))).toHaveLength(1);
    }
  });

  it("an operationId inside a Response and a 3.1 unknown field: named, at the key's own line, ignored", async () => {
    for (const version of ["3.0.3", "3.1.0"]) {
      const spec = `openapi: "${version}"
info: { title: t, version: "1" }
paths:
  /pets:
    get:
      operationId: listPets
      responses:
        "200":
          description: ok
          operationId: listPetsOk
`;
      const { warnings, model } = await loadValidators(spec);
      expect(warnings).toEqual([
        `10:11: unknown field "operationId" (at /paths/~1pets/get/responses/200): the OpenAPI ${version.slice(0, 3)} schema does not define it here and specforge ignores it; extensions start with "x-"`,
      ]);
      expect(model.operations.map((o) => o.operationId)).toEqual(["listPets"]);
    }
  });

  it("nullable in Swagger 2.0 is read as 3.0 reads it", async () => {
    const spec = `swagger: "2.0"
info: { title: t, version: "1" }
paths: {}
definitions:
  T:
    type: object
    properties:
      note: { type: string, nullable: true }
`;
    const { module, warnings } = await loadValidators(spec);
    expect(warnings).toEqual([
      expect.stringMatching(
        /^8:29: "nullable" is OpenAPI 3\.0's, which Swagger 2\.0 does not have: read as 3\.0 reads it \(null allowed\); write `x-nullable: true`/,
      ),
    ]);
    expect(module.validateT({ note: null }).ok).toBe(true);
    expect(module.validateT({ note: 1 }).ok).toBe(false);
  });
});
