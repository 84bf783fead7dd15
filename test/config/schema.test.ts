// config.schema.json is the one description of the config: the CLI's fields and allowed values are
// read from it, and the CLI and the schema (checked with Ajv, JSON Schema 2020-12) agree on every
// config below: the same ones accepted, the same ones refused.
import fs from "node:fs/promises";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import {
  API_KEYS,
  CONFIG_SCHEMA,
  FORMATTERS,
  IMPORT_EXTENSIONS,
  readConfig,
  VALIDATORS_FORMS,
} from "../../generator/config.js";
import { DEFAULT_LIMITS } from "../../generator/load/limits.js";
import { ROOT, scratch } from "../helpers.js";

const validate = new Ajv2020({ strict: true, allErrors: true }).compile(CONFIG_SCHEMA);
const api = { name: "users", spec: "specs/users.yaml", out: "generated/users" };

/** Every field of an API with a value the CLI accepts. */
const EVERY_FIELD: Record<string, unknown> = {
  ...api,
  templates: "templates",
  importExtension: ".ts",
  format: "prettier",
  validators: "js",
  allowRemoteRefs: true,
  allowOutsideRefs: false,
  mocks: { msw: true },
  query: true,
  dates: true,
  limits: { maxFileBytes: 1000, maxAliasCount: 10, maxDepth: 50 },
};

async function cli(config: unknown): Promise<boolean> {
  const dir = await scratch({ "specforge.config.json": JSON.stringify(config) });
  return readConfig("specforge.config.json", dir).then(
    () => true,
    () => false,
  );
}

describe("config.schema.json", () => {
  it("lists every field the CLI accepts, each with a description, and the CLI's values", () => {
    const fields = CONFIG_SCHEMA.$defs.api.properties as Record<string, { description?: string }>;
    expect(Object.keys(EVERY_FIELD).sort()).toEqual([...API_KEYS].sort());
    for (const [name, field] of Object.entries(fields)) expect(field.description, name).toBeTruthy();
    expect(IMPORT_EXTENSIONS).toEqual([".js", ".ts", "none"]);
    expect(FORMATTERS).toEqual(["prettier", "biome"]);
    expect(VALIDATORS_FORMS).toEqual(["ts", "js"]);
    const limits = (fields.limits as { properties: Record<string, { default: number }> }).properties;
    expect(Object.fromEntries(Object.entries(limits).map(([k, v]) => [k, v.default]))).toEqual(DEFAULT_LIMITS);
  });

  it("accepts this repository's config and the README's", async () => {
    const ours = JSON.parse(await fs.readFile(path.join(ROOT, "specforge.config.json"), "utf8"));
    expect(validate(ours), JSON.stringify(validate.errors)).toBe(true);
    const readme = await fs.readFile(path.join(ROOT, "README.md"), "utf8");
    const block = /## Config\n[\s\S]*?```json\n([\s\S]*?)```/.exec(readme)![1]!;
    expect(validate(JSON.parse(block)), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each([
    ["every field", { apis: [EVERY_FIELD] }, true],
    ["with $schema", { $schema: "./node_modules/specforge/config.schema.json", apis: [api] }, true],
    ["mocks: true", { apis: [{ ...api, mocks: true }] }, true],
    ["no apis", {}, false],
    ["empty apis", { apis: [] }, false],
    ["an unknown root field", { apis: [api], extra: 1 }, false],
    ["an unknown API field", { apis: [{ ...api, outDir: "x" }] }, false],
    ["a missing out", { apis: [{ name: "a", spec: "s.yaml" }] }, false],
    ["an empty spec", { apis: [{ ...api, spec: "" }] }, false],
    ["a bad name", { apis: [{ ...api, name: "-users" }] }, false],
    ["an unknown import extension", { apis: [{ ...api, importExtension: ".mjs" }] }, false],
    ["an unknown formatter", { apis: [{ ...api, format: "dprint" }] }, false],
    ["an unknown validators form", { apis: [{ ...api, validators: "mjs" }] }, false],
    ["a string boolean", { apis: [{ ...api, query: "yes" }] }, false],
    ["mocks with an unknown field", { apis: [{ ...api, mocks: { handlers: true } }] }, false],
    ["an unknown limit", { apis: [{ ...api, limits: { maxRefs: 3 } }] }, false],
    ["a zero limit", { apis: [{ ...api, limits: { maxDepth: 0 } }] }, false],
  ])("%s: the CLI and the schema agree", async (_, config, ok) => {
    expect(validate(config)).toBe(ok);
    expect(await cli(config)).toBe(ok);
  });
});
