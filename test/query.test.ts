// Query options (`"query": true`): the committed Users API's query.ts, compiled and used by a real
// TanStack `QueryClient` (@tanstack/query-core) against a local server: fetching and caching, prefix
// invalidation, cancellation that the server sees, mutations; and a user's file type-checked against
// @tanstack/react-query's types.
import fs from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { MutationObserver, QueryClient } from "@tanstack/query-core";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compiledOutput, loadEverything, typecheck } from "./helpers.js";

type Module = Record<string, any>;
const API = "argyle-users";
const A = "018051aa-f7a9-a0db-2f38-6cfa325e9d69";
const B = "018051aa-f7a9-a0db-2f38-6cfa325e9d70";
const SLOW = "018051aa-f7a9-a0db-2f38-6cfa325e9d71";

let dir: string;
let client: Module;
let query: Module;
let server: http.Server;
let config: unknown;
const hits: string[] = [];
const bodies: unknown[] = [];
let aborted: () => void = () => undefined;
const abortSeen = new Promise<void>((resolve) => {
  aborted = resolve;
});
let slowArrived: () => void = () => undefined;
const slowRequest = new Promise<void>((resolve) => {
  slowArrived = resolve;
});

beforeAll(async () => {
  const compiled = await compiledOutput("argyle-users");
  dir = compiled.dir;
  client = await compiled.load("client.js");
  query = await compiled.load("query.js");
  server = http.createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      if (body) bodies.push(JSON.parse(body));
      const id = req.url?.split("/")[3]?.split("?")[0];
      if (id === SLOW) {
        // Never answered: the test cancels the query, and the server sees the connection go.
        res.on("close", () => aborted());
        slowArrived();
        return;
      }
      res.setHeader("content-type", "application/json");
      if (req.method === "GET" && id === undefined) res.end(JSON.stringify([{ id: A }, { id: B }]));
      else if (req.method === "POST") res.writeHead(201).end(JSON.stringify({ id: A, ...JSON.parse(body || "{}") }));
      else if (req.method === "DELETE") res.writeHead(204).end();
      else res.end(JSON.stringify({ id, first_name: req.method === "PATCH" ? "Updated" : "Sarah" }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  config = client.createConfig({ baseUrl: `http://127.0.0.1:${port}`, auth: { username: "id", password: "secret" } });
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("query.ts with a real QueryClient against a local server", () => {
  it("keys start with the API's name and the operationId; the input is optional exactly when the operation's is", () => {
    expect(query.API_NAME).toBe(API);
    expect(query.retrieveUserQueryKey({ id: A })).toEqual([API, "retrieveUser", { id: A }]);
    expect(query.listUsersQueryKey()).toEqual([API, "listUsers", undefined]);
    expect(query.createUserMutationOptions(config).mutationKey).toEqual([API, "createUser"]);
    expect(Object.keys(query).filter((k) => k.endsWith("QueryOptions"))).toEqual([
      "listUsersQueryOptions",
      "retrieveUserQueryOptions",
    ]);
  });

  it("fetches through the operation function, and caches by key", async () => {
    const qc = new QueryClient();
    hits.length = 0;
    const user = await qc.fetchQuery({ ...query.retrieveUserQueryOptions(config, { id: A }), staleTime: 60_000 });
    expect(user).toEqual({ id: A, first_name: "Sarah" });
    await qc.fetchQuery({ ...query.retrieveUserQueryOptions(config, { id: A }), staleTime: 60_000 });
    expect(hits).toEqual([`GET /v2/users/${A}`]);
    expect(await qc.fetchQuery(query.listUsersQueryOptions(config, { limit: 2 }))).toHaveLength(2);
    expect(hits[1]).toBe("GET /v2/users?limit=2");
    qc.clear();
  });

  it("invalidates by prefix: [api, operation] hits every input, [api] the whole API", async () => {
    const qc = new QueryClient();
    await qc.fetchQuery(query.retrieveUserQueryOptions(config, { id: A }));
    await qc.fetchQuery(query.retrieveUserQueryOptions(config, { id: B }));
    await qc.fetchQuery(query.listUsersQueryOptions(config));
    const invalidated = () =>
      qc
        .getQueryCache()
        .getAll()
        .filter((q) => q.state.isInvalidated)
        .map((q) => q.queryKey[1])
        .sort();
    await qc.invalidateQueries({ queryKey: [API, "retrieveUser"] });
    expect(invalidated()).toEqual(["retrieveUser", "retrieveUser"]);
    await qc.invalidateQueries({ queryKey: [API] });
    expect(invalidated()).toEqual(["listUsers", "retrieveUser", "retrieveUser"]);
    qc.clear();
  });

  it("a cancelled query aborts its request: the server sees it go", async () => {
    const qc = new QueryClient();
    const options = query.retrieveUserQueryOptions(config, { id: SLOW });
    const pending = qc.fetchQuery({ ...options, retry: false }).catch((e: unknown) => e);
    await slowRequest;
    await qc.cancelQueries({ queryKey: options.queryKey });
    await abortSeen;
    expect((await pending) as Error).toBeInstanceOf(Error);
    qc.clear();
  });

  it("a caller's own signal aborts too", async () => {
    const controller = new AbortController();
    const options = query.retrieveUserQueryOptions(config, { id: A }, { signal: controller.signal });
    controller.abort();
    await expect(options.queryFn({ signal: new AbortController().signal })).rejects.toBeInstanceOf(Error);
  });

  it("mutations call the operation; invalidating after one is the documented recipe", async () => {
    const qc = new QueryClient();
    await qc.fetchQuery(query.retrieveUserQueryOptions(config, { id: A }));
    bodies.length = 0;
    const create = new MutationObserver<unknown, Error, unknown>(qc, query.createUserMutationOptions(config));
    expect(await create.mutate({ body: { first_name: "Ada" } })).toEqual({ id: A, first_name: "Ada" });
    expect(bodies).toEqual([{ first_name: "Ada" }]);
    const update = new MutationObserver<unknown, Error, unknown>(qc, {
      ...query.updateUserMutationOptions(config),
      onSuccess: () => qc.invalidateQueries({ queryKey: [API, "retrieveUser"] }),
    });
    expect(await update.mutate({ id: A, body: { first_name: "Updated" } })).toMatchObject({ first_name: "Updated" });
    expect(qc.getQueryCache().find({ queryKey: query.retrieveUserQueryKey({ id: A }) })?.state.isInvalidated).toBe(
      true,
    );
    expect(qc.getMutationCache().getAll()[0]?.options.mutationKey).toEqual([API, "createUser"]);
    qc.clear();
  });
});

describe("types with @tanstack/react-query", () => {
  it("useQuery's data is the operation's result; a missing input and a wrong data type do not compile", async () => {
    const user = `import { QueryClient, queryOptions, useMutation, useQuery } from "@tanstack/react-query";
import { createConfig } from "./client.js";
import type { ListUsersResult, RetrieveUserResult } from "./models.js";
import { API_NAME, createUserMutationOptions, listUsersQueryOptions, retrieveUserQueryOptions } from "./query.js";

const config = createConfig({ auth: { username: "id", password: "secret" } });

export function useUser(id: string) {
  const user = useQuery(retrieveUserQueryOptions(config, { id }));
  const data: RetrieveUserResult | undefined = user.data;
  const selected = useQuery({ ...retrieveUserQueryOptions(config, { id }), select: (u) => u.first_name, staleTime: 1000 });
  const name: string | null | undefined = selected.data;
  // @ts-expect-error retrieveUser's input (its id) is required
  retrieveUserQueryOptions(config);
  // @ts-expect-error the data is a user, not a string
  const wrong: string | undefined = useQuery(retrieveUserQueryOptions(config, { id })).data;
  const create = useMutation(createUserMutationOptions(config));
  create.mutate({ body: { first_name: "Ada" } });
  // @ts-expect-error the body of createUser is an object
  create.mutate({ body: 42 });
  return [data, name, wrong];
}

export async function prefetch(client: QueryClient) {
  // TanStack infers TData from the context: bind the promise before annotating it.
  const promise = client.fetchQuery(listUsersQueryOptions(config));
  const users: ListUsersResult = await promise;
  const options = queryOptions(retrieveUserQueryOptions(config, { id: "x" }));
  const cached: RetrieveUserResult | undefined = client.getQueryData(options.queryKey);
  await client.invalidateQueries({ queryKey: [API_NAME, "retrieveUser"] });
  return [users, cached];
}
`;
    await fs.writeFile(path.join(dir, "user.ts"), user);
    const names = ["user.ts", "client.ts", "models.ts", "query.ts", "types.ts"];
    expect(typecheck(names.map((n) => path.join(dir, n)))).toEqual([]);
  });
});

describe("bundle size", () => {
  it("one query option with its operation carries that operation, not the API", async () => {
    const entry = path.join(dir, "one.ts");
    await fs.writeFile(
      entry,
      'import { retrieveUserQueryOptions } from "./query.js";\nimport { createConfig } from "./client.js";\nexport const options = retrieveUserQueryOptions(createConfig(), { id: "x" });\n',
    );
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      format: "esm",
      minify: true,
      write: false,
      logLevel: "silent",
    });
    const text = result.outputFiles[0]!.text;
    expect(text).toContain("retrieveUser");
    expect(text).not.toContain("validateCreateUserRequest");
    // No other operation: not its spec, its validator, or its query or mutation options.
    for (const other of ["createUser", "listUsers", "updateUser", "deleteUser"])
      expect(text).not.toContain(`"${other}"`);
    // Recorded for the README (see "Query options").
    expect(text.length).toBeLessThan(16_000);
  });
});

describe("APIs with only queries, or only mutations", () => {
  const spec = (method: string) =>
    JSON.stringify({
      openapi: "3.0.3",
      info: { title: "one kind", version: "1" },
      paths: {
        "/things": {
          [method]: {
            operationId: "thing",
            responses: {
              "200": { description: "ok", content: { "application/json": { schema: { type: "string" } } } },
            },
          },
        },
      },
    });
  it.each([
    ["get", "thingQueryOptions", "queryKey", "queryFn"],
    ["post", "thingMutationOptions", "mutationKey", "mutationFn"],
  ])(
    "%s only: query.ts declares only what its operations use, compiles under --strict, and builds options",
    async (method, fn, key, call) => {
      const { files, out } = await loadEverything(spec(method), { query: true });
      const text = files.get("query.ts")!;
      expect(text.includes("function withSignal")).toBe(method === "get");
      expect(text.includes("function queryOptions")).toBe(method === "get");
      expect(text.includes("function mutationOptions")).toBe(method === "post");
      const query = (await import(pathToFileURL(path.join(out, "query.js")).href)) as Module;
      const client = (await import(pathToFileURL(path.join(out, "client.js")).href)) as Module;
      const options = query[fn](client.createConfig({ baseUrl: "http://127.0.0.1:9" }));
      expect(options[key].slice(0, 2)).toEqual([query.API_NAME, "thing"]);
      expect(typeof options[call]).toBe("function");
    },
  );
});
