// Validators: one table per keyword (given a schema and a value, want the issues), the Users API's
// own messages and 400 shape, Standard Schema, formats, and patterns that must not hang.

import fs from "node:fs/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { loadValidators, schemaSpec, tableSpec, USERS_SPEC } from "./helpers.js";

type Issue = { path: (string | number)[]; code: string; message: string };
/** `alone`: the row gets a spec of its own (its schema would change the shared helper component). */
type Case = [string, { schema: unknown; value: unknown; want: Issue[] | "ok"; version?: string; alone?: boolean }];

const I = (path: (string | number)[], code: string, message: string): Issue => ({ path, code, message });

const cases: Case[] = [
  ["type string ok", { schema: { type: "string" }, value: "x", want: "ok" }],
  ["type string rejects number", { schema: { type: "string" }, value: 1, want: [I([], "type", "must be a string")] }],
  ["integer rejects 1.5", { schema: { type: "integer" }, value: 1.5, want: [I([], "type", "must be an integer")] }],
  ["integer accepts 2.0", { schema: { type: "integer" }, value: 2, want: "ok" }],
  ["number rejects NaN", { schema: { type: "number" }, value: NaN, want: [I([], "type", "must be a number")] }],
  ["3.0 nullable", { schema: { type: "string", nullable: true }, value: null, want: "ok" }],
  ["not nullable", { schema: { type: "string" }, value: null, want: [I([], "type", "must be a string")] }],
  [
    "3.1 type array",
    {
      schema: { type: ["integer", "null"] },
      value: "1",
      version: "3.1.0",
      want: [I([], "type", "must be an integer or null")],
    },
  ],
  [
    "required",
    {
      schema: { type: "object", required: ["a"], properties: { a: { type: "string" } } },
      value: {},
      want: [I(["a"], "required", "is required")],
    },
  ],
  [
    "all issues are reported",
    {
      schema: { type: "object", required: ["a", "b"] },
      value: {},
      want: [I(["a"], "required", "is required"), I(["b"], "required", "is required")],
    },
  ],
  ["enum", { schema: { type: "string", enum: ["a", "b"] }, value: "c", want: [I([], "enum", "must be one of: a, b")] }],
  ["enum of objects (deep equality)", { schema: { enum: [{ a: [1] }] }, value: { a: [1] }, want: "ok" }],
  ["const", { schema: { const: "x" }, version: "3.1.0", value: "y", want: [I([], "const", "must be x")] }],
  [
    "minLength in code points",
    {
      schema: { type: "string", minLength: 2 },
      value: "😀",
      want: [I([], "minLength", "must be at least 2 characters")],
    },
  ],
  ["maxLength in code points", { schema: { type: "string", maxLength: 2 }, value: "😀😀", want: "ok" }],
  [
    "maxLength",
    {
      schema: { type: "string", maxLength: 2 },
      value: "abc",
      want: [I([], "maxLength", "must be at most 2 characters")],
    },
  ],
  ["pattern (unanchored)", { schema: { type: "string", pattern: "b+" }, value: "abbc", want: "ok" }],
  [
    "pattern fails",
    { schema: { type: "string", pattern: "^a$" }, value: "b", want: [I([], "pattern", "must match the pattern ^a$")] },
  ],
  ["minimum", { schema: { type: "number", minimum: 1 }, value: 0, want: [I([], "minimum", "must be at least 1")] }],
  ["maximum", { schema: { type: "number", maximum: 1 }, value: 2, want: [I([], "maximum", "must be at most 1")] }],
  [
    "3.0 exclusiveMinimum boolean",
    {
      schema: { type: "number", minimum: 1, exclusiveMinimum: true },
      value: 1,
      want: [I([], "exclusiveMinimum", "must be greater than 1")],
    },
  ],
  [
    "3.1 exclusiveMaximum number",
    {
      schema: { type: "number", exclusiveMaximum: 1 },
      version: "3.1.0",
      value: 1,
      want: [I([], "exclusiveMaximum", "must be less than 1")],
    },
  ],
  ["multipleOf 0.01 exact", { schema: { type: "number", multipleOf: 0.01 }, value: 0.07, want: "ok" }],
  [
    "multipleOf 0.01 rejects",
    {
      schema: { type: "number", multipleOf: 0.01 },
      value: 0.015,
      want: [I([], "multipleOf", "must be a multiple of 0.01")],
    },
  ],
  [
    "multipleOf integer",
    { schema: { type: "integer", multipleOf: 5 }, value: 12, want: [I([], "multipleOf", "must be a multiple of 5")] },
  ],
  [
    "minItems/maxItems",
    {
      schema: { type: "array", minItems: 2, maxItems: 3 },
      value: [1],
      want: [I([], "minItems", "must have at least 2 items")],
    },
  ],
  [
    "uniqueItems deep",
    {
      schema: { type: "array", uniqueItems: true },
      value: [{ a: 1 }, { a: 1 }],
      want: [I([], "uniqueItems", "must not contain duplicate items")],
    },
  ],
  [
    "items with index paths",
    {
      schema: { type: "array", items: { type: "string" } },
      value: ["a", 2],
      want: [I([1], "type", "must be a string")],
    },
  ],
  [
    "additionalProperties false",
    {
      schema: { type: "object", properties: { a: {} }, additionalProperties: false },
      value: { a: 1, b: 2 },
      want: [I(["b"], "additionalProperties", "is not allowed")],
    },
  ],
  [
    "additionalProperties schema",
    {
      schema: { type: "object", additionalProperties: { type: "integer" } },
      value: { x: "1" },
      want: [I(["x"], "type", "must be an integer")],
    },
  ],
  [
    "minProperties",
    {
      schema: { type: "object", minProperties: 1 },
      value: {},
      want: [I([], "minProperties", "must have at least 1 property")],
    },
  ],
  [
    "maxProperties",
    {
      schema: { type: "object", maxProperties: 1 },
      value: { a: 1, b: 2 },
      want: [I([], "maxProperties", "must have at most 1 property")],
    },
  ],
  [
    "allOf",
    {
      schema: {
        allOf: [
          { type: "object", required: ["a"] },
          { type: "object", required: ["b"] },
        ],
      },
      value: { a: 1 },
      want: [I(["b"], "required", "is required")],
    },
  ],
  ["oneOf exactly one", { schema: { oneOf: [{ type: "string" }, { type: "integer" }] }, value: 1, want: "ok" }],
  [
    "oneOf several",
    {
      schema: { oneOf: [{ type: "number" }, { type: "integer" }] },
      value: 1,
      want: [I([], "oneOf", "must match exactly one of the allowed schemas, but matches several")],
    },
  ],
  [
    "oneOf none, the fitting one explains",
    {
      schema: { oneOf: [{ type: "string" }, { $ref: "#/components/schemas/Other" }] },
      value: { n: "x" },
      want: [I(["n"], "type", "must be an integer")],
    },
  ],
  [
    "anyOf none",
    {
      schema: { anyOf: [{ type: "string" }, { type: "integer" }] },
      value: true,
      want: [I([], "anyOf", "must match at least one of the allowed schemas")],
    },
  ],
  [
    "not",
    { schema: { not: { type: "string" } }, value: "x", want: [I([], "not", "must not match the excluded schema")] },
  ],
  [
    "recursive schema",
    {
      schema: { type: "object", properties: { next: { $ref: "#/components/schemas/T" }, v: { type: "integer" } } },
      value: { next: { next: { v: "x" } } },
      want: [I(["next", "next", "v"], "type", "must be an integer")],
    },
  ],
  [
    "prototype keys are own properties only",
    {
      schema: { type: "object", required: ["constructor"], properties: { constructor: { type: "string" } } },
      value: {},
      want: [I(["constructor"], "required", "is required")],
    },
  ],
  [
    "format email",
    {
      schema: { type: "string", format: "email" },
      value: "a@b",
      want: [I([], "format", "must be a valid email address")],
    },
  ],
  [
    "format date: a real calendar day",
    {
      schema: { type: "string", format: "date" },
      value: "2023-02-29",
      want: [I([], "format", "must be a date (YYYY-MM-DD)")],
    },
  ],
  ["format date: leap day", { schema: { type: "string", format: "date" }, value: "2024-02-29", want: "ok" }],
  [
    "format date-time",
    { schema: { type: "string", format: "date-time" }, value: "2023-03-09T04:54:35.170468Z", want: "ok" },
  ],
  [
    "format date-time needs an offset",
    {
      schema: { type: "string", format: "date-time" },
      value: "2023-03-09T04:54:35",
      want: [I([], "format", "must be a date-time (RFC 3339, e.g. 2024-01-31T12:00:00Z)")],
    },
  ],
  [
    "format uri",
    {
      schema: { type: "string", format: "uri" },
      value: "no scheme",
      want: [I([], "format", "must be an absolute URI")],
    },
  ],
  ["format ipv6", { schema: { type: "string", format: "ipv6" }, value: "2001:db8::1", want: "ok" }],
  [
    "format ipv4",
    {
      schema: { type: "string", format: "ipv4" },
      value: "256.1.1.1",
      want: [I([], "format", "must be an IPv4 address")],
    },
  ],
  ["format byte", { schema: { type: "string", format: "byte" }, value: "aGk=", want: "ok" }],
  ["unknown format passes", { schema: { type: "string", format: "phone" }, value: "anything", want: "ok" }],
  [
    "API message from x-specforge-messages",
    {
      schema: { type: "string", format: "email", "x-specforge-messages": { format: "Enter a valid email address." } },
      value: "x",
      want: [I([], "format", "Enter a valid email address.")],
    },
  ],
  [
    "discriminator with mapping: a tag it does not map goes to the plain oneOf (a hint, never a rule)",
    {
      alone: true,
      schema: {
        oneOf: [{ $ref: "#/components/schemas/Other" }],
        discriminator: { propertyName: "kind", mapping: { other: "#/components/schemas/Other" } },
      },
      value: { kind: "cat", n: 1 },
      want: "ok",
    },
  ],
  [
    "discriminator with mapping: the branch a mapped tag picks names the issue",
    {
      alone: true,
      schema: {
        oneOf: [{ $ref: "#/components/schemas/Other" }],
        discriminator: { propertyName: "kind", mapping: { other: "#/components/schemas/Other" } },
      },
      value: { kind: "other", n: "x" },
      want: [I(["n"], "type", "must be an integer")],
    },
  ],
  [
    "discriminator picks the schema",
    {
      schema: { oneOf: [{ $ref: "#/components/schemas/Other" }], discriminator: { propertyName: "kind" } },
      value: { kind: "Other", n: "x" },
      want: [I(["n"], "type", "must be an integer")],
    },
  ],
];

