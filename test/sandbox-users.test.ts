// specs/sandbox-users.yaml (the second Users API, `PUT /v1/users/{user_id}`): the spec and its
// decisions, its validators rule by rule (the name pattern under hostile input, the date rule with an
// injected clock), the gzip helpers, the client against a real server on 127.0.0.1, and the
// committed output.
import fs from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { gunzipSync, gzipSync } from "node:zlib";
import SwaggerParser from "@apidevtools/swagger-parser";
import { Ajv2020 } from "ajv/dist/2020.js";
import formats from "ajv-formats";
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadClient, ROOT, scratch, typecheck } from "./helpers.js";

const SPEC = path.join(ROOT, "specs", "sandbox-users.yaml");
const OUT = path.join(ROOT, "generated", "sandbox-users");
const NAME_PATTERN = "^([aA-zZ]+[,.]?[ ]?|[aA-zZ]+['’-]?)+$";
const ID = "2acf04c3-48d1-456f-a54e-1m4251814478";
const TODAY = new Date("2026-11-23T10:00:00Z");

type Raw = Record<string, any>;
let spec: Raw;
let client: Record<string, any>;
let v: Record<string, any>;

beforeAll(async () => {
  spec = parse(await fs.readFile(SPEC, "utf8")) as Raw;
  const loaded = await loadClient(await fs.readFile(SPEC, "utf8"));
  client = loaded.client;
  // The validators module the client itself uses (same URL, same instance): setClock reaches both.
  v = (await import(pathToFileURL(path.join(loaded.dir, "validators.js")).href)) as Record<string, any>;
});
beforeEach(() => v.setClock(() => TODAY));
afterEach(() => v.setClock(undefined));

/** The issues of `validateX(value)` as `path: message` lines ([] when valid). */
function issues(validator: string, value: unknown): string[] {
  const result = v[validator](value);
  return result.ok
    ? []
    : result.issues.map((i: { path: (string | number)[]; message: string }) => `${i.path.join(".")}: ${i.message}`);
}

describe("the spec", () => {
  it("is a valid OpenAPI 3.1 document with one operation: PUT /v1/users/{user_id} updateUser, on the sandbox host", async () => {
    const api = (await SwaggerParser.validate(SPEC)) as Raw;
    expect(api.openapi).toBe("3.1.0");
    expect(Object.keys(spec.paths)).toEqual(["/v1/users/{user_id}"]);
    expect(Object.keys(spec.paths["/v1/users/{user_id}"])).toEqual(["put"]);
    expect(spec.paths["/v1/users/{user_id}"].put.operationId).toBe("updateUser");
    expect(spec.servers.map((s: Raw) => s.url)).toEqual(["https://sandbox-api.com"]);
    expect(spec.paths["/v1/users/{user_id}"].put.description.replace(/\s+/g, " ")).toContain(
      "Any parameters not provided will be left unchanged.",
    );
  });

  it("every example validates against its schema, in ajv (JSON Schema 2020-12) and in the generated validators", () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    formats.default(ajv);
    ajv.addSchema({ ...spec, $id: "spec" });
    const put = spec.paths["/v1/users/{user_id}"].put;
    const cases: [string, unknown, string | undefined][] = [
      ...Object.values(put.requestBody.content["application/json"].examples as Raw).map(
        (e) => ["/components/schemas/UserUpdate", e.value, "validateUserUpdate"] as [string, unknown, string],
      ),
      [
        "/components/schemas/User",
        put.responses["200"].content["application/json"].examples.updated.value,
        "validateUser",
      ],
    ];
    for (const [name, schema] of Object.entries(spec.components.schemas as Raw)) {
      for (const example of schema.examples ?? [])
        cases.push([`/components/schemas/${name}`, example, `validate${name}`]);
    }
    expect(cases.length).toBeGreaterThanOrEqual(10);
    for (const [pointer, value, validator] of cases) {
      expect(ajv.compile({ $ref: `spec#${pointer}` })(value), `${pointer} ${JSON.stringify(value)}`).toBe(true);
      if (validator) expect(issues(validator, value), `${validator} ${JSON.stringify(value)}`).toEqual([]);
    }
  });

  it("keeps the name rule exactly as documented, odd A-z range included", () => {
    for (const field of ["first_name", "middle_name", "last_name"]) {
      expect(spec.components.schemas.UserUpdate.properties[field].description).toContain(
        `Must pass the regex ${NAME_PATTERN}`,
      );
    }
    expect(spec.components.schemas.PersonName.pattern).toBe(NAME_PATTERN);
  });

  it("the response is the user without dob and ssn; only uuid is required, the rest may be null (decision)", () => {
    const user = spec.components.schemas.User;
    expect(user.required).toEqual(["uuid"]);
    expect(Object.keys(user.properties)).not.toContain("dob");
    expect(Object.keys(user.properties)).not.toContain("ssn");
    expect(spec.components.schemas.Address.required).toBeUndefined();
    // A user with nothing on file but its id, or with nulls, is a valid answer.
    expect(issues("validateUser", { uuid: ID })).toEqual([]);
    expect(
      issues("validateUser", {
        uuid: ID,
        first_name: null,
        last_name: null,
        citizenship: null,
        email: null,
        phone: null,
        address: null,
      }),
    ).toEqual([]);
    expect(issues("validateUser", { uuid: ID, address: { line_1: null, city: null, state: null, zip: null } })).toEqual(
      [],
    );
    expect(issues("validateUser", { first_name: "Sarah" })).toEqual(["uuid: is required"]);
    // dwolla_customer_url has no format: the document only shows null (decision).
    expect(issues("validateUser", { uuid: ID, dwolla_customer_url: "dwolla customer 42" })).toEqual([]);
  });

  it("models the error answer: 400 with a JSON body of unknown shape", () => {
    const r = spec.paths["/v1/users/{user_id}"].put.responses["400"];
    expect(r.description).toMatch(/invalid \(for example an invalid phone number or date of birth\)/);
    expect(spec.components.schemas.UpdateError).toEqual({
      description: "The error body; the document does not show its shape.",
    });
  });
});

