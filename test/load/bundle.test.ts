// Documents of several files (load/bundle.ts): bundled into one by the same checks and messages as a
// single file, every finding located in the file it is written in, a target's own `$ref`s resolved in
// its own file, nothing under `x-` followed. Each case is a small document written here.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadSpec } from "../../generator/load/index.js";
import { buildModel } from "../../generator/model/index.js";
import { scratch, spawnCli } from "../helpers.js";

async function load(files: Record<string, string>) {
  const dir = await scratch(files);
  return loadSpec(path.join(dir, "spec.yaml"), { cwd: dir });
}

const ROOT = (extra = "", info = 'info: { title: t, version: "1" }') => `openapi: "3.0.3"
${info}
paths:
  /pets:
    $ref: "./paths/pets.yaml"
components:
  schemas:
    Owner:
      $ref: "./schemas.yaml#/Owner"
${extra}`;

const PETS = `get:
  operationId: listPets
  responses:
    "200":
      description: ok
      content:
        application/json:
          schema:
            type: array
            items: { $ref: "../schemas.yaml#/Pet" }
post:
  operationId: addPet
  requestBody:
    content:
      application/json:
        schema:
          $ref: "../schemas.yaml#/Pet"
          description: a new pet
  responses:
    "201": { description: made }
`;

const SCHEMAS = `Pet:
  type: object
  required: [name]
  properties:
    name: { type: string }
    owner: { $ref: "#/Owner" }
    kind: { $ref: "#/Versioned_MyEnum" }
Owner:
  type: object
  properties:
    name: { type: string }
    pets: { type: array, items: { $ref: "#/Pet" } }
Versioned_MyEnum:
  type: string
  enum: [a, b]
`;

const FILES = { "spec.yaml": ROOT(), "paths/pets.yaml": PETS, "schemas.yaml": SCHEMAS };