/**
 * The table as few specs as possible: one per OpenAPI version, each row a component (`T<row>`, its
 * self-references renamed), generated, type-checked and imported once; then each row is asserted alone.
 */
async function loadTable(rows: Case[]): Promise<Map<number, (value: unknown) => unknown>> {
  const groups = new Map<string, { version: string; members: { row: number; schema: unknown }[] }>();
  rows.forEach(([, { schema, version = "3.0.3", alone }], row) => {
    const key = alone ? `${version} #${row}` : version;
    if (!groups.has(key)) groups.set(key, { version, members: [] });
    groups.get(key)!.members.push({ row, schema });
  });
  const validators = new Map<number, (value: unknown) => unknown>();
  for (const { version, members } of groups.values()) {
    const components = Object.fromEntries(
      members.map(({ row, schema }) => [
        `T${row}`,
        JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/T"', `"#/components/schemas/T${row}"`)),
      ]),
    );
    const { module } = await loadValidators(tableSpec(components, version));
    for (const { row } of members) validators.set(row, module[`validateT${row}`]);
  }
  return validators;
}

describe("keywords", () => {
  let validators: Map<number, (value: unknown) => unknown>;
  beforeAll(async () => {
    validators = await loadTable(cases);
  });

  it.each(cases.map((c, row) => [c[0], row, c[1]] as const))("%s", (_name, row, { value, want }) => {
    const validate = validators.get(row);
    expect(validate).toBeTypeOf("function");
    const result = validate!(value);
    if (want === "ok") expect(result).toEqual({ ok: true, value });
    else expect(result).toEqual({ ok: false, issues: want });
  });

  it("messages never contain the rejected value", async () => {
    const secret = "123-45-6789";
    const { module } = await loadValidators(
      schemaSpec({
        type: "object",
        properties: { ssn: { type: "string", pattern: "^x$", maxLength: 3, format: "email", enum: ["a"] } },
        additionalProperties: false,
      }),
    );
    const result = module.validateT({ ssn: secret, [secret]: 1 });
    expect(result.ok).toBe(false);
    for (const issue of result.issues) expect(issue.message).not.toContain(secret);
  });

  it("readOnly properties are rejected in requests, accepted elsewhere, and not required in requests", async () => {
    const spec = JSON.stringify({
      openapi: "3.0.3",
      info: { title: "t", version: "1" },
      paths: {
        "/t": {
          post: {
            operationId: "make",
            requestBody: {
              required: true,
              content: { "application/json": { schema: { $ref: "#/components/schemas/T" } } },
            },
            responses: { "204": { description: "ok" } },
          },
        },
      },
      components: {
        schemas: {
          T: {
            type: "object",
            required: ["id"],
            properties: { id: { type: "string", readOnly: true }, name: { type: "string" } },
          },
        },
      },
    });
    const { module } = await loadValidators(spec);
    expect(module.validateMakeRequest({ body: { id: "x", name: "n" } })).toEqual({
      ok: false,
      issues: [I(["body", "id"], "readOnly", "is read-only: it is set by the server and cannot be sent")],
    });
    expect(module.validateMakeRequest({ body: { name: "n" } }).ok).toBe(true);
    expect(module.validateT({ id: "x" }).ok).toBe(true);
    expect(module.validateT({}).ok).toBe(false);
  });
});

