// Model stage, operations: which key each parameter gets in the input object, path-level parameters
// merged into each operation, derived operationIds, and the located errors for what cannot be built.
import { describe, expect, it } from "vitest";
import { UserError } from "../../generator/errors.js";
import { modelOf } from "./helpers.js";

type P = { name: string; in: string; required?: boolean };
const param = (name: string, where: string): P => ({
  name,
  in: where,
  ...(where === "path" ? { required: true } : {}),
});

/** The model of one operation at `path` with `parameters` (and a JSON body when `body`). */
function operation(
  parameters: P[],
  opts: { path?: string; body?: boolean; shared?: P[]; operationId?: string; method?: string } = {},
) {
  const op: Record<string, unknown> = {
    parameters: parameters.map((p) => ({ ...p, schema: { type: "string" } })),
    responses: { "204": { description: "ok" } },
  };
  if (opts.operationId !== undefined) op.operationId = opts.operationId;
  if (opts.body) op.requestBody = { content: { "application/json": { schema: { type: "object" } } } };
  const item: Record<string, unknown> = { [opts.method ?? "get"]: op };
  if (opts.shared)
    item.parameters = opts.shared.map((p) => ({ ...p, description: "shared", schema: { type: "integer" } }));
  return modelOf({ openapi: "3.0.3", info: { title: "t", version: "1" }, paths: { [opts.path ?? "/x/{id}"]: item } })
    .operations[0]!;
}

describe("input keys", () => {
  // given the parameters (and whether there is a body), want `in:name -> key` in declaration order.
  it.each([
    [
      "names are kept as written",
      [param("id", "path"), param("page-size", "query"), param("X-Trace", "header")],
      false,
      ["path:id→id", "query:page-size→page-size", "header:X-Trace→X-Trace"],
    ],
    [
      "a path parameter keeps the name, a query namesake takes _query",
      [param("id", "query"), param("id", "path")],
      false,
      ["query:id→id_query", "path:id→id"],
    ],
    [
      "path, query, header, cookie: each later one is suffixed",
      [param("id", "cookie"), param("id", "header"), param("id", "query"), param("id", "path")],
      false,
      ["cookie:id→id_cookie", "header:id→id_header", "query:id→id_query", "path:id→id"],
    ],
    [
      "a parameter named body beside a request body",
      [param("id", "path"), param("body", "query")],
      true,
      ["path:id→id", "query:body→body_query"],
    ],
    [
      "a parameter named body without one keeps its name",
      [param("id", "path"), param("body", "query")],
      false,
      ["path:id→id", "query:body→body"],
    ],
    [
      "a suffix that is itself taken gets a number",
      [param("id", "path"), param("id_query", "query"), param("id", "query")],
      false,
      ["path:id→id", "query:id_query→id_query", "query:id→id_query2"],
    ],
  ] as [string, P[], boolean, string[]][])("%s", (_name, parameters, body, want) => {
    const op = operation(parameters, { body });
    expect(op.parameters.map((p) => `${p.in}:${p.name}→${p.key}`)).toEqual(want);
  });
});

describe("parameters", () => {
  it("path-level parameters come first; the operation's own override them by name and location", () => {
    const op = operation([param("id", "path"), param("q", "query")], {
      shared: [param("id", "path"), param("tenant", "header"), param("q", "header")],
    });
    expect(op.parameters.map((p) => `${p.in}:${p.name}:${p.description ?? "own"}`)).toEqual([
      "header:tenant:shared",
      "header:q:shared",
      "path:id:own",
      "query:q:own",
    ]);
  });

  it("path parameters are required whatever the spec says; others only when it says so", () => {
    const op = operation([
      { name: "id", in: "path", required: false },
      param("q", "query"),
      { name: "h", in: "header", required: true },
    ]);
    expect(op.parameters.map((p) => `${p.name}:${p.required}`)).toEqual(["id:true", "q:false", "h:true"]);
  });
});

describe("operationIds", () => {
  it.each([
    ["given", { operationId: "getThing" }, "getThing", "getThing", "GetThingInput"],
    [
      "derived from method and path when missing",
      { method: "delete" },
      "delete /x/{id}",
      "deleteXId",
      "DeleteXIdInput",
    ],
    ["derived when empty", { operationId: "" }, "get /x/{id}", "getXId", "GetXIdInput"],
    ["a reserved word is renamed", { operationId: "delete" }, "delete", "delete_", "DeleteInput"],
  ] as [string, { operationId?: string; method?: string }, string, string, string][])(
    "%s",
    (_name, opts, id, method, input) => {
      const op = operation([param("id", "path")], opts);
      expect([op.operationId, op.names.method, op.names.input]).toEqual([id, method, input]);
    },
  );
});

describe("located errors", () => {
  const located = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      return `${error.location?.line}:${error.location?.col}: ${error.message}`;
    }
    return "no error";
  };

  it("a path template without its parameter", () => {
    expect(located(() => operation([], { path: "/x/{id}" }))).toMatch(
      /^\d+:\d+: path "\/x\/\{id\}" has the template "\{id\}" but no path parameter of that name/,
    );
  });

  it("a query string in a path key (clicksend.com, medium.com on APIs.guru): what to declare and what to remove", () => {
    expect(located(() => operation([param("q", "query")], { path: "/search?q={q}" }))).toMatch(
      /^\d+:\d+: path "\/search\?q=\{q\}" has a query string, which a path key cannot have: declare "q" as a parameter `in: query` and remove "\?q=\{q\}" from the key$/,
    );
  });

  it("an unknown parameter location", () => {
    expect(located(() => operation([param("id", "path"), param("q", "body")]))).toMatch(
      /parameter "q" has an unknown location "body"/,
    );
  });

  it("a duplicate operationId, pointing at the second and naming the first", () => {
    const spec = `openapi: 3.0.3
info: { title: t, version: "1" }
paths:
  /a:
    get:
      operationId: same
      responses: { "204": { description: ok } }
  /b:
    get:
      operationId: same
      responses: { "204": { description: ok } }
`;
    expect(located(() => modelOf(spec))).toBe(
      '10:7: duplicate operationId "same" (first used at spec.yaml:6:7): operationIds must be unique; rename one of them',
    );
  });
});
