// The generated client against a real HTTP server on 127.0.0.1: every Users operation, encoding,
// auth, bodies, errors, retries, timeouts, aborts, path injection, and no secrets in messages.
import fs from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadClient, USERS_SPEC } from "./helpers.js";

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

type Handler = (req: Seen, res: http.ServerResponse) => void;

let server: http.Server;
let baseUrl = "";
let seen: Seen[] = [];
let handler: Handler;
let api: Record<string, any>;

const ID = "018051aa-f7a9-a0db-2f38-6cfa325e9d69";
const USER = { id: ID, created_at: "2023-03-09T04:54:35.170468Z", first_name: "Sarah" };
const AUTH = { username: "key_id", password: "s3cret-key" };

function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const entry = { method: req.method!, url: req.url!, headers: req.headers, body };
      seen.push(entry);
      handler(entry, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  api = (await loadClient(await fs.readFile(USERS_SPEC, "utf8"))).client;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen = [];
  handler = (_req, res) => json(res, 200, USER);
});

const client = (options: Record<string, unknown> = {}) =>
  api.createClient({ baseUrl, auth: AUTH, retry: { baseDelayMs: 1 }, ...options });

describe("every Users operation", () => {
  it("createUser: POST, JSON body, Basic auth, 201 body", async () => {
    handler = (_req, res) => json(res, 201, { id: ID, user_token: "tok" });
    expect(await client().createUser({ body: { first_name: "Sarah", email: "sarah@email.com" } })).toEqual({
      id: ID,
      user_token: "tok",
    });
    expect(seen[0]!.method).toBe("POST");
    expect(seen[0]!.url).toBe("/v2/users");
    expect(seen[0]!.headers.authorization).toBe(`Basic ${Buffer.from("key_id:s3cret-key").toString("base64")}`);
    expect(seen[0]!.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(seen[0]!.body)).toEqual({ first_name: "Sarah", email: "sarah@email.com" });
  });

  it("createUser with no input at all sends no body", async () => {
    await client().createUser();
    expect(seen[0]!.body).toBe("");
    expect(seen[0]!.headers["content-type"]).toBeUndefined();
  });

  it("listUsers: query parameters encoded", async () => {
    handler = (_req, res) => json(res, 200, [USER]);
    expect(await client().listUsers({ limit: 2, external_id: "a b&c=d/é" })).toEqual([USER]);
    expect(seen[0]!.url).toBe("/v2/users?limit=2&external_id=a%20b%26c%3Dd%2F%C3%A9");
    await client().listUsers();
    expect(seen[1]!.url).toBe("/v2/users");
  });

  it("retrieveUser and updateUser: the id in the path, PATCH with a body", async () => {
    expect(await client().retrieveUser({ id: ID })).toEqual(USER);
    expect(seen[0]!.url).toBe(`/v2/users/${ID}`);
    await client().updateUser({ id: ID, body: { external_metadata: {} } });
    expect(seen[1]!.method).toBe("PATCH");
    expect(JSON.parse(seen[1]!.body)).toEqual({ external_metadata: {} });
  });

  it("deleteUser: 204 resolves with undefined", async () => {
    handler = (_req, res) => {
      res.writeHead(204);
      res.end();
    };
    await expect(client().deleteUser({ id: ID })).resolves.toBeUndefined();
    expect(seen[0]!.method).toBe("DELETE");
  });

  it("baseUrl defaults to the spec's first server", () => {
    expect(api.servers[0].url).toBe("https://api.argyle.com");
  });
});

describe("operation functions over createConfig (the tree-shakeable form)", () => {
  const config = (options: Record<string, unknown> = {}) =>
    api.createConfig({ baseUrl, auth: AUTH, retry: { baseDelayMs: 1 }, ...options });

  it("send what the client's methods send, with the same options", async () => {
    handler = (_req, res) => json(res, 201, { id: ID, user_token: "tok" });
    const body = { first_name: "Sarah", email: "sarah@email.com" };
    const fromFunction = await api.createUser(config({ headers: { "x-trace": "1" } }), { body });
    const fromMethod = await client({ headers: { "x-trace": "1" } }).createUser({ body });
    expect(fromFunction).toEqual({ id: ID, user_token: "tok" });
    expect(fromMethod).toEqual(fromFunction);
    const [a, b] = seen;
    expect([a!.method, a!.url, a!.body, a!.headers.authorization, a!.headers["x-trace"]]).toEqual([
      b!.method,
      b!.url,
      b!.body,
      b!.headers.authorization,
      b!.headers["x-trace"],
    ]);
  });

  it("validate the request first, unless the config says not to", async () => {
    await expect(api.retrieveUser(config(), { id: "not-a-uuid" })).rejects.toMatchObject({
      name: "RequestValidationError",
      operationId: "retrieveUser",
      issues: [{ path: ["id"], code: "format" }],
    });
    expect(seen).toEqual([]);
    await api.retrieveUser(config({ validateRequests: false }), { id: "not-a-uuid" });
    expect(seen.map((r) => r.url)).toEqual(["/v2/users/not-a-uuid"]);
  });

  it("one config serves many calls, and per-call options apply to that call", async () => {
    const shared = config();
    await api.listUsers(shared, { limit: 1 });
    await api.retrieveUser(shared, { id: ID }, { headers: { "x-once": "yes" } });
    await api.listUsers(shared);
    expect(seen.map((r) => [r.url, r.headers["x-once"]])).toEqual([
      ["/v2/users?limit=1", undefined],
      [`/v2/users/${ID}`, "yes"],
      ["/v2/users", undefined],
    ]);
  });
});

