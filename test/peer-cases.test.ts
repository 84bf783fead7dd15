// The shapes where peers produce wrong or uncompilable types (see the corpus MANIFEST: plaid's TS2344,
// readme-discriminators' unresolved bare mapping), and recursion through arrays, which openapi-typescript
// prints as TS2502. Each case is generated, type-checked with a user's file that asserts the types are
// precise (`@ts-expect-error` on what must not compile), and its validators run.
import fs from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { loadValidators, scratch, transpile, typecheck } from "./helpers.js";

const SPEC = `
openapi: 3.0.3
info: { title: peer cases, version: "1" }
paths:
  /shelters:
    post:
      operationId: addShelter
      requestBody:
        required: true
        content:
          application/json:
            schema: { $ref: "#/components/schemas/Shelter" }
      responses:
        "204": { description: none }
components:
  schemas:
    # A base with a discriminator, extended through allOf; one mapping bare ("Cat"), one a $ref.
    Pet:
      type: object
      required: [petType]
      properties:
        petType: { type: string }
      discriminator:
        propertyName: petType
        mapping:
          cat: Cat
          dog: "#/components/schemas/Dog"
    Cat:
      allOf:
        - $ref: "#/components/schemas/Pet"
        - type: object
          required: [meows]
          properties:
            meows: { type: boolean }
    Dog:
      allOf:
        - $ref: "#/components/schemas/Pet"
        - type: object
          required: [barks]
          properties:
            barks: { type: boolean }
    Shelter:
      type: object
      required: [resident]
      properties:
        resident:
          oneOf:
            - $ref: "#/components/schemas/Cat"
            - $ref: "#/components/schemas/Dog"
          discriminator:
            propertyName: petType
            mapping: { cat: Cat, dog: Dog }
        grid: { $ref: "#/components/schemas/Grid" }
        tree: { $ref: "#/components/schemas/Nested" }
    # A nullable schema whose fields a required list names (openapi-typescript: WithRequired, TS2344).
    MaybeAddress:
      type: object
      nullable: true
      properties:
        city: { type: string }
        zip: { type: string }
    ParentRequired:
      allOf:
        - $ref: "#/components/schemas/MaybeAddress"
      required: [zip]
    PartRequired:
      allOf:
        - $ref: "#/components/schemas/MaybeAddress"
        - type: object
          required: [city]
    # oneOf of arrays.
    Grid:
      oneOf:
        - type: array
          items: { type: string }
        - type: array
          items:
            type: array
            items: { type: number }
    # A schema containing itself through array items only (openapi-typescript: TS2502).
    Nested:
      type: array
      items: { $ref: "#/components/schemas/Nested" }
    Forest:
      type: array
      items: { $ref: "#/components/schemas/Trees" }
    Trees:
      oneOf:
        - type: string
        - $ref: "#/components/schemas/Forest"
`;

const USAGE = `
import type { Cat, Dog, Grid, Nested, Forest, ParentRequired, PartRequired, Shelter } from "./models.js";
import type { components } from "./types.js";

export const cat: Cat = { petType: "cat", meows: true };
// @ts-expect-error a Cat's tag is "cat"
export const wrongTag: Cat = { petType: "dog", meows: true };
// @ts-expect-error the tag is required (by Pet)
export const noTag: Cat = { meows: true };

export function sound(pet: Cat | Dog): boolean {
  // The union narrows on the tag.
  return pet.petType === "cat" ? pet.meows : pet.barks;
}
export const shelter: Shelter = { resident: { petType: "dog", barks: true } };
// @ts-expect-error a dog does not meow
export const badShelter: Shelter = { resident: { petType: "dog", meows: true } };

// Raw types: the bare mapping "Cat" resolved like the $ref one.
export const rawCat: components["schemas"]["Cat"]["petType"] = "cat";
// @ts-expect-error
export const rawWrong: components["schemas"]["Dog"]["petType"] = "cat";

export const parent: ParentRequired = { zip: "12345" };
// @ts-expect-error zip is required
export const parentMissing: ParentRequired = { city: "x" };
export const rawParent: components["schemas"]["ParentRequired"] = { zip: "12345" };
// @ts-expect-error zip is required in the raw type too
export const rawParentMissing: components["schemas"]["ParentRequired"] = { city: "x" };
export const part: PartRequired = { city: "Oslo" };
export const city: string = part.city;
// @ts-expect-error city is required
export const partMissing: PartRequired = { zip: "1" };

export const words: Grid = ["a", "b"];
export const numbers: Grid = [[1, 2], [3]];
// @ts-expect-error neither strings nor rows of numbers
export const mixed: Grid = [["a"]];

export const nested: Nested = [[], [[]]];
// @ts-expect-error only arrays inside
export const notNested: Nested = [1];
export const rawNested: components["schemas"]["Nested"] = [[[]]];
export const forest: Forest = ["oak", ["pine", []]];
// @ts-expect-error
export const badForest: Forest = [1];
`;

