// Model stage, discriminator tags: which values each component schema is held to, given the
// discriminators that select it. Only explicit mapping entries tag a schema (see discriminators.ts).
import { describe, expect, it } from "vitest";
import { doc, modelOf } from "./helpers.js";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const obj = { type: "object", properties: { kind: { type: "string" } } };

/** Tags of every component, as `Name: prop=v1|v2`, components without tags left out. */
function tags(schemas: Record<string, unknown>, paths: Record<string, unknown> = {}): string[] {
  return modelOf(doc(schemas, paths)).schemas.flatMap((n) =>
    (n.schema.tags ?? []).map((t) => `${n.name}: ${t.propertyName}=${t.values.join("|")}`),
  );
}

describe("assignTags", () => {
  it.each([
    [
      "oneOf with an explicit mapping",
      {
        Pet: {
          oneOf: [ref("Cat"), ref("Dog")],
          discriminator: {
            propertyName: "kind",
            mapping: { cat: "#/components/schemas/Cat", dog: "#/components/schemas/Dog" },
          },
        },
        Cat: obj,
        Dog: obj,
      },
      ["Cat: kind=cat", "Dog: kind=dog"],
    ],
    [
      "anyOf too",
      {
        Pet: {
          anyOf: [ref("Cat")],
          discriminator: { propertyName: "kind", mapping: { cat: "#/components/schemas/Cat" } },
        },
        Cat: obj,
      },
      ["Cat: kind=cat"],
    ],
    [
      "no mapping: implicit names are not held to",
      { Pet: { oneOf: [ref("Cat"), ref("Dog")], discriminator: { propertyName: "kind" } }, Cat: obj, Dog: obj },
      [],
    ],
    [
      "a partial mapping tags only the mapped schema",
      {
        Pet: {
          oneOf: [ref("Cat"), ref("Dog")],
          discriminator: { propertyName: "kind", mapping: { cat: "#/components/schemas/Cat" } },
        },
        Cat: obj,
        Dog: obj,
      },
      ["Cat: kind=cat"],
    ],
    [
      "two values mapped to one schema",
      {
        Pet: {
          oneOf: [ref("Cat")],
          discriminator: {
            propertyName: "kind",
            mapping: { cat: "#/components/schemas/Cat", kitty: "#/components/schemas/Cat" },
          },
        },
        Cat: obj,
      },
      ["Cat: kind=cat|kitty"],
    ],
    [
      "two discriminators on different properties",
      {
        A: {
          oneOf: [ref("Cat")],
          discriminator: { propertyName: "kind", mapping: { cat: "#/components/schemas/Cat" } },
        },
        B: {
          oneOf: [ref("Cat")],
          discriminator: { propertyName: "type", mapping: { feline: "#/components/schemas/Cat" } },
        },
        Cat: obj,
      },
      ["Cat: kind=cat", "Cat: type=feline"],
    ],
    [
      "a schema extending the base through allOf",
      {
        Pet: {
          type: "object",
          required: ["kind"],
          properties: { kind: { type: "string" } },
          discriminator: { propertyName: "kind", mapping: { cat: "#/components/schemas/Cat" } },
        },
        Cat: { allOf: [ref("Pet"), { type: "object", properties: { purrs: { type: "boolean" } } }] },
      },
      ["Cat: kind=cat"],
    ],
    [
      "allOf to a base that has alternatives of its own is not extension",
      {
        Pet: {
          oneOf: [ref("Dog")],
          discriminator: {
            propertyName: "kind",
            mapping: { cat: "#/components/schemas/Cat", dog: "#/components/schemas/Dog" },
          },
        },
        Cat: { allOf: [ref("Pet")] },
        Dog: obj,
      },
      ["Dog: kind=dog"],
    ],
    [
      "an inline discriminator in a property",
      {
        Owner: {
          type: "object",
          properties: {
            pet: {
              oneOf: [ref("Cat")],
              discriminator: { propertyName: "kind", mapping: { c: "#/components/schemas/Cat" } },
            },
          },
        },
        Cat: obj,
      },
      ["Cat: kind=c"],
    ],
  ] as [string, Record<string, unknown>, string[]][])("%s", (_name, schemas, want) => {
    // Sorted: the order of a schema's tags follows the walk, not the spec (it is stable, but not spec order).
    expect(tags(schemas).sort()).toEqual(want);
  });

  it("a discriminator inline in an operation's body tags its components too", () => {
    const paths = {
      "/p": {
        post: {
          operationId: "make",
          requestBody: {
            content: {
              "application/json": {
                schema: {
                  oneOf: [ref("Cat")],
                  discriminator: { propertyName: "kind", mapping: { cat: "#/components/schemas/Cat" } },
                },
              },
            },
          },
          responses: { "204": { description: "ok" } },
        },
      },
    };
    expect(tags({ Cat: obj }, paths)).toEqual(["Cat: kind=cat"]);
  });
});

describe("the discriminator itself", () => {
  it("keeps explicit entries apart from those implied by names, in spec order", () => {
    const [pet] = modelOf(
      doc({
        Pet: {
          oneOf: [ref("Cat"), ref("Dog")],
          discriminator: { propertyName: "kind", mapping: { dog: "#/components/schemas/Dog" } },
        },
        Cat: obj,
        Dog: obj,
      }),
    ).schemas;
    expect(pet!.schema.discriminator).toEqual({
      propertyName: "kind",
      mapping: [
        { value: "dog", schema: "Dog" },
        { value: "Cat", schema: "Cat" },
      ],
      explicit: [{ value: "dog", schema: "Dog" }],
    });
  });
});
