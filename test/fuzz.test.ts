// Fuzzing: fast-check builds random but valid OpenAPI 3.0 and 3.1 documents (schemas with every
// keyword specforge reads, compositions, recursion through $ref, odd names, operations with
// parameters and bodies). Each one must generate, type-check under --strict, import, and its
// validators must answer (not throw, not hang) on random JSON. `npm test` runs a few cases;
// `npm run fuzz` runs many (FUZZ_RUNS, default 200 there).
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UserError } from "../generator/errors.js";
import { generateApi } from "../generator/index.js";
import { loadEverything, scratch } from "./helpers.js";

type Json = Record<string, unknown>;
type Version = "3.0.3" | "3.1.0";

const COMPONENT_NAMES = [
  "Pet",
  "pet",
  "user_id",
  "userId",
  "Object",
  "Promise",
  "Error",
  "Date",
  "A.B",
  "x-y",
  "1st",
  "default",
  "Client",
  "__proto__",
  "constructor",
];
const PROPERTY_NAMES = [
  "id",
  "user_id",
  "userId",
  "__proto__",
  "constructor",
  "hasOwnProperty",
  "toString",
  "a b",
  'quo"te',
  "*/",
  "${x}",
  "ünï",
  "𝒳",
  "",
  "0",
  "-",
  "line\nbreak",
];
const PATTERNS = [
  "^[a-z]+$",
  "^\\d{3}-\\d{4}$",
  "a|b",
  "^(a+)+$",
  "^([aA-zZ]+[,.]?[ ]?|[aA-zZ]+['’-]?)+$",
  "[\\u{1F600}-\\u{1F64F}]",
  "^.{2,5}$",
];
const FORMATS = [
  "email",
  "uuid",
  "date",
  "date-time",
  "uri",
  "ipv4",
  "ipv6",
  "byte",
  "hostname",
  "int32",
  "binary",
  "password",
  "custom-format",
];

function schemaArbitrary(version: Version, components: string[]): fc.Arbitrary<Json> {
  const v31 = version === "3.1.0";
  const typeOf = (type: string, nullable: boolean): Json =>
    nullable ? (v31 ? { type: [type, "null"] } : { type, nullable: true }) : { type };
  const { schema } = fc.letrec<{ schema: Json; leaf: Json; node: Json }>((tie) => ({
    schema: fc.oneof({ depthSize: "small", withCrossShrink: true }, tie("leaf"), tie("node")),
    leaf: fc.oneof(
      fc
        .record({
          nullable: fc.boolean(),
          minLength: fc.option(fc.nat(5), { nil: undefined }),
          maxLength: fc.option(fc.integer({ min: 5, max: 20 }), { nil: undefined }),
          pattern: fc.option(fc.constantFrom(...PATTERNS), { nil: undefined }),
          format: fc.option(fc.constantFrom(...FORMATS.filter((f) => f !== "int32")), { nil: undefined }),
        })
        .map(({ nullable, ...rest }) => ({ ...typeOf("string", nullable), ...strip(rest) })),
      fc
        .record({
          type: fc.constantFrom("number", "integer"),
          nullable: fc.boolean(),
          minimum: fc.option(fc.integer({ min: -100, max: 0 }), { nil: undefined }),
          maximum: fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }),
          multipleOf: fc.option(fc.constantFrom(1, 2, 0.5, 0.01), { nil: undefined }),
          exclusive: fc.boolean(),
        })
        .map(({ type, nullable, exclusive, ...rest }) => {
          const out: Json = { ...typeOf(type, nullable), ...strip(rest) };
          if (exclusive && out.minimum !== undefined) {
            if (v31) {
              out.exclusiveMinimum = out.minimum;
              delete out.minimum;
            } else out.exclusiveMinimum = true;
          }
          return out;
        }),
      fc.constant({ type: "boolean" }),
      fc.constant({}),
      fc
        .array(fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.constant(null)), { minLength: 1, maxLength: 4 })
        .map((values) => ({ enum: [...new Set(values)] })),
      ...(v31 ? [fc.jsonValue({ maxDepth: 2 }).map((value) => ({ const: value })), fc.constant({ type: "null" })] : []),
      ...(components.length > 0
        ? [fc.constantFrom(...components).map((name) => ({ $ref: `#/components/schemas/${name}` }))]
        : []),
    ),
    node: fc.oneof(
      fc
        .record({
          properties: fc.dictionary(fc.constantFrom(...PROPERTY_NAMES), tie("schema"), { maxKeys: 4 }),
          required: fc.boolean(),
          additionalProperties: fc.oneof(fc.constant(undefined), fc.boolean(), tie("schema")),
          minProperties: fc.option(fc.nat(2), { nil: undefined }),
          description: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
        })
        .map(({ properties, required, additionalProperties, ...rest }) => ({
          type: "object",
          properties,
          ...(required && Object.keys(properties).length > 0 ? { required: Object.keys(properties).slice(0, 2) } : {}),
          ...(additionalProperties !== undefined ? { additionalProperties } : {}),
          ...strip(rest),
        })),
      fc
        .record({
          items: tie("schema"),
          minItems: fc.option(fc.nat(2), { nil: undefined }),
          maxItems: fc.option(fc.integer({ min: 2, max: 5 }), { nil: undefined }),
          uniqueItems: fc.option(fc.boolean(), { nil: undefined }),
        })
        .map((r) => ({ type: "array", ...strip(r) })),
      ...(v31
        ? [
            fc
              .record({
                prefixItems: fc.array(tie("schema"), { minLength: 1, maxLength: 3 }),
                items: fc.option(fc.oneof(fc.constant(false), tie("schema")), { nil: undefined }),
                minItems: fc.option(fc.nat(3), { nil: undefined }),
                maxItems: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
              })
              .map((r) => ({ type: "array", ...strip(r) })),
          ]
        : []),
      fc
        .record({
          kind: fc.constantFrom("allOf", "oneOf", "anyOf"),
          list: fc.array(tie("schema"), { minLength: 1, maxLength: 3 }),
        })
        .map(({ kind, list }) => ({ [kind]: list })),
      tie("schema").map((not) => ({ not })),
    ),
  }));
  return schema;
}