type Validators = Record<string, (value: unknown) => { ok: boolean; issues?: { path: unknown[]; code: string }[] }>;

/** Generates `spec` into a scratch folder; its files, folder, validators module and located warnings. */
async function generated(
  spec: string,
  { dates = false }: { dates?: boolean } = {},
): Promise<{ files: Map<string, string>; out: string; module: Validators; warnings: string[] }> {
  const { files, out, module, warnings } = await loadValidators(spec, { typecheck: false, dates });
  return { files, out, module: module as Validators, warnings };
}

/** Type-checks the generated files with a user's file beside them. */
async function typecheckWith(files: Map<string, string>, out: string, usage: string): Promise<string[]> {
  await fs.writeFile(path.join(out, "usage.ts"), usage);
  const sources = [...files.keys()].filter((f) => f.endsWith(".ts")).map((f) => path.join(out, f));
  return typecheck([...sources, path.join(out, "usage.ts")]);
}

let module: Validators;
let files: Map<string, string>;
let out: string;

beforeAll(async () => {
  ({ files, out, module } = await generated(SPEC));
}, 60_000);

describe("peers' failure cases", () => {
  it("the output and a user's file asserting precise types type-check under --strict", async () => {
    expect(await typecheckWith(files, out, USAGE)).toEqual([]);
  });

  it("types.ts's component schemas are the models; with dates, openapi-typescript's own: nullable base under WithRequired, array recursion behind an interface", async () => {
    expect(files.get("types.ts")).toContain("Nested: Models.Nested;");
    const dated = await generated(SPEC, { dates: true });
    expect(await typecheckWith(dated.files, dated.out, USAGE)).toEqual([]);
    const types = dated.files.get("types.ts")!;
    expect(types).toContain("type WithRequired<T, K extends keyof NonNullable<T>>");
    expect(types).toMatch(/Nested: SpecforgeItems\d+;/);
    expect(types).toMatch(/interface SpecforgeItems\d+ extends Array<components\["schemas"\]\["Nested"\]> \{\}/);
  });

  it("validators take the discriminator as a hint: the tag picks the branch to check first, the oneOf decides", () => {
    // Cat's schema says nothing of petType's value: JSON Schema accepts "dog" there, so do the validators.
    expect(module.validateCat!({ petType: "dog", meows: true }).ok).toBe(true);
    expect(module.validateShelter!({ resident: { petType: "dog", barks: true } }).ok).toBe(true);
    // Tagged "dog" but only a Cat holds it: exactly one branch, so accepted.
    expect(module.validateShelter!({ resident: { petType: "dog", meows: true } }).ok).toBe(true);
    // Neither branch: the issue is the branch the tag picks.
    expect(module.validateShelter!({ resident: { petType: "dog" } }).issues).toEqual([
      expect.objectContaining({ path: ["resident", "barks"], code: "required" }),
    ]);
    // A tag the mapping does not know: the plain oneOf decides (neither branch fits).
    expect(module.validateShelter!({ resident: { petType: "bird" } }).issues).toEqual([
      expect.objectContaining({ path: ["resident"], code: "oneOf" }),
    ]);
  });

  it("validators of required lists over a nullable base", () => {
    expect(module.validateParentRequired!({ zip: "1" }).ok).toBe(true);
    expect(module.validateParentRequired!({ city: "x" }).issues).toEqual([
      expect.objectContaining({ path: ["zip"], code: "required" }),
    ]);
    expect(module.validatePartRequired!({ city: "x" }).ok).toBe(true);
    expect(module.validatePartRequired!(null).ok).toBe(false); // `type: object` in the second part excludes null
  });

  it("validators of oneOf of arrays: exactly one alternative, so [] (both) is refused as JSON Schema says", () => {
    expect(module.validateGrid!(["a"]).ok).toBe(true);
    expect(module.validateGrid!([[1], [2, 3]]).ok).toBe(true);
    expect(module.validateGrid!([["a"]]).ok).toBe(false);
    expect(module.validateGrid!([]).issues).toEqual([expect.objectContaining({ code: "oneOf" })]);
  });

  it("validators of schemas recursive through items", () => {
    expect(module.validateNested!([[], [[[]]]]).ok).toBe(true);
    expect(module.validateNested!([[1]]).issues).toEqual([expect.objectContaining({ path: [0, 0], code: "type" })]);
    expect(module.validateForest!(["oak", ["pine", []]]).ok).toBe(true);
    expect(module.validateForest!([["pine", 1]]).ok).toBe(false);
  });
});

