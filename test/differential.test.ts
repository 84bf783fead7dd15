// Differential tests: for every schema of specs/ and a sample from real-world specs, values made by
// fast-check (valid, near-valid and random) are judged by our validators and by ajv. Accept/reject
// must agree, except for the documented differences listed in README (each excluded explicitly here).
import fs from "node:fs/promises";
import path from "node:path";
import { Ajv } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import formats from "ajv-formats";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { formats as ourFormats } from "../templates/validators-runtime.js";
import { toJsonSchema } from "./ajv-schema.js";
import { CORPUS, loadValidators, ROOT } from "./helpers.js";

type Raw = Record<string, any>;

/** Values for a schema: mostly shaped like it (valid or nearly), sometimes anything at all. */
function valuesFor(doc: Raw, schema: Raw, depth = 0): fc.Arbitrary<unknown> {
  const any = fc.jsonValue({ maxDepth: 2 });
  if (!schema || typeof schema !== "object" || depth > 4) return any;
  if (typeof schema.$ref === "string") {
    const target = schema.$ref
      .split("/")
      .slice(1)
      .reduce((n: Raw, k: string) => n?.[k.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
    return valuesFor(doc, target, depth + 1);
  }
  const options: fc.Arbitrary<unknown>[] = [];
  if (Array.isArray(schema.enum) && schema.enum.length > 0) options.push(fc.constantFrom(...schema.enum));
  if (schema.example !== undefined) options.push(fc.constant(schema.example));
  for (const key of ["oneOf", "anyOf", "allOf"])
    if (Array.isArray(schema[key])) options.push(...schema[key].map((s: Raw) => valuesFor(doc, s, depth + 1)));
  const types: string[] = Array.isArray(schema.type)
    ? schema.type
    : schema.type
      ? [schema.type]
      : schema.properties
        ? ["object"]
        : [];
  for (const type of types) {
    if (type === "string") options.push(stringsFor(schema));
    if (type === "integer") {
      const min = (schema.minimum ?? -5) - 2;
      options.push(fc.integer({ min, max: Math.max(min + 10, (schema.maximum ?? min + 1000) + 2) }));
    }
    if (type === "number")
      options.push(
        fc.oneof(
          fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
          fc.integer({ min: -10, max: 300 }),
        ),
      );
    if (type === "boolean") options.push(fc.boolean());
    if (type === "array") options.push(fc.array(valuesFor(doc, schema.items, depth + 1), { maxLength: 4 }));
    if (type === "object") options.push(objectsFor(doc, schema, depth));
  }
  if (schema.nullable) options.push(fc.constant(null));
  return options.length === 0
    ? any
    : fc.oneof({ weight: 8, arbitrary: fc.oneof(...options) }, { weight: 1, arbitrary: any });
}

function stringsFor(schema: Raw): fc.Arbitrary<string> {
  const samples = [
    "",
    "a",
    "Sarah",
    "sarah@email.com",
    "a@b",
    "018051aa-f7a9-a0db-2f38-6cfa325e9d69",
    "2023-01-30",
    "2023-02-30",
    "2023-01-30T22:25:38.971Z",
    "https://example.com/x",
    "US",
    "usa",
    "+12125555555",
    "212-555-5555",
    "x".repeat(101),
    "😀",
    "aGk=",
    "192.168.0.1",
    "::1",
  ];
  return fc.oneof(
    fc.constantFrom(...samples),
    fc.string({ minLength: schema.minLength ?? 0, maxLength: (schema.maxLength ?? 12) + 2 }),
  );
}

function objectsFor(doc: Raw, schema: Raw, depth: number): fc.Arbitrary<unknown> {
  const props: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, sub] of Object.entries((schema.properties ?? {}) as Raw).slice(0, 12))
    props[name] = valuesFor(doc, sub as Raw, depth + 1);
  const required = (schema.required ?? []).filter((r: string) => r in props);
  const record = fc.record(props, { requiredKeys: required });
  const dropOne = fc.record(props, { requiredKeys: [] });
  return fc.oneof(
    record,
    dropOne,
    fc
      .tuple(record, fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 }))
      .map(([a, b]) => ({ ...b, ...a })),
  );
}