describe("unevaluatedProperties and unevaluatedItems (OpenAPI 3.1)", () => {
  let v: Record<string, any>;
  beforeAll(async () => {
    // loadValidators type-checks the TypeScript form of the checks, evaluators included.
    v = (
      await loadValidators(
        tableSpec(
          {
            Base: { type: "object", properties: { id: { type: "string" } } },
            Closed: {
              allOf: [{ $ref: "#/components/schemas/Base" }],
              anyOf: [
                { properties: { kind: { const: "a" }, a: { type: "integer" } }, required: ["kind"] },
                { properties: { b: { type: "string" } } },
              ],
              if: { properties: { kind: { const: "a" } }, required: ["kind"] },
              // biome-ignore lint/suspicious/noThenProperty: JSON Schema's keyword, in a schema never awaited
              then: { properties: { extra: true } },
              unevaluatedProperties: false,
            },
            Typed: { properties: { a: { type: "string" } }, unevaluatedProperties: { type: "integer" } },
            Tuple: {
              type: "array",
              prefixItems: [{ type: "string" }],
              contains: { type: "boolean" },
              unevaluatedItems: false,
            },
          },
          "3.1.0",
        ),
      )
    ).module;
  });

  it("a member some applying keyword evaluated passes; any other is refused, at its path", () => {
    expect(v.validateClosed({ id: "x", kind: "a", a: 1, extra: [] }).ok).toBe(true);
    expect(v.validateClosed({ id: "x", b: "y" }).ok).toBe(true);
    // `extra` is evaluated only when `if` holds; `a` only by the alternative that holds.
    expect(v.validateClosed({ id: "x", b: "y", extra: 1 }).issues).toEqual([
      I(["extra"], "unevaluatedProperties", "is not allowed"),
    ]);
    expect(v.validateTyped({ a: "s", n: 1, m: "x" }).issues).toEqual([I(["m"], "type", "must be an integer")]);
  });

  it("an item some applying keyword evaluated passes; any other is refused", () => {
    expect(v.validateTuple(["s", true, true]).ok).toBe(true);
    expect(v.validateTuple(["s", true, 3]).issues).toEqual([I([2], "unevaluatedItems", "is not allowed")]);
  });
});

