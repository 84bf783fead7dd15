// Benchmark: the generated update-user request validator against ajv (compiled once, ajv-formats)
// and zod (an equivalent hand-written schema), on valid and invalid inputs, in one run. Prints
// ops/sec and ratios. Usage: npm run bench
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Ajv } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import * as esbuild from "esbuild";
import { parse } from "yaml";
import { z } from "zod";
import { githubSpec, median } from "./measure.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The validators.ts in `dir`, compiled as a user's toolchain compiles it (types stripped), imported. */
async function importValidators(dir) {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "specforge-bench-validators-"));
  const { code } = await esbuild.transform(fs.readFileSync(path.join(dir, "validators.ts"), "utf8"), {
    loader: "ts",
    format: "esm",
    target: "es2022",
  });
  fs.writeFileSync(path.join(out, "validators.mjs"), code);
  return import(pathToFileURL(path.join(out, "validators.mjs")).href);
}

const ours = await importValidators(path.join(root, "generated", "argyle-users"));

// ajv: the same OpenAPI schemas, as JSON Schema (3.0 `nullable` is native to ajv).
const doc = parse(fs.readFileSync(path.join(root, "specs", "argyle-users.yaml"), "utf8"));
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats.default(ajv);
ajv.addSchema({ $id: "doc", components: doc.components });
const ajvUpdate = ajv.compile({
  type: "object",
  required: ["id", "body"],
  additionalProperties: false,
  properties: { id: { type: "string", format: "uuid" }, body: { $ref: "doc#/components/schemas/UserRequest" } },
});

// zod: the same rules written by hand.
const nullableString = z.string().nullable();
const zodUpdate = z.strictObject({
  id: z
    .uuid({ version: undefined })
    .or(z.string().regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/)),
  body: z.object({
    first_name: z.string().optional(),
    last_name: z.string().optional(),
    email: z.email().optional(),
    phone_number: z
      .string()
      .regex(/^\+?\(?[0-9][0-9 ().-]{5,18}[0-9]$/u)
      .optional(),
    ssn: z.string().optional(),
    address: z
      .object({
        city: nullableString.optional(),
        line1: nullableString.optional(),
        line2: nullableString.optional(),
        state: nullableString.optional(),
        country: z
          .string()
          .min(2)
          .max(2)
          .regex(/^[A-Z]{2}$/u)
          .nullable()
          .optional(),
        postal_code: nullableString.optional(),
      })
      .optional(),
    birth_date: z
      .object({
        year: z.int().min(1900).nullable().optional(),
        month: z.int().min(1).max(12).nullable().optional(),
        day: z.int().min(1).max(31).nullable().optional(),
      })
      .optional(),
    external_metadata: z.unknown().optional(),
    open_banking: z
      .object({
        end_user: z.object({
          name: z.string(),
          address: z.string(),
          city: z.string(),
          state: z.string(),
          zip: z.string(),
          phone: z.string().regex(/^(?:[0-9]-?){9,10}[0-9]$/u),
        }),
      })
      .optional(),
    external_id: z.string().max(100).nullable().optional(),
  }),
});

const valid = {
  id: "018051aa-f7a9-a0db-2f38-6cfa325e9d69",
  body: {
    first_name: "Sarah",
    last_name: "Longfield",
    email: "sarah@email.com",
    phone_number: "+12125555555",
    address: { city: "New York", line1: "123 Main St", line2: null, state: "NY", country: "US", postal_code: "10001" },
    birth_date: { year: 1990, month: 1, day: 13 },
    external_metadata: { notes: "Moved to stage 2 of loan approval.", category: "Summer Initiative" },
    open_banking: {
      end_user: {
        name: "Lender",
        address: "1 Main St",
        city: "New York",
        state: "NY",
        zip: "10001",
        phone: "212-555-5555",
      },
    },
    external_id: "July_Connection",
  },
};
const invalid = structuredClone(valid);
invalid.body.email = "sarah@";
invalid.body.birth_date.month = 13;
invalid.body.address.country = "usa";

/**
 * Times each judge on a valid and an invalid input, after checking it judges both as expected.
 * Rounds alternate between the judges so machine noise hits them alike; each reports its median.
 */
function benchmark(what, judges, valid, invalid) {
  for (const [name, judge] of Object.entries(judges)) {
    if (judge(valid) !== true || judge(invalid) !== false)
      throw new Error(`${name} does not judge the ${what} samples as expected`);
  }
  const rows = [];
  for (const [label, input] of [
    ["valid", valid],
    ["invalid", invalid],
  ]) {
    const samples = Object.fromEntries(Object.keys(judges).map((name) => [name, []]));
    for (const judge of Object.values(judges)) timeRound(judge, input, 300); // warm up
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, judge] of Object.entries(judges)) samples[name].push(timeRound(judge, input, 200));
    }
    rows.push({ label, ...Object.fromEntries(Object.entries(samples).map(([name, xs]) => [name, median(xs)])) });
  }
  return rows;
}