/** Schemas whose results may legitimately differ from ajv (see README, "Differences from ajv"). */
function usesDocumentedDifference(doc: Raw, schema: unknown, seen = new Set<unknown>()): boolean {
  if (!schema || typeof schema !== "object" || seen.has(schema)) return false;
  seen.add(schema);
  const s = schema as Raw;
  if (s.discriminator) return true;
  if (typeof s.multipleOf === "number" && !Number.isInteger(s.multipleOf)) return true;
  if (typeof s.$ref === "string") {
    const target = s.$ref
      .split("/")
      .slice(1)
      .reduce((n: Raw, k: string) => n?.[k.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
    return usesDocumentedDifference(doc, target, seen);
  }
  return Object.values(s).some((v) => usesDocumentedDifference(doc, v, seen));
}

async function compare(
  label: string,
  file: string,
  pick: (names: string[]) => string[],
  runs: number,
  compact?: boolean,
) {
  const text = await fs.readFile(file, "utf8");
  const doc = parse(text, { maxAliasCount: -1 }) as Raw;
  const v31 = String(doc.openapi).startsWith("3.1");
  const options = { strict: false, allErrors: false, logger: false as const, validateFormats: true };
  // OpenAPI 3.1 schemas are draft 2020-12 (prefixItems, dependentRequired, minContains, ...).
  const ajv = v31 ? new Ajv2020(options) : new Ajv(options);
  formats.default(ajv);
  // Where our format rules deliberately differ from ajv-formats (README, "Differences from ajv"), ajv
  // gets our rules, so everything else is compared exactly; the rules themselves have their own tests.
  for (const name of ["date-time", "uri", "uuid", "email", "ipv6", "hostname"]) ajv.addFormat(name, ourFormats[name]!);
  ajv.addSchema({ ...(toJsonSchema(doc, v31) as Raw), $id: "doc" });
  const { module, files } = await loadValidators(text, {
    typecheck: false,
    ...(compact !== undefined ? { compact } : {}),
  });
  const names = pick(Object.keys(doc.components?.schemas ?? {}));
  let compared = 0;
  let exactly = 0;
  for (const name of names) {
    const raw = doc.components.schemas[name];
    const exact = !usesDocumentedDifference(doc, raw);
    const validator = Object.entries(module).find(([k]) => k === `validate${name.replace(/[^A-Za-z0-9]/g, "")}`)?.[1] as
      | ((v: unknown) => { ok: boolean })
      | undefined;
    if (!validator) continue;
    const theirs = ajv.compile({ $ref: `doc#/components/schemas/${name.replace(/~/g, "~0").replace(/\//g, "~1")}` });
    fc.assert(
      fc.property(valuesFor(doc, raw), (value) => {
        const ours = validator(value).ok;
        const expected = theirs(value) as boolean;
        if (exact)
          expect({ schema: `${label}#${name}`, value, ours }).toEqual({
            schema: `${label}#${name}`,
            value,
            ours: expected,
          });
      }),
      { numRuns: runs, seed: 42 },
    );
    compared++;
    if (exact) exactly++;
  }
  expect(compared).toBeGreaterThan(0);
  // Most schemas are compared exactly; only discriminators and decimal multipleOf are exempt.
  expect(exactly / compared).toBeGreaterThan(0.5);
  return { compared, files };
}

describe("our validators and ajv agree", () => {
  it("on every schema of specs/argyle-users.yaml", async () => {
    await compare("argyle-users", path.join(ROOT, "specs", "argyle-users.yaml"), (n) => n, 300);
  });

  it("on schemas that use draft 2020-12's applicators (if/then/else, contains, patternProperties, dependent*, propertyNames, boolean schemas)", async () => {
    const { compared } = await compare(
      "keywords-2020",
      path.join(ROOT, "test", "fixtures", "keywords-2020.yaml"),
      (n) => n,
      300,
    );
    expect(compared).toBe(8);
  });

  it.each([
    ["swagger-petstore-v3.yaml", 1],
    ["oai-v3.0-petstore-expanded.yaml", 1],
    ["apisguru-spotify.json", 3],
    ["readme-discriminators.yaml", 1],
    ["apisguru-squareup.json", 20],
    ["clerk-backend-api-2025-11-10.yml", 4],
  ])("on a sample of %s", async (file, every) => {
    await compare(file, path.join(CORPUS, file), (names) => names.filter((_, i) => i % every === 0).slice(0, 40), 60);
  });

  // The compact form, which large specs get (every member and component checked by its function).
  it.each([
    ["argyle-users", path.join(ROOT, "specs", "argyle-users.yaml"), 1],
    ["keywords-2020", path.join(ROOT, "test", "fixtures", "keywords-2020.yaml"), 1],
    ["readme-discriminators.yaml", path.join(CORPUS, "readme-discriminators.yaml"), 1],
    ["apisguru-squareup.json", path.join(CORPUS, "apisguru-squareup.json"), 20],
  ])("in the compact form, on %s", async (label, file, every) => {
    const { files } = await compare(
      label,
      file,
      (names) => names.filter((_, i) => i % every === 0).slice(0, 40),
      100,
      true,
    );
    // Nothing in place: each member is checked by a call, so no property is read into a local.
    expect(files.get("validators.ts")).not.toMatch(/const p\d+ = v\./);
  });
});
