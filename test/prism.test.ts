// The generated client against Prism, a mock server that validates every request against
// specs/argyle-users.yaml: each operation is called and Prism must find nothing to complain about.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadClient, ROOT, USERS_SPEC } from "./helpers.js";

let prism: ChildProcess;
let log = "";
let baseUrl = "";
let api: Record<string, any>;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

beforeAll(async () => {
  api = (await loadClient(await fs.readFile(USERS_SPEC, "utf8"))).client;
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  prism = spawn(
    process.execPath,
    [
      path.join(ROOT, "node_modules", "@stoplight", "prism-cli", "dist", "index.js"),
      "mock",
      "-h",
      "127.0.0.1",
      "-p",
      String(port),
      USERS_SPEC,
    ],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  prism.stdout!.on("data", (d) => (log += d));
  prism.stderr!.on("data", (d) => (log += d));
  const started = Date.now();
  while (!/Prism is listening/.test(log)) {
    if (Date.now() - started > 60_000 || prism.exitCode !== null) throw new Error(`Prism did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}, 90_000);

afterAll(() => {
  prism?.kill();
});

describe("Prism, validating requests against the spec", () => {
  const ID = "018051aa-f7a9-a0db-2f38-6cfa325e9d69";
  const client = () => api.createClient({ baseUrl, auth: { username: "key_id", password: "secret" }, retry: false });

  it("accepts every operation the generated client sends", async () => {
    const before = log.length;
    const created = await client().createUser({
      body: { first_name: "Sarah", email: "sarah@email.com", birth_date: { year: 1990, month: 1, day: 13 } },
    });
    expect(typeof created.id).toBe("string");
    expect(Array.isArray(await client().listUsers({ limit: 2, external_id: "July_Connection" }))).toBe(true);
    expect((await client().retrieveUser({ id: ID })).id).toBeTypeOf("string");
    expect(
      await client().updateUser({ id: ID, body: { external_metadata: {}, address: { country: "US" } } }),
    ).toHaveProperty("id");
    expect(await client().deleteUser({ id: ID })).toBeUndefined();
    const requests = log.slice(before);
    expect(requests).not.toMatch(/Violation|✖/);
    expect(requests.match(/Request received/g)?.length).toBe(5);
  });

  it("rejects what the validators also reject (the two agree on a bad e-mail)", async () => {
    const error = await client()
      .updateUser({ id: ID, body: { email: "nope" } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(api.RequestValidationError);
    const direct = await api
      .createClient({ baseUrl, auth: { username: "k", password: "s" }, validateRequests: false, retry: false })
      .updateUser({ id: ID, body: { email: "nope" } })
      .catch((e: unknown) => e);
    expect(direct).toBeInstanceOf(api.ApiError);
    expect(direct.status).toBe(400);
  });
});