// openapi-typescript prints `prefixItems` as a closed tuple of required elements: `[number, number]`
// refuses `[]` and `[1, 2, 3]`, which the schema (and our validators) accept.
const TUPLES = `
openapi: 3.1.0
info: { title: tuples, version: "1" }
components:
  schemas:
    Point:
      description: No minItems, no items - every element optional, anything may follow.
      type: array
      prefixItems: [{ type: number }, { type: number }]
    Pair:
      type: array
      prefixItems: [{ type: string }, { oneOf: [{ type: string }, { type: integer }] }]
      minItems: 2
      items: false
    Row:
      type: array
      prefixItems: [{ type: string }]
      items: { $ref: "#/components/schemas/Point" }
    Capped:
      type: array
      prefixItems: [{ type: string }, { type: string }, { type: string }]
      maxItems: 2
    Holder:
      type: object
      properties:
        at: { type: [array, "null"], prefixItems: [{ type: number }], items: false }
`;

const TUPLE_USAGE = `
import type { Capped, Holder, Pair, Point, Row } from "./models.js";
import type { components } from "./types.js";
type Raw<K extends keyof components["schemas"]> = components["schemas"][K];

export const p0: Point = [];
export const p3: Point = [1, 2, "anything"];
export const rawP0: Raw<"Point"> = [];
export const rawP3: Raw<"Point"> = [1, 2, "anything"];
// @ts-expect-error the first element is a number
export const pBad: Point = ["x"];
// @ts-expect-error
export const rawPBad: Raw<"Point"> = ["x"];

export const pair: Pair = ["a", 1];
export const rawPair: Raw<"Pair"> = ["a", "b"];
// @ts-expect-error both elements are required (minItems 2)
export const short: Pair = ["a"];
// @ts-expect-error
export const rawShort: Raw<"Pair"> = ["a"];
// @ts-expect-error nothing after the prefix (items: false)
export const long: Pair = ["a", 1, 2];
// @ts-expect-error
export const rawLong: Raw<"Pair"> = ["a", 1, 2];

export const row: Row = ["r", [1, 2], []];
export const rawRow: Raw<"Row"> = ["r", [1]];
// @ts-expect-error the rest are Points
export const badRow: Row = ["r", "s"];
// @ts-expect-error
export const rawBadRow: Raw<"Row"> = ["r", "s"];

export const capped: Capped = ["a", "b"];
// @ts-expect-error at most two (maxItems)
export const over: Capped = ["a", "b", "c"];
// @ts-expect-error
export const rawOver: Raw<"Capped"> = ["a", "b", "c"];

export const held: Holder = { at: null };
export const rawHeld: Raw<"Holder"> = { at: [] };
// @ts-expect-error one element at most
export const heldLong: Holder = { at: [1, 2] };
// @ts-expect-error
export const rawHeldLong: Raw<"Holder"> = { at: [1, 2] };
`;

