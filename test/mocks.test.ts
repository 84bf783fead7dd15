import path from "node:path";
import { pathToFileURL } from "node:url";
import fc from "fast-check";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emitMocks, resultValidators } from "../generator/emit/mocks/index.js";
import { emitValidators } from "../generator/emit/validators/index.js";
import { generateApi } from "../generator/index.js";
import { compiledOutput, loadEverything, ROOT, scratch, typecheck } from "./helpers.js";
import { doc, modelOf } from "./model/helpers.js";

type Module = Record<string, any>;
const AUTH = { username: "key-id", password: "key-secret" };
/** An id of the docs' shape (the request validators check it). */
const ID = "018051aa-f7a9-a0db-2f38-6cfa325e9d69";

/** The committed Users output, compiled (it resolves `msw` from this repository). */
async function committedUsers(): Promise<{ client: Module; mocks: Module; msw: Module; dir: string }> {
  const { dir, load } = await compiledOutput("argyle-users");
  return { client: await load("client.js"), mocks: await load("mocks.js"), msw: await load("msw.js"), dir };
}

let users: Awaited<ReturnType<typeof committedUsers>>;
beforeAll(async () => {
  users = await committedUsers();
});

describe("mocks.ts of the Users API", () => {
  it("type-checks with msw.ts under the strictest settings", async () => {
    const names = ["client.ts", "index.ts", "mocks.ts", "models.ts", "msw.ts", "types.ts"];
    expect(typecheck(names.map((n) => path.join(users.dir, n)))).toEqual([]);
  });

  it("each mock is a fresh copy of the spec's example, and passes its validator", async () => {
    const { mocks } = users;
    const validators = (await import(pathToFileURL(path.join(users.dir, "validators.js")).href)) as Module;
    const list = mocks.mockListUsersResult();
    expect(list[0].first_name).toBe("Sarah");
    list[0].first_name = "changed";
    expect(mocks.mockListUsersResult()[0].first_name).toBe("Sarah");
    for (const [name, status, validator] of [
      ["mockListUsersResult", 200, "validateListUsersResult"],
      ["mockCreateUserResult", 201, "validateCreateUserResult"],
      ["mockCreateUserResult", 400, "validateCreateUserResult"],
      ["mockRetrieveUserResult", 200, "validateRetrieveUserResult"],
      ["mockUpdateUserResult", 200, "validateUpdateUserResult"],
      ["mockUpdateUserResult", 400, "validateUpdateUserResult"],
    ] as const) {
      expect(validators[validator](status, mocks[name](status)), `${name}(${status})`).toMatchObject({ ok: true });
    }
    expect(mocks.mockCreateUserResult(400)).toHaveProperty("email");
  });

  it("drives the generated client through mockFetch for all five operations", async () => {
    const { client, mocks } = users;
    const fetch = mocks.mockFetch();
    const api = client.createClient({ fetch, auth: AUTH });
    expect(await api.listUsers({ limit: 5 })).toEqual(mocks.mockListUsersResult());
    const created = await api.createUser({ body: { first_name: "Ada", email: "ada@example.com" } });
    expect(created).toEqual(mocks.mockCreateUserResult());
    const id = "018051aa-f7a9-a0db-2f38-6cfa325e9d69";
    expect(await api.retrieveUser({ id })).toEqual(mocks.mockRetrieveUserResult());
    expect(await api.updateUser({ id, body: { last_name: "Lovelace" } })).toEqual(mocks.mockUpdateUserResult());
    expect(await api.deleteUser({ id })).toBeUndefined();
    expect(fetch.calls.map((c: Module) => [c.operationId, c.method])).toEqual([
      ["listUsers", "GET"],
      ["createUser", "POST"],
      ["retrieveUser", "GET"],
      ["updateUser", "PATCH"],
      ["deleteUser", "DELETE"],
    ]);
    expect(fetch.calls[0]).toMatchObject({ query: { limit: "5" }, params: {}, body: undefined });
    expect(fetch.calls[1].body).toEqual({ first_name: "Ada", email: "ada@example.com" });
    expect(fetch.calls[2]).toMatchObject({ params: { id }, url: `https://api.argyle.com/v2/users/${id}` });
  });

  it("replies override per operation: 404 -> ApiError, 400 -> fieldErrors, a Response as it is", async () => {
    const { client, mocks } = users;
    const seen: string[] = [];
    const fetch = mocks.mockFetch({
      responses: {
        retrieveUser: { status: 404 },
        updateUser: (request: Module) => {
          seen.push(request.params.id);
          return { status: 400, body: { email: ["Enter a valid email address."] } };
        },
        listUsers: new Response("[]", { status: 200, headers: { "content-type": "application/json" } }),
      },
    });
    const api = client.createClient({ fetch, auth: AUTH, retry: false });
    const missing = await api.retrieveUser({ id: ID }).catch((e: unknown) => e);
    expect(client.isApiError(missing, "retrieveUser", 404)).toBe(true);
    const invalid = await api.updateUser({ id: ID, body: { last_name: "x" } }).catch((e: unknown) => e);
    expect(client.isApiError(invalid, "updateUser", 400)).toBe(true);
    expect(invalid.fieldErrors).toEqual({ email: ["Enter a valid email address."] });
    expect(seen).toEqual([ID]);
    expect(await api.listUsers()).toEqual([]);
    // A documented error status without a body given: its own mock.
    const documented = await mocks.mockFetch({ responses: { createUser: { status: 400 } } })(
      "https://api.argyle.com/v2/users",
      { method: "POST", body: "{}", headers: { "content-type": "application/json" } },
    );
    expect(documented.status).toBe(400);
    expect(await documented.json()).toEqual(mocks.mockCreateUserResult(400));
  });

  it("delays a reply, and an aborted call rejects at once", async () => {
    const { client, mocks } = users;
    const api = client.createClient({
      fetch: mocks.mockFetch({ responses: { retrieveUser: { delayMs: 80 } } }),
      auth: AUTH,
      retry: false,
    });
    const started = performance.now();
    await api.retrieveUser({ id: ID });
    expect(performance.now() - started).toBeGreaterThanOrEqual(70);
    const controller = new AbortController();
    const call = api.retrieveUser({ id: ID }, { signal: controller.signal }).catch((e: unknown) => e);
    controller.abort();
    expect(await call).toBeInstanceOf(Error);
  });

  it("matches the spec's servers or baseUrl, and rejects an unmatched request naming method and URL", async () => {
    const { client, mocks } = users;
    const fetch = mocks.mockFetch({ baseUrl: "http://127.0.0.1:9/api" });
    const api = client.createClient({ fetch, auth: AUTH, baseUrl: "http://127.0.0.1:9/api" });
    expect(await api.listUsers()).toEqual(mocks.mockListUsersResult());
    await expect(fetch("http://127.0.0.1:9/api/v2/accounts")).rejects.toThrow(
      "mockFetch: no operation of the API matches GET http://127.0.0.1:9/api/v2/accounts",
    );
    await expect(mocks.mockFetch()("https://elsewhere.example/v2/users", { method: "PUT" })).rejects.toThrow(
      "matches PUT https://elsewhere.example/v2/users",
    );
  });
});