describe("decision: SSN is not accepted by the update", () => {
  it("the schema documents and refuses it; the validator says why, without echoing the value", () => {
    expect(spec.components.schemas.UserUpdate.properties.ssn.not).toEqual({});
    expect(issues("validateUserUpdate", { ssn: "U2FsdGVkX1+123-45-6789" })).toEqual([
      "ssn: SSN is not accepted by an update (it accepts the creation call's parameters with the exception of SSN).",
    ]);
  });

  it("the type of ssn is never, so passing one does not compile", async () => {
    const dir = await scratch({
      "package.json": '{ "type": "module" }\n',
      "use.ts": `import type { UserUpdate } from "${path.join(OUT, "index.js")}";
const ok: UserUpdate = { first_name: "Blair" };
// @ts-expect-error ssn is refused by the update
const withSsn: UserUpdate = { ssn: "encrypted" };
export { ok, withSsn };
`,
    });
    const files = [
      ...(await fs.readdir(OUT)).filter((f) => f.endsWith(".ts")).map((f) => path.join(OUT, f)),
      path.join(dir, "use.ts"),
    ];
    expect(typecheck(files)).toEqual([]);
  });
});

describe("validators, rule by rule", () => {
  it("names follow the documented pattern exactly (A-z range: ^ _ ` [ ] \\ pass, digits and accents do not)", () => {
    for (const good of ["Blair", "O'Neil", "O’Brien", "Smith-Jones", "Mary Ann", "Dufresne, Jr.", "A_b", "a^b"]) {
      expect(issues("validatePersonName", good), good).toEqual([]);
    }
    for (const bad of ["", "Blair1", "José", " Blair", "a--b", "Mary  Ann"]) {
      expect(issues("validatePersonName", bad), bad).toEqual([
        ": Enter letters, each word optionally followed by a comma or period and a space, or joined by an apostrophe or hyphen.",
      ]);
    }
  });

  it("the name check answers as RegExp does, on random strings over the interesting alphabet", () => {
    const re = new RegExp(NAME_PATTERN, "u");
    const alphabet = fc.constantFrom(..."aZzA_^`[]\\ ,.'’-1é");
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 14 }).map((cs) => cs.join("")),
        (s) => (issues("validatePersonName", s).length === 0) === re.test(s),
      ),
      { numRuns: 2000 },
    );
  });

  it("survives hostile names that hang RegExp (50,000 characters)", () => {
    // RegExp takes exponential time on these; the linear-time matcher answers at once. The test's
    // timeout is the guard: a hang fails it.
    for (const hostile of ["a".repeat(50_000) + "1", "a ".repeat(25_000) + "!", "a'".repeat(25_000) + "--"]) {
      expect(issues("validatePersonName", hostile)).toHaveLength(1);
    }
    expect(issues("validatePersonName", "Ab ".repeat(16_000) + "Z")).toEqual([]);
  }, 20_000);

  it("dob: YYYY/MM/DD, a real calendar date, at least 18 years before the (injected) clock", () => {
    const dob = (value: string) => issues("validateUserUpdate", { dob: value });
    expect(dob("1990/07/15")).toEqual([]);
    expect(dob("2008/11/23")).toEqual([]); // 18 today
    expect(dob("2008/11/24")).toEqual(["dob: The user must be at least 18 years old."]);
    expect(dob("2030/01/01")).toEqual(["dob: The user must be at least 18 years old."]);
    expect(dob("2000/02/29")).toEqual([]);
    expect(dob("1900/02/29")).toEqual(["dob: Enter a real date of birth as YYYY/MM/DD."]);
    expect(dob("1990/02/30")).toEqual(["dob: Enter a real date of birth as YYYY/MM/DD."]);
    expect(dob("1990/13/01")).toEqual(["dob: Enter a real date of birth as YYYY/MM/DD."]);
    expect(dob("1990-07-15")).toEqual([
      "dob: Enter the date of birth as YYYY/MM/DD.",
      "dob: Enter a real date of birth as YYYY/MM/DD.",
    ]);
  });

  it("dob: the clock decides; a 29 February birthday counts on 28 February in a common year (lenient, decision)", () => {
    const dob = (value: string) => issues("validateUserUpdate", { dob: value });
    v.setClock(() => new Date("2026-02-27T23:59:59Z"));
    expect(dob("2008/02/29")).toEqual(["dob: The user must be at least 18 years old."]);
    v.setClock(() => new Date("2026-02-28T00:00:00Z"));
    expect(dob("2008/02/29")).toEqual([]);
    // Born on 28 February: 28 February in every year, common or leap.
    v.setClock(() => new Date("2026-02-27T12:00:00Z"));
    expect(dob("2008/02/28")).toEqual(["dob: The user must be at least 18 years old."]);
    v.setClock(() => new Date("2026-02-28T12:00:00Z"));
    expect(dob("2008/02/28")).toEqual([]);
    // 29 February of a common year is no date at all.
    expect(dob("2010/02/29")).toEqual(["dob: Enter a real date of birth as YYYY/MM/DD."]);
    v.setClock(undefined); // the system clock: someone born in 1990 is an adult on any day this runs
    expect(dob("1990/07/15")).toEqual([]);
  });

  it("phone: 10 digits, a North American number (area code and exchange not starting with 0 or 1)", () => {
    const msg = ["phone: Enter a valid 10-digit US phone number, digits only."];
    expect(issues("validateUserUpdate", { phone: "6166723456" })).toEqual([]);
    for (const bad of ["1166723456", "6161723456", "616672345", "61667234567", "616-672-3456", "+16166723456"]) {
      expect(issues("validateUserUpdate", { phone: bad }), bad).toEqual(msg);
    }
  });

  it("address: partial (no field required), a two-letter state in either case, a ZIP, any country (decisions)", () => {
    const address = {
      line_1: "5161 Stansfield Dr",
      line_2: null,
      city: "Zionsville",
      state: "PA",
      zip: "18092",
      country: "UNITED STATES",
    };
    expect(issues("validateUserUpdate", { address })).toEqual([]);
    expect(
      issues("validateUserUpdate", { address: { ...address, zip: "18092-1234", country: "US", state: "pr" } }),
    ).toEqual([]);
    // A partial update may send one address field; an empty line or city is the server's to judge.
    expect(issues("validateUserUpdate", { address: { line_1: "x" } })).toEqual([]);
    expect(issues("validateUserUpdate", { address: { line_1: "", city: "" } })).toEqual([]);
    expect(issues("validateUserUpdate", { address: { country: "United States of America" } })).toEqual([]);
    expect(issues("validateUserUpdate", { address: { ...address, state: "Penn", zip: "1809" } })).toEqual([
      "address.state: Enter a two-letter USPS state code, such as PA.",
      "address.zip: Enter a ZIP code (12345 or 12345-6789).",
    ]);
  });

  it("the gzip fields take gzipped data, base64-encoded, and nothing else", () => {
    const report = gzipSync("<credit_report/>").toString("base64");
    expect(issues("validateUserUpdate", { credit_report_xml_gzip: report, asset_report_json_gzip: report })).toEqual(
      [],
    );
    const msg = "Send gzipped data, base64-encoded (the client's gzipBase64() makes it).";
    expect(
      issues("validateUserUpdate", { credit_report_xml_gzip: Buffer.from("<credit_report/>").toString("base64") }),
    ).toEqual([`credit_report_xml_gzip: ${msg}`]);
    expect(issues("validateUserUpdate", { asset_report_json_gzip: "H4sI not base64!" })).toEqual([
      `asset_report_json_gzip: ${msg}`,
    ]);
  });

  it("the gzip fields also take base64 as the base64 command writes it: wrapped at 76, or unpadded (decision)", () => {
    const large = gzipSync("<credit_report>" + "x".repeat(5000) + Math.random() + "</credit_report>").toString(
      "base64",
    );
    expect(large.length).toBeGreaterThan(76);
    const wrapped = large.replace(/(.{76})/g, "$1\n");
    expect(wrapped).toContain("\n");
    expect(issues("validateUserUpdate", { credit_report_xml_gzip: wrapped })).toEqual([]);
    expect(issues("validateUserUpdate", { credit_report_xml_gzip: wrapped.replace(/\n/g, "\r\n") })).toEqual([]);
    const unpadded = large.replace(/=+$/, "");
    expect(issues("validateUserUpdate", { credit_report_xml_gzip: unpadded })).toEqual([]);
    // Still not: a length no base64 has, or padding in the middle.
    const msg = "Send gzipped data, base64-encoded (the client's gzipBase64() makes it).";
    expect(issues("validateUserUpdate", { credit_report_xml_gzip: "H4sIA" })).toEqual([
      `credit_report_xml_gzip: ${msg}`,
    ]);
    expect(issues("validateUserUpdate", { credit_report_xml_gzip: "H4sI=AAA" })).toEqual([
      `credit_report_xml_gzip: ${msg}`,
    ]);
  });

  it("e-mail, and the user id's 8-4-4-4-12 shape (the document's own id, with its non-hex m, passes)", () => {
    expect(issues("validateUserUpdate", { email: "bcdufresne5000@gmail.com" })).toEqual([]);
    // No format: the document gives no rule, so what a server-side validator takes is sent (decision).
    for (const email of ["nope", "user@bücher.de", '"john doe"@example.com', "user@localhost"])
      expect(issues("validateUserUpdate", { email }), email).toEqual([]);
    expect(issues("validateUpdateUserRequest", { user_id: ID, body: {} })).toEqual([]);
    expect(issues("validateUpdateUserRequest", { user_id: "42", body: {} })).toEqual([
      "user_id: Enter the user's uuid (8-4-4-4-12 characters).",
    ]);
  });

  it("every field is optional (partial update), but the body is required", () => {
    expect(issues("validateUpdateUserRequest", { user_id: ID, body: {} })).toEqual([]);
    expect(issues("validateUpdateUserRequest", { user_id: ID })).toEqual(["body: is required"]);
  });
});

