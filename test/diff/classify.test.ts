// `specforge diff`'s rules, one table row each: a pair of schemas (or of operations) and the changes
// the diff must report, with their severity. The README's rules table is these rows.
import { describe, expect, it } from "vitest";
import { diffModels } from "../../generator/diff/operations.js";
import { doc, modelOf } from "../model/helpers.js";

type Row = [name: string, before: unknown, after: unknown, want: string[]];
const ref = { $ref: "#/components/schemas/Thing" };
const json = (schema: unknown) => ({ "application/json": { schema } });

/** Thing as the request body of `putThing` or the 200 body of `getThing`, before and after. */
function schemaChanges(side: "request" | "response", before: unknown, after: unknown): string[] {
  const paths =
    side === "request"
      ? {
          "/t": {
            put: {
              operationId: "putThing",
              requestBody: { required: true, content: json(ref) },
              responses: { "204": { description: "ok" } },
            },
          },
        }
      : { "/t": { get: { operationId: "getThing", responses: { "200": { description: "ok", content: json(ref) } } } } };
  return changes(doc({ Thing: before }, paths), doc({ Thing: after }, paths));
}

function changes(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return diffModels(modelOf(before), modelOf(after)).map((c) => `${c.severity}: ${c.where}: ${c.message}`);
}

const object = (properties: Record<string, unknown>, required: string[] = [], extra = {}) => ({
  type: "object",
  properties,
  ...(required.length > 0 ? { required } : {}),
  ...extra,
});
const str = { type: "string" };

