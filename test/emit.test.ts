// Emitters: table-driven units (given a schema fragment, want the type), the naming and escaping
// helpers, and whole-file snapshots of real-world specs that must also type-check.
import fs from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { commentText, literal, propertyKey } from "../generator/emit/escape.js";
import { typeText } from "../generator/emit/type-text.js";
import { generateApi } from "../generator/index.js";
import { ModelContext } from "../generator/model/context.js";
import { NameRegistry, camelCase, pascalCase } from "../generator/model/names.js";
import { buildSchema } from "../generator/model/schema.js";
import { CORPUS, scratch, typecheck } from "./helpers.js";

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
    ["array of union is parenthesised", { given: { type: "array", items: { type: ["string", "number"] } }, version: "3.1.0", want: "(string | number)[]" }],
    ["array of nullable objects", { given: { type: "array", items: { type: "object", nullable: true, properties: { a: { type: "string" } } } }, want: "({\n    a?: string;\n} | null)[]" }],
    ["object: required and optional", { given: { type: "object", required: ["id"], properties: { id: { type: "string" }, "x-y": { type: "number" } } }, want: '{\n    id: string;\n    "x-y"?: number;\n}' }],
    ["map", { given: { type: "object", additionalProperties: { type: "integer" } }, want: "{\n    [key: string]: number;\n}" }],
    ["closed empty object", { given: { type: "object", additionalProperties: false }, want: "Record<string, never>" }],
    ["open empty object", { given: { type: "object" }, want: "{\n    [key: string]: unknown;\n}" }],
    ["index signature admits declared properties", { given: { type: "object", properties: { n: { type: "number" } }, additionalProperties: { type: "string" } }, want: "{\n    n?: number;\n    [key: string]: string | number | undefined;\n}" }],
    ["allOf is an intersection", { given: { allOf: [{ $ref: "#/components/schemas/Pet" }, { type: "object", properties: { a: { type: "string" } } }] }, want: "Pet & {\n    a?: string;\n}" }],
    ["oneOf is a union", { given: { oneOf: [{ $ref: "#/components/schemas/Pet" }, { type: "string" }] }, want: "Pet | string" }],
    ["nullable oneOf", { given: { oneOf: [{ $ref: "#/components/schemas/Pet" }], nullable: true, type: "object" }, want: "Pet | null" }],
    ["union inside intersection is parenthesised", { given: { allOf: [{ $ref: "#/components/schemas/Pet" }], anyOf: [{ type: "string" }, { type: "number" }] }, want: "Pet & (string | number)" }],
    ["3.1 prefixItems", { given: { type: "array", prefixItems: [{ type: "string" }, { type: "number" }] }, version: "3.1.0", want: "[string?, number?, ...unknown[]]" }],
    ["descriptions become JSDoc, escaped", { given: { type: "object", properties: { a: { type: "string", description: "ends */ here" } } }, want: "{\n    /** ends *\\/ here */\n    a?: string;\n}" }],
    ["hostile property names are quoted", { given: { type: "object", properties: { "a\u2028b": { type: "string" }, "${x}": { type: "string" } } }, want: '{\n    "a\\u2028b"?: string;\n    "${x}"?: string;\n}' }],
  ];
  it.each(cases)("%s", (_name, { given, version, want }) => {
    expect(typeOf(given, version)).toBe(want);
  });
});

describe("names", () => {
  it.each([
    ["user_request", "UserRequest", "userRequest"],
    ["UserRequest", "UserRequest", "userRequest"],
    ["user-id", "UserId", "userId"],
    ["HTTPError", "HTTPError", "httpError"],
    ["get /v2/users/{id}", "GetV2UsersId", "getV2UsersId"],
    ["2fa", "_2fa", "_2fa"],
    ["Ünïcode name", "ÜnïcodeName", "ünïcodeName"],
    ["", "", ""],
  ])("%j -> %j / %j", (raw, pascal, camel) => {
    expect(pascalCase(raw)).toBe(pascal);
    expect(camelCase(raw)).toBe(camel);
  });

  it("resolves collisions in order and renames reserved words and globals", () => {
    const names = new NameRegistry();
    expect(["Foo", "foo", "FOO_", "Error", "Promise", "default", "user_id", "userId", "Schema!", "", "Client", "ApiError"].map((n) => names.typeName(n))).toEqual([
      "Foo", "Foo2", "FOO", "ErrorModel", "PromiseModel", "Default", "UserId", "UserId2", "Schema", "Schema2", "ClientModel", "ApiErrorModel",
    ]);
    const methods = new NameRegistry();
    expect(["delete", "getUser", "get_user", "new"].map((n) => methods.memberName(n))).toEqual(["delete_", "getUser", "getUser2", "new_"]);
  });
});

describe("escaping helpers", () => {
  it.each([
    ["plain", "plain"],
    ["with-dash", '"with-dash"'],
    ["200", '"200"'],
    ['q"uote', '"q\\"uote"'],
    ["line\u2028sep", '"line\\u2028sep"'],
    ["$ok_1", "$ok_1"],
  ])("propertyKey(%j) = %s", (name, want) => expect(propertyKey(name)).toBe(want));

  it("literal escapes what JSON leaves raw", () => {
    expect(literal("a\u2029b</script>`${x}`")).toBe('"a\\u2029b</script>`${x}`"');
  });

  it("commentText cannot close its comment", () => {
    expect(commentText("a */ b\r\nc\u2028d  \n\n")).toBe("a *\\/ b\nc\nd");
  });
});

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
  it.each(SNAPSHOT_SPECS)("%s: models.ts, validators.ts, client.ts and index.ts match their snapshots and type-check", async (name) => {
    const out = await scratch({ "package.json": '{ "type": "module" }\n' });
    const api = { name: "corpus", spec: path.join(CORPUS, name), out, base: CORPUS, allowRemoteRefs: false, allowOutsideRefs: false };
    const { files } = await generateApi(api, { cwd: CORPUS });
    const base = name.replace(/\.(ya?ml|json)$/, "");
    await expect(files.get("models.ts")).toMatchFileSnapshot(`__snapshots__/corpus/${base}/models.ts`);
    await expect(files.get("index.ts")).toMatchFileSnapshot(`__snapshots__/corpus/${base}/index.ts`);
    await expect(files.get("validators.ts")).toMatchFileSnapshot(`__snapshots__/corpus/${base}/validators.ts`);
    await expect(files.get("client.ts")).toMatchFileSnapshot(`__snapshots__/corpus/${base}/client.ts`);
    for (const [file, text] of files) await fs.writeFile(path.join(out, file), text);
    expect(typecheck(["index.ts", "models.ts", "types.ts", "validators.ts", "client.ts"].map((f) => path.join(out, f)))).toEqual([]);
  });
});
