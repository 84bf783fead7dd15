// The model printer: a snapshot of what the emitters receive for each spec in specs/, so a change to
// the model stage shows up in review as a readable diff before it shows up in generated code.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadSpec } from "../../generator/load/index.js";
import { buildModel } from "../../generator/model/index.js";
import { printModel } from "../../generator/model/print.js";
import { ROOT } from "../paths.js";
import { doc, modelOf } from "./helpers.js";

describe("printModel", () => {
  it.each(["argyle-users", "sandbox-users"])("specs/%s.yaml", async (name) => {
    const spec = await loadSpec(path.join("specs", `${name}.yaml`), { cwd: ROOT });
    await expect(printModel(buildModel(spec, name))).toMatchFileSnapshot(`../__snapshots__/model/${name}.txt`);
  });

  it("prints each keyword, references unexpanded, and optional members with ?", () => {
    const model = modelOf(
      doc(
        {
          Node: {
            type: "object",
            required: ["id"],
            properties: {
              id: { type: "string", format: "uuid", readOnly: true },
              next: { $ref: "#/components/schemas/Node" },
            },
            additionalProperties: false,
          },
          Pet: {
            oneOf: [{ $ref: "#/components/schemas/Cat" }],
            discriminator: { propertyName: "kind", mapping: { cat: "#/components/schemas/Cat" } },
          },
          Cat: { type: "object", properties: { kind: { type: "string" } } },
        },
        {
          "/n/{id}": {
            get: {
              operationId: "getNode",
              parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
              responses: {
                "200": {
                  description: "ok",
                  content: { "application/json": { schema: { $ref: "#/components/schemas/Node" } } },
                },
              },
            },
          },
        },
      ),
    );
    expect(printModel(model)).toBe(
      [
        "api t from spec.yaml (OpenAPI 3.0.3)",
        'info: "t" version "1"',
        "",
        "schemas (3)",
        '"Node" as type Node, validateNode, nodeSchema',
        "  object closed",
        '    "id": string format="uuid" readOnly',
        '    "next"?: → Node',
        '"Pet" as type Pet, validatePet, petSchema',
        "  any discriminator=kind {cat→Cat}",
        "    oneOf[0]: → Cat",
        '"Cat" as type Cat, validateCat, catSchema',
        '  object tags={kind: "cat"}',
        '    "kind"?: string',
        "",
        "operations (1)",
        "getNode: GET /n/{id}",
        "  names: method getNode, input GetNodeInput, result GetNodeResult, validator validateGetNodeRequest",
        '  path "id" as id: string',
        "  response 200",
        "    application/json: → Node",
        "",
      ].join("\n"),
    );
  });
});