describe("request bodies: refused what was accepted is breaking", () => {
  const rows: Row[] = [
    [
      "required field added",
      object({ a: str }),
      object({ a: str, b: str }, ["b"]),
      ["breaking: putThing body.b: required field added (in Thing)"],
    ],
    [
      "optional field added",
      object({ a: str }),
      object({ a: str, b: str }),
      ["compatible: putThing body.b: optional field added (in Thing)"],
    ],
    [
      "field removed",
      object({ a: str, b: str }),
      object({ a: str }),
      ["breaking: putThing body.b: field removed (it was optional) (in Thing)"],
    ],
    [
      "optional -> required",
      object({ a: str }),
      object({ a: str }, ["a"]),
      ["breaking: putThing body.a: optional -> required (in Thing)"],
    ],
    [
      "required -> optional",
      object({ a: str }, ["a"]),
      object({ a: str }),
      ["compatible: putThing body.a: required -> optional (in Thing)"],
    ],
    [
      "maxLength lowered",
      object({ a: { type: "string", maxLength: 10 } }),
      object({ a: { type: "string", maxLength: 5 } }),
      ["breaking: putThing body.a: maxLength 10 -> 5 (in Thing)"],
    ],
    [
      "maxLength raised",
      object({ a: { type: "string", maxLength: 5 } }),
      object({ a: { type: "string", maxLength: 10 } }),
      ["compatible: putThing body.a: maxLength 5 -> 10 (in Thing)"],
    ],
    [
      "maxLength added",
      object({ a: str }),
      object({ a: { type: "string", maxLength: 5 } }),
      ["breaking: putThing body.a: maxLength none -> 5 (in Thing)"],
    ],
    [
      "minimum raised",
      { type: "integer", minimum: 1 },
      { type: "integer", minimum: 2 },
      ["breaking: putThing body: minimum 1 -> 2 (in Thing)"],
    ],
    [
      "exclusiveMaximum removed",
      { type: "number", maximum: 5, exclusiveMaximum: true },
      { type: "number", maximum: 5 },
      ["compatible: putThing body: upper bound < 5 -> <= 5 (in Thing)"],
    ],
    [
      "pattern added",
      str,
      { type: "string", pattern: "^a" },
      ['breaking: putThing body: pattern "^a" added (in Thing)'],
    ],
    [
      "pattern changed",
      { type: "string", pattern: "^a" },
      { type: "string", pattern: "^b" },
      ['breaking: putThing body: pattern "^a" -> "^b" (in Thing)'],
    ],
    [
      "pattern removed",
      { type: "string", pattern: "^a" },
      str,
      ['compatible: putThing body: pattern "^a" removed (in Thing)'],
    ],
    [
      "format added",
      str,
      { type: "string", format: "email" },
      ['breaking: putThing body: format "email" added (in Thing)'],
    ],
    [
      "enum value removed",
      { type: "string", enum: ["a", "b"] },
      { type: "string", enum: ["a"] },
      ['breaking: putThing body: allowed values: "b" removed (in Thing)'],
    ],
    [
      "enum value added",
      { type: "string", enum: ["a"] },
      { type: "string", enum: ["a", "b"] },
      ['compatible: putThing body: allowed values: "b" added (in Thing)'],
    ],
    ["type changed", str, { type: "integer" }, ["breaking: putThing body: type string -> integer (in Thing)"]],
    [
      "type widened",
      { type: "integer" },
      { type: "number" },
      ["compatible: putThing body: type integer -> number (in Thing)"],
    ],
    ["made nullable", str, { type: "string", nullable: true }, ["compatible: putThing body: now nullable (in Thing)"]],
    [
      "other properties refused",
      object({ a: str }),
      object({ a: str }, [], { additionalProperties: false }),
      ["breaking: putThing body: other properties: allowed -> not allowed (in Thing)"],
    ],
    [
      "uniqueItems added",
      { type: "array", items: str },
      { type: "array", items: str, uniqueItems: true },
      ["breaking: putThing body: uniqueItems false -> true (in Thing)"],
    ],
    [
      "multipleOf 2 -> 4",
      { type: "integer", multipleOf: 2 },
      { type: "integer", multipleOf: 4 },
      ["breaking: putThing body: multipleOf 2 -> 4 (in Thing)"],
    ],
    [
      "multipleOf 4 -> 2",
      { type: "integer", multipleOf: 4 },
      { type: "integer", multipleOf: 2 },
      ["compatible: putThing body: multipleOf 4 -> 2 (in Thing)"],
    ],
    [
      "array items tightened",
      { type: "array", items: str },
      { type: "array", items: { type: "string", minLength: 1 } },
      ["breaking: putThing body[]: minLength none -> 1 (in Thing)"],
    ],
    [
      "oneOf branch added",
      { oneOf: [str, { type: "integer" }] },
      { oneOf: [str, { type: "integer" }, { type: "boolean" }] },
      ["compatible: putThing body: oneOf member #3 added (in Thing)"],
    ],
    [
      "oneOf branch removed",
      { oneOf: [str, { type: "integer" }] },
      { oneOf: [str] },
      ["breaking: putThing body: oneOf member #2 removed (in Thing)"],
    ],
    [
      "allOf member added",
      { allOf: [object({ a: str })] },
      { allOf: [object({ a: str }), { minProperties: 1 }] },
      ["breaking: putThing body: allOf member #2 added (in Thing)"],
    ],
    [
      "a read-only field is not sent",
      object({ a: str }),
      object({ a: str, id: { type: "string", readOnly: true } }, ["id"]),
      [],
    ],
    [
      "a field that became read-only can no longer be sent",
      object({ a: str, b: str }),
      object({ a: str, b: { type: "string", readOnly: true } }),
      ["breaking: putThing body.b: field removed (it was optional) (in Thing)"],
    ],
    [
      "a field moved into an allOf member is no change",
      object({ a: str, b: str }, ["a"]),
      { allOf: [object({ a: str }, ["a"]), object({ b: str })] },
      [],
    ],
    [
      "descriptions, examples and titles are no change",
      object({ a: str }),
      object({ a: { type: "string", description: "A.", example: "x", title: "A" } }, [], { description: "Thing." }),
      [],
    ],
    [
      "deprecated",
      object({ a: str }),
      object({ a: { type: "string", deprecated: true } }),
      ["compatible: putThing body.a: deprecated (in Thing)"],
    ],
  ];
  it.each(rows)("%s", (_, before, after, want) => {
    expect(schemaChanges("request", before, after)).toEqual(want);
  });
});