describe("3.1 tuples (prefixItems): types accept what the validators accept", () => {
  let tuples: Awaited<ReturnType<typeof generated>>;
  beforeAll(async () => {
    tuples = await generated(TUPLES);
  }, 60_000);

  it("models and raw types: elements optional past minItems, none past maxItems, items as the rest", async () => {
    const models = tuples.files.get("models.ts")!;
    expect(models).toContain("export type Point = [number?, number?, ...unknown[]];");
    expect(models).toContain("export type Pair = [string, string | number];");
    expect(models).toContain("export type Row = [string?, ...Point[]];");
    expect(models).toContain("export type Capped = [string?, string?];");
    expect(await typecheckWith(tuples.files, tuples.out, TUPLE_USAGE)).toEqual([]);
  });

  it("the validators agree", () => {
    const v = tuples.module;
    expect(v.validatePoint!([]).ok).toBe(true);
    expect(v.validatePoint!([1, 2, "anything"]).ok).toBe(true);
    expect(v.validatePoint!(["x"]).issues).toEqual([expect.objectContaining({ path: [0], code: "type" })]);
    expect(v.validatePair!(["a", 1]).ok).toBe(true);
    expect(v.validatePair!(["a"]).issues).toEqual([expect.objectContaining({ code: "minItems" })]);
    expect(v.validatePair!(["a", 1, 2]).ok).toBe(false);
    expect(v.validateRow!(["r", [1, 2], []]).ok).toBe(true);
    expect(v.validateRow!(["r", "s"]).ok).toBe(false);
    expect(v.validateCapped!(["a", "b", "c"]).issues).toEqual([expect.objectContaining({ code: "maxItems" })]);
    expect(v.validateHolder!({ at: [1, 2] }).ok).toBe(false);
    expect(v.validateHolder!({ at: null }).ok).toBe(true);
  });
});

// `$ref`s into a schema's keywords or a parameter's `schema` (as public specs write them: telstra's
// TS2339 "Property 'schema' does not exist", nexmo's "Property 'oneOf' does not exist"): openapi-typescript
// prints them as indexed accesses TypeScript rejects; types.ts inlines what they point at instead.
const DEEP_REFS = `
openapi: 3.0.3
info: { title: deep refs, version: "1" }
paths:
  /a:
    get:
      operationId: getA
      parameters:
        - name: q
          in: query
          schema: { $ref: "#/components/parameters/P/schema" }
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: { $ref: "#/components/schemas/A/oneOf/0" }
components:
  parameters:
    P:
      name: p
      in: query
      schema: { type: string, maxLength: 3 }
  schemas:
    A:
      oneOf:
        - type: object
          properties: { x: { type: string } }
        - type: number
    B:
      $ref: "#/components/schemas/A/oneOf/1"
    D:
      type: object
      properties:
        y: { type: array, items: { type: string } }
    E:
      $ref: "#/components/schemas/D/properties/y/items"
    F:
      type: object
      properties:
        inner: { $ref: "#/components/schemas/D/properties/y" }
`;

const DEEP_USAGE = `
import type { components, operations } from "./types.js";

export const b: components["schemas"]["B"] = 1;
// @ts-expect-error B is A's second alternative: a number
export const notB: components["schemas"]["B"] = "x";
export const e: components["schemas"]["E"] = "item";
export const f: components["schemas"]["F"] = { inner: ["a"] };
export const q: NonNullable<operations["getA"]["parameters"]["query"]>["q"] = "abc";
export const ok: operations["getA"]["responses"]["200"]["content"]["application/json"] = { x: "y" };
`;

describe("$refs into keywords (telstra, nexmo)", () => {
  it("types.ts compiles: what they point at is written in place; the validators follow them too", async () => {
    const deep = await generated(DEEP_REFS);
    expect(deep.files.get("types.ts")).not.toMatch(/\["oneOf"\]|\["schema"\]|\["items"\]/);
    expect(await typecheckWith(deep.files, deep.out, DEEP_USAGE)).toEqual([]);
    expect(deep.module.validateB!(1).ok).toBe(true);
    expect(deep.module.validateB!("x").ok).toBe(false);
    expect(deep.module.validateE!("s").ok).toBe(true);
  });
});