describe("msw.ts of the Users API with MSW's setupServer and the real fetch", () => {
  let server: ReturnType<typeof setupServer>;
  beforeAll(() => {
    server = setupServer(...users.msw.handlers);
    server.listen({ onUnhandledRequest: "error" });
  });
  afterAll(() => server.close());

  it("answers every operation with its mock, on any origin", async () => {
    const { client, mocks } = users;
    const api = client.createClient({ auth: AUTH });
    expect(await api.listUsers()).toEqual(mocks.mockListUsersResult());
    expect(await api.retrieveUser({ id: ID })).toEqual(mocks.mockRetrieveUserResult());
    expect(await api.deleteUser({ id: ID })).toBeUndefined();
    const elsewhere = client.createClient({ auth: AUTH, baseUrl: "http://localhost:4010" });
    expect(await elsewhere.updateUser({ id: ID, body: {} })).toEqual(mocks.mockUpdateUserResult());
  });

  it("takes the same replies, per handler", async () => {
    const { client, msw } = users;
    server.use(msw.retrieveUserHandler({ status: 404 }));
    const api = client.createClient({ auth: AUTH, retry: false });
    const error = await api.retrieveUser({ id: ID }).catch((e: unknown) => e);
    expect(client.isApiError(error, "retrieveUser", 404)).toBe(true);
    server.resetHandlers();
    server.use(...msw.createHandlers({ baseUrl: "https://only.example" }));
    const only = client.createClient({ auth: AUTH, baseUrl: "https://only.example" });
    expect(await only.listUsers()).toEqual(users.mocks.mockListUsersResult());
    server.resetHandlers();
  });
});