describe("response bodies: what the old types did not allow is breaking", () => {
  const rows: Row[] = [
    [
      "field removed",
      object({ a: str, b: str }, ["b"]),
      object({ a: str }),
      ["breaking: getThing 200 body.b: field removed (in Thing)"],
    ],
    [
      "required -> optional (may be absent)",
      object({ a: str }, ["a"]),
      object({ a: str }),
      ["breaking: getThing 200 body.a: required -> optional (in Thing)"],
    ],
    [
      "optional -> required",
      object({ a: str }),
      object({ a: str }, ["a"]),
      ["compatible: getThing 200 body.a: optional -> required (in Thing)"],
    ],
    [
      "field added",
      object({ a: str }),
      object({ a: str, b: str }, ["b"]),
      ["compatible: getThing 200 body.b: required field added (in Thing)"],
    ],
    [
      "made nullable",
      object({ a: str }),
      object({ a: { type: "string", nullable: true } }),
      ["breaking: getThing 200 body.a: now nullable (in Thing)"],
    ],
    [
      "no longer nullable",
      { type: "string", nullable: true },
      str,
      ["compatible: getThing 200 body: no longer nullable (in Thing)"],
    ],
    [
      "enum value added",
      { type: "string", enum: ["a"] },
      { type: "string", enum: ["a", "b"] },
      ['breaking: getThing 200 body: allowed values: "b" added (in Thing)'],
    ],
    [
      "enum value removed",
      { type: "string", enum: ["a", "b"] },
      { type: "string", enum: ["a"] },
      ['compatible: getThing 200 body: allowed values: "b" removed (in Thing)'],
    ],
    [
      "type widened",
      { type: "integer" },
      { type: "number" },
      ["breaking: getThing 200 body: type integer -> number (in Thing)"],
    ],
    [
      "type narrowed",
      { type: "number" },
      { type: "integer" },
      ["compatible: getThing 200 body: type number -> integer (in Thing)"],
    ],
    [
      "maxLength removed",
      { type: "string", maxLength: 5 },
      str,
      ["breaking: getThing 200 body: maxLength 5 -> none (in Thing)"],
    ],
    [
      "maxLength added",
      str,
      { type: "string", maxLength: 5 },
      ["compatible: getThing 200 body: maxLength none -> 5 (in Thing)"],
    ],
    [
      "a write-only field is never received",
      object({ a: str }),
      object({ a: str, secret: { type: "string", writeOnly: true } }),
      [],
    ],
    [
      "X -> oneOf [X, null] is only 'now nullable'",
      object({ a: str }),
      { oneOf: [object({ a: str }), { type: "null" }] },
      ["breaking: getThing 200 body: now nullable (in Thing)"],
    ],
    [
      "items of a list of objects",
      { type: "array", items: object({ id: { type: "integer" } }, ["id"]) },
      { type: "array", items: object({ id: { type: "string" } }, ["id"]) },
      ["breaking: getThing 200 body[].id: type integer -> string (in Thing)"],
    ],
    [
      "a property that is not an identifier",
      object({ "a b": str }),
      object({ "a b": { type: "integer" } }),
      ['breaking: getThing 200 body["a b"]: type string -> integer (in Thing)'],
    ],
    [
      "map values",
      { type: "object", additionalProperties: str },
      { type: "object", additionalProperties: { type: "integer" } },
      ["breaking: getThing 200 body.*: type string -> integer (in Thing)"],
    ],
  ];
  it.each(rows)("%s", (_, before, after, want) => {
    expect(schemaChanges("response", before, after)).toEqual(want);
  });

  it("a recursive schema terminates, and a change is reported once, at its shortest path", () => {
    const node = (leaf: unknown) =>
      object({ value: leaf, children: { type: "array", items: { $ref: "#/components/schemas/Thing" } } });
    expect(schemaChanges("response", node(str), node({ type: "integer" }))).toEqual([
      "breaking: getThing 200 body.value: type string -> integer (in Thing)",
    ]);
  });
});

const op = (extra: Record<string, unknown> = {}, id = "getThing") => ({
  operationId: id,
  responses: { "200": { description: "ok", content: json({ type: "string" }) } },
  ...extra,
});
const api = (paths: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  ...doc({}, paths),
  ...extra,
});
const query = (name: string, required = false, schema: unknown = str) => ({ name, in: "query", required, schema });

