// The corpus check, for one real-world spec of test/corpus/: it generates with mocks on (small ones
// also match whole-file snapshots of models, validators, client and index, which mocks leave as they
// are); every mock passes its own result validator, every warning is located; all its files type-check
// under --strict (and the stricter flags); the compiled output imports in a fresh Node process without
// side effects; and the warnings it gets are recorded in a snapshot. Used by test/corpus.test.ts and
// test/corpus-large.test.ts (the two largest specs apart, so the two halves run on two cores).
import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { expect } from "vitest";
import { formatWarning } from "../generator/errors.js";
import { generateApi } from "../generator/index.js";
import { CORPUS, scratch, transpile, typecheckOutput } from "./helpers.js";

const run = promisify(execFile);
/** Every spec in test/corpus/, by name. */
export const CORPUS_SPECS = (await fs.readdir(CORPUS)).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();

/** The largest specs (plaid, 2,275 schemas; stripe, 3.9 MB), checked in a file of their own. */
export const LARGE_SPECS = ["plaid-2020-09-14.yml", "stripe-spec3-2023-09-05.yaml"];

/** Small specs whose generated files are also kept whole as snapshots (test/__snapshots__/corpus/). */
const SNAPSHOT_SPECS = [
  "oai-v3.0-petstore-expanded.yaml",
  "oai-v3.0-link-example.yaml",
  "oai-v3.1-non-oauth-scopes.yaml",
  "swagger-petstore-v3.yaml",
  "readme-file-uploads.yaml",
  "apisguru-personio-authentication.json",
  "readme-discriminators.yaml",
];

/** Imports the compiled index.js in a new process: it must load, print nothing, and export what it should. */
const PROBE = `
const before = new Set(Object.getOwnPropertyNames(globalThis));
globalThis.fetch = () => { throw new Error("fetch called while importing"); };
const m = await import(process.argv[1]);
const added = Object.getOwnPropertyNames(globalThis).filter((n) => !before.has(n));
console.log(JSON.stringify({ exports: Object.keys(m).sort(), added }));
`;

/** Generates, type-checks and imports `name`, snapshotting its warnings (call inside a test). */
export async function checkCorpusSpec(name: string): Promise<void> {
  const out = await scratch({ "package.json": '{ "type": "module" }\n' });
  const api = {
    name: "corpus",
    spec: path.join(CORPUS, name),
    out,
    base: CORPUS,
    allowRemoteRefs: false,
    allowOutsideRefs: false,
  };
  const { files, warnings, model } = await generateApi(api, { cwd: CORPUS, mocks: true });
  expect(warnings.map(formatWarning)).toMatchSnapshot();
  for (const w of warnings) expect(w.location, w.message).toBeDefined();
  if (SNAPSHOT_SPECS.includes(name)) {
    const base = name.replace(/\.(ya?ml|json)$/, "");
    for (const file of ["models.ts", "index.ts", "validators.ts", "client.ts"]) {
      await expect(files.get(file)).toMatchFileSnapshot(`__snapshots__/corpus/${base}/${file}`);
    }
  }

  for (const [file, text] of files) await fs.writeFile(path.join(out, file), text);
  expect(await typecheckOutput(out, files, model)).toEqual([]);

  for (const file of [...files.keys()].filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts")))
    await transpile(out, files, file);
  const { stdout, stderr } = await run(
    process.execPath,
    ["--input-type=module", "-e", PROBE, pathToFileURL(path.join(out, "index.js")).href],
    { cwd: out, maxBuffer: 64 * 1024 * 1024 },
  );
  expect(stderr).toBe("");
  if (files.has("mocks.ts")) await checkMocks(out, model);
  await checkWithDates(api);
  const probe = JSON.parse(stdout) as { exports: string[]; added: string[] };
  expect(probe.added).toEqual([]);
  expect(probe.exports).toContain("toFieldErrors");
  if (files.has("client.ts")) expect(probe.exports).toContain("createClient");
}

/**
 * Every mock the compiled mocks.js serves passes the compiled validators.ts's result validator for
 * its status (checked here apart from the generator's own check), and mockFetch answers each
 * operation with its default status.
 */
async function checkMocks(out: string, model: import("../generator/model/index.js").ApiModel): Promise<void> {
  const mocks = (await import(pathToFileURL(path.join(out, "mocks.js")).href)) as Record<string, unknown>;
  const validators = (await import(pathToFileURL(path.join(out, "validators.js")).href)) as Record<
    string,
    (status: number, body: unknown) => { ok: boolean; issues?: unknown[] }
  >;
  for (const op of model.operations) {
    const mock = mocks[`mock${op.names.result}`] as ((status: number) => unknown) | undefined;
    const validate = validators[op.names.resultValidator];
    if (!mock || !validate) continue;
    for (const response of op.responses) {
      if (!/^\d{3}$/.test(response.status)) continue;
      const status = Number(response.status);
      const value = mock(status);
      if (value === undefined) continue;
      const result = validate(status, JSON.parse(JSON.stringify(value)));
      expect(result.issues ?? [], `${op.operationId} ${status}`).toEqual([]);
    }
  }
  const operations = mocks.OPERATIONS as { id: string; status: number; mock: (s: number) => unknown }[];
  expect(operations.map((o) => o.id)).toEqual(model.operations.map((o) => o.operationId));
}

/** The same spec with `"dates": true`: every file still type-checks under --strict, and imports. */
async function checkWithDates(api: Parameters<typeof generateApi>[0]): Promise<void> {
  const out = await scratch({ "package.json": '{ "type": "module" }\n' });
  const { files, model } = await generateApi({ ...api, out }, { cwd: CORPUS, dates: true, mocks: true });
  for (const [file, text] of files) await fs.writeFile(path.join(out, file), text);
  expect(await typecheckOutput(out, files, model)).toEqual([]);
  if (!files.has("client.ts")) return;
  await transpile(out, files, "models.ts");
  await transpile(out, files, "validators.ts");
  const client = (await import(pathToFileURL(await transpile(out, files, "client.ts")).href)) as Record<
    string,
    unknown
  >;
  expect(typeof client.createClient).toBe("function");
}
