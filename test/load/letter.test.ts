// Documents that break the letter where the intent is plain (DESIGN: "Documents that break the
// letter"): generated as meant, type-checked and run, with a located warning naming the rule and the
// fix. Fields the schema does not define, 3.1 keywords in 3.0 schemas, `nullable` in Swagger 2.0,
// `required: true` on a property, component names outside [a-zA-Z0-9._-]. Each a document written here.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { loadEverything, loadValidators, schemaSpec, scratch, spawnCli, tableSpec } from "../helpers.js";

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

  it("a pattern that is not a string (api.video's `pattern: 0`) checks nothing, with a warning", async () => {
    const { module, warnings } = await loadValidators(schemaSpec({ type: "string", pattern: 0 }));
    expect(warnings).toEqual([
      expect.stringMatching(
        /^\d+:\d+: `pattern` is not a string \(at \/components\/schemas\/T\/pattern\): no pattern is checked there, so any string is accepted/,
      ),
    ]);
    expect(module.validateT("00:01:00.000").ok).toBe(true);
    expect(module.validateT(1).ok).toBe(false);
  });

  it("oneOf in a Swagger 2.0 body schema is read as 3.0 reads it (not as every other kind of parameter refusing it)", async () => {
    const spec = `swagger: "2.0"
info: { title: t, version: "1" }
paths:
  /pets:
    post:
      operationId: addPet
      parameters:
        - name: body
          in: body
          required: true
          schema:
            oneOf:
              - { type: string }
              - { type: integer }
      responses:
        "204": { description: ok }
`;
    const { module, warnings } = await loadValidators(spec);
    expect(warnings).toEqual([
      expect.stringMatching(
        /^12:13: "oneOf" is an OpenAPI 3 schema keyword, which Swagger 2\.0 schemas do not have: read as OpenAPI 3\.0 reads it/,
      ),
    ]);
    expect(module.validateAddPetRequest({ body: "a" }).ok).toBe(true);
    expect(module.validateAddPetRequest({ body: 1 }).ok).toBe(true);
    expect(module.validateAddPetRequest({ body: true }).ok).toBe(false);
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

describe("valid documents that were refused", () => {
  // springdoc's shape: the parent lists its children, each child extends the parent.
  const INHERITANCE = `openapi: "3.1.0"
info: { title: t, version: "1" }
paths:
  /animals:
    $ref: "#/components/pathItems/Animals"
components:
  pathItems:
    Animals:
      get:
        operationId: listAnimals
        responses:
          "200":
            description: ok
            content:
              application/json:
                schema: { type: array, items: { $ref: "#/components/schemas/Animal" } }
  schemas:
    Animal:
      type: object
      required: [kind, name]
      properties:
        kind: { type: string }
        name: { type: string }
      discriminator:
        propertyName: kind
        mapping: { dog: "#/components/schemas/Dog", cat: "#/components/schemas/Cat" }
      oneOf:
        - $ref: "#/components/schemas/Dog"
        - $ref: "#/components/schemas/Cat"
    Dog:
      allOf:
        - $ref: "#/components/schemas/Animal"
        - type: object
          required: [bark]
          properties:
            bark: { type: boolean }
    Cat:
      allOf:
        - $ref: "#/components/schemas/Animal"
        - type: object
          properties:
            meow: { type: boolean }
`;

  it("a discriminator parent whose children allOf it: a Dog is an Animal, an Animal one of its children (types, validators, mocks)", async () => {
    const { module, files, out } = await loadEverything(INHERITANCE, { mocks: true });
    expect(files.get("models.ts")).toMatch(
      /export type Animal = \{[^}]*kind: string;[^}]*name: string;\s*\} & \(Dog \| Cat\);/,
    );
    // A Dog has Animal's own fields...
    expect(module.validateDog({ kind: "dog", name: "Rex", bark: true }).ok).toBe(true);
    expect(module.validateDog({ kind: "dog", bark: true }).ok).toBe(false);
    // ... and an Animal is one of its children, chosen by its kind.
    expect(module.validateAnimal({ kind: "dog", name: "Rex", bark: true }).ok).toBe(true);
    expect(module.validateAnimal({ kind: "cat", name: "Tom", meow: true }).ok).toBe(true);
    expect(module.validateAnimal({ kind: "dog", bark: true }).ok).toBe(false);
    expect(module.validateAnimal({ kind: "cat", name: "Tom", meow: "yes" }).ok).toBe(false);
    const mocks = await import(pathToFileURL(path.join(out, "mocks.js")).href);
    const answer = mocks.mockListAnimalsResult;
    expect(module.validateListAnimalsResult(200, answer()).ok).toBe(true);
  });

  it("diff reads the shape: a child's field changing type is a breaking change of the parent's answers", async () => {
    const changed = INHERITANCE.replace("            meow: { type: boolean }", "            meow: { type: string }");
    const dir = await scratch({ "old.yaml": INHERITANCE, "new.yaml": changed });
    const result = await spawnCli(["diff", "--old", "old.yaml", "--spec", "new.yaml"], dir);
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe(
      "new: 1 breaking, 0 compatible\n  new.yaml:42:21: breaking: listAnimals 200 body[].meow: type boolean -> string (in Cat)\n",
    );
  });

  it("a 3.1 Path Item that is a $ref to components.pathItems: no finding, and its operations generated", async () => {
    const { warnings, model } = await loadValidators(INHERITANCE);
    expect(warnings).toEqual([]);
    expect(model.operations.map((o) => `${o.method} ${o.path} ${o.operationId}`)).toEqual(["GET /animals listAnimals"]);
  });
});
