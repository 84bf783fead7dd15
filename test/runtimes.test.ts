// The generated client runs unchanged in Deno and Bun (both from npm, devDependencies): the Users
// API is generated into a scratch folder, test/fixtures/runtime-scenarios.ts drives every path of the
// client in the other runtime against a real server on 127.0.0.1, and this file checks what the
// runtime reported and what the server received. Deno also type-checks the output (`deno check`).
// The second API's gzip helpers run in both too (test/fixtures/runtime-gzip.ts).
import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateApi } from "../generator/index.js";
import { ROOT, scratch, USERS_SPEC } from "./helpers.js";

const run = promisify(execFile);
const BIN = path.join(ROOT, "node_modules", ".bin");
const ID = "018051aa-f7a9-a0db-2f38-6cfa325e9d69";
const USER = { id: ID, created_at: "2023-03-09T04:54:35.170468Z", first_name: "Sarah" };
const ROTATED = `Basic ${Buffer.from("key_id:rotated").toString("base64")}`;

interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
  body: string;
}

let server: http.Server;
let baseUrl = "";
let closedUrl = "";
const flakyCalls = new Map<string, number>();

function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

/** What the server received, by runtime: each runtime's baseUrl carries its name as a path prefix. */
const seenBy = new Map<string, Seen[]>();

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const [, runtime = "", ...rest] = req.url!.split("/");
      const url = "/" + rest.join("/");
      const list = seenBy.get(runtime) ?? [];
      list.push({ method: req.method!, url, authorization: req.headers.authorization, body });
      seenBy.set(runtime, list);
      if (req.method === "POST") return json(res, 201, { id: ID, user_token: "tok" });
      if (req.method === "PATCH") return json(res, 400, { email: ["Enter a valid email address."] });
      if (req.method === "DELETE") {
        res.writeHead(204);
        return res.end();
      }
      if (url.endsWith("000000000503")) {
        const n = flakyCalls.get(runtime) ?? 0;
        flakyCalls.set(runtime, n + 1);
        return n === 0 ? json(res, 503, {}, { "retry-after": "0" }) : json(res, 200, USER);
      }
      if (url.endsWith("000000000999")) return void setTimeout(() => json(res, 200, USER), 500);
      if (url.endsWith("000000000504")) return void setTimeout(() => !res.destroyed && json(res, 503, {}), 120);
      if (url.endsWith("000000000401"))
        return req.headers.authorization === ROTATED ? json(res, 200, USER) : json(res, 401, {});
      if (url.endsWith("00000000bad0")) return json(res, 200, { ...USER, created_at: "yesterday" });
      json(res, 200, url.startsWith("/v2/users?") ? [USER] : USER);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const closed = http.createServer();
  await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
  closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
  await new Promise<void>((r) => closed.close(() => r()));
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

/** Generates an API (the Users API by default) into `<scratch>/out` with the scripts beside it. */
async function prepare(importExtension: ".js" | ".ts", spec = USERS_SPEC): Promise<string> {
  const dir = await scratch({ "package.json": '{ "type": "module" }\n' });
  const out = path.join(dir, "out");
  const generated = await generateApi({
    name: "api",
    spec,
    out,
    base: ROOT,
    allowRemoteRefs: false,
    allowOutsideRefs: false,
    importExtension,
  });
  await fs.mkdir(out);
  for (const [name, text] of generated.files) await fs.writeFile(path.join(out, name), text);
  await fs.copyFile(path.join(ROOT, "test", "fixtures", "runtime-scenarios.ts"), path.join(dir, "scenarios.ts"));
  await fs.copyFile(path.join(ROOT, "test", "fixtures", "runtime-gzip.ts"), path.join(dir, "gzip.ts"));
  return dir;
}

const SANDBOX_SPEC = path.join(ROOT, "specs", "sandbox-users.yaml");

/** The gzip script's output checked from Node: the helpers round-trip and produce real gzip. */
function expectGzip(stdout: string) {
  const { encoded, roundTrip } = JSON.parse(stdout) as { encoded: string; roundTrip: boolean };
  expect(roundTrip).toBe(true);
  expect(gunzipSync(Buffer.from(encoded, "base64")).toString("utf8")).toBe(
    "<credit_report>é ✓ 𝄞</credit_report>".repeat(1000),
  );
}

type Results = Record<
  string,
  {
    value?: unknown;
    error?: string;
    message?: string;
    stack?: string;
    status?: number;
    fieldErrors?: unknown;
    issues?: unknown;
  }
>;

