// Hostile specs: naughty strings in every place a spec string reaches generated code (titles,
// descriptions, summaries, enum values, defaults, examples, property, parameter and schema names,
// operationIds, tags, server URLs, patterns), as a fixed table and as fast-check properties. The
// output must type-check under --strict, import without side effects, and keep values intact.
// Also: names that collide, shadow globals or are reserved, end to end.
import http from "node:http";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { NAUGHTY } from "./fixtures/naughty.js";
import { loadEverything } from "./helpers.js";

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
const SCHEMA_NAMES = [
  "Object",
  "Promise",
  "__proto__",
  "constructor",
  "1st",
  "a.b-c_d",
  "Error",
  "Date",
  "Client",
  "ValidationIssue",
];

const escapeRegExp = (s: string) => s.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");

/** One spec holding every placement: each its own path, operation, schema, server and tag. */
function spec(placements: Placement[], schemaNames = placements.map((_, i) => `Thing${i}`)): string {
  const paths: Record<string, unknown> = {};
  const schemas: [string, unknown][] = []; // entries: a schema may be named __proto__
  placements.forEach((p, i) => {
    const name = schemaNames[i]!;
    paths[`/things${i}`] = {
      post: {
        operationId: p.operationId,
        summary: p.text,
        description: p.text,
        tags: [p.text],
        parameters: [
          {
            name: p.query,
            in: "query",
            description: p.text,
            schema: { type: "string", default: p.text, examples: [p.text] },
          },
        ],
        requestBody: {
          required: true,
          description: p.text,
          content: {
            "application/json": {
              schema: { $ref: `#/components/schemas/${name}` },
              example: { [p.property]: p.value },
            },
          },
        },
        responses: {
          "200": {
            description: p.text,
            content: { "application/json": { schema: { $ref: `#/components/schemas/${name}` } } },
          },
        },
      },
    };
    schemas.push([
      name,
      {
        type: "object",
        title: p.text,
        description: p.text,
        required: [p.property],
        properties: {
          [p.property]: {
            type: "string",
            enum: [p.value, "other"],
            description: p.text,
            default: p.value,
            examples: [p.text],
          },
          literal: { type: "string", pattern: `^${escapeRegExp(p.literal)}$`, description: p.text },
        },
        examples: [{ [p.property]: p.value }],
      },
    ]);
  });
  const texts = placements.map((p) => p.text);
  return JSON.stringify({
    openapi: "3.1.0",
    info: {
      title: texts.join(" "),
      version: texts.join(" ") || "1",
      description: texts.join("\n"),
      summary: texts.join(" "),
    },
    servers: placements.map((p) => ({ url: p.server, description: p.text })),
    tags: [...new Set(texts)].map((t) => ({ name: t, description: t })),
    paths,
    components: { schemas: Object.fromEntries(schemas) },
  });
}

type Loaded = Awaited<ReturnType<typeof loadEverything>>;

/** The values of placement `i` survive: its validator accepts the enum value under the property, the pattern matches the literal, the server URL is kept. */
function expectIntact(p: Placement, { module, model }: Loaded, i: number) {
  const validator = model.schemas[i]!.validator.validate;
  const good = JSON.parse(JSON.stringify({ [p.property]: p.value, literal: p.literal }));
  expect(module[validator](good)).toEqual({ ok: true, value: good });
  const bad = module[validator](JSON.parse(JSON.stringify({ [p.property]: p.value + "!", literal: p.literal + "!" })));
  expect(bad.issues.map((i: { path: string[]; code: string }) => `${i.path[0]}:${i.code}`)).toEqual([
    `${p.property}:enum`,
    "literal:pattern",
  ]);
  expect(module.servers[i].url).toBe(p.server);
}

/** Every operation became one client method, and every validator name is one model name. */
function expectComplete(placements: Placement[], { module, model }: Loaded) {
  expect(Object.keys(module.createClient({ baseUrl: "http://127.0.0.1:9" }))).toHaveLength(placements.length);
  expect(model.schemas).toHaveLength(placements.length);
}

