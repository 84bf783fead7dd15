// Hostile specs: naughty strings in every place a spec string reaches generated code (titles,
// descriptions, summaries, enum values, defaults, examples, property, parameter and schema names,
// operationIds, tags, server URLs, patterns), as a fixed table and as fast-check properties. The
// output must type-check under --strict, import without side effects, and keep values intact.
// Also: names that collide, shadow globals or are reserved, end to end.
import http from "node:http";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadEverything } from "./helpers.js";

export const NAUGHTY = [
  'quo"te', "apos'trophe", "back\\slash", "*/ closes a comment", "/* opens one", "${inject}", "`tick`", "line\u2028sep", "para\u2029sep",
  "new\nline", "cr\rlf", "tab\there", "</script><script>alert(1)</script>", "emoji 😀", "astral 𝒳", "nul\u0000byte", "__proto__", "constructor",
  "toString", "hasOwnProperty", "-->", "<!--", "\\u0041", "{{handlebars}}", "{{{triple}}}", "a".repeat(5000), "", " ", "🏳️‍🌈", "\ufeffbom",
];

/** Where each naughty string goes in one spec. */
interface Placement {
  text: string; // titles, descriptions, summaries, tag, example, default
  operationId: string;
  query: string; // a query parameter's name
  property: string; // a property name (also required)
  value: string; // an enum value
  server: string; // a server URL
  literal: string; // matched literally by a pattern
}

/** Component schema names must match ^[a-zA-Z0-9._-]+$; these are the hostile ones that can. */
const SCHEMA_NAMES = ["Object", "Promise", "__proto__", "constructor", "1st", "a.b-c_d", "Error", "Date", "Client", "ValidationIssue"];

const escapeRegExp = (s: string) => s.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");

function spec(p: Placement, schemaName = "Thing"): string {
  return JSON.stringify({
    openapi: "3.1.0",
    info: { title: p.text, version: p.text || "1", description: p.text, summary: p.text },
    servers: [{ url: p.server, description: p.text }],
    tags: [{ name: p.text, description: p.text }],
    paths: {
      "/things": {
        post: {
          operationId: p.operationId,
          summary: p.text,
          description: p.text,
          tags: [p.text],
          parameters: [{ name: p.query, in: "query", description: p.text, schema: { type: "string", default: p.text, examples: [p.text] } }],
          requestBody: { required: true, description: p.text, content: { "application/json": { schema: { $ref: `#/components/schemas/${schemaName}` }, example: { [p.property]: p.value } } } },
          responses: { "200": { description: p.text, content: { "application/json": { schema: { $ref: `#/components/schemas/${schemaName}` } } } } },
        },
      },
    },
    components: {
      schemas: {
        [schemaName]: {
          type: "object",
          title: p.text,
          description: p.text,
          required: [p.property],
          properties: {
            [p.property]: { type: "string", enum: [p.value, "other"], description: p.text, default: p.value, examples: [p.text] },
            literal: { type: "string", pattern: `^${escapeRegExp(p.literal)}$`, description: p.text },
          },
          examples: [{ [p.property]: p.value }],
        },
      },
    },
  });
}

/** The values survive: the validator accepts the enum value under the property, the pattern matches the literal, the server URL is kept. */
async function expectIntact(p: Placement, module: Record<string, any>, validator = "validateThing") {
  const good = JSON.parse(JSON.stringify({ [p.property]: p.value, literal: p.literal }));
  expect(module[validator](good)).toEqual({ ok: true, value: good });
  const bad = module[validator](JSON.parse(JSON.stringify({ [p.property]: p.value + "!", literal: p.literal + "!" })));
  expect(bad.issues.map((i: { path: string[]; code: string }) => `${i.path[0]}:${i.code}`)).toEqual([`${p.property}:enum`, "literal:pattern"]);
  expect(module.servers[0].url).toBe(p.server);
  const methods = Object.keys(module.createClient({ baseUrl: "http://127.0.0.1:9" }));
  expect(methods).toHaveLength(1);
}