/** Refs openapi-typescript prints as indexed accesses TypeScript rejects (codat's `definitions`, a property of a nullable object). */
const UNINDEXABLE_REFS = `
openapi: 3.1.0
info: { title: unindexable refs, version: "1" }
paths:
  /a:
    get:
      operationId: getA
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: { $ref: "#/components/schemas/CategorisedAccount/definitions/accountRef" }
components:
  schemas:
    CategorisedAccount:
      type: object
      properties:
        account: { $ref: "#/components/schemas/CategorisedAccount/definitions/accountRef" }
        named: { $ref: "#/components/schemas/Other/properties/name" }
        option: { $ref: "#/components/schemas/CategorisedAccount/definitions/property" }
        nested:
          type: object
          properties:
            properties:
              type: object
              properties:
                state: { type: string }
        state: { $ref: "#/components/schemas/CategorisedAccount/properties/nested/properties/properties/properties/state" }
        owner: { $ref: "#/components/schemas/Linked/properties/relationships/properties/owner/properties/data" }
        held: { $ref: "#/components/schemas/Held/properties/relationships/properties/owner" }
      definitions:
        accountRef:
          type: object
          properties:
            id: { type: string }
        property:
          type: object
          properties:
            label: { type: string }
            properties:
              type: [object, "null"]
              additionalProperties: { $ref: "#/components/schemas/CategorisedAccount/definitions/property" }
    Other:
      type: [object, "null"]
      properties:
        name: { type: string }
    # twinehealth.com: a ref through optional properties, whose types are \`X | undefined\`.
    Linked:
      type: object
      properties:
        relationships:
          type: object
          properties:
            owner:
              type: object
              properties:
                data:
                  type: object
                  required: [id]
                  properties: { id: { type: string } }
    # The same through required properties stays an indexed access.
    Held:
      type: object
      required: [relationships]
      properties:
        relationships:
          type: object
          properties:
            owner: { type: object, properties: { id: { type: string } } }
`;

const UNINDEXABLE_USAGE = `import type { components, operations } from "./types.js";
export const a: components["schemas"]["CategorisedAccount"] = {
  account: { id: "x" },
  named: "n",
  option: { label: "l", properties: { inner: { label: "i", properties: { deeper: { label: "d" } } } } },
};
export const ok: operations["getA"]["responses"]["200"]["content"]["application/json"] = { id: "y" };
export const state: components["schemas"]["CategorisedAccount"]["state"] = "up";
// @ts-expect-error the state is a string (a ref through a property named "properties", azure's)
export const notState: components["schemas"]["CategorisedAccount"]["state"] = 1;
export const owner: components["schemas"]["CategorisedAccount"]["owner"] = { id: "o" };
// @ts-expect-error the owner's data requires its id (a ref through optional properties, twinehealth's)
export const noId: components["schemas"]["CategorisedAccount"]["owner"] = {};
export const held: components["schemas"]["CategorisedAccount"]["held"] = { id: "h" };
`;

/**
 * Where types.ts converts the component schemas (dates), a definition containing itself is a named
 * schema of its own, typed at any depth. The models type such a definition's inner occurrence as
 * `unknown` (what the validators check there: nothing), so it is asserted there only.
 */
const RECURSIVE_DEFINITION_USAGE = `
// @ts-expect-error a nested property's label is a string, at any depth
export const wrong: components["schemas"]["CategorisedAccount"] = { option: { properties: { x: { properties: { y: { label: 1 } } } } } };
`;

