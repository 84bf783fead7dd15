// specs/argyle-users.yaml: a valid OpenAPI 3.0 document whose every example validates against its own
// schema, and whose decisions (see the comments at its top) hold.
import fs from "node:fs/promises";
import SwaggerParser from "@apidevtools/swagger-parser";
import { Ajv } from "ajv";
import formats from "ajv-formats";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { USERS_SPEC } from "./helpers.js";

type Raw = Record<string, any>;
let spec: Raw;
let ajv: Ajv;

beforeAll(async () => {
  spec = parse(await fs.readFile(USERS_SPEC, "utf8")) as Raw;
  ajv = new Ajv({ strict: false, allErrors: true });
  formats.default(ajv);
  ajv.addSchema({ ...spec, $id: "spec" });
});

/** Validates `value` against the schema at `pointer` in the spec. */
function valid(pointer: string, value: unknown): boolean {
  const validate = ajv.compile({ $ref: `spec#${pointer}` });
  return validate(value) as boolean;
}

const esc = (s: string) => s.replace(/~/g, "~0").replace(/\//g, "~1");

/** Every example in the spec with the pointer of the schema it illustrates. */
function examples(): [string, string, unknown][] {
  const out: [string, string, unknown][] = [];
  const walk = (node: unknown, pointer: string) => {
    if (!node || typeof node !== "object") return;
    const n = node as Raw;
    if (n.schema && n.examples && typeof n.examples === "object") {
      for (const [name, ex] of Object.entries(n.examples as Raw))
        out.push([`${pointer}/examples/${name}`, `${pointer}/schema`, ex.value]);
    }
    if (n.schema && "example" in n) out.push([`${pointer}/example`, `${pointer}/schema`, n.example]);
    if (pointer.startsWith("/components/schemas/") && "example" in n && !n.schema && !("$ref" in n)) {
      out.push([`${pointer}/example`, pointer, n.example]);
    }
    for (const [key, child] of Object.entries(n))
      if (key !== "examples" && key !== "example") walk(child, `${pointer}/${esc(key)}`);
  };
  walk(spec, "");
  return out;
}

describe("specs/argyle-users.yaml", () => {
  it("is a valid OpenAPI 3.0 document", async () => {
    const api = (await SwaggerParser.validate(USERS_SPEC)) as Raw;
    expect(api.openapi).toBe("3.0.3");
  });

  it("has the five operations with the contract's operationIds", () => {
    const ops = Object.entries(spec.paths as Raw).flatMap(([p, item]) =>
      Object.entries(item as Raw)
        .filter(([m]) => m !== "parameters")
        .map(([m, op]) => `${m.toUpperCase()} ${p} ${(op as Raw).operationId}`),
    );
    expect(ops.sort()).toEqual([
      "DELETE /v2/users/{id} deleteUser",
      "GET /v2/users listUsers",
      "GET /v2/users/{id} retrieveUser",
      "PATCH /v2/users/{id} updateUser",
      "POST /v2/users createUser",
    ]);
  });

  it("has over 15 examples and every one validates against its own schema", () => {
    const all = examples();
    expect(all.length).toBeGreaterThan(15);
    const failing = all.filter(([, schema, value]) => !valid(schema, value)).map(([where]) => where);
    expect(failing).toEqual([]);
  });

  it("servers: production and sandbox hosts first, the partners' sandbox prefix as a named third (decision)", () => {
    expect(spec.servers.map((s: Raw) => s.url)).toEqual([
      "https://api.argyle.com",
      "https://api-sandbox.argyle.com",
      "https://api-sandbox.argyle.com/partners",
    ]);
    expect(spec.servers[2].description).toMatch(/^Partners \(sandbox\): .*suppress_verification/);
    expect(Object.keys(spec.paths).every((p) => p.startsWith("/v2/"))).toBe(true);
  });

  it("Basic auth: username is the API key id, password the secret", () => {
    expect(spec.components.securitySchemes.basicAuth).toMatchObject({ type: "http", scheme: "basic" });
    expect(spec.components.securitySchemes.basicAuth.description).toBe(
      "Username = api_key_id, Password = api_key_secret",
    );
    expect(spec.security).toEqual([{ basicAuth: [] }]);
  });

  const S = "/components/schemas";
  it.each([
    [
      "external_id at most 100 characters, and nullable",
      `${S}/ExternalId`,
      ["a".repeat(100), null],
      ["a".repeat(101), 5],
    ],
    [
      "external_metadata is any JSON (decision: prose over the excerpt's type)",
      `${S}/ExternalMetadata`,
      [{}, "text", 3, null, [1]],
      [],
    ],
    [
      "birth year 1900 or later",
      `${S}/BirthDate`,
      [{ year: 1900 }, { year: null }],
      [{ year: 1899 }, { year: 1990.5 }],
    ],
    [
      "birth month 1-12, day 1-31",
      `${S}/BirthDate`,
      [{ month: 12, day: 31 }],
      [{ month: 13 }, { month: 0 }, { day: 32 }],
    ],
    [
      "two-letter country code, either case (decision: the docs say alpha-2, not its case)",
      `${S}/Address`,
      [{ country: "US" }, { country: "us" }, { country: null }],
      [{ country: "USA" }, { country: "u" }, { country: "u1" }],
    ],
    [
      "end_user: every field required, phone 10 or 11 digits with or without hyphens",
      `${S}/EndUser`,
      [
        { name: "L", address: "1 Main", city: "NY", state: "NY", zip: "10001", phone: "2125555555" },
        { name: "L", address: "1 Main", city: "NY", state: "NY", zip: "10001", phone: "1-212-555-5555" },
      ],
      [
        { name: "L", address: "1 Main", city: "NY", state: "NY", zip: "10001", phone: "212555555" },
        { name: "L", address: "1 Main", city: "NY", state: "NY", zip: "10001", phone: "212555555512" },
        { name: "L", address: "1 Main", city: "NY", state: "NY", zip: "10001", phone: "212--5555555" },
        { name: "L", address: "1 Main", city: "NY", state: "NY", zip: "10001" },
      ],
    ],
    ["open_banking requires end_user", `${S}/OpenBanking`, [], [{}]],
    [
      "e-mail as Django's EmailValidator accepts it; phone numbers left to the server (decisions)",
      `${S}/UserRequest`,
      [
        { email: "sarah@email.com", phone_number: "+12125555555" },
        { email: "user@bücher.de" },
        { email: "user@localhost" },
        { email: '"john..doe"@example.com' },
        { email: "user@[192.168.0.1]" },
        { email: "first.last+tag@sub.example.co.uk" },
        // Django REST framework trims surrounding whitespace before validating (decision).
        { email: " sarah@email.com " },
        { email: "\tuser@example.com\n" },
        { phone_number: "(212) 555-5555" },
        { phone_number: "+1 212 555 5555 ext. 12" },
        { phone_number: "0000000" },
      ],
      [
        { email: "not-an-email" },
        { email: "a@b.c" },
        { email: "a@@b.co" },
        { email: "@example.com" },
        { email: "a b@example.com" },
        // Django's quoted local part has no space in it.
        { email: '"john doe"@example.com' },
      ],
    ],
    [
      "ids are the 8-4-4-4-12 shape, as the docs' own unversioned ids (decision)",
      `${S}/CreateUserResponse`,
      [{ id: "018051aa-f7a9-a0db-2f38-6cfa325e9d69", user_token: "t" }],
      [{ id: "018051aa", user_token: "t" }, { id: "018051aa-f7a9-a0db-2f38-6cfa325e9d69" }],
    ],
    [
      "the 400 body: email and phone_number as the docs show them, other keys open (decision)",
      `${S}/ValidationErrorBody`,
      [{ email: ["Enter a valid email address."] }, { phone_number: ["Enter a valid phone number."] }, { detail: "x" }],
      [{ email: "x" }, { phone_number: [1] }],
    ],
  ] as [string, string, unknown[], unknown[]][])("%s", (_name, pointer, good, bad) => {
    for (const value of good) expect(valid(pointer, value), JSON.stringify(value)).toBe(true);
    for (const value of bad) expect(valid(pointer, value), JSON.stringify(value)).toBe(false);
  });

  it("limit: integer, default 10, at most 200; the external_id filter has no length limit (decision)", () => {
    const params = spec.paths["/v2/users"].get.parameters as Raw[];
    expect(params.find((p) => p.name === "limit")).toMatchObject({
      in: "query",
      schema: { type: "integer", default: 10, maximum: 200, minimum: 1 },
    });
    expect(params.find((p) => p.name === "external_id")).toMatchObject({ in: "query", schema: { type: "string" } });
    expect(params.find((p) => p.name === "external_id")!.schema).not.toHaveProperty("maxLength");
  });

  it("server-set fields are readOnly; the user's id and timestamp are always there", () => {
    const user = spec.components.schemas.User;
    const readOnly = Object.entries(user.properties as Raw)
      .filter(([, s]) => (s as Raw).readOnly)
      .map(([k]) => k);
    expect(readOnly).toEqual(["id", "created_at", "items_connected", "employers_connected"]);
    expect(user.required).toEqual(["id", "created_at"]);
  });

  it("says the API's own message only for the rule the docs give it for (e-mail), and no phone rule", () => {
    const props = spec.components.schemas.UserRequest.properties;
    expect(props.email["x-specforge-messages"]).toEqual({ pattern: "Enter a valid email address." });
    expect(props.phone_number.pattern).toBeUndefined();
    expect(props.phone_number["x-specforge-messages"]).toBeUndefined();
    // Responses carry the same e-mail rule (a user the API accepted comes back valid).
    expect(spec.components.schemas.User.properties.email.pattern).toBe(props.email.pattern);
  });

  it('"Required for banking reports" is said on the request fields only, not on the schemas responses share', () => {
    const { Address, BirthDate, UserRequest } = spec.components.schemas;
    expect(Address.description).not.toMatch(/banking/);
    expect(BirthDate.description).not.toMatch(/banking/);
    for (const field of ["ssn", "address", "birth_date"])
      expect(UserRequest.properties[field].description, field).toMatch(
        /When creating a user.*required for banking reports/,
      );
  });

  it("create's body is optional, update's required (decision); delete answers 204 and warns of the cascade", () => {
    expect(spec.paths["/v2/users"].post.requestBody.required).toBe(false);
    expect(spec.paths["/v2/users/{id}"].patch.requestBody.required).toBe(true);
    const del = spec.paths["/v2/users/{id}"].delete;
    expect(Object.keys(del.responses)).toEqual(["204"]);
    expect(del.description).toContain("will also delete all accounts and resources associated with the user");
  });

  it("create and update answer 400 with the field-to-messages body", () => {
    for (const op of [spec.paths["/v2/users"].post, spec.paths["/v2/users/{id}"].patch]) {
      expect(op.responses["400"]).toEqual({ $ref: "#/components/responses/ValidationError" });
    }
  });
});
