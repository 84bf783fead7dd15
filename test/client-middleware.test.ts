// The client's call lifecycle against a real HTTP server on 127.0.0.1: one deadline across attempts,
// waits and `resend`; middleware (order, replacement, one call per attempt, token refresh on 401
// without loops); credentials asked for on every attempt; typed errors (`isApiError`, checked at
// compile time by a user's file); and response validation off / warn / throw.
import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { loadClient, typecheck } from "./helpers.js";

const SPEC = `
openapi: 3.1.0
info: { title: Items, version: "1" }
servers: [{ url: "http://localhost" }]
security: [{ token: [] }]
paths:
  /items/{id}:
    get:
      operationId: getItem
      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
      responses:
        "200": { description: ok, content: { application/json: { schema: { $ref: "#/components/schemas/Item" } } } }
        "404": { description: missing, content: { application/json: { schema: { $ref: "#/components/schemas/NotFound" } } } }
        "4XX": { description: refused, content: { application/json: { schema: { $ref: "#/components/schemas/Problem" } } } }
        default: { description: other, content: { application/json: { schema: { $ref: "#/components/schemas/Problem" } } } }
  /items:
    post:
      operationId: createItem
      requestBody:
        required: true
        content: { application/json: { schema: { $ref: "#/components/schemas/Item" } } }
      responses:
        "201": { description: created, content: { application/json: { schema: { $ref: "#/components/schemas/Item" } } } }
        "400": { description: invalid, content: { application/json: { schema: { $ref: "#/components/schemas/FieldErrors" } } } }
        "500": { description: broken }
components:
  securitySchemes:
    token: { type: http, scheme: bearer }
  schemas:
    Item:
      type: object
      required: [id, name]
      properties:
        id: { type: string }
        name: { type: string, maxLength: 10 }
    NotFound: { type: object, required: [missing], properties: { missing: { type: string } } }
    Problem: { type: object, required: [title], properties: { title: { type: string } } }
    FieldErrors: { type: object, additionalProperties: { type: array, items: { type: string } } }
`;

interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
  trace: string | undefined;
  body: string;
  /** True when the client hung up before the answer was written (an aborted attempt). */
  aborted: boolean;
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

let server: http.Server;
let baseUrl = "";
let seen: Seen[] = [];
let handler: Handler;
let api: Record<string, any>;
/** The generated API's folder (type-checked strictly by loadClient). */
let out = "";
/** Its validators module, which response validation is given. */
let validators: Record<string, unknown>;
const ITEM = { id: "i1", name: "lamp" };

function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  if (res.destroyed) return;
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

/** Answers after `ms`, unless the client has gone. */
const later = (ms: number, answer: (res: http.ServerResponse) => void): Handler => {
  return (_req, res) => {
    setTimeout(() => answer(res), ms);
  };
};

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const entry: Seen = {
      method: req.method!,
      url: req.url!,
      authorization: req.headers.authorization,
      trace: req.headers["x-trace"] as string | undefined,
      body: "",
      aborted: false,
    };
    seen.push(entry);
    res.on("close", () => {
      if (!res.writableFinished) entry.aborted = true;
    });
    req.on("data", (chunk) => (entry.body += chunk));
    req.on("end", () => handler(req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  ({ client: api, dir: out } = await loadClient(SPEC));
  validators = await import(pathToFileURL(path.join(out, "validators.js")).href);
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen = [];
  handler = (_req, res) => json(res, 200, ITEM);
});

const client = (options: Record<string, unknown> = {}) =>
  api.createClient({ baseUrl, auth: "t0", retry: { baseDelayMs: 1 }, ...options });

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; result: T | undefined; error: any }> {
  const start = performance.now();
  try {
    const result = await run();
    return { ms: performance.now() - start, result, error: undefined };
  } catch (error) {
    return { ms: performance.now() - start, result: undefined, error };
  }
}

