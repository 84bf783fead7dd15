// Output that TypeScript can analyse whatever the spec's size: a schema of 3,000 properties (one flat
// function for it was "too large for control flow analysis", TS2563) and one nested 150 levels deep
// generate, type-check under --strict, and judge values with the right paths.
import { beforeAll, describe, expect, it } from "vitest";
import { PROPERTIES_PER_FUNCTION } from "../generator/emit/validators/keywords.js";
import { loadValidators, typedValidators } from "./helpers.js";

const WIDTH = 3_000;
const DEPTH = 150;

function spec(): string {
  const wide = Object.fromEntries(
    Array.from({ length: WIDTH }, (_, i) => [`p${i}`, i % 2 ? { type: "string", maxLength: 3 } : { type: "integer" }]),
  );
  let deep: Record<string, unknown> = { type: "string" };
  for (let i = 0; i < DEPTH; i++) deep = { type: "object", required: ["n"], properties: { n: deep } };
  // An inline wide object as an array item: its helpers run with the item's index on the path.
  const row = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`q${i}`, { type: "boolean" }]));
  return JSON.stringify({
    openapi: "3.0.3",
    info: { title: "scale", version: "1" },
    paths: {},
    components: {
      schemas: {
        Wide: { type: "object", required: ["p0", `p${WIDTH - 1}`], properties: wide },
        Deep: deep,
        Rows: { type: "array", items: { type: "object", properties: row, additionalProperties: false } },
      },
    },
  });
}

describe("a schema of 3,000 properties and one nested 150 levels deep", () => {
  let v: Record<string, any>;
  let validators: string;
  beforeAll(async () => {
    // 150 schema levels are 300 levels of JSON: past the default maxDepth (200), raised as a user would.
    const loaded = await loadValidators(spec(), { limits: { maxDepth: 2 * DEPTH + 20 } });
    v = loaded.module;
    validators = typedValidators(loaded.model);
  }, 120_000);

  it("type-check (loadValidators compiled them) with no function over the property budget", () => {
    const helpers = validators.match(/^function properties\$\d+\(/gm) ?? [];
    expect(helpers.length).toBe(Math.ceil(WIDTH / PROPERTIES_PER_FUNCTION) + Math.ceil(100 / PROPERTIES_PER_FUNCTION));
  });

  it("judge every property, in order, with its path", () => {
    const value: Record<string, unknown> = {};
    for (let i = 0; i < WIDTH; i++) value[`p${i}`] = i % 2 ? "abc" : i;
    expect(v.validateWide(value)).toEqual({ ok: true, value });
    const bad: Record<string, unknown> = { ...value, p1: "long", p2998: "x", p2999: 5 };
    delete bad.p0;
    expect(v.validateWide(bad).issues).toEqual([
      { path: ["p0"], code: "required", message: "is required" },
      { path: ["p1"], code: "maxLength", message: "must be at most 3 characters" },
      { path: ["p2998"], code: "type", message: "must be an integer" },
      { path: ["p2999"], code: "type", message: "must be a string" },
    ]);
  });

  it("keep the enclosing path inside the helpers", () => {
    expect(v.validateRows([{ q0: true }, { q99: 1, q64: "x", extra: 1 }]).issues).toEqual([
      { path: [1, "q64"], code: "type", message: "must be a boolean" },
      { path: [1, "q99"], code: "type", message: "must be a boolean" },
      { path: [1, "extra"], code: "additionalProperties", message: "is not allowed" },
    ]);
  });

  it("judge the deepest value with its full path", () => {
    let value: unknown = 1;
    for (let i = 0; i < DEPTH; i++) value = { n: value };
    expect(v.validateDeep(value).issues).toEqual([
      { path: Array(DEPTH).fill("n"), code: "type", message: "must be a string" },
    ]);
  });
});