describe("operations", () => {
  const rows: Row[] = [
    [
      "operation removed",
      api({ "/t": { get: op(), delete: op({}, "deleteThing") } }),
      api({ "/t": { get: op() } }),
      ["breaking: deleteThing: operation removed (DELETE /t)"],
    ],
    [
      "operation added",
      api({ "/t": { get: op() } }),
      api({ "/t": { get: op(), delete: op({}, "deleteThing") } }),
      ["compatible: deleteThing: operation added (DELETE /t)"],
    ],
    [
      "operationId changed",
      api({ "/t": { get: op() } }),
      api({ "/t": { get: op({}, "fetchThing") } }),
      ['breaking: getThing: operationId "getThing" -> "fetchThing" (GET /t; getThing() is now fetchThing())'],
    ],
    [
      "required query parameter added",
      api({ "/t": { get: op() } }),
      api({ "/t": { get: op({ parameters: [query("q", true)] }) } }),
      ["breaking: getThing query.q: required parameter added"],
    ],
    [
      "optional query parameter added",
      api({ "/t": { get: op() } }),
      api({ "/t": { get: op({ parameters: [query("q")] }) } }),
      ["compatible: getThing query.q: optional parameter added"],
    ],
    [
      "parameter removed",
      api({ "/t": { get: op({ parameters: [query("q")] }) } }),
      api({ "/t": { get: op() } }),
      ["breaking: getThing query.q: parameter removed"],
    ],
    [
      "parameter optional -> required",
      api({ "/t": { get: op({ parameters: [query("q")] }) } }),
      api({ "/t": { get: op({ parameters: [query("q", true)] }) } }),
      ["breaking: getThing query.q: optional -> required"],
    ],
    [
      "parameter limit lowered",
      api({ "/t": { get: op({ parameters: [query("limit", false, { type: "integer", maximum: 100 })] }) } }),
      api({ "/t": { get: op({ parameters: [query("limit", false, { type: "integer", maximum: 50 })] }) } }),
      ["breaking: getThing query.limit: maximum 100 -> 50"],
    ],
    [
      "path parameter renamed",
      api({ "/t/{id}": { get: op({ parameters: [{ name: "id", in: "path", required: true, schema: str }] }) } }),
      api({
        "/t/{thing_id}": { get: op({ parameters: [{ name: "thing_id", in: "path", required: true, schema: str }] }) },
      }),
      ["breaking: getThing path.thing_id: required parameter added", "breaking: getThing path.id: parameter removed"],
    ],
    [
      "header names are case-insensitive",
      api({ "/t": { get: op({ parameters: [{ name: "X-Id", in: "header", schema: str }] }) } }),
      api({ "/t": { get: op({ parameters: [{ name: "x-id", in: "header", schema: str }] }) } }),
      [],
    ],
    [
      "response status removed",
      api({ "/t": { get: op({ responses: { "200": { description: "ok" }, "404": { description: "no" } } }) } }),
      api({ "/t": { get: op({ responses: { "200": { description: "ok" } } }) } }),
      ["breaking: getThing 404: response status removed"],
    ],
    [
      "error status added",
      api({ "/t": { get: op() } }),
      api({
        "/t": { get: op({ responses: { ...op().responses, "404": { description: "no", content: json(str) } } }) },
      }),
      ["compatible: getThing 404: response status added"],
    ],
    [
      "success status added with another body",
      api({ "/t": { get: op() } }),
      api({
        "/t": {
          get: op({
            responses: { ...op().responses, "202": { description: "later", content: json({ type: "integer" }) } },
          }),
        },
      }),
      ["breaking: getThing 202: response status added, with a body the result type did not have"],
    ],
    [
      "response body removed",
      api({ "/t": { get: op() } }),
      api({ "/t": { get: op({ responses: { "200": { description: "ok" } } }) } }),
      ["breaking: getThing 200 body: response body removed"],
    ],
    [
      "response media type added",
      api({ "/t": { get: op() } }),
      api({
        "/t": {
          get: op({
            responses: { "200": { description: "ok", content: { ...json(str), "text/plain": { schema: str } } } },
          }),
        },
      }),
      ["breaking: getThing 200 body: media type text/plain added"],
    ],
    [
      "required request body added",
      api({ "/t": { post: op({}, "postThing") } }),
      api({ "/t": { post: op({ requestBody: { required: true, content: json(str) } }, "postThing") } }),
      ["breaking: postThing body: required request body added"],
    ],
    [
      "request media type removed",
      api({
        "/t": { post: op({ requestBody: { content: { ...json(str), "text/plain": { schema: str } } } }, "postThing") },
      }),
      api({ "/t": { post: op({ requestBody: { content: json(str) } }, "postThing") } }),
      ["breaking: postThing body: media type text/plain removed"],
    ],
    [
      "request media type added",
      api({ "/t": { post: op({ requestBody: { content: json(str) } }, "postThing") } }),
      api({
        "/t": { post: op({ requestBody: { content: { ...json(str), "text/plain": { schema: str } } } }, "postThing") },
      }),
      ["compatible: postThing body: media type text/plain added"],
    ],
    [
      "operation deprecated",
      api({ "/t": { get: op() } }),
      api({ "/t": { get: op({ deprecated: true }) } }),
      ["compatible: getThing: operation deprecated"],
    ],
  ];
  it.each(rows)("%s", (_, before, after, want) => {
    expect(changes(before as Record<string, unknown>, after as Record<string, unknown>)).toEqual(want);
  });
});

