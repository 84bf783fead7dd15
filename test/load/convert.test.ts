// Swagger 2.0 input is converted to OpenAPI 3.0 the same way whatever the order of its keys.
import { describe, expect, it } from "vitest";
import { convertSwagger2 } from "../../generator/load/convert.js";
import { DEFAULT_LIMITS, parseSource } from "../../generator/load/source.js";

const pathItem = (parametersFirst: boolean) => {
  const parameters = [{ name: "msg", in: "body", required: true, schema: { type: "string" } }];
  const post = { operationId: "log", responses: { "204": { description: "done" } } };
  return parametersFirst ? { parameters, post } : { post, parameters };
};

describe("Swagger 2.0 conversion", () => {
  it.each([true, false])("a path-level body parameter becomes the request body (parameters first: %s)", (first) => {
    const document = { swagger: "2.0", info: { title: "t", version: "1" }, paths: { "/log": pathItem(first) } };
    const source = parseSource("spec.json", JSON.stringify(document), DEFAULT_LIMITS);
    const converted = convertSwagger2(document, source) as { paths: Record<string, { post: Record<string, unknown> }> };
    expect(converted.paths["/log"]!.post.requestBody).toMatchObject({
      required: true,
      content: { "application/json": { schema: { type: "string" } } },
    });
  });
});
