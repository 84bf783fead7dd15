// Model stage, names: one naming function for every identifier (case conversion, reserved words,
// globals, collisions resolved in order with deterministic suffixes).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { camelCase, isReserved, NameRegistry, pascalCase } from "../../generator/model/names.js";
import { ROOT } from "../paths.js";
import { doc, modelOf } from "./helpers.js";

describe("names", () => {
  it.each([
    ["user_request", "UserRequest", "userRequest"],
    ["UserRequest", "UserRequest", "userRequest"],
    ["user-id", "UserId", "userId"],
    ["HTTPError", "HTTPError", "httpError"],
    ["get /v2/users/{id}", "GetV2UsersId", "getV2UsersId"],
    ["2fa", "_2fa", "_2fa"],
    ["Ünïcode name", "ÜnïcodeName", "ünïcodeName"],
    ["", "", ""],
  ])("%j -> %j / %j", (raw, pascal, camel) => {
    expect(pascalCase(raw)).toBe(pascal);
    expect(camelCase(raw)).toBe(camel);
  });

  it("resolves collisions in order and renames reserved words and globals", () => {
    const names = new NameRegistry();
    expect(
      [
        "Foo",
        "foo",
        "FOO_",
        "Error",
        "Promise",
        "default",
        "user_id",
        "userId",
        "Schema!",
        "",
        "Client",
        "ApiError",
        "ClientConfig",
      ].map((n) => names.typeName(n)),
    ).toEqual([
      "Foo",
      "Foo2",
      "FOO",
      "ErrorModel",
      "PromiseModel",
      "Default",
      "UserId",
      "UserId2",
      "Schema",
      "Schema2",
      "ClientModel",
      "ApiErrorModel",
      "ClientConfigModel",
    ]);
    const methods = new NameRegistry();
    expect(["delete", "getUser", "get_user", "new"].map((n) => methods.memberName(n))).toEqual([
      "delete_",
      "getUser",
      "getUser2",
      "new_",
    ]);
  });
});

describe("model names beside index.ts's other exports", () => {
  it("never take a type name that client.ts or validators.ts exports (index.ts re-exports them all)", () => {
    // A schema named like one of them made index.ts's `export *` ambiguous (TS2308): googleapis.com's
    // trafficdirector has a `ClientConfig` schema, a name the client gained with `createConfig`.
    const exported = ["client.ts", "validators.ts"].flatMap((file) =>
      [
        ...fs
          .readFileSync(path.join(ROOT, "generated", "argyle-users", file), "utf8")
          .matchAll(/^export (?:declare )?(?:interface|type|class|abstract class|function|const) ([A-Z][\w$]*)/gm),
      ].map((m) => m[1]!),
    );
    expect(exported.length).toBeGreaterThan(20);
    expect(exported.filter((name) => !isReserved(name))).toEqual([]);
  });
});

describe("operation functions (client.ts's top level, re-exported by index.ts)", () => {
  const op = (operationId: string) => ({ operationId, responses: { "204": { description: "none" } } });
  const model = modelOf(
    doc(
      { User: { type: "object" } },
      {
        "/a": { get: op("validateUser"), post: op("createClient"), put: op("send") },
        "/b": { get: op("operationSpec"), post: op("fetch"), put: op("userSchema") },
        "/c": { get: op("getUser"), post: op("ClientOptions"), delete: op("createUserInput") },
      },
    ),
  );
  it.each([
    ["validateUser", "validateUser", "validateUser2"], // the validator of the component User
    ["createClient", "createClient", "createClient2"], // the template's own
    ["send", "send", "send2"], // the client runtime's
    ["operationSpec", "operationSpec", "operationSpec2"], // the client runtime's spec parser
    ["fetch", "fetch_", "fetch_"], // a global the client calls
    ["userSchema", "userSchema", "userSchema2"], // User's Standard Schema
    ["getUser", "getUser", "getUser"],
    ["ClientOptions", "clientOptions", "clientOptions"],
    ["createUserInput", "createUserInput", "createUserInput"],
  ])("%s: method %s, function %s", (operationId, method, fn) => {
    const found = model.operations.find((o) => o.operationId === operationId)!;
    expect(found.names.method).toBe(method);
    expect(found.names.fn).toBe(fn);
  });
});