describe("errors", () => {
  it("400 with field errors: ApiError with status, body, headers, operationId, fieldErrors; no secrets in the message", async () => {
    handler = (_req, res) => json(res, 400, { email: ["Enter a valid email address."] }, { "x-request-id": "r1" });
    const error = await client({ validateRequests: false })
      .updateUser({ id: ID, body: { email: "123-45-6789@ssn.example" } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(api.ApiError);
    expect(error).toMatchObject({
      status: 400,
      operationId: "updateUser",
      body: { email: ["Enter a valid email address."] },
      fieldErrors: { email: ["Enter a valid email address."] },
    });
    expect(error.headers.get("x-request-id")).toBe("r1");
    expect(error.message).toBe("PATCH /v2/users/{id} (updateUser) failed with status 400");
    expect(String(error.stack)).not.toMatch(/123-45-6789|s3cret|key_id/);
  });

  it("invalid input throws RequestValidationError and sends nothing", async () => {
    const error = await client()
      .updateUser({ id: ID, body: { email: "nope", ssn: "123-45-6789", birth_date: { month: 13 } } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(api.RequestValidationError);
    expect(error.issues.map((i: { path: unknown[] }) => i.path)).toEqual([
      ["body", "email"],
      ["body", "birth_date", "month"],
    ]);
    expect(error.message).not.toContain("123-45-6789");
    expect(seen).toEqual([]);
  });

  it("a refused connection is a NetworkError", async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const error = await api
      .createClient({ baseUrl: `http://127.0.0.1:${port}`, auth: AUTH, retry: false })
      .retrieveUser({ id: ID })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(api.NetworkError);
    expect(error.message).toBe("GET /v2/users/{id} (retrieveUser) failed: no answer from the server");
  });
});

describe("retries", () => {
  it("GET is retried on 503, honouring Retry-After", async () => {
    let n = 0;
    handler = (_req, res) => (n++ === 0 ? json(res, 503, {}, { "retry-after": "0" }) : json(res, 200, USER));
    expect(await client().retrieveUser({ id: ID })).toEqual(USER);
    expect(seen).toHaveLength(2);
  });

  it("gives up after 2 retries by default", async () => {
    handler = (_req, res) => json(res, 502, { error: "bad gateway" });
    const error = await client()
      .listUsers()
      .catch((e: unknown) => e);
    expect(error.status).toBe(502);
    expect(seen).toHaveLength(3);
  });

  it("POST and PATCH are never retried; retry: false turns retries off", async () => {
    handler = (_req, res) => json(res, 503, {});
    await client()
      .createUser()
      .catch(() => undefined);
    await client()
      .updateUser({ id: ID, body: {} })
      .catch(() => undefined);
    await client({ retry: false })
      .listUsers()
      .catch(() => undefined);
    expect(seen.map((s) => s.method)).toEqual(["POST", "PATCH", "GET"]);
  });

  it("is configurable", async () => {
    handler = (_req, res) => json(res, 429, {}, { "retry-after": "0" });
    await client({ retry: { retries: 4, baseDelayMs: 1 } })
      .listUsers()
      .catch(() => undefined);
    expect(seen).toHaveLength(5);
  });
});

describe("timeouts and aborts", () => {
  it("a slow answer is a TimeoutError", async () => {
    handler = (_req, res) => setTimeout(() => json(res, 200, USER), 500);
    const error = await client({ timeoutMs: 50, retry: false })
      .retrieveUser({ id: ID })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(api.TimeoutError);
  });

  it("a caller's abort rejects with the abort reason", async () => {
    handler = (_req, res) => setTimeout(() => json(res, 200, USER), 500);
    const controller = new AbortController();
    const pending = client().retrieveUser({ id: ID }, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("user left")), 20);
    await expect(pending).rejects.toThrow("user left");
  });
});

describe("path parameters cannot change the path", () => {
  it.each([
    ["../admin", "/v2/users/..%2Fadmin"],
    ["a/b?c=d#e", "/v2/users/a%2Fb%3Fc%3Dd%23e"],
    ["%2e%2e", "/v2/users/%252e%252e"],
  ])("%s", async (id, path) => {
    await client({ validateRequests: false }).retrieveUser({ id });
    expect(seen[0]!.url).toBe(path);
  });

  it.each(["..", ".", ""])("%j is refused", async (id) => {
    await expect(client({ validateRequests: false }).retrieveUser({ id })).rejects.toBeInstanceOf(
      api.RequestValidationError,
    );
    expect(seen).toEqual([]);
  });
});