function timeRound(fn, input, ms) {
  let runs = 0;
  const started = process.hrtime.bigint();
  const budget = BigInt(ms) * 1_000_000n;
  while (process.hrtime.bigint() - started < budget) {
    for (let i = 0; i < 1000; i++) fn(input);
    runs += 1000;
  }
  return runs / (Number(process.hrtime.bigint() - started) / 1e9);
}

const ROUNDS = 9;
const rows = benchmark(
  "updateUser",
  {
    specforge: (v) => ours.validateUpdateUserRequest(v).ok,
    ajv: (v) => ajvUpdate(v),
    zod: (v) => zodUpdate.safeParse(v).success,
  },
  valid,
  invalid,
);
const fmt = (n) => `${Math.round(n).toLocaleString("en-US")}/s`;
console.log(
  `\nValidator: updateUser request (node ${process.version}; median of ${ROUNDS} interleaved rounds; every validator collects all errors)\n`,
);
console.log("| input | specforge | ajv | zod | vs ajv | vs zod |");
console.log("| --- | --- | --- | --- | --- | --- |");
for (const r of rows) {
  console.log(
    `| ${r.label} | ${fmt(r.specforge)} | ${fmt(r.ajv)} | ${fmt(r.zod)} | ${(r.specforge / r.ajv).toFixed(2)}x | ${(r.specforge / r.zod).toFixed(2)}x |`,
  );
}

// Draft 2020-12's applicators (OpenAPI 3.1): one schema using if/then/else, contains with
// min/maxContains, patternProperties beside additionalProperties, propertyNames and
// dependentRequired, generated into a scratch folder and judged beside ajv (Ajv2020).
const { generateApi } = await import(pathToFileURL(path.join(root, "dist", "generator", "index.js")).href);
const order = {
  type: "object",
  required: ["kind", "lines"],
  properties: {
    kind: { enum: ["retail", "wholesale"] },
    discount: { type: "number", minimum: 0, maximum: 1 },
    lines: {
      type: "array",
      items: {
        type: "object",
        required: ["sku", "qty"],
        properties: { sku: { type: "string" }, qty: { type: "integer", minimum: 1 } },
      },
      contains: { properties: { qty: { minimum: 10 } } },
      minContains: 1,
      maxContains: 5,
    },
    card: { type: "string" },
    billing: { type: "string" },
  },
  patternProperties: { "^x-": { type: "string" } },
  additionalProperties: false,
  propertyNames: { maxLength: 20 },
  dependentRequired: { card: ["billing"] },
  if: { properties: { kind: { const: "wholesale" } } },
  // biome-ignore lint/suspicious/noThenProperty: JSON Schema's keyword, in a schema never awaited
  then: { required: ["discount"] },
};
const keywordsDir = fs.mkdtempSync(path.join(os.tmpdir(), "specforge-bench-keywords-"));
const keywordsSpec = path.join(keywordsDir, "spec.json");
fs.writeFileSync(
  keywordsSpec,
  JSON.stringify({
    openapi: "3.1.0",
    info: { title: "k", version: "1" },
    paths: {},
    components: { schemas: { Order: order } },
  }),
);
const generated = await generateApi(
  {
    name: "k",
    spec: keywordsSpec,
    out: path.join(keywordsDir, "out"),
    base: keywordsDir,
    allowRemoteRefs: false,
    allowOutsideRefs: false,
  },
  { cwd: keywordsDir },
);
fs.mkdirSync(path.join(keywordsDir, "out"));
for (const [name, text] of generated.files) fs.writeFileSync(path.join(keywordsDir, "out", name), text);
const keywordValidators = await importValidators(path.join(keywordsDir, "out"));
const ajv2020 = new Ajv2020({ allErrors: true, strict: false });
const ajvOrder = ajv2020.compile(order);
const orderValid = {
  kind: "wholesale",
  discount: 0.1,
  lines: [
    { sku: "A-1", qty: 12 },
    { sku: "B-2", qty: 1 },
  ],
  card: "4242",
  billing: "NYC",
  "x-trace": "abc",
};
const orderInvalid = { kind: "wholesale", lines: [{ sku: "A-1", qty: 2 }], card: "4242", extra: 1 };
const orderRows = benchmark(
  "2020-12",
  { specforge: (v) => keywordValidators.validateOrder(v).ok, ajv: (v) => ajvOrder(v) },
  orderValid,
  orderInvalid,
);
fs.rmSync(keywordsDir, { recursive: true, force: true });
console.log(
  `\nValidator: a draft 2020-12 schema (if/then/else, contains, patternProperties, propertyNames, dependentRequired)\n`,
);
console.log("| input | specforge | ajv | vs ajv |");
console.log("| --- | --- | --- | --- |");
for (const r of orderRows)
  console.log(`| ${r.label} | ${fmt(r.specforge)} | ${fmt(r.ajv)} | ${(r.specforge / r.ajv).toFixed(2)}x |`);

