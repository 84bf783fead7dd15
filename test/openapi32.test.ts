// OpenAPI 3.2 (test/fixtures/openapi-3.2.yaml, written here): the QUERY method with a body, an
// additional operation (PURGE), a whole-query-string parameter and a JSON lines stream, generated,
// type-checked under the strictest flags, and driven through the client against a real HTTP server on
// 127.0.0.1; the mocks, the query options, the OAI's registered x-oai- extensions in a 3.1 document,
// and 3.2's own rules refused where they stand.
import fs from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadEverything, ROOT, runCli, scratch, typecheck } from "./helpers.js";

const SPEC = path.join(ROOT, "test", "fixtures", "openapi-3.2.yaml");

interface Seen {
  method: string;
  url: string;
  body: string;
}

let server: http.Server;
let baseUrl = "";
let seen: Seen[] = [];
let handler: (req: Seen, res: http.ServerResponse) => void;
let authorization: string | undefined;
let api: Record<string, any>;
let out = "";

const ITEMS = [{ id: "a", name: "Lamp", price: 20 }];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const entry = { method: req.method!, url: req.url!, body };
      authorization = req.headers.authorization;
      seen.push(entry);
      handler(entry, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const loaded = await loadEverything(await fs.readFile(SPEC, "utf8"), { mocks: true, query: true });
  api = loaded.module;
  out = loaded.out;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen = [];
  handler = (_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(ITEMS));
  };
});

const client = () => api.createClient({ baseUrl, retry: { baseDelayMs: 1 } });

