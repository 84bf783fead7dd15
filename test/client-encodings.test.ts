// The generated client's auth schemes and body encodings against a real local server, and the
// template and import-extension options. (The runtime's pure parts: test/runtime/client-runtime.test.ts.)
import fs from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { THING_SPEC } from "./fixtures/specs.js";
import { loadClient, ROOT, runCli, scratch, typecheck } from "./helpers.js";

const SPEC = JSON.stringify({
  openapi: "3.0.3",
  info: { title: "Kinds", version: "1" },
  servers: [{ url: "http://example.invalid" }],
  security: [{ bearer: [] }],
  paths: {
    "/form": {
      post: {
        operationId: "sendForm",
        requestBody: {
          required: true,
          content: {
            "application/x-www-form-urlencoded": {
              schema: { type: "object", properties: { a: { type: "string" }, n: { type: "integer" } } },
            },
          },
        },
        responses: { "200": { description: "text", content: { "text/plain": { schema: { type: "string" } } } } },
      },
    },
    "/upload": {
      post: {
        operationId: "upload",
        security: [{ key: [] }],
        requestBody: {
          content: {
            "multipart/form-data": {
              schema: {
                type: "object",
                properties: { file: { type: "string", format: "binary" }, note: { type: "string" } },
              },
            },
          },
        },
        responses: { "204": { description: "ok" } },
      },
    },
    "/raw": {
      put: {
        operationId: "putRaw",
        security: [{ query: [] }],
        requestBody: {
          required: true,
          content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } },
        },
        responses: {
          "200": {
            description: "bytes",
            content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } },
          },
        },
      },
    },
    "/session": {
      get: {
        operationId: "session",
        security: [{ cookie: [] }],
        parameters: [{ name: "theme", in: "cookie", schema: { type: "string" } }],
        responses: { "204": { description: "ok" } },
      },
    },
    "/open": {
      get: {
        operationId: "open",
        security: [],
        parameters: [{ name: "X-Trace", in: "header", schema: { type: "string" } }],
        responses: { "200": { description: "ok" } },
      },
    },
  },
  components: {
    securitySchemes: {
      bearer: { type: "http", scheme: "bearer" },
      key: { type: "apiKey", in: "header", name: "X-Api-Key" },
      query: { type: "apiKey", in: "query", name: "api_key" },
      cookie: { type: "apiKey", in: "cookie", name: "sid" },
    },
  },
});