function strip(record: Json): Json {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined));
}

const documentArbitrary: fc.Arbitrary<Json> = fc
  .record({
    version: fc.constantFrom<Version>("3.0.3", "3.1.0"),
    names: fc.uniqueArray(fc.constantFrom(...COMPONENT_NAMES), { maxLength: 4 }),
  })
  .chain(({ version, names }) => {
    const schema = schemaArbitrary(version, names);
    const parameter = fc.record({
      name: fc.constantFrom("id", "user_id", "userId", "q", "a b", "x-y"),
      in: fc.constantFrom("query", "header"),
      required: fc.boolean(),
      schema,
    });
    const operation = fc.record({
      operationId: fc.string({ minLength: 1, maxLength: 12 }),
      parameters: fc.uniqueArray(parameter, { maxLength: 3, selector: (p) => `${p.in}:${p.name}` }),
      body: fc.option(schema, { nil: undefined }),
      response: fc.option(schema, { nil: undefined }),
    });
    return fc.record({
      version: fc.constant(version),
      components: fc
        .tuple(...names.map(() => schema))
        .map((schemas) => Object.fromEntries(names.map((n, i) => [n, schemas[i]]))),
      operations: fc.uniqueArray(operation, { maxLength: 3, selector: (o) => o.operationId }),
    });
  })
  .map(({ version, components, operations }) => ({
    openapi: version,
    info: { title: "fuzz", version: "1" },
    paths: Object.fromEntries(
      operations.map((op, i) => [
        `/things${i}/{id}`,
        {
          post: {
            operationId: op.operationId,
            parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }, ...op.parameters],
            ...(op.body
              ? { requestBody: { required: true, content: { "application/json": { schema: op.body } } } }
              : {}),
            responses: op.response
              ? { "200": { description: "ok", content: { "application/json": { schema: op.response } } } }
              : { "204": { description: "none" } },
          },
        },
      ]),
    ),
    components: { schemas: components },
  }));

async function generateTypecheckImport(document: Json, values: unknown[]): Promise<void> {
  const { module } = await loadEverything(JSON.stringify(document));
  for (const [name, validate] of Object.entries(module as Record<string, (v: unknown) => { ok: boolean }>)) {
    if (!name.startsWith("validate")) continue;
    for (const value of values) expect(typeof validate(value).ok).toBe("boolean");
  }
}

/** What specforge refuses on purpose, when random refs produce it. */
const REFUSED = /is part of a loop of references with no schema in it|contains itself in place/;