// GitHub's REST spec: large enough (49,316 schema nodes) for the validators' compact form, where
// every member and component is checked by its shared function and nothing is written in place.
// Each component schema with a documented example, judged beside ajv on the example (valid) and on
// the example with the first three strings in it made numbers (invalid). `--no-github` skips it.
if (!process.argv.includes("--no-github")) {
  const githubDoc = JSON.parse(fs.readFileSync(githubSpec(), "utf8"));
  const githubDir = fs.mkdtempSync(path.join(os.tmpdir(), "specforge-bench-github-"));
  const githubOut = await generateApi(
    { name: "github", spec: githubSpec(), out: path.join(githubDir, "out"), base: githubDir },
    { cwd: githubDir },
  );
  fs.mkdirSync(path.join(githubDir, "out"));
  for (const [name, text] of githubOut.files) fs.writeFileSync(path.join(githubDir, "out", name), text);
  const githubValidators = await importValidators(path.join(githubDir, "out"));
  // OpenAPI 3.0's dialect as ajv reads it: the harness's conversion (test/ajv-schema.ts).
  const { code: converter } = await esbuild.transform(
    fs.readFileSync(path.join(root, "test", "ajv-schema.ts"), "utf8"),
    {
      loader: "ts",
      format: "esm",
    },
  );
  fs.writeFileSync(path.join(githubDir, "ajv-schema.mjs"), converter);
  const { toJsonSchema } = await import(pathToFileURL(path.join(githubDir, "ajv-schema.mjs")).href);
  const githubAjv = new Ajv({ allErrors: true, strict: false });
  addFormats.default(githubAjv);
  for (const name of ["uri-template", "repo.nwo"]) githubAjv.addFormat(name, true);
  githubAjv.addSchema({ $id: "doc", components: toJsonSchema(githubDoc.components, false) });
  const githubRows = [];
  // The five largest examples named as their schema that meet it (some of GitHub's examples break
  // their own schema, a required member missing: judged invalid by both, they would time failure twice).
  const camel = (name) => name.replace(/(^|-)(\w)/g, (_, __, c) => c.toUpperCase());
  const samples = Object.entries(githubDoc.components.examples)
    .filter(([name]) => githubDoc.components.schemas[name] && githubValidators[`validate${camel(name)}`])
    .map(([name, e]) => [name, Array.isArray(e.value) ? e.value[0] : e.value])
    .filter(
      ([name, value]) =>
        value && typeof value === "object" && githubAjv.getSchema(`doc#/components/schemas/${name}`)(value),
    )
    .sort((a, b) => JSON.stringify(b[1]).length - JSON.stringify(a[1]).length)
    .slice(0, 5);
  for (const [name, valid] of samples) {
    // The first three strings met depth-first made numbers.
    const invalid = structuredClone(valid);
    let broken = 0;
    const breakStrings = (node) => {
      for (const [key, value] of Object.entries(node)) {
        if (broken === 3) return;
        if (typeof value === "string") {
          node[key] = 1;
          broken++;
        } else if (value && typeof value === "object") breakStrings(value);
      }
    };
    breakStrings(invalid);
    const check = githubValidators[`validate${camel(name)}`];
    const theirs = githubAjv.getSchema(`doc#/components/schemas/${name}`);
    for (const row of benchmark(name, { specforge: (v) => check(v).ok, ajv: (v) => theirs(v) }, valid, invalid))
      githubRows.push({ name, ...row });
  }
  fs.rmSync(githubDir, { recursive: true, force: true });
  console.log(`\nValidator: GitHub's component schemas, the compact form (large specs), beside ajv\n`);
  console.log("| schema | input | specforge | ajv | vs ajv |");
  console.log("| --- | --- | --- | --- | --- |");
  for (const r of githubRows)
    console.log(
      `| ${r.name} | ${r.label} | ${fmt(r.specforge)} | ${fmt(r.ajv)} | ${(r.specforge / r.ajv).toFixed(2)}x |`,
    );
}