describe("gzip helpers in the client", () => {
  it("gzipBase64 round-trips strings and bytes, and produces real gzip", async () => {
    const text = "<report>é ✓ 𝄞</report>".repeat(5000);
    const encoded: string = await client.gzipBase64(text);
    expect(encoded.startsWith("H4sI")).toBe(true);
    expect(gunzipSync(Buffer.from(encoded, "base64")).toString("utf8")).toBe(text);
    expect(new TextDecoder().decode(await client.gunzipBase64(encoded))).toBe(text);
    const bytes = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7919) % 256);
    expect(await client.gunzipBase64(await client.gzipBase64(bytes))).toEqual(bytes);
    expect(await client.gunzipBase64(await client.gzipBase64(""))).toEqual(new Uint8Array());
  });

  it("is emitted only for APIs with a gzip+base64 field", async () => {
    expect(await fs.readFile(path.join(OUT, "client.ts"), "utf8")).toContain("export async function gzipBase64(");
    expect(await fs.readFile(path.join(ROOT, "generated", "argyle-users", "client.ts"), "utf8")).not.toContain(
      "gzipBase64",
    );
  });
});

describe("the client against a real server", () => {
  let server: http.Server;
  let baseUrl = "";
  let seen: { method: string; url: string; type: string | undefined; body: string }[] = [];
  let answer: (res: http.ServerResponse) => void;
  const USER = {
    uuid: ID,
    first_name: "Blair",
    middle_name: "Cassidy",
    last_name: "Dufresne",
    citizenship: "US",
    dwolla_customer_url: null,
    email: "bcdufresne5000@gmail.com",
    phone: "6166723456",
    address: {
      line_1: "5161 Stansfield Dr",
      line_2: null,
      line_3: null,
      zip: "18092",
      city: "Zionsville",
      state: "PA",
      country: "UNITED STATES",
    },
  };

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        seen.push({ method: req.method!, url: req.url!, type: req.headers["content-type"], body });
        answer(res);
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  beforeEach(() => {
    seen = [];
    answer = (res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(USER));
    };
  });

  it("updateUser: PUT with the id in the path and the changed fields as JSON; resolves with the user", async () => {
    const report = await client.gzipBase64("<credit_report/>");
    const api = client.createClient({ baseUrl, headers: { authorization: "Bearer t" } });
    expect(
      await api.updateUser({
        user_id: ID,
        body: { phone: "6166723456", dob: "1990/07/15", credit_report_xml_gzip: report },
      }),
    ).toEqual(USER);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: "PUT", url: `/v1/users/${ID}`, type: "application/json" });
    const sent = JSON.parse(seen[0]!.body);
    expect(sent).toEqual({ phone: "6166723456", dob: "1990/07/15", credit_report_xml_gzip: report });
    expect(gunzipSync(Buffer.from(sent.credit_report_xml_gzip, "base64")).toString()).toBe("<credit_report/>");
  });

  it("an SSN, an under-age dob or a bad phone is refused before anything is sent, without echoing values", async () => {
    const api = client.createClient({ baseUrl });
    const error = await api
      .updateUser({ user_id: ID, body: { ssn: "123-45-6789", dob: "2010/01/01", phone: "555" } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(client.RequestValidationError);
    expect(error.issues.map((i: { path: string[] }) => i.path.join("."))).toEqual([
      "body.dob",
      "body.phone",
      "body.ssn",
    ]);
    expect(`${error.message} ${error.stack}`).not.toMatch(/123-45-6789|2010\/01\/01/);
    expect(seen).toEqual([]);
  });

  it("a 400 answer is an ApiError carrying the body, whatever its shape", async () => {
    answer = (res) => {
      res.writeHead(400, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: "invalid phone number" }));
    };
    const error = await client
      .createClient({ baseUrl })
      .updateUser({ user_id: ID, body: { phone: "6166723456" } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(client.ApiError);
    expect(error).toMatchObject({ status: 400, operationId: "updateUser", body: { error: "invalid phone number" } });
    expect(error.message).toBe("PUT /v1/users/{user_id} (updateUser) failed with status 400");
  });

  it("PUT is idempotent, so a 503 is retried", async () => {
    let n = 0;
    const ok = answer;
    answer = (res) => {
      if (n++ > 0) return ok(res);
      res.writeHead(503, { "retry-after": "0" });
      res.end();
    };
    expect(
      await client.createClient({ baseUrl, retry: { baseDelayMs: 1 } }).updateUser({ user_id: ID, body: {} }),
    ).toEqual(USER);
    expect(seen.map((s) => s.method)).toEqual(["PUT", "PUT"]);
  });
});