describe("$refs into a schema's definitions, into a property of a nullable object (codat), through a property named properties (azure), through optional properties (twinehealth)", () => {
  it("types.ts compiles: a ref into a component schema is written in place (the models are not types.ts's to index), a recursive one named", async () => {
    const made = await generated(UNINDEXABLE_REFS);
    const types = made.files.get("types.ts")!;
    expect(types).toContain("CategorisedAccount: Models.CategorisedAccount;");
    // Only whole component schemas are named; what is inside one is copied where it is used.
    expect(types).not.toMatch(/components\["schemas"\]\["[^"]*"\]\[/);
    expect(await typecheckWith(made.files, made.out, UNINDEXABLE_USAGE)).toEqual([]);
  });

  it("with dates, where types.ts converts the component schemas itself: any ref openapi-typescript cannot index is written in place", async () => {
    const made = await generated(UNINDEXABLE_REFS, { dates: true });
    const types = made.files.get("types.ts")!;
    expect(types).not.toMatch(/\["definitions"\]|\["Other"\]\["name"\]|\["nested"\]\["state"\]|\["owner"\]\["data"\]/);
    expect(types).toContain('held?: components["schemas"]["Held"]["relationships"]["owner"];');
    expect(await typecheckWith(made.files, made.out, UNINDEXABLE_USAGE + RECURSIVE_DEFINITION_USAGE)).toEqual([]);
  });
});

describe("operations named like the generated code's locals (apidapp.com's OPTIONS /)", () => {
  const names = ["options", "config", "input", "requestOptions", "signal", "fetch", "issues", "send", "toWire"];
  const spec = JSON.stringify({
    openapi: "3.0.3",
    info: { title: "locals", version: "1" },
    servers: [{ url: "http://localhost" }],
    paths: Object.fromEntries(
      names.map((id, i) => [
        i === 0 ? "/" : `/${id}`,
        {
          [i === 0 ? "options" : "get"]: {
            operationId: id,
            parameters: [{ name: "at", in: "query", schema: { type: "string", format: "date-time" } }],
            responses: {
              "200": { description: "ok", content: { "application/json": { schema: { type: "object" } } } },
            },
          },
        },
      ]),
    ),
  });

  it("compile with every option on, and each method calls its own operation", async () => {
    const { generateApi } = await import("../generator/index.js");
    const dir = await scratch({ "spec.json": spec, "package.json": '{ "type": "module" }\n' });
    const api = {
      name: "locals",
      spec: path.join(dir, "spec.json"),
      out: dir,
      base: dir,
      allowRemoteRefs: false,
      allowOutsideRefs: false,
    };
    const made = await generateApi(api, { cwd: dir, dates: true, query: true, mocks: true });
    for (const [name, text] of made.files) await fs.writeFile(path.join(dir, name), text);
    const sources = [...made.files.keys()].filter((f) => f.endsWith(".ts")).map((f) => path.join(dir, f));
    expect(typecheck(sources)).toEqual([]);
    for (const name of ["models.ts", "mocks.ts"]) await transpile(dir, made.files, name);
    const client = (await import(pathToFileURL(await transpile(dir, made.files, "client.ts")).href)) as Record<
      string,
      any
    >;
    const seen: string[] = [];
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      seen.push(`${request.method} ${new URL(request.url).pathname}`);
      return new Response("{}", { headers: { "content-type": "application/json" } });
    };
    const all = client.createClient({ fetch });
    // Methods keep their names (`fetch`, a global, is `fetch_`, as every reserved name is).
    const methods = made.model.operations.map((op) => op.names.method);
    expect(Object.keys(all).sort()).toEqual([...methods].sort());
    for (const method of methods) await all[method]();
    expect(seen).toEqual(["OPTIONS /", ...names.slice(1).map((id) => `GET /${id}`)]);
  });
});

/** `enum` on `type: object`: openapi-typescript reads the values as schemas and throws on strings. */
const OBJECT_ENUMS = `
openapi: 3.0.0
info: { title: object enums, version: "1" }
paths: {}
components:
  schemas:
    ProductGroup:
      type: object
      enum: [PKW, VAN]
      required: [name]
      properties:
        name: { type: string }
    Shape:
      type: object
      enum: [{ kind: a }, { kind: b, sides: 3 }]
`;

const OBJECT_ENUMS_USAGE = `import type { components } from "./types.js";
import type { Shape } from "./models.js";
export const a: components["schemas"]["Shape"] = { kind: "a" };
export const b: Shape = { kind: "b", sides: 3 };
// @ts-expect-error not one of the values
export const c: components["schemas"]["Shape"] = { kind: "c" };
// @ts-expect-error not one of the values
export const d: Shape = { kind: "b", sides: 4 };
`;

