// Load stage, source files: pointers, and the way back from a JSON pointer to `file:line:col` that
// every located message depends on (YAML and JSON alike), and the parse guards, each located.
import { describe, expect, it } from "vitest";
import { UserError } from "../../generator/errors.js";
import { DEFAULT_LIMITS, parseSource, pointerSegments, toPointer } from "../../generator/load/source.js";

describe("pointers", () => {
  it.each([
    ["", []],
    ["#", []],
    ["#/components/schemas/User", ["components", "schemas", "User"]],
    ["/paths/~1users~1{id}/get", ["paths", "/users/{id}", "get"]],
    ["/a~0b/~01", ["a~b", "~1"]],
    ["/x/", ["x", ""]],
  ] as [string, string[]][])("pointerSegments(%j) = %j", (pointer, want) => {
    expect(pointerSegments(pointer)).toEqual(want);
  });

  it.each([
    [["paths", "/users/{id}", "get"], "/paths/~1users~1{id}/get"],
    [["a~b", "~1", 0], "/a~0b/~01/0"],
    [[], ""],
  ] as [(string | number)[], string][])("toPointer(%j) = %j and back", (segments, want) => {
    expect(toPointer(segments)).toBe(want);
    expect(pointerSegments(want)).toEqual(segments.map(String));
  });
});

const YAML = `openapi: 3.0.3
info:
  title: t
paths:
  /users/{id}:
    get:
      parameters:
        - name: id
          in: path
        - name: "q~/x"
          in: query
  "/quoted":
    post: {}
`;

const JSON_TEXT = `{
  "openapi": "3.0.3",
  "info": { "title": "t" },
  "paths": {
    "/users/{id}": {
      "get": {
        "parameters": [
          { "name": "id", "in": "path" }
        ]
      }
    }
  }
}`;

describe("locate: a pointer back to its place in the file", () => {
  // given a pointer, want line:col of its key (a map member), its item (a list), or the nearest ancestor.
  const cases: [string, string, string][] = [
    ["the document", "", "1:1"],
    ["a top-level key", "/info", "2:1"],
    ["a nested key", "/info/title", "3:3"],
    ["a key holding a slash", "/paths/~1users~1{id}/get", "6:5"],
    ["a list item", "/paths/~1users~1{id}/get/parameters/1", "10:11"],
    ["a member of a list item", "/paths/~1users~1{id}/get/parameters/1/in", "11:11"],
    ["a quoted key", "/paths/~1quoted/post", "13:5"],
    ["a missing member: its nearest ancestor", "/paths/~1users~1{id}/get/responses", "6:5"],
    ["a list index past the end: the list's key", "/paths/~1users~1{id}/get/parameters/7", "7:7"],
    ["a member below a scalar: the scalar's key", "/info/title/x", "3:3"],
  ];
  it.each(cases)("YAML: %s", (_name, pointer, want) => {
    const { line, col, file } = parseSource("spec.yaml", YAML, DEFAULT_LIMITS).locate(pointer);
    expect(`${line}:${col}`).toBe(want);
    expect(file).toBe("spec.yaml");
  });

  it.each([
    ["a nested key", "/info/title", "3:13"],
    ["a list item", "/paths/~1users~1{id}/get/parameters/0", "8:11"],
    ["a missing member: its nearest ancestor", "/paths/~1users~1{id}/post", "5:5"],
  ])("JSON (positions built only when asked): %s", (_name, pointer, want) => {
    const { line, col } = parseSource("spec.json", JSON_TEXT, DEFAULT_LIMITS).locate(pointer);
    expect(`${line}:${col}`).toBe(want);
  });

  it("JSON and its YAML reading give the same value", () => {
    expect(parseSource("spec.json", JSON_TEXT, DEFAULT_LIMITS).value).toEqual(JSON.parse(JSON_TEXT));
  });
});

describe("parse guards, each a located UserError", () => {
  const fails = (text: string, limits = DEFAULT_LIMITS) => {
    try {
      parseSource("spec.yaml", text, limits);
    } catch (error) {
      expect(error).toBeInstanceOf(UserError);
      const e = error as UserError;
      return `${e.location?.line}:${e.location?.col}: ${e.message}`;
    }
    throw new Error("parsed");
  };

  it.each([
    ["an empty file", "  \n", /^1:1: the file is empty/],
    ["invalid YAML", "a: [1, 2\nb: 3\n", /^\d+:\d+: /],
    [
      "JSON nested past maxDepth, at the bracket",
      `{"a":\n ${"[".repeat(5)}${"]".repeat(5)}}`,
      /^2:5: the document nests deeper than 4 levels/,
    ],
    [
      "YAML nested past maxDepth, at the key",
      "a:\n  b:\n    c:\n      d:\n        e: 1\n",
      /^\d+:\d+: the document nests deeper than 4 levels/,
    ],
    ["an alias bomb", "a: &a [1, 1]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b, *b]\n", /alias/],
  ] as [string, string, RegExp][])("%s", (_name, text, want) => {
    expect(fails(text, { ...DEFAULT_LIMITS, maxDepth: 4, maxAliasCount: 3 })).toMatch(want);
  });
});