describe("response validators: validateXResult(status, body)", () => {
  const account = {
    type: "object",
    required: ["id", "password"],
    properties: {
      id: { type: "string", readOnly: true },
      password: { type: "string", writeOnly: true, minLength: 8 },
      name: { type: "string" },
    },
  };
  const spec = JSON.stringify({
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths: {
      "/accounts": {
        post: {
          operationId: "createAccount",
          requestBody: {
            required: true,
            content: { "application/json": { schema: { $ref: "#/components/schemas/Account" } } },
          },
          responses: {
            "201": {
              description: "made",
              content: { "application/json": { schema: { $ref: "#/components/schemas/Account" } } },
            },
            "204": { description: "nothing" },
            "4XX": {
              description: "refused",
              content: { "application/json": { schema: { $ref: "#/components/schemas/Problem" } } },
            },
            "409": { description: "taken", content: { "application/json": { schema: { const: "taken" } } } },
            default: { description: "other", content: { "application/json": { schema: { type: "object" } } } },
          },
        },
      },
      "/ping": { get: { operationId: "ping", responses: { "204": { description: "pong" } } } },
    },
    components: {
      schemas: {
        Account: account,
        Problem: { type: "object", required: ["title"], properties: { title: { type: "string" } } },
      },
    },
  });
  let v: Record<string, any>;
  beforeAll(async () => {
    v = (await loadValidators(spec)).module;
  });

  it("check the body against the schema of the status: exact code, then its range, then default", () => {
    expect(v.validateCreateAccountResult(201, { id: "a1", name: "Sarah" })).toEqual({
      ok: true,
      value: { id: "a1", name: "Sarah" },
    });
    expect(v.validateCreateAccountResult(201, { name: "Sarah" }).issues).toEqual([
      I(["id"], "required", "is required"),
    ]);
    expect(v.validateCreateAccountResult(409, "taken").ok).toBe(true);
    expect(v.validateCreateAccountResult(409, { title: "x" }).issues.map((i: Issue) => i.code)).toEqual(["const"]);
    expect(v.validateCreateAccountResult(404, { title: "Not found" }).ok).toBe(true);
    expect(v.validateCreateAccountResult(404, {}).issues).toEqual([I(["title"], "required", "is required")]);
    expect(v.validateCreateAccountResult(500, []).issues.map((i: Issue) => i.code)).toEqual(["type"]);
    // Documented without a body, or not at all: nothing to check.
    expect(v.validateCreateAccountResult(204, "anything").ok).toBe(true);
    expect(v.validatePingResult(200, { any: "thing" }).ok).toBe(true);
  });

  it("refuse writeOnly members in responses and readOnly ones in requests, each not required where refused", () => {
    expect(v.validateCreateAccountResult(201, { id: "a1", password: "hunter22" }).issues).toEqual([
      I(["password"], "writeOnly", "is write-only: it is sent to the server and never returned"),
    ]);
    expect(v.validateCreateAccountRequest({ body: { password: "hunter22" } }).ok).toBe(true);
    expect(v.validateCreateAccountRequest({ body: { id: "a1", password: "hunter22" } }).issues).toEqual([
      I(["body", "id"], "readOnly", "is read-only: it is set by the server and cannot be sent"),
    ]);
    // A plain value may have both, and needs both.
    expect(v.validateAccount({ id: "a1", password: "hunter22" }).ok).toBe(true);
    expect(v.validateAccount({ id: "a1" }).issues).toEqual([I(["password"], "required", "is required")]);
  });
});

