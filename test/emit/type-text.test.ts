// Emit stage, types: given a schema fragment, want the TypeScript type text the models emitter prints.
import { describe, expect, it } from "vitest";
import { typeText } from "../../generator/emit/type-text.js";
import { ModelContext } from "../../generator/model/context.js";
import { buildSchema } from "../../generator/model/schema.js";

function typeOf(given: unknown, version = "3.0.3"): string {
  const doc = { components: { schemas: { Pet: {}, "pet-owner": {} } } };
  const ctx = new ModelContext(doc, version, () => ({ file: "x", line: 1, col: 1 }));
  const names = (n: string) => ({ Pet: "Pet", "pet-owner": "PetOwner" })[n] ?? "?";
  return typeText(buildSchema(ctx, given, "/given"), names);
}

describe("schema -> type", () => {
  const cases: [string, { given: unknown; version?: string; want: string }][] = [
    ["string", { given: { type: "string" }, want: "string" }],
    ["integer is number", { given: { type: "integer", format: "int64" }, want: "number" }],
    ["3.0 nullable", { given: { type: "string", nullable: true }, want: "string | null" }],
    ["3.1 type array", { given: { type: ["string", "null"] }, version: "3.1.0", want: "string | null" }],
    ["no type is unknown", { given: {}, want: "unknown" }],
    ["enum of strings", { given: { type: "string", enum: ["a", "b'c", 'd"e'] }, want: `"a" | "b'c" | "d\\"e"` }],
    ["nullable enum admits null", { given: { type: "string", enum: ["a"], nullable: true }, want: `"a" | null` }],
    ["const", { given: { const: 3 }, version: "3.1.0", want: "3" }],
    ["ref", { given: { $ref: "#/components/schemas/pet-owner" }, want: "PetOwner" }],
    [
      "array of union is parenthesised",
      {
        given: { type: "array", items: { type: ["string", "number"] } },
        version: "3.1.0",
        want: "(string | number)[]",
      },
    ],
    [
      "array of nullable objects",
      {
        given: { type: "array", items: { type: "object", nullable: true, properties: { a: { type: "string" } } } },
        want: "({\n    a?: string;\n} | null)[]",
      },
    ],
    [
      "object: required and optional",
      {
        given: { type: "object", required: ["id"], properties: { id: { type: "string" }, "x-y": { type: "number" } } },
        want: '{\n    id: string;\n    "x-y"?: number;\n}',
      },
    ],
    [
      "map",
      {
        given: { type: "object", additionalProperties: { type: "integer" } },
        want: "{\n    [key: string]: number;\n}",
      },
    ],
    ["closed empty object", { given: { type: "object", additionalProperties: false }, want: "Record<string, never>" }],
    [
      "patternProperties beside additionalProperties: false are the index signature",
      {
        given: {
          type: "object",
          properties: { id: { type: "string" } },
          patternProperties: { "^x-": { type: "integer" } },
          additionalProperties: false,
        },
        version: "3.1.0",
        want: "{\n    id?: string;\n    [key: string]: number | string | undefined;\n}",
      },
    ],
    [
      "patternProperties alone leave the object open",
      {
        given: { patternProperties: { "^x-": { type: "integer" } } },
        version: "3.1.0",
        want: "{\n    [key: string]: unknown;\n}",
      },
    ],
    ["open empty object", { given: { type: "object" }, want: "{\n    [key: string]: unknown;\n}" }],
    [
      "index signature admits declared properties",
      {
        given: { type: "object", properties: { n: { type: "number" } }, additionalProperties: { type: "string" } },
        want: "{\n    n?: number;\n    [key: string]: string | number | undefined;\n}",
      },
    ],
    [
      "allOf is an intersection",
      {
        given: {
          allOf: [{ $ref: "#/components/schemas/Pet" }, { type: "object", properties: { a: { type: "string" } } }],
        },
        want: "Pet & {\n    a?: string;\n}",
      },
    ],
    [
      "oneOf is a union",
      { given: { oneOf: [{ $ref: "#/components/schemas/Pet" }, { type: "string" }] }, want: "Pet | string" },
    ],
    [
      "nullable oneOf",
      { given: { oneOf: [{ $ref: "#/components/schemas/Pet" }], nullable: true, type: "object" }, want: "Pet | null" },
    ],
    [
      "union inside intersection is parenthesised",
      {
        given: { allOf: [{ $ref: "#/components/schemas/Pet" }], anyOf: [{ type: "string" }, { type: "number" }] },
        want: "Pet & (string | number)",
      },
    ],
    [
      "3.1 prefixItems",
      {
        given: { type: "array", prefixItems: [{ type: "string" }, { type: "number" }] },
        version: "3.1.0",
        want: "[string?, number?, ...unknown[]]",
      },
    ],
    [
      "descriptions become JSDoc, escaped",
      {
        given: { type: "object", properties: { a: { type: "string", description: "ends */ here" } } },
        want: "{\n    /** ends *\\/ here */\n    a?: string;\n}",
      },
    ],
    [
      "hostile property names are quoted",
      {
        given: { type: "object", properties: { "a\u2028b": { type: "string" }, "${x}": { type: "string" } } },
        want: '{\n    "a\\u2028b"?: string;\n    "${x}"?: string;\n}',
      },
    ],
  ];
  it.each(cases)("%s", (_name, { given, version, want }) => {
    expect(typeOf(given, version)).toBe(want);
  });
});