describe("naughty strings everywhere", () => {
  it.each(NAUGHTY.filter((s) => s !== "").map((s) => [s.length > 40 ? `${s.slice(0, 20)}… (${s.length})` : JSON.stringify(s), s]))("%s", async (_label, s) => {
    const p: Placement = { text: s, operationId: s, query: s, property: s, value: s, server: s, literal: s };
    const { module, files } = await loadEverything(spec(p));
    await expectIntact(p, module);
    // Every file is one module: nothing a string did ended a comment, string or template early.
    for (const [name, text] of files) if (name.endsWith(".ts")) expect(text).not.toContain("alert(1)</script><script>");
  }, 60_000);

  it.each(SCHEMA_NAMES)("schema named %s", async (name) => {
    const p: Placement = { text: "t", operationId: "op", query: "q", property: "p", value: "v", server: "https://x.example", literal: "l" };
    const { module, files } = await loadEverything(spec(p, name));
    const validator = Object.keys(module).find((k) => k.startsWith("validate") && !k.endsWith("Request"))!;
    await expectIntact(p, module, validator);
    expect(files.get("models.ts")).not.toMatch(/^export (interface|type) (Object|Promise|Error|Date|Client|ValidationIssue)\b/m);
  }, 60_000);

  /** Counterexamples fast-check found, kept as fixed cases. */
  const FOUND: Placement[] = [
    { text: "key", operationId: "𱱶񙻜𚘵򰉹𡓬񖵫𬺫󐢅󸼃", query: "𖋄񂔅񉎬󤨌󥤹", property: "`tick`", value: "", server: "𠺛즆󂥻񜟮򁟒䛜ᯞ", literal: "apply" },
  ];
  it.each(FOUND.map((p, i) => [i, p] as const))("found by fuzzing, case %i", async (_i, p) => {
    await expectIntact(p, (await loadEverything(spec(p))).module);
  }, 60_000);

  it("random strings in every place (fast-check; FUZZ_RUNS sets the count)", async () => {
    const text = fc.oneof(fc.constantFrom(...NAUGHTY), fc.string({ unit: "binary", maxLength: 30 }), fc.string({ unit: "grapheme", maxLength: 30 }));
    const nonEmpty = text.filter((s) => s !== "");
    await fc.assert(
      fc.asyncProperty(
        fc.record({ text, operationId: nonEmpty, query: nonEmpty, property: nonEmpty, value: text, server: text, literal: text }).filter(
          (p) => p.property !== "literal" && p.value !== "other",
        ),
        async (p) => {
          const { module } = await loadEverything(spec(p));
          await expectIntact(p, module);
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 6), endOnFailure: true },
    );
  }, 600_000);
});

describe("names that collide, shadow globals or are reserved", () => {
  const collisions = JSON.stringify({
    openapi: "3.0.3",
    info: { title: "names", version: "1" },
    paths: {
      "/users/{id}": {
        get: {
          operationId: "get_user",
          parameters: [
            { name: "id", in: "path", required: true, schema: { type: "string" } },
            { name: "id", in: "query", schema: { type: "string" } },
            { name: "user_id", in: "query", schema: { type: "string" } },
            { name: "userId", in: "query", schema: { type: "string" } },
            { name: "id", in: "header", schema: { type: "string" } },
          ],
          responses: { "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/user_id" } } } } },
        },
        delete: { operationId: "getUser", parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }], responses: { "204": { description: "gone" } } },
        put: { operationId: "delete", parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }], responses: { "204": { description: "done" } } },
      },
    },
    components: {
      schemas: {
        user_id: { type: "object", properties: { a: { type: "string" } } },
        userId: { type: "object", properties: { b: { type: "number" } } },
        Foo: { type: "string" },
        foo: { type: "number" },
        Object: { type: "object", properties: { o: { $ref: "#/components/schemas/Promise" } } },
        Promise: { type: "string" },
        Error: { type: "string" },
        Date: { type: "string", format: "date" },
      },
    },
  });

  it("one naming function, deterministic: renamed types, methods and input keys compile and reach the server", async () => {
    const { module, files } = await loadEverything(collisions);
    const models = files.get("models.ts")!.replace(/^export /gm, "");
    for (const decl of ["interface UserId {", "interface UserId2 {", "type Foo = string;", "type Foo2 = number;", "interface ObjectModel {\n    o?: PromiseModel;", "type PromiseModel = string;", "type ErrorModel = string;", "type DateModel = string;", "interface GetUserInput {", "interface DeleteInput {", "interface GetUserInput2 {"]) {
      expect(models).toContain(decl);
    }
    expect(models).toMatch(/interface GetUserInput \{[\s\S]*?id: string;[\s\S]*?id_query\?: string;[\s\S]*?user_id\?: string;[\s\S]*?userId\?: string;[\s\S]*?id_header\?: string;/);
    const client = module.createClient({ baseUrl: "http://127.0.0.1:9" });
    expect(Object.keys(client)).toEqual(["getUser", "delete_", "getUser2"]);
    expect(Object.keys(module).filter((k) => k.startsWith("validate")).sort()).toEqual(
      ["validateDateModel", "validateDeleteRequest", "validateErrorModel", "validateFoo", "validateFoo2", "validateGetUserRequest2", "validateGetUserRequest", "validateObjectModel", "validatePromiseModel", "validateUserId", "validateUserId2"].sort(),
    );

    const seen: { url: string; header: string | undefined }[] = [];
    const server = http.createServer((req, res) => {
      seen.push({ url: req.url!, header: req.headers.id as string | undefined });
      res.writeHead(200, { "content-type": "application/json" });
      res.end("{}");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const api = module.createClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
      await api.getUser({ id: "p", id_query: "q", user_id: "u1", userId: "u2", id_header: "h" });
      expect(seen).toEqual([{ url: "/users/p?id=q&user_id=u1&userId=u2", header: "h" }]);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
    // Determinism: the same names on a second run.
    expect((await loadEverything(collisions)).files).toEqual(files);
  }, 60_000);
});