describe("generation", () => {
  it("is deterministic, and without the option nothing else changes", async () => {
    const api = {
      name: "argyle-users",
      spec: path.join(ROOT, "specs", "argyle-users.yaml"),
      out: path.join(ROOT, "generated", "argyle-users"),
      base: ROOT,
      allowRemoteRefs: false,
      allowOutsideRefs: false,
      mocks: { msw: true },
    };
    const first = await generateApi(api, { cwd: ROOT });
    const second = await generateApi(api, { cwd: ROOT });
    expect(second.files.get("mocks.ts")).toBe(first.files.get("mocks.ts"));
    const { mocks: _m, ...without } = api;
    const off = await generateApi(without, { cwd: ROOT });
    expect([...off.files.keys()].filter((f) => f !== ".specforge-manifest.json")).toEqual([
      "client.ts",
      "index.ts",
      "models.ts",
      "types.ts",
      "validators.ts",
    ]);
    for (const [name, text] of off.files)
      if (name !== ".specforge-manifest.json") expect(first.files.get(name)).toBe(text);
  });
});

/** Schemas the synthesizer must satisfy: every keyword it honours, nested. */
const leaf: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.record(
    {
      type: fc.constant("string"),
      minLength: fc.integer({ min: 0, max: 5 }),
      maxLength: fc.integer({ min: 5, max: 12 }),
    },
    { requiredKeys: ["type"] },
  ),
  fc.record({
    type: fc.constant("string"),
    format: fc.constantFrom("email", "uuid", "date", "date-time", "uri", "ipv4", "ipv6", "hostname", "byte"),
  }),
  fc.record({
    type: fc.constant("string"),
    pattern: fc.constantFrom("^[A-Z]{2}$", "^\\d{3}-\\d{4}$", "^(ab|cd)+x?$", "^[a-f0-9]{8}$", "^\\w+@\\w+\\.com$"),
  }),
  fc.record(
    {
      type: fc.constantFrom("integer", "number"),
      minimum: fc.integer({ min: -50, max: 10 }),
      maximum: fc.integer({ min: 20, max: 100 }),
      multipleOf: fc.constantFrom(1, 2, 5, 10),
      exclusiveMinimum: fc.boolean(),
    },
    { requiredKeys: ["type"] },
  ),
  fc.record({ enum: fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }) }),
  fc.constant({ type: "boolean" }),
  fc.constant({ type: "string", nullable: true }),
);
const schema: fc.Arbitrary<Record<string, unknown>> = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: "small", withCrossShrink: true }, leaf, tie("array"), tie("object"), tie("union")),
  // Unique items: at most one required (three distinct booleans cannot be had: see below).
  array: fc
    .record(
      {
        type: fc.constant("array"),
        items: tie("node"),
        minItems: fc.integer({ min: 0, max: 3 }),
        uniqueItems: fc.boolean(),
      },
      { requiredKeys: ["type", "items"] },
    )
    .map((a) => (a.uniqueItems && (a.minItems ?? 0) > 1 ? { ...a, minItems: 1 } : a)),
  object: fc
    .dictionary(fc.constantFrom("a", "b", "c", "d"), tie("node"), { minKeys: 1, maxKeys: 4 })
    .chain((properties) =>
      fc.record({
        type: fc.constant("object"),
        properties: fc.constant(properties),
        required: fc.subarray(Object.keys(properties)),
        additionalProperties: fc.boolean(),
      }),
    ),
  union: fc.constant({
    oneOf: [
      { type: "string", maxLength: 3 },
      { type: "integer", minimum: 1 },
    ],
  }),
})).node as fc.Arbitrary<Record<string, unknown>>;

