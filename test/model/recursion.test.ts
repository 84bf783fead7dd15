// Model stage, recursion between named schemas: a schema may contain itself inside a property or an
// array item, never in place (through allOf/oneOf/anyOf/not alone); and which schemas recurse only
// through array items (the raw types need an interface there).
import { describe, expect, it } from "vitest";
import { UserError } from "../../generator/errors.js";
import { arrayRecursive } from "../../generator/model/index.js";
import { doc, modelOf } from "./helpers.js";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** `ok`, or the located error's `line:col: first words`. */
function inPlace(schemas: Record<string, unknown>): string {
  try {
    modelOf(doc(schemas));
    return "ok";
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return `${error.location?.line}:${error.location?.col}: ${error.message.split(", through")[0]}`;
  }
}

describe("in-place recursion", () => {
  it.each([
    ["a tree through a property", { Node: { type: "object", properties: { next: ref("Node") } } }, "ok"],
    ["a list of itself", { List: { type: "array", items: ref("List") } }, "ok"],
    [
      "a tuple of itself (3.0 has no prefixItems, items suffices)",
      { T: { type: "array", items: { oneOf: [ref("T"), { type: "string" }] } } },
      "ok",
    ],
    ["a map of itself", { M: { type: "object", additionalProperties: ref("M") } }, "ok"],
    ["itself in oneOf", { A: { oneOf: [ref("A"), { type: "string" }] } }, "contains itself in place (A → A)"],
    ["itself in allOf", { A: { allOf: [ref("A")] } }, "contains itself in place (A → A)"],
    ["itself under not", { A: { not: ref("A") } }, "contains itself in place (A → A)"],
    [
      "through another schema",
      { A: { anyOf: [ref("B")] }, B: { allOf: [ref("A")] } },
      "contains itself in place (A → B → A)",
    ],
    [
      "a loop broken by a property further along",
      { A: { anyOf: [ref("B")] }, B: { type: "object", properties: { a: ref("A") } } },
      "ok",
    ],
  ] as [string, Record<string, unknown>, string][])("%s", (_name, schemas, want) => {
    const got = inPlace(schemas);
    if (want === "ok") expect(got).toBe("ok");
    else expect(got).toMatch(new RegExp(`^\\d+:\\d+: schema "\\w+" ${want.replace(/[()]/g, "\\$&")}`));
  });

  it("is located at the reference that closes the loop", () => {
    const spec = `openapi: 3.0.3
info: { title: t, version: "1" }
paths: {}
components:
  schemas:
    A:
      oneOf:
        - type: string
        - $ref: "#/components/schemas/A"
`;
    expect(() => modelOf(spec)).toThrow(UserError);
    try {
      modelOf(spec);
    } catch (error) {
      expect((error as UserError).location).toEqual({ file: "spec.yaml", line: 9, col: 11 });
    }
  });
});

describe("arrayRecursive", () => {
  it.each([
    ["a list of itself", { L: { type: "array", items: ref("L") } }, ["L"]],
    [
      "two lists of each other",
      { A: { type: "array", items: ref("B") }, B: { type: "array", items: ref("A") } },
      ["A", "B"],
    ],
    [
      "through a property is not array-only",
      { N: { type: "object", properties: { c: { type: "array", items: ref("N") } } } },
      [],
    ],
    [
      "a list of another list that does not loop",
      { A: { type: "array", items: ref("B") }, B: { type: "array", items: { type: "string" } } },
      [],
    ],
    [
      "a union holding a list of itself",
      { J: { oneOf: [{ type: "string" }, { type: "array", items: ref("J") }] } },
      ["J"],
    ],
  ] as [string, Record<string, unknown>, string[]][])("%s", (_name, schemas, want) => {
    expect([...arrayRecursive(modelOf(doc(schemas)).schemas)].sort()).toEqual(want);
  });
});