describe("naughty strings everywhere", () => {
  // One spec with a path, operation, schema and server per string (a string in every place of its
  // own), generated, type-checked and imported once; each string is then asserted alone.
  const placements = NAUGHTY.filter((s) => s !== "").map(
    (s): Placement => ({ text: s, operationId: s, query: s, property: s, value: s, server: s, literal: s }),
  );
  let loaded: Loaded;
  beforeAll(async () => {
    // With every optional output too: each string also reaches mocks.ts, query.ts and the date converters.
    loaded = await loadEverything(spec(placements), { mocks: true, query: true, dates: true });
  }, 120_000);

  it("every string became its own operation and schema; no file was broken open", () => {
    expectComplete(placements, loaded);
    // Every file is one module: nothing a string did ended a comment, string or template early.
    for (const [name, text] of loaded.files)
      if (name.endsWith(".ts")) expect(text).not.toContain("alert(1)</script><script>");
  });

  it.each(
    placements.map(
      (p, i) =>
        [p.text.length > 40 ? `${p.text.slice(0, 20)}… (${p.text.length})` : JSON.stringify(p.text), i] as const,
    ),
  )("%s", (_label, i) => {
    expectIntact(placements[i]!, loaded, i);
  });

  describe("schema names", () => {
    const plain = (i: number): Placement => ({
      text: "t",
      operationId: `op${i}`,
      query: "q",
      property: "p",
      value: "v",
      server: `https://x${i}.example`,
      literal: "l",
    });
    const named = SCHEMA_NAMES.map((_, i) => plain(i));
    let withNames: Loaded;
    beforeAll(async () => {
      withNames = await loadEverything(spec(named, SCHEMA_NAMES));
    }, 120_000);

    it.each(SCHEMA_NAMES.map((name, i) => [name, i] as const))("schema named %s", (name, i) => {
      expect(withNames.model.schemas[i]!.name).toBe(name);
      expectIntact(named[i]!, withNames, i);
    });

    it("no model shadows a global or a runtime name", () => {
      expectComplete(named, withNames);
      expect(withNames.files.get("models.ts")).not.toMatch(
        /^export (interface|type) (Object|Promise|Error|Date|Client|ValidationIssue)\b/m,
      );
    });
  });

  /** Counterexamples fast-check found, kept as fixed cases. */
  const FOUND: Placement[] = [
    {
      text: "key",
      operationId: "𱱶񙻜𚘵򰉹𡓬񖵫𬺫󐢅󸼃",
      query: "𖋄񂔅񉎬󤨌󥤹",
      property: "`tick`",
      value: "",
      server: "𠺛즆󂥻񜟮򁟒䛜ᯞ",
      literal: "apply",
    },
  ];
  it.each(FOUND.map((p, i) => [i, p] as const))(
    "found by fuzzing, case %i",
    async (_i, p) => {
      const one = await loadEverything(spec([p]));
      expectComplete([p], one);
      expectIntact(p, one, 0);
    },
    60_000,
  );

  it("random strings in every place (fast-check; FUZZ_RUNS sets the count)", async () => {
    const text = fc.oneof(
      fc.constantFrom(...NAUGHTY),
      fc.string({ unit: "binary", maxLength: 30 }),
      fc.string({ unit: "grapheme", maxLength: 30 }),
    );
    const nonEmpty = text.filter((s) => s !== "");
    await fc.assert(
      fc.asyncProperty(
        fc
          .record({
            text,
            operationId: nonEmpty,
            query: nonEmpty,
            property: nonEmpty,
            value: text,
            server: text,
            literal: text,
          })
          .filter((p) => p.property !== "literal" && p.value !== "other"),
        async (p) => {
          const one = await loadEverything(spec([p]));
          expectComplete([p], one);
          expectIntact(p, one, 0);
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
          responses: {
            "200": {
              description: "ok",
              content: { "application/json": { schema: { $ref: "#/components/schemas/user_id" } } },
            },
          },
        },
        delete: {
          operationId: "getUser",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          responses: { "204": { description: "gone" } },
        },
        put: {
          operationId: "delete",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          responses: { "204": { description: "done" } },
        },
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
    for (const decl of [
      "interface UserId {",
      "interface UserId2 {",
      "type Foo = string;",
      "type Foo2 = number;",
      "interface ObjectModel {\n    o?: PromiseModel;",
      "type PromiseModel = string;",
      "type ErrorModel = string;",
      "type DateModel = string;",
      "interface GetUserInput {",
      "interface DeleteInput {",
      "interface GetUserInput2 {",
    ]) {
      expect(models).toContain(decl);
    }
    expect(models).toMatch(
      /interface GetUserInput \{[\s\S]*?id: string;[\s\S]*?id_query\?: string;[\s\S]*?user_id\?: string;[\s\S]*?userId\?: string;[\s\S]*?id_header\?: string;/,
    );
    const client = module.createClient({ baseUrl: "http://127.0.0.1:9" });
    expect(Object.keys(client)).toEqual(["getUser", "delete_", "getUser2"]);
    expect(
      Object.keys(module)
        .filter((k) => k.startsWith("validate"))
        .sort(),
    ).toEqual(
      [
        "validateDateModel",
        "validateDeleteRequest",
        "validateDeleteResult",
        "validateErrorModel",
        "validateFoo",
        "validateFoo2",
        "validateGetUserRequest2",
        "validateGetUserRequest",
        "validateGetUserResult",
        "validateGetUserResult2",
        "validateObjectModel",
        "validatePromiseModel",
        "validateUserId",
        "validateUserId2",
      ].sort(),
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