/** What fuzzing found, each cut down to a document that failed before its fix. */
const FOUND: [string, Json][] = [
  [
    "an enum or const holding an empty array or object (an implicit any[] constant)",
    document("3.1.0", { A: { enum: [[], {}, [1]] }, B: { const: [] }, C: { type: "array", items: { const: {} } } }),
  ],
  [
    "a pattern on a binary string or a schema of another type (a pattern constant never read)",
    document("3.0.3", {
      A: { type: "string", format: "binary", pattern: "a|b" },
      B: { type: "number", pattern: "^x$" },
      C: { oneOf: [{ type: "string", format: "binary", pattern: "^(a+)+$" }, { type: "integer" }] },
    }),
  ],
  [
    "alternatives that all accept anything, in tuple items, items and additionalProperties (an unread local)",
    document("3.1.0", {
      A: { type: "array", prefixItems: [{ type: "integer" }, { oneOf: [{}] }], items: { anyOf: [{}, true] } },
      B: { type: "object", additionalProperties: { oneOf: [{}] } },
      C: { type: "object", additionalProperties: {}, minProperties: 2 },
    }),
  ],
  [
    "schemas containing themselves through array items or a tuple (openapi-typescript's TS2502)",
    document("3.1.0", {
      T: { type: "array", prefixItems: [{ type: "integer" }, { $ref: "#/components/schemas/T" }] },
      U: { type: "array", items: { oneOf: [{ $ref: "#/components/schemas/U" }, { type: "string" }] } },
    }),
  ],
  [
    "operationIds with `%` (openapi-typescript decodes them as URIs and threw)",
    document("3.0.3", {}, ["d0.O%h3", "a%41b", "%", "100%"]),
  ],
];

function document(version: Version, schemas: Json, operationIds: string[] = ["op"]): Json {
  return {
    openapi: version,
    info: { title: "found", version: "1" },
    paths: Object.fromEntries(
      operationIds.map((operationId, i) => [
        `/things${i}`,
        {
          post: {
            operationId,
            parameters: [
              {
                name: "q",
                in: "query",
                schema:
                  Object.keys(schemas).length > 0
                    ? { $ref: `#/components/schemas/${Object.keys(schemas)[0]}` }
                    : { type: "string" },
              },
            ],
            requestBody: {
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    properties: Object.fromEntries(
                      Object.keys(schemas).map((n) => [n, { $ref: `#/components/schemas/${n}` }]),
                    ),
                  },
                },
              },
            },
            responses: {
              "200": { description: "ok", content: { "application/json": { schema: { type: "string" } } } },
            },
          },
        },
      ]),
    ),
    components: { schemas },
  };
}

describe("fuzzing finds, kept as fixed cases", () => {
  it.each(FOUND)(
    "%s",
    async (_, doc) => {
      await generateTypecheckImport(doc, [[], {}, [1], "x", 1, null]);
    },
    60_000,
  );

  it("an operationId with `%` keeps its exact name in the raw types", async () => {
    const dir = await scratch({ "spec.json": JSON.stringify(document("3.0.3", {}, ["a%41b"])) });
    const { files } = await generateApi(
      {
        name: "found",
        spec: path.join(dir, "spec.json"),
        out: path.join(dir, "out"),
        base: dir,
        allowRemoteRefs: false,
        allowOutsideRefs: false,
      },
      { cwd: dir },
    );
    const types = files.get("types.ts")!;
    expect(types).toContain('"a%41b": {');
    expect(types).toContain('operations["a%41b"]');
    expect(types).not.toContain("SpecforgeHidden");
  });
});

describe("fuzzing: random valid OpenAPI documents", () => {
  it("generate, type-check, import, and validate random values", async () => {
    await fc.assert(
      fc.asyncProperty(
        documentArbitrary,
        fc.array(fc.jsonValue({ maxDepth: 3 }), { minLength: 1, maxLength: 5 }),
        async (doc, values) => {
          try {
            await generateTypecheckImport(doc, values);
          } catch (error) {
            // Random refs can make a schema contain itself in place (`A: {oneOf: [{$ref: A}]}`), which
            // specforge refuses on purpose, with a located message: anything else is a finding.
            if (!(error instanceof UserError && error.location && REFUSED.test(error.message))) throw error;
          }
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 8), endOnFailure: true },
    );
  }, 900_000);
});
