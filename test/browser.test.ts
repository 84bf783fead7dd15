/// <reference lib="dom" />
// The generated client in a real browser: bundled with esbuild into a page served from 127.0.0.1,
// run in headless Chromium (Debian's, driven by playwright-core), calling a local API with CORS.
// CI installs Chromium (.ci/run); on a machine without it, this file fails with what to install,
// except outside CI, where it says so and is skipped.
import fs from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { build } from "esbuild";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_MISSING, chromiumAvailable, launchChromium } from "./chromium.js";
import { loadClient, USERS_SPEC } from "./helpers.js";

if (!chromiumAvailable) {
  const message = `${CHROMIUM_MISSING}. The browser test needs it.`;
  if (process.env.CI) throw new Error(message);
  console.warn(`\n*** ${message} Skipping the browser test on this machine; CI runs it. ***\n`);
}

describe.runIf(chromiumAvailable)("the generated client in headless Chromium", () => {
  let browser: Browser;
  let api: http.Server;
  let page: http.Server;
  let apiUrl = "";
  let pageUrl = "";
  const seen: { method: string; url: string; auth: string | undefined }[] = [];

  beforeAll(async () => {
    const { dir } = await loadClient(await fs.readFile(USERS_SPEC, "utf8"));
    const bundle = await build({
      entryPoints: [path.join(dir, "client.ts")],
      bundle: true,
      format: "esm",
      write: false,
      logLevel: "silent",
    });
    const script = bundle.outputFiles[0]!.text;
    api = http.createServer((req, res) => {
      const cors = {
        "access-control-allow-origin": "*",
        "access-control-allow-headers": "authorization, content-type, accept, x-trace",
        "access-control-allow-methods": "GET, POST, PATCH, DELETE",
      };
      if (req.method === "OPTIONS") {
        res.writeHead(204, cors);
        return res.end();
      }
      seen.push({ method: req.method!, url: req.url!, auth: req.headers.authorization });
      req.resume();
      req.on("end", () => {
        if (req.url!.endsWith("000000000401")) {
          const fresh = req.headers.authorization === `Basic ${btoa("key_id:rotated")}`;
          res.writeHead(fresh ? 200 : 401, { ...cors, "content-type": "application/json" });
          return res.end(
            JSON.stringify(fresh ? { id: "018051aa-f7a9-a0db-2f38-000000000401", trace: req.headers["x-trace"] } : {}),
          );
        }
        if (req.method === "PATCH") {
          res.writeHead(400, { ...cors, "content-type": "application/json" });
          return res.end(JSON.stringify({ phone_number: ["Enter a valid phone number."] }));
        }
        res.writeHead(req.method === "POST" ? 201 : 200, { ...cors, "content-type": "application/json" });
        res.end(
          JSON.stringify(
            req.method === "POST"
              ? { id: "018051aa-f7a9-a0db-2f38-6cfa325e9d69", user_token: "t" }
              : [{ id: "018051aa-f7a9-a0db-2f38-6cfa325e9d69", created_at: "2023-01-30T22:25:38.971Z" }],
          ),
        );
      });
    });
    page = http.createServer((req, res) => {
      if (req.url === "/client.js") {
        res.writeHead(200, { "content-type": "text/javascript" });
        return res.end(script);
      }
      res.writeHead(200, { "content-type": "text/html" });
      res.end(
        '<!doctype html><meta charset="utf-8"><title>specforge</title><script type="module">import * as client from "/client.js"; window.generated = client;</script>',
      );
    });
    await new Promise<void>((r) => api.listen(0, "127.0.0.1", r));
    await new Promise<void>((r) => page.listen(0, "127.0.0.1", r));
    apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
    pageUrl = `http://127.0.0.1:${(page.address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((r) => api?.close(() => r()));
    await new Promise<void>((r) => page?.close(() => r()));
  });

  it("creates and lists users, and surfaces a 400's field errors", async () => {
    const tab = await browser.newPage();
    await tab.goto(pageUrl);
    await tab.waitForFunction(() => "generated" in window);
    const result = await tab.evaluate(async (base) => {
      const { createClient, ApiError } = (window as unknown as { generated: Record<string, any> }).generated;
      const users = createClient({ baseUrl: base, auth: { username: "key_id", password: "secret" } });
      const created = await users.createUser({ body: { first_name: "Sarah" } });
      const listed = await users.listUsers({ limit: 2 });
      let fieldErrors: unknown;
      try {
        await users.updateUser({ id: created.id, body: { phone_number: "+12125555555" } });
      } catch (error) {
        const e = error as { status: number; fieldErrors: unknown };
        fieldErrors = error instanceof ApiError ? { status: e.status, fieldErrors: e.fieldErrors } : String(error);
      }
      return { created, count: listed.length, fieldErrors, agent: navigator.userAgent };
    }, apiUrl);
    expect(result.agent).toMatch(/Chrome/);
    expect(result.created).toEqual({ id: "018051aa-f7a9-a0db-2f38-6cfa325e9d69", user_token: "t" });
    expect(result.count).toBe(1);
    expect(result.fieldErrors).toEqual({ status: 400, fieldErrors: { phone_number: ["Enter a valid phone number."] } });
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual([
      "POST /v2/users",
      "GET /v2/users?limit=2",
      "PATCH /v2/users/018051aa-f7a9-a0db-2f38-6cfa325e9d69",
    ]);
    expect(seen.every((s) => s.auth === `Basic ${btoa("key_id:secret")}`)).toBe(true);
  });

  it("runs middleware: a header added on every attempt, and a 401 answered by resend with new credentials", async () => {
    seen.length = 0;
    const tab = await browser.newPage();
    await tab.goto(pageUrl);
    await tab.waitForFunction(() => "generated" in window);
    const result = await tab.evaluate(async (base) => {
      const { createClient } = (window as unknown as { generated: Record<string, any> }).generated;
      const log: string[] = [];
      const users = createClient({
        baseUrl: base,
        auth: { username: "key_id", password: "old" },
        middleware: [
          {
            onRequest: ({ request }: { request: Request }) => {
              log.push("request");
              const headers = new Headers(request.headers);
              headers.set("x-trace", "t-1");
              return new Request(request, { headers });
            },
            onResponse: async ({
              request,
              response,
              resend,
            }: {
              request: Request;
              response: Response;
              resend: (r: Request) => Promise<Response>;
            }) => {
              log.push(`response ${response.status}`);
              if (response.status !== 401) return undefined;
              const headers = new Headers(request.headers);
              headers.set("authorization", `Basic ${btoa("key_id:rotated")}`);
              return resend(new Request(request, { headers }));
            },
          },
        ],
      });
      const user = await users.retrieveUser({ id: "018051aa-f7a9-a0db-2f38-000000000401" });
      return { user, log };
    }, apiUrl);
    expect(result).toEqual({
      user: { id: "018051aa-f7a9-a0db-2f38-000000000401", trace: "t-1" },
      log: ["request", "response 401"],
    });
    expect(seen.map((s) => s.auth)).toEqual([`Basic ${btoa("key_id:old")}`, `Basic ${btoa("key_id:rotated")}`]);
  });
});