/** A document of one operation, `getThing`, whose 200 answer is `content` as JSON. */
const getThing = (content: Record<string, unknown>) =>
  doc(
    {},
    {
      "/t": {
        get: {
          operationId: "getThing",
          responses: { "200": { description: "ok", content: { "application/json": content } } },
        },
      },
    },
  );

describe("synthesis", () => {
  it("for generated schemas, finds a mock, and it passes the generated validator", () => {
    fc.assert(
      fc.property(schema, (thing) => {
        const model = modelOf(getThing({ schema: thing }));
        const js = emitValidators(model, (n) => `./${n}.js`, { form: "js" }).files.get("validators.js")!;
        const validators = resultValidators(js, ["validateGetThingResult"]);
        const { mocks, stats } = emitMocks(model, (n) => `./${n}.js`, validators, { msw: false });
        expect(
          model.warnings.filter((w) => w.message.startsWith("no mock")),
          JSON.stringify(thing),
        ).toEqual([]);
        expect(stats.synthesized + stats.schemaExamples).toBe(1);
        // The mock as mocks.ts holds it: a template literal of its JSON text, evaluated as JavaScript.
        const literal = /const M0: Record<string, string \| undefined> = \{\n {4}"200": ([\s\S]*?),\n\};/.exec(
          mocks,
        )?.[1];
        const text = new Function(`return ${literal!};`)() as string;
        expect(validators.validateGetThingResult!(200, JSON.parse(text))).toMatchObject({ ok: true });
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 150), seed: 23 },
    );
  });

  it("keeps an example's text exactly, whatever characters it holds (its JSON text is a template literal)", async () => {
    const example = {
      s: "`${globalThis.pwned = 1}` \\` \\${x} \\\\ \u2028\u2029 \r\n\t \u0000 </script> '\"",
      n: -0.5e-7,
      a: [null, true],
    };
    const spec = JSON.stringify(getThing({ schema: { type: "object" }, example }));
    // Generated, type-checked and compiled as a user's build would; mocks.ts imported as JavaScript.
    const { out } = await loadEverything(spec, { mocks: true });
    const mocks = await import(pathToFileURL(path.join(out, "mocks.js")).href);
    const mock = (mocks.mockGetThingResult as () => unknown)();
    expect(mock).toEqual(example);
    expect((globalThis as { pwned?: number }).pwned).toBeUndefined();
  });

  it("a schema no value satisfies is a located warning, its mock left out, and an error under --strict", async () => {
    const spec = JSON.stringify(
      getThing({ schema: { type: "array", items: { type: "boolean" }, minItems: 3, uniqueItems: true } }),
    );
    const dir = await scratch({ "spec.json": spec });
    const api = {
      name: "t",
      spec: path.join(dir, "spec.json"),
      out: path.join(dir, "out"),
      base: dir,
      allowRemoteRefs: false,
      allowOutsideRefs: false,
      mocks: { msw: false },
    };
    const { files, warnings } = await generateApi(api, { cwd: dir });
    expect(warnings.map((w) => `${w.location?.file}:${w.location?.line}: ${w.message.slice(0, 40)}`)).toEqual([
      "spec.json:1: no mock for getThing 200: no value was f",
    ]);
    expect(files.get("mocks.ts")).not.toContain("export function mockGetThingResult");
    await expect(generateApi(api, { cwd: dir, strict: true })).rejects.toThrow(/no mock for getThing 200/);
  });

  it("an array whose items no value fits is mocked empty, where an empty array is valid", async () => {
    const items = { type: "string", minLength: 5, maxLength: 2 };
    const spec = JSON.stringify(
      getThing({ schema: { type: "object", required: ["list"], properties: { list: { type: "array", items } } } }),
    );
    const { out, files } = await loadEverything(spec, { mocks: true });
    expect(files.get("mocks.ts")).toContain("export function mockGetThingResult");
    const mocks = await import(pathToFileURL(path.join(out, "mocks.js")).href);
    expect((mocks.mockGetThingResult as () => unknown)()).toEqual({ list: [] });
  });
});