describe("an OpenAPI 3.2 document", () => {
  it("QUERY: sent with its method and JSON body, its input validated, retried like GET", async () => {
    expect(await client().searchItems({ body: { text: "lamp", limit: 5 } })).toEqual(ITEMS);
    expect(seen).toEqual([{ method: "QUERY", url: "/items", body: '{"text":"lamp","limit":5}' }]);

    await expect(client().searchItems({ body: { text: "", limit: 500 } })).rejects.toMatchObject({
      name: "RequestValidationError",
      issues: [
        { path: ["body", "text"], code: "minLength" },
        { path: ["body", "limit"], code: "maximum" },
      ],
    });
    expect(seen).toHaveLength(1);

    seen = [];
    let first = true;
    handler = (_req, res) => {
      res.writeHead(first ? 503 : 200, { "content-type": "application/json" });
      res.end(first ? "{}" : JSON.stringify(ITEMS));
      first = false;
    };
    expect(await client().searchItems({ body: { text: "lamp" } })).toEqual(ITEMS);
    expect(seen.map((s) => s.method)).toEqual(["QUERY", "QUERY"]);
  });

  it("additionalOperations: PURGE sent as written, never retried", async () => {
    handler = (_req, res) => {
      res.writeHead(204);
      res.end();
    };
    expect(await client().purgeItem({ id: "a/b" })).toBeUndefined();
    expect(seen).toEqual([{ method: "PURGE", url: "/items/a%2Fb", body: "" }]);

    seen = [];
    handler = (_req, res) => {
      res.writeHead(503, { "content-type": "application/json" });
      res.end("{}");
    };
    await expect(client().purgeItem({ id: "a" })).rejects.toMatchObject({ name: "ApiError", status: 503 });
    expect(seen).toHaveLength(1);
  });

  it("in: querystring: the whole query string, serialised by its form-urlencoded content", async () => {
    await client().filterItems({ filter: { name: "desk lamp", maxPrice: 5 } });
    expect(seen[0]!.url).toBe("/items/filter?name=desk+lamp&maxPrice=5");
    await client().filterItems();
    expect(seen[1]!.url).toBe("/items/filter");
  });

  it("a JSON lines answer (itemSchema) resolves with the raw Response, its body unread; an error answer still throws", async () => {
    handler = (_req, res) => {
      res.writeHead(200, { "content-type": "application/jsonl" });
      res.end('{"id":"a","name":"Lamp"}\n{"id":"b","name":"Desk"}\n');
    };
    const response = await client().exportItems();
    expect(response).toBeInstanceOf(Response);
    expect(response.bodyUsed).toBe(false);
    expect(
      (await response.text())
        .trim()
        .split("\n")
        .map((l: string) => JSON.parse(l).id),
    ).toEqual(["a", "b"]);

    handler = (_req, res) => {
      res.writeHead(404, { "content-type": "application/json" });
      res.end('{"message":"none"}');
    };
    await expect(client().exportItems()).rejects.toMatchObject({ name: "ApiError", status: 404 });
  });

  it("types say what the spec says: QUERY's body, PURGE's input, the query string's object, the stream's Response", async () => {
    const dir = await scratch({
      "package.json": '{ "type": "module" }\n',
      "use.ts": `import * as Api from "${path.join(out, "index.js")}";
const client = Api.createClient({ baseUrl: "http://127.0.0.1:1" });
export async function calls(): Promise<string> {
  const found: Api.Item[] = await client.searchItems({ body: { text: "x" } });
  // @ts-expect-error QUERY's body is required
  await client.searchItems({});
  await client.purgeItem({ id: "a" });
  // @ts-expect-error PURGE's path parameter is required
  await client.purgeItem({});
  await client.filterItems({ filter: { name: "x", maxPrice: 1 } });
  // @ts-expect-error maxPrice is a number
  await client.filterItems({ filter: { maxPrice: "1" } });
  const stream: Response = await client.exportItems();
  const raw: Api.components["schemas"]["Item"] = found[0]!;
  const filter: NonNullable<Api.operations["filterItems"]["parameters"]["query"]>["filter"] = { name: "x" };
  return String(stream.status) + raw.id + JSON.stringify(filter);
}
`,
    });
    const files = (await fs.readdir(out)).filter((f) => f.endsWith(".ts")).map((f) => path.join(out, f));
    expect(typecheck([...files, path.join(dir, "use.ts")])).toEqual([]);
  });

  it("security: an OAuth 2.0 scheme (3.2's device flow) takes a token sent as a bearer; a deprecated scheme says so; servers keep their names", async () => {
    const spec = `openapi: 3.2.0
info: { title: t, version: "1" }
servers:
  - url: https://api.example.com
    name: production
paths:
  /me:
    get:
      operationId: me
      security: [{ oauth: [read] }]
      responses:
        "200": { description: ok, content: { application/json: { schema: { type: string } } } }
components:
  securitySchemes:
    oauth:
      type: oauth2
      flows:
        deviceAuthorization:
          deviceAuthorizationUrl: https://auth.example.com/device
          tokenUrl: https://auth.example.com/token
          scopes: { read: Read }
      oauth2MetadataUrl: https://auth.example.com/.well-known/oauth-authorization-server
    legacy:
      type: apiKey
      in: header
      name: X-Key
      deprecated: true
`;
    const { module, files } = await loadEverything(spec);
    handler = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end('"sarah"');
    };
    const c = module.createClient({ baseUrl, auth: { oauth: async () => "t0ken" } });
    expect(await c.me()).toBe("sarah");
    expect(authorization).toBe("Bearer t0ken");
    expect(module.servers).toEqual([{ url: "https://api.example.com", name: "production" }]);
    expect(files.get("client.ts")).toMatch(/ {4}\/\*\* @deprecated \*\/\n {4}legacy\?: TokenSource;/);
  });

  it("query options: QUERY is a query, PURGE a mutation; mockFetch answers both", async () => {
    const query = await import(path.join(out, "query.js"));
    expect(query.searchItemsQueryOptions({}, { body: { text: "x" } }).queryKey).toEqual([
      "t",
      "searchItems",
      { body: { text: "x" } },
    ]);
    expect(query.searchItemsMutationOptions).toBeUndefined();
    expect(typeof query.purgeItemMutationOptions).toBe("function");
    const mocks = await import(path.join(out, "mocks.js"));
    const mocked = api.createClient({ baseUrl: "https://catalog.example.com", fetch: mocks.mockFetch() });
    // The mock is the example's 3.2 dataValue.
    expect(await mocked.searchItems({ body: { text: "lamp" } })).toEqual([{ id: "lamp-1", name: "Desk lamp" }]);
    expect(await mocked.purgeItem({ id: "a" })).toBeUndefined();
  });

  it("reads 3.2's rules: a querystring beside query parameters is refused where it stands (exit 2)", async () => {
    const text = (await fs.readFile(SPEC, "utf8")).replace(
      "        - name: filter\n          in: querystring",
      "        - name: page\n          in: query\n          schema:\n            type: integer\n        - name: filter\n          in: querystring",
    );
    const dir = await scratch({ "spec.yaml": text });
    const result = await runCli(["generate", "--spec", "spec.yaml", "--out", "out"], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^spec\.yaml:\d+:\d+: .*\n$/);
    await expect(fs.stat(path.join(dir, "out"))).rejects.toThrow();
  });

  it("reads the OAI's x-oai- extensions in a 3.1 document: x-oai-additionalOperations QUERY, x-oai-itemSchema", async () => {
    const text = (await fs.readFile(SPEC, "utf8"))
      .replace("openapi: 3.2.0", "openapi: 3.1.1")
      .replace(
        "    query:\n      operationId: searchItems",
        "    x-oai-additionalOperations:\n     QUERY:\n      operationId: searchItems",
      )
      .replace("additionalOperations:\n      PURGE", "x-oai-additionalOperations:\n      PURGE")
      .replace("              itemSchema:", "              x-oai-itemSchema:")
      .replace(
        "in: querystring\n          content:\n            application/x-www-form-urlencoded:",
        "in: query\n          content:\n            application/json:",
      );
    const loaded = await loadEverything(text, { mocks: true, query: true });
    const calls: string[] = [];
    const fetch = async (input: string, init: RequestInit) => {
      calls.push(`${init.method} ${new URL(input).pathname}`);
      return input.endsWith("/export")
        ? new Response("{}\n", { headers: { "content-type": "application/x-ndjson" } })
        : new Response(null, { status: 204 });
    };
    const c = loaded.module.createClient({ baseUrl: "http://127.0.0.1:1", fetch });
    await c.searchItems({ body: { text: "x" } });
    await c.purgeItem({ id: "a" });
    expect(await c.exportItems()).toBeInstanceOf(Response);
    expect(calls).toEqual(["QUERY /items", "PURGE /items/a", "GET /items/export"]);
  });
});

