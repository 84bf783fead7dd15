// Model stage, names: one naming function for every identifier (case conversion, reserved words,
// globals, collisions resolved in order with deterministic suffixes).
import { describe, expect, it } from "vitest";
import { camelCase, NameRegistry, pascalCase } from "../../generator/model/names.js";

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