function expectScenarios(results: Results, seen: Seen[]) {
  expect(results.create).toEqual({ value: { id: ID, user_token: "tok" } });
  expect(results.list).toEqual({ value: [USER] });
  expect(results.retrieve).toEqual({ value: USER });
  expect(results.retried).toEqual({ value: USER });
  expect(results.invalid).toMatchObject({ error: "RequestValidationError", issues: [["body", "email"]] });
  expect(results.rejected).toMatchObject({
    error: "ApiError",
    status: 400,
    fieldErrors: { email: ["Enter a valid email address."] },
    message: "PATCH /v2/users/{id} (updateUser) failed with status 400",
  });
  expect(results.deleted).toEqual({ value: null });
  expect(results.injected).toEqual({ value: USER });
  expect(results.dotSegment).toMatchObject({ error: "RequestValidationError" });
  expect(results.timeout).toMatchObject({ error: "TimeoutError" });
  expect(results.aborted).toMatchObject({ message: "user left" });
  expect(results.refused).toMatchObject({
    error: "NetworkError",
    message: "GET /v2/users/{id} (retrieveUser) failed: no answer from the server",
  });
  expect(results.deadline).toEqual({ value: { timedOut: true, fast: true } });
  expect(results.middleware).toEqual({
    value: { log: ["a.request 0", "b.request", "b.response 401", "a.response 200"], id: ID },
  });
  expect(results.typedError).toEqual({ value: { email: ["Enter a valid email address."] } });
  expect(results.responseInvalid).toMatchObject({ error: "ResponseValidationError", issues: [["created_at"]] });
  for (const r of Object.values(results))
    expect(`${r.message ?? ""} ${r.stack ?? ""}`).not.toMatch(/123-45-6789|s3cret|key_id/);

  const basic = `Basic ${Buffer.from("key_id:s3cret-key").toString("base64")}`;
  expect(seen.map((s) => s.authorization)).toEqual(seen.map((_, i) => (i === seen.length - 3 ? ROTATED : basic)));
  expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual([
    "POST /v2/users",
    "GET /v2/users?limit=2&external_id=a%20b%26c%3Dd%2F%C3%A9",
    `GET /v2/users/${ID}`,
    "GET /v2/users/018051aa-f7a9-a0db-2f38-000000000503",
    "GET /v2/users/018051aa-f7a9-a0db-2f38-000000000503",
    `PATCH /v2/users/${ID}`,
    `DELETE /v2/users/${ID}`,
    "GET /v2/users/..%2Fadmin",
    "GET /v2/users/018051aa-f7a9-a0db-2f38-000000000999",
    "GET /v2/users/018051aa-f7a9-a0db-2f38-000000000999",
    "GET /v2/users/018051aa-f7a9-a0db-2f38-000000000504",
    "GET /v2/users/018051aa-f7a9-a0db-2f38-000000000504",
    "GET /v2/users/018051aa-f7a9-a0db-2f38-000000000401",
    "GET /v2/users/018051aa-f7a9-a0db-2f38-000000000401",
    `PATCH /v2/users/${ID}`,
    "GET /v2/users/018051aa-f7a9-a0db-2f38-00000000bad0",
  ]);
  expect(JSON.parse(seen[0]!.body)).toEqual({ first_name: "Sarah", email: "sarah@email.com" });
}

describe("Deno", () => {
  const deno = path.join(BIN, "deno");
  const env = (dir: string) => ({
    ...process.env,
    DENO_DIR: path.join(dir, ".deno"),
    DENO_NO_UPDATE_CHECK: "1",
    NO_COLOR: "1",
  });

  it("type-checks both APIs generated with importExtension .ts (deno check, strict)", async () => {
    const dir = await prepare(".ts");
    const { stderr } = await run(deno, ["check", "--quiet", "out/index.ts", "scenarios.ts"], {
      cwd: dir,
      env: env(dir),
    }).catch((e: { stderr: string }) => {
      throw new Error(`deno check failed:\n${e.stderr}`);
    });
    expect(stderr).toBe("");
    const sandbox = await prepare(".ts", SANDBOX_SPEC);
    await run(deno, ["check", "--quiet", "out/index.ts", "gzip.ts"], { cwd: sandbox, env: env(sandbox) }).catch(
      (e: { stderr: string }) => {
        throw new Error(`deno check failed:\n${e.stderr}`);
      },
    );
  }, 120_000);

  it("runs every client path against a local server", async () => {
    const dir = await prepare(".ts");
    const { stdout } = await run(
      deno,
      ["run", "--quiet", "--no-prompt", "--allow-net=127.0.0.1", "scenarios.ts", `${baseUrl}/deno`, closedUrl],
      { cwd: dir, env: env(dir) },
    );
    expectScenarios(JSON.parse(stdout) as Results, seenBy.get("deno") ?? []);
  }, 120_000);

  it("runs the gzip helpers (CompressionStream)", async () => {
    const dir = await prepare(".ts", SANDBOX_SPEC);
    expectGzip((await run(deno, ["run", "--quiet", "--no-prompt", "gzip.ts"], { cwd: dir, env: env(dir) })).stdout);
  }, 120_000);

  it("refuses the default .js specifiers, which is why importExtension exists", async () => {
    const dir = await prepare(".js");
    const error = await run(deno, ["run", "--quiet", "--no-prompt", "out/index.ts"], { cwd: dir, env: env(dir) }).catch(
      (e: { stderr: string }) => e,
    );
    expect((error as { stderr: string }).stderr).toMatch(/Module not found .*(client|models|types|validators)\.js/);
  }, 120_000);
});

describe("Bun", () => {
  it("runs every client path against a local server with the default .js specifiers", async () => {
    const dir = await prepare(".js");
    const { stdout } = await run(path.join(BIN, "bun"), ["run", "scenarios.ts", `${baseUrl}/bun`, closedUrl], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: "1" },
    });
    expectScenarios(JSON.parse(stdout) as Results, seenBy.get("bun") ?? []);
  }, 120_000);

  it("runs the gzip helpers (CompressionStream)", async () => {
    const dir = await prepare(".js", SANDBOX_SPEC);
    expectGzip(
      (await run(path.join(BIN, "bun"), ["run", "gzip.ts"], { cwd: dir, env: { ...process.env, NO_COLOR: "1" } }))
        .stdout,
    );
  }, 120_000);
});