describe("discriminators", () => {
  // OpenAI's messages: a oneOf by `role` with no mapping, each branch pinning `role` with an enum.
  const pinned = (version: string, discriminator: Record<string, unknown>) =>
    JSON.stringify({
      openapi: version,
      info: { title: "t", version: "1" },
      paths: {
        "/messages/{id}": {
          get: {
            operationId: "getMessage",
            parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
            responses: {
              "200": {
                description: "The message",
                content: { "application/json": { schema: { $ref: "#/components/schemas/Message" } } },
              },
            },
          },
        },
      },
      components: {
        schemas: {
          Message: {
            oneOf: [{ $ref: "#/components/schemas/UserMessage" }, { $ref: "#/components/schemas/SystemMessage" }],
            discriminator,
          },
          UserMessage: {
            type: "object",
            required: ["content"],
            properties: { role: { type: "string", enum: ["user"] }, content: { type: "string" } },
          },
          SystemMessage: {
            type: "object",
            required: ["role", "content"],
            properties: { role: { type: "string", enum: ["system"] }, content: { type: "string", maxLength: 5 } },
          },
        },
      },
    });

  it("a branch no mapping names is selected by the values it pins the property to: validators and mocks agree", async () => {
    const { module, model, out } = await loadEverything(pinned("3.0.3", { propertyName: "role" }), { mocks: true });
    const mocks = await import(path.join(out, "mocks.js"));
    expect(model.schemas.find((s) => s.name === "Message")!.schema.discriminator!.mapping).toEqual([
      { value: "user", schema: "UserMessage" },
      { value: "system", schema: "SystemMessage" },
    ]);
    expect(module.validateMessage({ role: "user", content: "hi" }).ok).toBe(true);
    expect(module.validateMessage({ role: "UserMessage", content: "hi" }).ok).toBe(false);
    const mock = mocks.mockGetMessageResult();
    expect(mock.role).toBe("user");
    expect(module.validateMessage(mock).ok).toBe(true);
  });

  it("3.2's defaultMapping: a value without the tag is checked as the default schema says", async () => {
    const { module } = await loadEverything(
      pinned("3.2.0", { propertyName: "role", defaultMapping: "#/components/schemas/UserMessage" }),
    );
    // No role: the default (UserMessage) accepts it, although it would match both branches' shapes.
    expect(module.validateMessage({ content: "hi" })).toEqual({ ok: true, value: { content: "hi" } });
    expect(module.validateMessage({ role: "system", content: "too long" }).ok).toBe(false);
  });
});