describe("timeoutMs is one deadline for the whole call", () => {
  it("slow 503s and retries: the attempt in flight at the deadline is aborted and TimeoutError thrown", async () => {
    handler = later(120, (res) => json(res, 503, { title: "busy" }));
    const { ms, error } = await timed(() => client({ timeoutMs: 200 }).getItem({ id: "a" }));
    expect(error).toBeInstanceOf(api.TimeoutError);
    expect(error.message).toBe("GET /items/{id} (getItem) timed out after 200 ms");
    // Before: every attempt had its own 200 ms, and the three attempts took about 490 ms.
    expect(ms).toBeGreaterThanOrEqual(195);
    expect(ms).toBeLessThan(400);
    await vi.waitFor(() => expect(seen.map((s) => s.aborted)).toEqual([false, true]));
  });

  it("a Retry-After wait that would end past the deadline is not started: the answer in hand is thrown", async () => {
    handler = (_req, res) => json(res, 503, { title: "busy" }, { "retry-after": "5" });
    const { ms, error } = await timed(() => client({ timeoutMs: 1000 }).getItem({ id: "a" }));
    expect(error).toBeInstanceOf(api.ApiError);
    expect(error.status).toBe(503);
    expect(ms).toBeLessThan(500);
    expect(seen).toHaveLength(1);
  });

  it("a Retry-After wait inside the deadline is honoured and counts against it", async () => {
    let n = 0;
    handler = (_req, res) =>
      n++ === 0 ? json(res, 503, {}, { "retry-after": "1" }) : later(400, (r) => json(r, 200, ITEM))(_req, res);
    const { ms, error } = await timed(() => client({ timeoutMs: 1300 }).getItem({ id: "a" }));
    // 1 s of waiting + a 400 ms answer do not fit in 1.3 s.
    expect(error).toBeInstanceOf(api.TimeoutError);
    expect(ms).toBeGreaterThanOrEqual(1290);
    expect(ms).toBeLessThan(1700);
    await vi.waitFor(() => expect(seen.map((s) => s.aborted)).toEqual([false, true]));
  });

  it("a per-call timeoutMs overrides the client's, and 0 means none", async () => {
    handler = later(150, (res) => json(res, 200, ITEM));
    await expect(client({ timeoutMs: 50 }).getItem({ id: "a" }, { timeoutMs: 0 })).resolves.toEqual(ITEM);
    await expect(client({ timeoutMs: 0 }).getItem({ id: "a" }, { timeoutMs: 50 })).rejects.toBeInstanceOf(
      api.TimeoutError,
    );
  });

  it("a resend runs inside the same deadline", async () => {
    handler = (req, res) =>
      req.headers.authorization === "Bearer t0"
        ? json(res, 401, { title: "expired" })
        : later(500, (r) => json(r, 200, ITEM))(req, res);
    const middleware = [
      {
        onResponse: async ({ request, response, resend }: any) => {
          if (response.status !== 401) return undefined;
          const headers = new Headers(request.headers);
          headers.set("authorization", "Bearer t1");
          return resend(new Request(request, { headers }));
        },
      },
    ];
    const { ms, error } = await timed(() => client({ timeoutMs: 200, middleware }).getItem({ id: "a" }));
    expect(error).toBeInstanceOf(api.TimeoutError);
    expect(ms).toBeLessThan(400);
    await vi.waitFor(() =>
      expect(seen.map((s) => [s.authorization, s.aborted])).toEqual([
        ["Bearer t0", false],
        ["Bearer t1", true],
      ]),
    );
  });

  it("the caller's abort during a Retry-After wait rejects at once", async () => {
    handler = (_req, res) => json(res, 503, { title: "busy" }, { "retry-after": "5" });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("user left")), 100);
    const { ms, error } = await timed(() =>
      client({ timeoutMs: 20_000 }).getItem({ id: "a" }, { signal: controller.signal }),
    );
    expect(error).toEqual(new Error("user left"));
    expect(ms).toBeLessThan(1000);
    expect(seen).toHaveLength(1);
    // And nothing is left pending: a process that makes the same call exits at once, not when the
    // 5 s wait would have ended.
    const script = path.join(out, "abort-wait.mjs");
    await fs.writeFile(
      script,
      `import { createClient } from "./client.js";
const controller = new AbortController();
setTimeout(() => controller.abort(new Error("user left")), 100);
await createClient({ baseUrl: process.argv[2], auth: "t0", retry: { baseDelayMs: 1 } })
  .getItem({ id: "a" }, { signal: controller.signal })
  .catch(() => undefined);
`,
    );
    const started = performance.now();
    await new Promise<void>((resolve, reject) =>
      execFile(process.execPath, [script, baseUrl], (err) => (err ? reject(err) : resolve())),
    );
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it("the caller's abort still wins, with its reason", async () => {
    handler = later(300, (res) => json(res, 200, ITEM));
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("user left")), 30);
    await expect(client({ timeoutMs: 1000 }).getItem({ id: "a" }, { signal: controller.signal })).rejects.toThrow(
      "user left",
    );
  });
});