/** The value a `#/...` pointer names in `doc`. */
function at(doc: unknown, ref: string): unknown {
  return ref
    .slice(2)
    .split("/")
    .map((s) => decodeURIComponent(s).replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<any>((node, key) => node?.[key], doc);
}

describe("bundling a document of several files", () => {
  it("every $ref becomes internal, each target written once, its local refs resolved in its own file", async () => {
    const spec = await load(FILES);
    const text = JSON.stringify(spec.document);
    expect(text).not.toMatch(/"\$ref":"[^#]/);
    const doc = spec.document as any;
    // A target referenced with siblings (`description` beside the `$ref`) points at the target's one
    // copy and keeps its siblings; the copy's own `#/Owner` and `#/Versioned_MyEnum` resolve in
    // schemas.yaml, not in the root (hey-api's sibling-schema regression).
    const body = doc.paths["/pets"].post.requestBody.content["application/json"].schema;
    expect(body.description).toBe("a new pet");
    const pet = at(doc, body.$ref) as any;
    expect(pet.required).toEqual(["name"]);
    expect(pet.properties.kind).toEqual({ type: "string", enum: ["a", "b"] });
    expect(at(doc, pet.properties.owner.$ref)).toBe(doc.components.schemas.Owner);
    expect(spec.warnings).toEqual([]);
    // And the model is built from it: the operations and the named schema.
    const model = buildModel(spec, "t");
    expect(model.operations.map((o) => o.operationId)).toEqual(["listPets", "addPet"]);
  });

  it("a finding in a referenced file is located in that file, at its own line", async () => {
    const broken = {
      ...FILES,
      "schemas.yaml": SCHEMAS.replace("    name: { type: string }\n    owner", "    name: { type: strin }\n    owner"),
    };
    await expect(load(broken)).rejects.toMatchObject({
      location: { file: "schemas.yaml", line: 5, col: 13 },
    });
    const wrong = {
      ...FILES,
      "paths/pets.yaml": PETS.replace("  operationId: listPets", "  operationId: listPets\n  deprecated: soon"),
    };
    await expect(load(wrong)).rejects.toMatchObject({
      message: expect.stringContaining("must be boolean (at /paths/~1pets/get/deprecated)"),
      location: { file: path.join("paths", "pets.yaml"), line: 3, col: 3 },
    });
    // A warning, too: an unknown field, at its key in the referenced file.
    const typo = await load({
      ...FILES,
      "paths/pets.yaml": PETS.replace("      description: ok", "      descriptio: ok"),
    });
    expect(typo.warnings.map((w) => [w.location?.file, w.location?.line, w.message.slice(0, 28)])).toContainEqual([
      path.join("paths", "pets.yaml"),
      5,
      'unknown field "descriptio" (',
    ]);
  });

  it("a numeric info.version and no paths warn as in one file (swagger-parser's bundler ended in exit 3)", async () => {
    const numeric = await load({ ...FILES, "spec.yaml": ROOT("", "info: { title: t, version: 1 }") });
    expect(numeric.warnings.map((w) => w.message)).toEqual([
      expect.stringContaining("`info.version` must be a string (at /info/version): read as the text it would print"),
    ]);
    const noPaths = await load({
      "spec.yaml":
        'openapi: "3.0.3"\ninfo: { title: t, version: "1" }\ncomponents:\n  schemas:\n    Owner: { $ref: "./schemas.yaml#/Owner" }\n',
      "schemas.yaml": SCHEMAS,
    });
    expect(noPaths.warnings.map((w) => w.message)).toEqual([expect.stringContaining("the document has no `paths`")]);
  });

  it("nothing under x- is followed (a missing file named there is not read); an x- property is", async () => {
    const spec = await load({
      ...FILES,
      "spec.yaml": ROOT(`    Tagged:
      type: object
      properties:
        x-owner: { $ref: "./schemas.yaml#/Owner" }
x-topics:
  - title: Getting started
    content:
      $ref: ./docs/getting-started.md
`),
    });
    const doc = spec.document as any;
    expect(doc["x-topics"][0].content).toEqual({ $ref: "./docs/getting-started.md" });
    expect(doc.components.schemas.Tagged.properties["x-owner"].$ref).toBe("#/components/schemas/Owner");
  });

  it("a YAML alias (one object in two places) has its $ref resolved at both (openapi-typescript's anchor fixture)", async () => {
    const spec = await load({
      "spec.yaml":
        'openapi: "3.0.3"\ninfo: { title: t, version: "1" }\npaths: {}\ncomponents:\n  schemas:\n    Obj: { $ref: "./anchors.yaml#/Anchored" }\n',
      "anchors.yaml": `Base:
  type: object
  properties: &props
    meta: { $ref: "#/Meta" }
Anchored:
  type: object
  properties: *props
Meta:
  type: object
`,
    });
    const obj = (spec.document as any).components.schemas.Obj;
    expect(obj.properties.meta).toEqual({ type: "object" });
  });

  it("a Path Item $ref shared by two paths: each path's item is its own, its template's parameters read for it alone", async () => {
    const item = 'get:\n  operationId: getItem\n  responses:\n    "200": { description: ok }\n';
    const spec = await load({
      "spec.yaml": `openapi: "3.0.3"
info: { title: t, version: "1" }
paths:
  /{id}/item:
    $ref: "./item.yaml"
  /{id}/item/{second}:
    $ref: "./item.yaml"
    parameters:
      - { name: id, in: path, required: true, schema: { type: number } }
`,
      "item.yaml": item,
    });
    const paths = (spec.document as any).paths;
    const names = (route: string) => paths[route].get.parameters?.map((p: any) => p.name) ?? [];
    expect(names("/{id}/item")).toEqual(["id"]);
    expect(names("/{id}/item/{second}")).toEqual(["second"]);
    expect(paths["/{id}/item/{second}"].parameters).toEqual([
      { name: "id", in: "path", required: true, schema: { type: "number" } },
    ]);
    expect(spec.warnings.map((w) => `${w.location?.file}:${w.location?.line}: ${w.message.split(":")[0]}`)).toEqual([
      "item.yaml:1: GET /{id}/item",
      "item.yaml:1: GET /{id}/item/{second}",
    ]);
  });

  it("properties that are a $ref (DigitalOcean's shared attributes) are read as the map they name, with a warning", async () => {
    const spec = await load({
      ...FILES,
      "spec.yaml": ROOT(`    Balancer:
      type: object
      properties:
        $ref: "./attributes.yml"
    Local:
      type: object
      properties:
        $ref: "#/components/schemas/Balancer/properties"
`),
      "attributes.yml": "name: { type: string }\nsize: { type: integer }\n",
    });
    const schemas = (spec.document as any).components.schemas;
    expect(schemas.Balancer.properties).toEqual({ name: { type: "string" }, size: { type: "integer" } });
    expect(schemas.Local.properties).toEqual(schemas.Balancer.properties);
    expect(spec.warnings.map((w) => [w.location?.file, w.location?.line, w.message.split(", which")[0]])).toEqual([
      ["spec.yaml", 13, '`properties` is a `$ref` ("./attributes.yml")'],
      ["spec.yaml", 17, '`properties` is a `$ref` ("#/components/schemas/Balancer/properties")'],
    ]);
  });

  it("in one file too, and the CLI generates it; --strict refuses it", async () => {
    const dir = await scratch({
      "spec.yaml": `openapi: "3.0.3"
info: { title: t, version: "1" }
paths: {}
components:
  schemas:
    Shared:
      type: object
      properties:
        a: { type: string }
    Local:
      type: object
      properties:
        $ref: "#/components/schemas/Shared/properties"
`,
    });
    const ok = await spawnCli(["generate", "--spec", "spec.yaml", "--out", "out", "--name", "t"], dir);
    expect(ok.code).toBe(0);
    expect(ok.stderr).toMatch(/^spec\.yaml:13:9: warning: `properties` is a `\$ref`/);
    const strict = await spawnCli(
      ["generate", "--spec", "spec.yaml", "--out", "strict", "--name", "t", "--strict"],
      dir,
    );
    expect(strict.code).toBe(2);
  });
});

describe("OpenAPI 3.2's $self: the document's own URI, against which its refs resolve", () => {
  const doc = (self: string, ref: string) => `openapi: "3.2.0"
$self: ${JSON.stringify(self)}
info: { title: t, version: "1" }
paths: {}
components:
  schemas:
    Pet:
      $ref: ${JSON.stringify(ref)}
`;
  const PET = "Pet:\n  type: object\n  properties:\n    name: { type: string }\n";
  const names = (spec: Awaited<ReturnType<typeof load>>) =>
    buildModel(spec, "t")
      .schemas.find((s) => s.name === "Pet")!
      .schema.allOf?.[0]?.properties?.map((p) => p.name) ??
    buildModel(spec, "t")
      .schemas.find((s) => s.name === "Pet")!
      .schema.properties?.map((p) => p.name);

  it("a relative $self places the document: its refs resolve from there", async () => {
    const spec = await load({ "spec.yaml": doc("api/openapi.yaml", "schemas.yaml#/Pet"), "api/schemas.yaml": PET });
    expect(names(spec)).toEqual(["name"]);
    // Without $self the same ref is looked for beside the file, where there is none.
    await expect(
      load({
        "spec.yaml": doc("api/openapi.yaml", "schemas.yaml#/Pet").replace(/^\$self.*\n/m, ""),
        "api/schemas.yaml": PET,
      }),
    ).rejects.toThrow(/schemas\.yaml/);
  });

  it("an absolute $self names the document: refs into its folder, relative or absolute, are the files beside it", async () => {
    const self = "https://example.com/specs/openapi.yaml";
    expect(names(await load({ "spec.yaml": doc(self, "common.yaml#/Pet"), "common.yaml": PET }))).toEqual(["name"]);
    expect(
      names(await load({ "spec.yaml": doc(self, "https://example.com/specs/common.yaml#/Pet"), "common.yaml": PET })),
    ).toEqual(["name"]);
    // Elsewhere on the network: remote, refused unless allowed.
    await expect(load({ "spec.yaml": doc(self, "../other/common.yaml#/Pet"), "common.yaml": PET })).rejects.toThrow(
      /remote `\$ref` "\.\.\/other\/common\.yaml#\/Pet" refused/,
    );
  });
});