describe("auth schemes, body encodings and answers", () => {
  let server: http.Server;
  let baseUrl = "";
  const seen: { method: string; url: string; headers: http.IncomingHttpHeaders; body: Buffer }[] = [];
  let api: Record<string, any>;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        seen.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks) });
        if (req.url === "/form") {
          res.writeHead(200, { "content-type": "text/plain" });
          res.end("done");
        } else if (req.url!.startsWith("/raw")) {
          res.writeHead(200, { "content-type": "application/octet-stream" });
          res.end(Buffer.from([1, 2, 3]));
        } else {
          res.writeHead(req.url === "/open" ? 200 : 204);
          res.end();
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    api = (await loadClient(SPEC)).client;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("form-urlencoded body with a bearer token from a function; a text answer", async () => {
    const client = api.createClient({ baseUrl, auth: { bearer: async () => "tok-1" } });
    expect(await client.sendForm({ body: { a: "x y&z", n: 3 } })).toBe("done");
    const req = seen.at(-1)!;
    expect(req.headers.authorization).toBe("Bearer tok-1");
    expect(req.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(req.body.toString()).toBe("a=x+y%26z&n=3");
  });

  it("multipart with a Blob and an API key header (per-operation security)", async () => {
    const client = api.createClient({ baseUrl, auth: { key: "k-123", bearer: "unused" } });
    await client.upload({ body: { file: new Blob(["hello"], { type: "text/plain" }), note: "n" } });
    const req = seen.at(-1)!;
    expect(req.headers["x-api-key"]).toBe("k-123");
    expect(req.headers.authorization).toBeUndefined();
    expect(req.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    expect(req.body.toString()).toContain('name="file"');
    expect(req.body.toString()).toContain("hello");
    expect(req.body.toString()).toContain('name="note"');
  });

  it("octet-stream body with an API key in the query; a Blob answer", async () => {
    const client = api.createClient({ baseUrl, auth: { query: "q key" } });
    const answer = await client.putRaw({ body: new Uint8Array([9, 8]) });
    expect(answer).toBeInstanceOf(Blob);
    expect([...new Uint8Array(await answer.arrayBuffer())]).toEqual([1, 2, 3]);
    const req = seen.at(-1)!;
    expect(req.url).toBe("/raw?api_key=q%20key");
    expect([...req.body]).toEqual([9, 8]);
  });

  it("an API key and a parameter in cookies", async () => {
    const client = api.createClient({ baseUrl, auth: { cookie: "s=1;x" } });
    await client.session({ theme: "dark mode" });
    expect(seen.at(-1)!.headers.cookie).toBe("theme=dark%20mode; sid=s%3D1%3Bx");
  });

  it("an operation with `security: []` sends no credentials; header parameters are sent", async () => {
    const client = api.createClient({ baseUrl, auth: { bearer: "tok" } });
    await client.open({ "X-Trace": "t-1" }, { headers: { "x-extra": "1" } });
    const req = seen.at(-1)!;
    expect(req.headers.authorization).toBeUndefined();
    expect(req.headers["x-trace"]).toBe("t-1");
    expect(req.headers["x-extra"]).toBe("1");
  });
});

describe("--templates", () => {
  it("replaces the client template, and the result still compiles", async () => {
    const dir = await scratch({ "spec.yaml": THING_SPEC, "package.json": '{ "type": "module" }\n' });
    const own = await fs.readFile(path.join(ROOT, "templates", "client.hbs"), "utf8");
    await fs.mkdir(path.join(dir, "my-templates"));
    await fs.writeFile(
      path.join(dir, "my-templates", "client.hbs"),
      own.replace(
        "export function createClient",
        "/** Our house style. */\nexport const house = {{json title}};\n\nexport function createClient",
      ),
    );
    const result = await runCli(["--spec", "spec.yaml", "--out", "out", "--templates", "my-templates"], dir);
    expect(result.stderr).toBe("");
    const client = await fs.readFile(path.join(dir, "out", "client.ts"), "utf8");
    expect(client).toContain('export const house = "Things";');
    const files = (await fs.readdir(path.join(dir, "out")))
      .filter((f) => f.endsWith(".ts"))
      .map((f) => path.join(dir, "out", f));
    expect(typecheck(files)).toEqual([]);
  });

  it("a folder without client.hbs, or a broken template, exits 2 and writes nothing", async () => {
    const dir = await scratch({
      "spec.yaml": THING_SPEC,
      "empty/.keep": "",
      "broken/client.hbs": "{{missingValue}}\n",
      "broken2/client.hbs": "{{ident missingValue}}\n",
    });
    const missing = await runCli(["--spec", "spec.yaml", "--out", "out", "--templates", "empty"], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^templates folder empty has no client\.hbs/);
    const broken = await runCli(["--spec", "spec.yaml", "--out", "out", "--templates", "broken"], dir);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/broken\/client\.hbs: "missingValue" not defined/);
    const broken2 = await runCli(["--spec", "spec.yaml", "--out", "out", "--templates", "broken2"], dir);
    expect(broken2.code).toBe(2);
    expect(broken2.stderr).toMatch(
      /broken2\/client\.hbs: \{\{ident\}\} was given a value the template data does not have/,
    );
    await expect(fs.stat(path.join(dir, "out"))).rejects.toThrow();
  });
});

describe("--import-extension", () => {
  it(".ts makes every generated file import its siblings as ./x.ts, and the output compiles with allowImportingTsExtensions", async () => {
    const dir = await scratch({ "spec.yaml": THING_SPEC, "package.json": '{ "type": "module" }\n' });
    const result = await runCli(["--spec", "spec.yaml", "--out", "out", "--import-extension", ".ts"], dir);
    expect(result.stderr).toBe("");
    const files = (await fs.readdir(path.join(dir, "out"))).filter((f) => f.endsWith(".ts"));
    const text = (await Promise.all(files.map((f) => fs.readFile(path.join(dir, "out", f), "utf8")))).join("\n");
    const specifiers = text.match(/^(?:import|export) .* from "\.\/[a-z]+\.(js|ts)";$/gm) ?? [];
    expect(specifiers.length).toBeGreaterThan(3);
    expect(specifiers.every((m) => m.endsWith('.ts";'))).toBe(true);
    expect(text).toContain('from "./models.ts"');
    expect(text).toContain('from "./validators.ts"');
    expect(
      typecheck(
        files.map((f) => path.join(dir, "out", f)),
        { allowImportingTsExtensions: true },
      ),
    ).toEqual([]);
  });

  it("the config's importExtension is used, and the option overrides it", async () => {
    const config = JSON.stringify({ apis: [{ name: "t", spec: "spec.yaml", out: "out", importExtension: ".ts" }] });
    const dir = await scratch({ "spec.yaml": THING_SPEC, "specforge.config.json": config });
    await runCli([], dir);
    expect(await fs.readFile(path.join(dir, "out", "index.ts"), "utf8")).toContain('from "./client.ts"');
    await runCli(["--import-extension", ".js"], dir);
    expect(await fs.readFile(path.join(dir, "out", "index.ts"), "utf8")).toContain('from "./client.js"');
  });
});