describe("middleware", () => {
  it("onRequest in array order, onResponse in reverse order, once per attempt, with the attempt number", async () => {
    let n = 0;
    handler = (_req, res) => (n++ === 0 ? json(res, 503, {}, { "retry-after": "0" }) : json(res, 200, ITEM));
    const log: string[] = [];
    const named = (name: string) => ({
      onRequest: ({ operationId, attempt }: any) => void log.push(`${name}.onRequest ${operationId} #${attempt}`),
      onResponse: ({ response, attempt }: any) => void log.push(`${name}.onResponse ${response.status} #${attempt}`),
    });
    await client({ middleware: [named("a"), named("b")] }).getItem({ id: "x" });
    expect(log).toEqual([
      "a.onRequest getItem #0",
      "b.onRequest getItem #0",
      "b.onResponse 503 #0",
      "a.onResponse 503 #0",
      "a.onRequest getItem #1",
      "b.onRequest getItem #1",
      "b.onResponse 200 #1",
      "a.onResponse 200 #1",
    ]);
  });

  it("a returned Request is sent instead; a returned Response is used instead, and the outer hook sees it", async () => {
    const statuses: number[] = [];
    const result = await client({
      middleware: [
        { onResponse: ({ response }: any) => void statuses.push(response.status) },
        {
          onRequest: ({ request }: any) => {
            const headers = new Headers(request.headers);
            headers.set("x-trace", "abc");
            return new Request(request, { headers });
          },
          onResponse: async ({ response }: any) => {
            const body = await response.json();
            return new Response(JSON.stringify({ ...body, name: "renamed" }), {
              status: 203,
              headers: { "content-type": "application/json" },
            });
          },
        },
      ],
    }).getItem({ id: "x" });
    expect(seen[0]!.trace).toBe("abc");
    expect(result).toEqual({ id: "i1", name: "renamed" });
    expect(statuses).toEqual([203]);
  });

  it("refreshes a token on 401 with resend; credentials are asked for on every attempt", async () => {
    let current = "old";
    let asked = 0;
    const auth = () => {
      asked++;
      return current;
    };
    handler = (req, res) =>
      req.headers.authorization === "Bearer new" ? json(res, 200, ITEM) : json(res, 401, { title: "expired" });
    const refresh = {
      onResponse: async ({ request, response, resend }: any) => {
        if (response.status !== 401) return undefined;
        current = "new";
        const headers = new Headers(request.headers);
        headers.set("authorization", `Bearer ${current}`);
        return resend(new Request(request, { headers }));
      },
    };
    const items = client({ auth, middleware: [refresh] });
    expect(await items.getItem({ id: "x" })).toEqual(ITEM);
    expect(seen.map((s) => s.authorization)).toEqual(["Bearer old", "Bearer new"]);
    // The next call asks for the credential again and gets the new one.
    expect(await items.getItem({ id: "y" })).toEqual(ITEM);
    expect(seen.map((s) => s.authorization)).toEqual(["Bearer old", "Bearer new", "Bearer new"]);
    expect(asked).toBe(2);
  });

  it("a resent request with a body carries it again", async () => {
    handler = (req, res) => (req.headers.authorization === "Bearer t0" ? json(res, 401, {}) : json(res, 201, ITEM));
    const created = await client({
      middleware: [
        {
          onResponse: ({ request, response, resend }: any) => {
            if (response.status !== 401) return undefined;
            const headers = new Headers(request.headers);
            headers.set("authorization", "Bearer t1");
            return resend(new Request(request, { headers }));
          },
        },
      ],
    }).createItem({ body: ITEM });
    expect(created).toEqual(ITEM);
    expect(seen.map((s) => [s.authorization, JSON.parse(s.body)])).toEqual([
      ["Bearer t0", ITEM],
      ["Bearer t1", ITEM],
    ]);
  });

  it("no loop when the resent request is refused too: the 401 is the outcome", async () => {
    handler = (_req, res) => json(res, 401, { title: "expired" });
    const refresh = {
      onResponse: ({ request, response, resend }: any) =>
        response.status === 401 ? resend(new Request(request)) : undefined,
    };
    const error = await client({ middleware: [refresh] })
      .getItem({ id: "x" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(api.ApiError);
    expect(error.status).toBe(401);
    expect(seen).toHaveLength(2);
  });

  it("errors thrown by middleware propagate unchanged, and nothing is sent after onRequest throws", async () => {
    const boom = new Error("no token in the vault");
    await expect(client({ middleware: [{ onRequest: () => Promise.reject(boom) }] }).getItem({ id: "x" })).rejects.toBe(
      boom,
    );
    expect(seen).toEqual([]);
    const late = new TypeError("bad answer");
    await expect(
      client({
        middleware: [
          {
            onResponse: () => {
              throw late;
            },
          },
        ],
      }).getItem({ id: "x" }),
    ).rejects.toBe(late);
  });

  it("operation functions take the same options through createConfig", async () => {
    const log: string[] = [];
    const config = api.createConfig({
      baseUrl,
      auth: async () => "from-config",
      middleware: [{ onRequest: ({ operationId }: any) => void log.push(operationId) }],
    });
    expect(await api.getItem(config, { id: "x" })).toEqual(ITEM);
    expect(log).toEqual(["getItem"]);
    expect(seen[0]!.authorization).toBe("Bearer from-config");
  });
});

describe("typed errors", () => {
  it("isApiError narrows by operation and status at run time", async () => {
    handler = (_req, res) => json(res, 400, { name: ["too long"] });
    const error = await client({ validateRequests: false })
      .createItem({ body: { id: "1", name: "x" } })
      .catch((e: unknown) => e);
    expect(api.isApiError(error, "createItem", 400)).toBe(true);
    expect(api.isApiError(error, "createItem", 404)).toBe(false);
    expect(api.isApiError(error, "getItem", 400)).toBe(false);
    expect(api.isApiError(new Error("x"), "createItem", 400)).toBe(false);
    expect(api.isApiError(undefined, "createItem", 400)).toBe(false);
    expect(error.body).toEqual({ name: ["too long"] });
  });

  it("narrows error.body to the schema documented for the status, its range or default (a user's file type-checks)", async () => {
    const usage = `
import { createClient, isApiError } from "./client.js";
import * as validators from "./validators.js";

export const checked = createClient({ validateResponses: "warn", responseValidators: validators });
// @ts-expect-error responseValidators is the validators module
export const wrong = createClient({ validateResponses: "warn", responseValidators: { validateGetItemResult: 1 } });

export function handle(error: unknown): string {
  if (isApiError(error, "createItem", 400)) {
    const fields: Record<string, string[]> = error.body;
    const status: 400 = error.status;
    return Object.keys(fields).join() + status;
  }
  if (isApiError(error, "getItem", 404)) {
    const missing: string = error.body.missing;
    // @ts-expect-error a 404 body has no title
    error.body.title;
    return missing;
  }
  if (isApiError(error, "getItem", 422)) return error.body.title; // the 4XX range
  if (isApiError(error, "getItem", 503)) return error.body.title; // default
  if (isApiError(error, "createItem", 500)) {
    // @ts-expect-error documented without a body: unknown
    error.body.title;
  }
  if (isApiError(error, "createItem", 409)) {
    // @ts-expect-error not documented: unknown
    error.body.title;
  }
  // @ts-expect-error no such operation
  isApiError(error, "deleteItem", 400);
  return "";
}
`;
    await fs.writeFile(path.join(out, "usage.ts"), usage);
    const files = (await fs.readdir(out)).filter((f) => f.endsWith(".ts")).map((f) => path.join(out, f));
    expect(typecheck(files)).toEqual([]);
    // And the assertions bite: without the narrowing, the file does not compile.
    await fs.writeFile(path.join(out, "usage.ts"), usage.replace('"getItem", 404', '"getItem", 400'));
    expect(typecheck(files).join("\n")).toMatch(/Property 'missing' does not exist/);
  });
});

describe("response validation", () => {
  const BROKEN = { id: "i1", name: "123-45-6789 is much too long" };

  it("is off by default: a body that breaks its schema is returned", async () => {
    handler = (_req, res) => json(res, 200, BROKEN);
    expect(await client().getItem({ id: "x" })).toEqual(BROKEN);
  });

  it("needs the validators module, and says so when it is missing (so bundles that do not validate responses stay small)", () => {
    expect(() => client({ validateResponses: "throw" })).toThrow(
      'validateResponses needs the response validators: pass `responseValidators` (import * as validators from "./validators.js")',
    );
    expect(() => api.createConfig({ validateResponses: "warn" })).toThrow(TypeError);
  });

  it('"throw": ResponseValidationError with operationId, status and issues, and no value in its message', async () => {
    handler = (_req, res) => json(res, 200, BROKEN);
    const error = await client({ validateResponses: "throw", responseValidators: validators })
      .getItem({ id: "x" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(api.ResponseValidationError);
    expect(error).toMatchObject({
      name: "ResponseValidationError",
      operationId: "getItem",
      status: 200,
      issues: [{ path: ["name"], code: "maxLength" }],
    });
    expect(error.message).toBe("getItem: the 200 response does not match its schema (1 issue; see .issues)");
    expect(`${error.message} ${error.stack} ${JSON.stringify(error.issues)}`).not.toContain("123-45-6789");
  });

  it('"warn": the issues go to onResponseIssues and the body is returned', async () => {
    handler = (_req, res) => json(res, 200, BROKEN);
    const reports: unknown[] = [];
    const result = await client({
      validateResponses: "warn",
      responseValidators: validators,
      onResponseIssues: (operationId: string, issues: unknown[]) => reports.push({ operationId, issues }),
    }).getItem({ id: "x" });
    expect(result).toEqual(BROKEN);
    expect(reports).toMatchObject([{ operationId: "getItem", issues: [{ path: ["name"], code: "maxLength" }] }]);
  });

  it('"warn" without a handler writes one console warning, without values', async () => {
    handler = (_req, res) => json(res, 200, BROKEN);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      await client({ validateResponses: "warn", responseValidators: validators }).getItem({ id: "x" });
      expect(warn).toHaveBeenCalledTimes(1);
      const text = String(warn.mock.calls[0]![0]);
      expect(text).toMatch(/^getItem: the response does not match its schema:\n {2}name: /);
      expect(text).not.toContain("123-45-6789");
    } finally {
      warn.mockRestore();
    }
  });

  it("a valid body passes, error answers stay ApiErrors, and createConfig takes the option too", async () => {
    await expect(
      client({ validateResponses: "throw", responseValidators: validators }).getItem({ id: "x" }),
    ).resolves.toEqual(ITEM);
    handler = (_req, res) => json(res, 404, { unexpected: true });
    await expect(
      client({ validateResponses: "throw", responseValidators: validators }).getItem({ id: "x" }),
    ).rejects.toBeInstanceOf(api.ApiError);
    handler = (_req, res) => json(res, 200, BROKEN);
    await expect(
      api.getItem(api.createConfig({ baseUrl, validateResponses: "throw", responseValidators: validators }), {
        id: "x",
      }),
    ).rejects.toBeInstanceOf(api.ResponseValidationError);
  });
});