describe("the Users API", async () => {
  const { module: v, warnings } = await loadValidators(await fs.readFile(USERS_SPEC, "utf8"));

  it("warns about nothing", () => expect(warnings).toEqual([]));

  it("accepts the contract's inputs", () => {
    expect(v.validateCreateUserRequest(undefined).ok).toBe(true);
    expect(v.validateCreateUserRequest({}).ok).toBe(true);
    expect(v.validateListUsersRequest({ limit: 200, external_id: "July_Connection" }).ok).toBe(true);
    expect(v.validateRetrieveUserRequest({ id: "018051aa-f7a9-a0db-2f38-6cfa325e9d69" }).ok).toBe(true);
    expect(
      v.validateUpdateUserRequest({ id: "018051aa-f7a9-a0db-2f38-6cfa325e9d69", body: { external_metadata: {} } }).ok,
    ).toBe(true);
  });

  it("reports every problem with its path, in the API's own words where it has them", () => {
    const result = v.validateUpdateUserRequest({
      id: "nope",
      body: {
        email: "sarah@",
        phone_number: "call me",
        birth_date: { year: 1899, month: 13, day: 0 },
        address: { country: "usa" },
        external_id: "x".repeat(101),
        open_banking: { end_user: { name: "L" } },
      },
    });
    expect(result.ok).toBe(false);
    expect(result.issues).toEqual([
      I(["id"], "format", "must be a UUID"),
      I(["body", "email"], "pattern", "Enter a valid email address."),
      I(["body", "address", "country"], "maxLength", "must be at most 2 characters"),
      I(["body", "address", "country"], "pattern", "must match the pattern ^[A-Za-z]{2}$"),
      I(["body", "birth_date", "year"], "minimum", "must be at least 1900"),
      I(["body", "birth_date", "month"], "maximum", "must be at most 12"),
      I(["body", "birth_date", "day"], "minimum", "must be at least 1"),
      I(["body", "open_banking", "end_user", "address"], "required", "is required"),
      I(["body", "open_banking", "end_user", "city"], "required", "is required"),
      I(["body", "open_banking", "end_user", "state"], "required", "is required"),
      I(["body", "open_banking", "end_user", "zip"], "required", "is required"),
      I(["body", "open_banking", "end_user", "phone"], "required", "is required"),
      I(["body", "external_id"], "maxLength", "must be at most 100 characters"),
    ]);
    expect(v.toFieldErrors(result.issues)).toEqual({
      email: ["Enter a valid email address."],
      "address.country": ["must be at most 2 characters", "must match the pattern ^[A-Za-z]{2}$"],
      "birth_date.year": ["must be at least 1900"],
      "birth_date.month": ["must be at most 12"],
      "birth_date.day": ["must be at least 1"],
      "open_banking.end_user.address": ["is required"],
      "open_banking.end_user.city": ["is required"],
      "open_banking.end_user.state": ["is required"],
      "open_banking.end_user.zip": ["is required"],
      "open_banking.end_user.phone": ["is required"],
      external_id: ["must be at most 100 characters"],
    });
  });

  it("checks the input object itself", () => {
    expect(v.validateRetrieveUserRequest({}).issues).toEqual([I(["id"], "required", "is required")]);
    expect(v.validateUpdateUserRequest({ id: "018051aa-f7a9-a0db-2f38-6cfa325e9d69" }).issues).toEqual([
      I(["body"], "required", "is required"),
    ]);
    expect(v.validateListUsersRequest({ limit: "10", limt: 5 }).issues).toEqual([
      I(["limit"], "type", "must be an integer"),
      I(["limt"], "additionalProperties", "is not an input of listUsers"),
    ]);
    expect(v.validateListUsersRequest({ limit: 201 }).issues).toEqual([I(["limit"], "maximum", "must be at most 200")]);
    expect(v.validateRetrieveUserRequest(undefined).issues).toEqual([I([], "type", "must be an object")]);
  });

  it("exports each validator as a Standard Schema v1 object", () => {
    const std = v.updateUserRequestSchema["~standard"];
    expect(std.version).toBe(1);
    expect(std.vendor).toBe("specforge");
    const good = { id: "018051aa-f7a9-a0db-2f38-6cfa325e9d69", body: {} };
    expect(std.validate(good)).toEqual({ value: good });
    expect(std.validate({ body: {} })).toEqual({ issues: [I(["id"], "required", "is required")] });
    expect(v.userSchema["~standard"].validate({}).issues[0].path).toEqual(["id"]);
  });

  /** The built-in `uuid` rule (8-4-4-4-12 hex), put back after a test replaces or removes it. */
  const UUID_SHAPE = (s: string) => /^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i.test(s);

  it("takes format checks plugged in at run time, without regenerating", () => {
    const input = { id: "018051aa-f7a9-a0db-2f38-6cfa325e9d69", body: { email: "sarah@email.com" } };
    v.setFormatCheck("uuid", (s: string) => s.startsWith("ffffffff"));
    try {
      expect(v.validateUpdateUserRequest(input).issues).toEqual([I(["id"], "format", "must be a UUID")]);
    } finally {
      v.setFormatCheck("uuid", undefined);
    }
    expect(v.validateUpdateUserRequest(input).ok).toBe(true);
    // `undefined` removed the check: any string passes the format now.
    expect(v.validateUpdateUserRequest({ ...input, id: "not-a-uuid" }).ok).toBe(true);
    v.setFormatCheck("uuid", UUID_SHAPE);
  });

  it("restores its state when a plugged-in check throws", () => {
    v.setFormatCheck("uuid", () => {
      throw new Error("boom");
    });
    try {
      expect(() =>
        v.validateUpdateUserRequest({ id: "018051aa-f7a9-a0db-2f38-6cfa325e9d69", body: { email: "x@y.zz" } }),
      ).toThrow("boom");
    } finally {
      v.setFormatCheck("uuid", UUID_SHAPE);
    }
    expect(v.validateUser({ id: 1, created_at: "2023-01-01T00:00:00Z" }).issues).toEqual([
      I(["id"], "type", "must be a string"),
    ]);
  });
});