describe("enum on an object schema (mercedes-benz.com's configurator)", () => {
  it("types.ts is the values' literal types; a value outside the type is a located warning", async () => {
    const made = await generated(OBJECT_ENUMS);
    expect(await typecheckWith(made.files, made.out, OBJECT_ENUMS_USAGE)).toEqual([]);
    expect(made.module.validateShape!({ kind: "b", sides: 3 }).ok).toBe(true);
    expect(made.module.validateShape!({ kind: "c" }).ok).toBe(false);
    // Strings on an object: JSON Schema accepts no value; the warning says so where the enum is.
    expect(made.module.validateProductGroup!("PKW").ok).toBe(false);
    expect(made.warnings).toEqual([
      expect.stringMatching(/^9:\d+: enum values "PKW", "VAN" are not of the schema's type \(object\)/),
    ]);
  });
});

/** A child of a discriminated base, not in its mapping, declaring the tag itself (apple.com's sirikit-cloud-media). */
const OWN_TAG = `
openapi: 3.0.0
info: { title: own tag, version: "1" }
paths: {}
components:
  schemas:
    Base:
      type: object
      required: [kind]
      properties:
        kind: { type: string }
      discriminator:
        propertyName: kind
        mapping: { A: "#/components/schemas/A" }
    A:
      allOf: [{ $ref: "#/components/schemas/Base" }]
      properties:
        a: { type: string }
    B:
      allOf: [{ $ref: "#/components/schemas/Base" }]
      required: [size]
      properties:
        kind: { type: string, enum: [B] }
        size: { type: integer }
`;

const OWN_TAG_USAGE = `import type { components } from "./types.js";
export const b: components["schemas"]["B"] = { kind: "B", size: 1 };
// @ts-expect-error size is required
export const noSize: components["schemas"]["B"] = { kind: "B" };
// @ts-expect-error the tag of B is "B"
export const wrongTag: components["schemas"]["B"] = { kind: "A", size: 1 };
`;

describe("a discriminated child declaring the tag itself (apple.com's sirikit-cloud-media)", () => {
  it("types.ts has the tag once: the child's own properties are an allOf member of their own", async () => {
    const made = await generated(OWN_TAG);
    expect(await typecheckWith(made.files, made.out, OWN_TAG_USAGE)).toEqual([]);
    expect(made.module.validateB!({ kind: "B", size: 1 }).ok).toBe(true);
  });
});

/**
 * Discriminators whose alternatives the mapping cannot select: inline alternatives (no schema name to
 * map), and mapping entries pointing at files that were never bundled (digitalocean.com on APIs.guru).
 */
const LOOSE_DISCRIMINATORS = `
openapi: 3.0.3
info: { title: loose discriminators, version: "1" }
paths: {}
components:
  schemas:
    Inline:
      oneOf:
        - type: object
          required: [type, x]
          properties: { type: { type: string, enum: [x] }, x: { type: integer } }
        - type: object
          required: [type, y]
          properties: { type: { type: string, enum: [y] }, y: { type: string } }
      discriminator:
        propertyName: type
    DnsRecord:
      oneOf:
        - $ref: "#/components/schemas/Mx"
        - type: object
          required: [type, data]
          properties: { type: { type: string, enum: [A] }, data: { type: string, format: ipv4 } }
      discriminator:
        propertyName: type
        mapping:
          MX: "#/components/schemas/Mx"
          A: "models/domain_record_types.yml#/domain_record_a"
    Mx:
      type: object
      required: [type, priority]
      properties:
        type: { type: string }
        priority: { type: integer }
`;

const LOOSE_USAGE = `import type { components } from "./types.js";
export const a: components["schemas"]["DnsRecord"] = { type: "A", data: "192.0.2.1" };
export const mx: components["schemas"]["DnsRecord"] = { type: "MX", priority: 10 };
export const y: components["schemas"]["Inline"] = { type: "y", y: "why" };
`;

describe("discriminators the mapping cannot serve (inline alternatives; digitalocean.com's unbundled files)", () => {
  it("validators check such values against the alternatives as oneOf says; one located warning per mapping", async () => {
    const made = await generated(LOOSE_DISCRIMINATORS);
    expect(await typecheckWith(made.files, made.out, LOOSE_USAGE)).toEqual([]);
    const { validateInline, validateDnsRecord } = made.module;
    // Inline alternatives: every tag is checked by the alternatives (before, every value was refused).
    expect(validateInline!({ type: "x", x: 1 }).ok).toBe(true);
    expect(validateInline!({ type: "y", y: "why" }).ok).toBe(true);
    expect(validateInline!({ type: "x", y: "why" }).ok).toBe(false);
    expect(validateInline!({ type: "z" }).ok).toBe(false);
    expect(validateInline!("x").ok).toBe(false);
    // A mapped tag still picks its schema; the unbundled entry's tag goes to the alternatives.
    expect(validateDnsRecord!({ type: "MX", priority: 10 }).ok).toBe(true);
    const mx = validateDnsRecord!({ type: "MX", priority: "high" });
    expect(mx.issues?.map((i) => i.path)).toEqual([["priority"]]);
    expect(validateDnsRecord!({ type: "A", data: "192.0.2.1" }).ok).toBe(true);
    expect(validateDnsRecord!({ type: "A", data: "not an address" }).ok).toBe(false);
    expect(validateDnsRecord!({ type: "A" }).ok).toBe(false);
    expect(made.warnings).toEqual([
      expect.stringMatching(
        /^25:\d+: discriminator mapping entry "A" -> "models\/domain_record_types\.yml#\/domain_record_a" points at no component schema of this document: it is ignored/,
      ),
    ]);
  });
});
