// Versions (and other letters of the document) whose intent is plain but whose letter is wrong, read as meant with a located warning
// naming the fix (an error under --strict, as every warning): `swagger: 2.0` unquoted (YAML's number
// 2), `openapi: "3.0"` / `"3.1"` without a patch. Versions that name something else stay refused.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadSpec } from "../../generator/load/index.js";
import { scratch } from "../helpers.js";

/** The rest of a document after its version line (the same in Swagger 2.0 and OpenAPI 3.x). */
const BODY = `info:
  title: t
  version: "1"
paths:
  /pets:
    get:
      responses:
        "200":
          description: ok
`;

async function load(text: string) {
  const dir = await scratch({ "spec.yaml": text });
  return loadSpec(path.join(dir, "spec.yaml"), { cwd: dir });
}

describe("versions read as meant, with a located warning", () => {
  it.each([
    ["swagger: 2.0", "2.0", "3.0.4", /^`swagger: 2` is read as Swagger "2\.0": write the version as a quoted string/],
    ['swagger: "2"', "2.0", "3.0.4", /^`swagger: 2` is read as Swagger "2\.0"/],
    [
      'openapi: "3.0"',
      "3.0.0",
      "3.0.0",
      /^`openapi: "3\.0"` has no patch version: read as OpenAPI 3\.0\.0; .*"3\.0\.4"/,
    ],
    [
      'openapi: "3.1"',
      "3.1.0",
      "3.1.0",
      /^`openapi: "3\.1"` has no patch version: read as OpenAPI 3\.1\.0; .*"3\.1\.1"/,
    ],
    ["openapi: 3.0", "3.0.0", "3.0.0", /^`openapi: 3` has no patch version: read as OpenAPI 3\.0\.0/],
    ["openapi: 3.1", "3.1.0", "3.1.0", /^`openapi: 3\.1` has no patch version: read as OpenAPI 3\.1\.0/],
  ])("%s", async (line, source, version, message) => {
    const spec = await load(`${line}\n${BODY}`);
    expect(spec.sourceVersion).toBe(source);
    expect(spec.version).toBe(version);
    expect(spec.warnings).toHaveLength(1);
    expect(spec.warnings[0]!.message).toMatch(message);
    // At the version's own place: line 1, its value.
    expect(spec.warnings[0]!.location).toMatchObject({ line: 1 });
  });

  it.each([
    ["swagger: 1.2", /`swagger: 1\.2` is not supported/],
    ['openapi: "2.5.0"', /OpenAPI 2\.5\.0 is not supported/],
    ['openapi: "3.5"', /OpenAPI 3\.5 is not supported/],
    ["openapi: 31", /`openapi` must be a string/],
  ])("%s stays refused, located", async (line, message) => {
    await expect(load(`${line}\n${BODY}`)).rejects.toThrow(message);
  });

  it("a well-formed version gets no warning", async () => {
    const spec = await load(`openapi: "3.0.3"\n${BODY}`);
    expect(spec.warnings).toEqual([]);
  });
});

describe("documents missing what only documentation reads, generated with a located warning", () => {
  it("a Response without description (3.0 and 3.1), at the Response's own line", async () => {
    for (const version of ["3.0.3", "3.1.0"]) {
      const spec = await load(`openapi: "${version}"
info:
  title: t
  version: "1"
paths:
  /pets:
    get:
      responses:
        "200":
          content:
            application/json:
              schema: { type: string }
components:
  responses:
    Gone:
      content: {}
`);
      expect(spec.warnings.map((w) => [w.location?.line, w.message])).toEqual([
        [
          9,
          `a Response without \`description\`, which OpenAPI ${version.slice(0, 3)} requires (at /paths/~1pets/get/responses/200): generated as if it were empty; add \`description: ...\``,
        ],
        [
          15,
          `a Response without \`description\`, which OpenAPI ${version.slice(0, 3)} requires (at /components/responses/Gone): generated as if it were empty; add \`description: ...\``,
        ],
      ]);
    }
  });

  it("a document without info", async () => {
    const spec = await load(`openapi: "3.0.3"\npaths: {}\n`);
    expect(spec.warnings.map((w) => w.message)).toEqual([
      "the document has no `info`, which it must have: generated without a title or version; add `info: { title: ..., version: ... }`",
    ]);
  });

  it("a missing description beside a real error is no excuse: the error is reported", async () => {
    await expect(
      load(`openapi: "3.0.3"
info: { title: t, version: "1" }
paths:
  /pets:
    get:
      responses:
        "200":
          content: {}
      deprecated: soon
`),
    ).rejects.toThrow(/must be boolean \(at \/paths\/~1pets\/get\/deprecated\)/);
  });
});
