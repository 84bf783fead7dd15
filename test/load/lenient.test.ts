// Letters that break the specification where the intent is plain, read as meant before validation,
// each with a located warning naming the rule and the fix (load/lenient.ts): path parameters that are
// not required or not declared, operations without responses. Swagger 2.0 and OpenAPI 3.x alike.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadSpec } from "../../generator/load/index.js";
import { scratch } from "../helpers.js";

async function load(text: string) {
  const dir = await scratch({ "spec.yaml": text });
  return loadSpec(path.join(dir, "spec.yaml"), { cwd: dir });
}

const OPENAPI = `openapi: "3.0.3"
info: { title: t, version: "1" }
paths:
  /pets/{id}:
    get:
      operationId: getPet
  /shops/{shopId}:
    parameters:
      - $ref: "#/components/parameters/Shop"
    get:
      responses:
        "200": { description: ok }
    delete:
      responses:
        "204": { description: gone }
components:
  parameters:
    Shop: { name: shopId, in: path, required: false, schema: { type: string } }
`;

describe("read as meant", () => {
  it("OpenAPI 3.0: an undeclared path parameter, an operation without responses, a path parameter not required", async () => {
    const spec = await load(OPENAPI);
    expect(spec.warnings.map((w) => [w.location?.line, w.message])).toEqual([
      [
        5,
        "GET /pets/{id}: the path names {id} but no parameter declares it: read as a required string path parameter; declare it under `parameters` (`in: path`, `required: true`)",
      ],
      [
        5,
        "GET /pets/{id} has no `responses`, which every operation must have: read as answering anything (its result `unknown`); list the responses it sends",
      ],
      // Once, at the shared component's own `required`, though two operations use it.
      [
        18,
        'path parameter "shopId" says `required: false`: a path parameter is always required, and it is read so; write `required: true`',
      ],
    ]);
    const doc = spec.document as any;
    expect(doc.paths["/pets/{id}"].get.parameters).toEqual([
      { name: "id", in: "path", required: true, schema: { type: "string" } },
    ]);
    expect(doc.paths["/pets/{id}"].get.responses).toEqual({
      default: { description: "", content: { "*/*": { schema: {} } } },
    });
    expect(doc.components.parameters.Shop.required).toBe(true);
  });

  it("Swagger 2.0: the same letters, in 2.0's shapes", async () => {
    const spec = await load(`swagger: "2.0"
info: { title: t, version: "1" }
paths:
  /pets/{id}:
    get:
      operationId: getPet
      parameters:
        - { name: id, in: path, type: string }
`);
    expect(spec.warnings.map((w) => w.message)).toEqual([
      'path parameter "id" has no `required`: a path parameter is always required, and it is read so; write `required: true`',
      "GET /pets/{id} has no `responses`, which every operation must have: read as answering anything (its result `unknown`); list the responses it sends",
    ]);
    expect(spec.warnings[0]!.location?.line).toBe(8);
  });

  it("OpenAPI 3.1: an operation without responses is valid (3.1 made them optional): no warning, nothing added", async () => {
    const spec = await load(`openapi: "3.1.0"
info: { title: t, version: "1" }
paths:
  /users:
    get:
      operationId: listUsers
`);
    expect(spec.warnings).toEqual([]);
    expect((spec.document as any).paths["/users"].get.responses).toBeUndefined();
  });

  it("a well-formed document gets no warning and is left as it is", async () => {
    const text = `openapi: "3.0.3"
info: { title: t, version: "1" }
paths:
  /pets/{id}:
    parameters:
      - { name: id, in: path, required: true, schema: { type: string } }
    get:
      responses:
        "200": { description: ok }
`;
    const spec = await load(text);
    expect(spec.warnings).toEqual([]);
    expect((spec.document as any).paths["/pets/{id}"].get.parameters).toBeUndefined();
  });
});