describe("naughty strings", () => {
  const naughty = [
    'quo"te',
    "back\\slash",
    "*/ end",
    "${inject}",
    "line\u2028sep",
    "para\u2029sep",
    "emoji 😀",
    "astral 𝒳",
    "`tick`",
    "</script>",
    "new\nline",
    "__proto__",
    "constructor",
  ];

  it("in property names, enum values, descriptions and patterns: code compiles and judges exactly", async () => {
    const properties = Object.fromEntries(
      naughty.map((name) => [
        name,
        {
          type: "string",
          enum: [name, "ok"],
          description: name,
          pattern: `^(?:${name.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&")}|ok)$`,
        },
      ]),
    );
    const { module } = await loadValidators(
      schemaSpec({ type: "object", description: naughty.join(" "), required: naughty, properties }),
    );
    const good = JSON.parse(JSON.stringify(Object.fromEntries(naughty.map((n) => [n, n]))));
    expect(module.validateT(good)).toEqual({ ok: true, value: good });
    const bad = JSON.parse(JSON.stringify(Object.fromEntries(naughty.map((n) => [n, n + "!"]))));
    const result = module.validateT(bad);
    expect(result.issues.map((i: Issue) => i.path[0])).toEqual(naughty.flatMap((n) => [n, n]));
    expect(result.issues.filter((i: Issue) => i.code === "enum").map((i: Issue) => i.message)).toEqual(
      naughty.map((n) => `must be one of: ${n}, ok`),
    );
    expect(module.validateT({}).issues.map((i: Issue) => i.path[0])).toEqual(naughty);
  });

  it("in values", async () => {
    const { module } = await loadValidators(
      schemaSpec({ type: "object", additionalProperties: { type: "string", maxLength: 3 } }),
    );
    const value = Object.fromEntries(naughty.map((n) => [n, n]));
    const issues = module.validateT(value).issues as Issue[];
    expect(issues.map((i) => i.path)).toEqual(naughty.filter((n) => [...n].length > 3).map((n) => [n]));
  });
});