describe("method names", () => {
  it("an added operation whose key is not an HTTP token is refused where it stands (exit 2)", async () => {
    const text = (await fs.readFile(SPEC, "utf8"))
      .replace("openapi: 3.2.0", "openapi: 3.1.1")
      .replace(
        "    query:\n      operationId: searchItems",
        "    x-oai-additionalOperations:\n     '*/ X':\n      operationId: searchItems",
      )
      .replace("additionalOperations:\n      PURGE", "x-oai-additionalOperations:\n      PURGE")
      .replace("              itemSchema:", "              x-oai-itemSchema:")
      .replace(
        "in: querystring\n          content:\n            application/x-www-form-urlencoded:",
        "in: query\n          content:\n            application/json:",
      );
    const dir = await scratch({ "spec.yaml": text });
    const result = await runCli(["generate", "--spec", "spec.yaml", "--out", "out"], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^spec\.yaml:\d+:\d+: "\*\/ X" is not an HTTP method name/);
  });
});

describe("dates and defaultMapping", () => {
  it("a value without the tag converts as the default schema says; a mapped one without dates stays as it is", async () => {
    const spec = JSON.stringify({
      openapi: "3.2.0",
      info: { title: "t", version: "1" },
      paths: {
        "/events": {
          get: {
            operationId: "getEvent",
            responses: {
              "200": {
                description: "An event",
                content: { "application/json": { schema: { $ref: "#/components/schemas/Event" } } },
              },
            },
          },
        },
      },
      components: {
        schemas: {
          Event: {
            oneOf: [{ $ref: "#/components/schemas/Created" }, { $ref: "#/components/schemas/Note" }],
            discriminator: { propertyName: "kind", defaultMapping: "#/components/schemas/Created" },
          },
          Created: {
            type: "object",
            required: ["at"],
            properties: { kind: { const: "created" }, at: { type: "string", format: "date-time" } },
          },
          Note: {
            type: "object",
            required: ["kind", "at"],
            properties: { kind: { const: "note" }, at: { type: "string" } },
          },
        },
      },
    });
    const { module } = await loadEverything(spec, { dates: true });
    const answer = (body: unknown) => async () =>
      new Response(JSON.stringify(body), { headers: { "content-type": "application/json" } });
    const call = (body: unknown) =>
      module.createClient({ baseUrl: "http://127.0.0.1:1", fetch: answer(body), validateRequests: false }).getEvent();
    const untagged = await call({ at: "2024-01-31T12:00:00Z" });
    expect(untagged.at).toBeInstanceOf(Date);
    expect((await call({ kind: "created", at: "2024-01-31T12:00:00Z" })).at).toBeInstanceOf(Date);
    expect((await call({ kind: "note", at: "2024-01-31T12:00:00Z" })).at).toBe("2024-01-31T12:00:00Z");
  });
});

describe("diff across versions", () => {
  it("a 3.1 base and its 3.2 head are the same API: no changes", async () => {
    const old = await fs.readFile(path.join(ROOT, "specs", "sandbox-users.yaml"), "utf8");
    expect(old).toMatch(/^openapi: 3\.1\.0$/m);
    const dir = await scratch({ "old.yaml": old, "new.yaml": old.replace(/^openapi: 3\.1\.0$/m, "openapi: 3.2.0") });
    const result = await runCli(["diff", "--old", "old.yaml", "--spec", "new.yaml"], dir);
    expect(result.stdout).toBe("new: no changes\n");
    expect(result.code).toBe(0);
  });
});