describe("security and servers", () => {
  const schemes = {
    basic: { type: "http", scheme: "basic" },
    bearer: { type: "http", scheme: "bearer" },
    key: { type: "apiKey", in: "header", name: "X-Key" },
  };
  const secured = (security: unknown, schemeOverrides = {}, servers?: string[]) => ({
    ...doc({}, { "/t": { get: op() } }),
    components: { schemas: {}, securitySchemes: { ...schemes, ...schemeOverrides } },
    ...(security === undefined ? {} : { security }),
    ...(servers ? { servers: servers.map((url) => ({ url })) } : {}),
  });
  const rows: Row[] = [
    [
      "authentication now required",
      secured(undefined),
      secured([{ basic: [] }]),
      ["breaking: getThing security: authentication now required (basic)"],
    ],
    [
      "authentication no longer required",
      secured([{ basic: [] }]),
      secured([]),
      ["compatible: getThing security: authentication no longer required"],
    ],
    [
      "an alternative removed",
      secured([{ basic: [] }, { key: [] }]),
      secured([{ basic: [] }]),
      ["breaking: getThing security: key no longer accepted"],
    ],
    [
      "an alternative added",
      secured([{ basic: [] }]),
      secured([{ basic: [] }, { key: [] }]),
      ["compatible: getThing security: key also accepted"],
    ],
    [
      "optional authentication made mandatory",
      secured([{ basic: [] }, {}]),
      secured([{ basic: [] }]),
      ["breaking: getThing security: authentication now required (basic)"],
    ],
    [
      "a scheme that works otherwise",
      secured([{ basic: [] }]),
      secured([{ basic: [] }], { basic: { type: "http", scheme: "bearer" } }),
      ["breaking: security basic: http basic -> http bearer"],
    ],
    [
      "default server changed",
      secured(undefined, {}, ["https://a.example"]),
      secured(undefined, {}, ["https://b.example"]),
      [
        'compatible: servers: default server "https://a.example" -> "https://b.example" (createClient\'s default baseUrl)',
      ],
    ],
  ];
  it.each(rows)("%s", (_, before, after, want) => {
    expect(changes(before as Record<string, unknown>, after as Record<string, unknown>)).toEqual(want);
  });
});

describe("components", () => {
  it("a change inside a component is reported at every operation and status it reaches, breaking first", () => {
    const paths = {
      "/a": { get: op({ responses: { "200": { description: "ok", content: json(ref) } } }, "getA") },
      "/b": {
        post: op(
          { requestBody: { content: json(ref) }, responses: { "201": { description: "ok", content: json(ref) } } },
          "postB",
        ),
      },
    };
    const before = doc({ Thing: object({ name: { type: "string", maxLength: 10 } }) }, paths);
    const after = doc({ Thing: object({ name: { type: "string", maxLength: 20 } }) }, paths);
    expect(changes(before, after)).toEqual([
      "breaking: getA 200 body.name: maxLength 10 -> 20 (in Thing)",
      "breaking: postB 201 body.name: maxLength 10 -> 20 (in Thing)",
      "compatible: postB body.name: maxLength 10 -> 20 (in Thing)",
    ]);
  });

  it("a component wrapped in allOf (to make it nullable) is compared as that component, once per root", () => {
    const paths = {
      "/a": {
        get: op(
          { responses: { "200": { description: "ok", content: json({ $ref: "#/components/schemas/Advisory" }) } } },
          "getA",
        ),
      },
    };
    const schemas = (max: number) => ({
      Advisory: object({
        author: { nullable: true, allOf: [{ $ref: "#/components/schemas/User" }] },
        users: { type: "array", items: { $ref: "#/components/schemas/User" } },
      }),
      User: object({ login: { type: "string", maxLength: max } }),
    });
    expect(changes(doc(schemas(10), paths), doc(schemas(20), paths))).toEqual([
      "breaking: getA 200 body.author.login: maxLength 10 -> 20 (in User)",
    ]);
  });

  it("components whose graph did not change are skipped, and one that reaches a changed one is not", () => {
    const paths = {
      "/a": {
        get: op(
          { responses: { "200": { description: "ok", content: json({ $ref: "#/components/schemas/Outer" }) } } },
          "getA",
        ),
      },
    };
    const schemas = (leaf: unknown) => ({
      Outer: object({ inner: { $ref: "#/components/schemas/Inner" }, same: { $ref: "#/components/schemas/Same" } }),
      Inner: object({ leaf }),
      Same: object({ x: str }),
    });
    expect(changes(doc(schemas(str), paths), doc(schemas({ type: "integer" }), paths))).toEqual([
      "breaking: getA 200 body.inner.leaf: type string -> integer (in Inner)",
    ]);
    expect(changes(doc(schemas(str), paths), doc(schemas(str), paths))).toEqual([]);
  });
});