describe("runtime names", () => {
  it("every top-level name of the validators' runtime is reserved from schema-derived names", async () => {
    const { VALIDATOR_RUNTIME_NAMES } = await import("../generator/model/names.js");
    const runtime = await fs.readFile(new URL("../templates/validators-runtime.ts", import.meta.url), "utf8");
    const declared = [
      ...runtime.matchAll(
        /^(?:export (?:\/\* [\w ]+ \*\/ )?)?(?:declare )?(?:function|const|let|interface|type|namespace|class) ([\w$]+)/gm,
      ),
    ].map((m) => m[1]);
    expect(declared.length).toBeGreaterThan(20);
    expect(declared.filter((n) => !VALIDATOR_RUNTIME_NAMES.includes(n!))).toEqual([]);
  });
});

describe("client names", () => {
  it("every top-level name of the client's runtimes is reserved from operation function names", async () => {
    const { CLIENT_TOP_LEVEL_NAMES } = await import("../generator/model/names.js");
    for (const file of ["client-runtime.ts", "dates-runtime.ts", "gzip-runtime.ts"]) {
      const runtime = await fs.readFile(new URL(`../templates/${file}`, import.meta.url), "utf8");
      const declared = [
        ...runtime.matchAll(
          /^(?:export (?:\/\* [\w ]+ \*\/ )?)?(?:declare )?(?:async )?(?:function|const|let|interface|type|namespace|class) ([\w$]+)/gm,
        ),
      ].map((m) => m[1]);
      expect(
        declared.filter((n) => !CLIENT_TOP_LEVEL_NAMES.includes(n!)),
        file,
      ).toEqual([]);
    }
  });
});
