// Benchmark: what the generated output costs the repository that commits it, beside
// openapi-typescript's types for the same spec, in one run on one machine: bytes per file,
// `tsc --noEmit --strict` over the whole output (wall time and peak memory, fresh processes), and the
// minified bundle of a script that calls one operation.
// GitHub's REST spec (13 MB) is fetched on demand from npm (@octokit/openapi, pinned) into
// bench/.cache/: never by `npm ci` or `npm test`. With --features, the output is generated with mocks,
// dates and query options on, and tsc reads every file. Both forms of the validators are measured:
// validators.ts (the default, compiled by the user's tsc with its bodies unchecked) and validators.js
// with validators.d.ts (`--validators js`). Usage: node bench/output.mjs [--runs N] [--no-github]
// [--features] [--only NAME]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { consumerProject, githubSpec, measure, median } from "./measure.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const runsArg = process.argv.indexOf("--runs");
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 1;
// [label, spec file, an operation's client method for the one-call bundle]
const specs = [
  ["argyle-users", path.join(root, "specs", "argyle-users.yaml"), "retrieveUser"],
  ["stripe", path.join(root, "test", "corpus", "stripe-spec3-2023-09-05.yaml"), "getCustomersCustomer"],
];
if (!process.argv.includes("--no-github")) specs.push(["github", githubSpec(), "reposGet"]);
const onlyArg = process.argv.indexOf("--only");
const only = onlyArg > 0 ? process.argv[onlyArg + 1] : undefined;

/**
 * tsc over each folder, RUNS times, the folders' runs interleaved (ours, peer, ours, ...) so that each
 * ratio compares runs made at the same time on a machine whose speed drifts.
 */
async function tsc(...dirs) {
  const samples = dirs.map(() => []);
  for (let i = 0; i < RUNS; i++)
    for (const [d, dir] of dirs.entries())
      samples[d].push(
        // tsc exits 2 on type errors: the run is still measured, and the errors reported.
        await measure(path.join(root, "node_modules", "typescript", "bin", "tsc"), ["-p", dir], {
          nodeArgs: ["--max-old-space-size=8192"],
          allowFailure: true,
        }),
      );
  return samples.map((runs) => ({
    ms: median(runs.map((s) => s.ms)),
    mb: Math.max(...runs.map((s) => s.mb)),
    errors: runs[0].stdout.split("\n").filter((l) => l.includes("error TS")),
  }));
}

const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KB`;
const mb = (bytes) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : kb(bytes));
const secs = (r) => `${(r.ms / 1000).toFixed(2)} s, ${Math.round(r.mb)} MB`;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "specforge-output-"));
const cli = path.join(root, "dist", "generator", "cli.js");
const ots = path.join(root, "node_modules", "openapi-typescript", "bin", "cli.js");
const rows = [];
console.log(
  `node ${process.version}, ${os.cpus().length} cores, tsc ${RUNS} run(s) each, interleaved (median wall time, peak RSS)\n`,
);
for (const [name, file, method] of specs) {
  if (only !== undefined && name !== only) continue;
  const ours = path.join(tmp, name, "ours");
  const oursJs = path.join(tmp, name, "ours-js");
  const peer = path.join(tmp, name, "peer");
  fs.mkdirSync(peer, { recursive: true });
  const features = process.argv.includes("--features") ? ["--mocks", "--dates", "--query"] : [];
  await measure(cli, ["generate", "--spec", file, "--out", ours, "--name", name, ...features]);
  await measure(cli, ["generate", "--spec", file, "--out", oursJs, "--name", name, "--validators", "js", ...features]);
  await measure(ots, [file, "-o", path.join(peer, "types.ts")]);
  // index.ts imports every file but the optional ones (mocks.ts, msw.ts, query.ts): all are roots.
  for (const dir of [ours, oursJs])
    consumerProject(
      dir,
      fs.readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts")),
    );
  consumerProject(peer, ["types.ts"]);
  const [oursTsc, oursJsTsc, peerTsc] = await tsc(ours, oursJs, peer);

  // One operation called from a script, bundled and minified as an app would ship it: through its
  // standalone function (tree-shakeable), and through createClient (every operation).
  if (!fs.readFileSync(path.join(ours, "client.ts"), "utf8").includes(`export function ${method}(`))
    throw new Error(`${name}: no operation function ${method}`);
  const bundled = async (file, source) => {
    const entry = path.join(tmp, name, file);
    fs.writeFileSync(entry, source);
    const bundle = await esbuild.build({
      entryPoints: [entry],
      bundle: true,
      minify: true,
      write: false,
      format: "esm",
      logLevel: "silent",
    });
    return bundle.outputFiles[0].contents.length;
  };
  const bundleBytes = await bundled(
    "entry.ts",
    `import { createConfig, ${method} } from "./ours/client.js";\nconst config = createConfig({ baseUrl: "http://127.0.0.1:9" });\nexport const call = (input: any) => ${method}(config, input);\n`,
  );
  const clientBundleBytes = await bundled(
    "entry-client.ts",
    `import { createClient } from "./ours/client.js";\nexport const call = (input: any) => (createClient({ baseUrl: "http://127.0.0.1:9" }) as any).${method}(input);\n`,
  );

  const sizes = Object.fromEntries(
    fs
      .readdirSync(ours)
      .filter((f) => /\.[jt]s$/.test(f))
      .map((f) => [f, fs.statSync(path.join(ours, f)).size]),
  );
  const jsSizes = Object.fromEntries(
    fs
      .readdirSync(oursJs)
      .filter((f) => /\.[jt]s$/.test(f))
      .map((f) => [f, fs.statSync(path.join(oursJs, f)).size]),
  );
  const sum = (s) => Object.values(s).reduce((a, b) => a + b, 0);
  const peerBytes = fs.statSync(path.join(peer, "types.ts")).size;
  rows.push({
    name,
    form: "ts",
    file,
    sizes,
    total: sum(sizes),
    peerBytes,
    oursTsc,
    peerTsc,
    bundleBytes,
    clientBundleBytes,
  });
  rows.push({ name, form: "js", file, sizes: jsSizes, total: sum(jsSizes), peerBytes, oursTsc: oursJsTsc, peerTsc });
}
fs.rmSync(tmp, { recursive: true, force: true });

console.log(
  "| spec | validators | specforge output | openapi-typescript | tsc: specforge (every file) | tsc: openapi-typescript | tsc time ratio | tsc memory ratio | one operation bundled | createClient bundled |",
);
console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
for (const r of rows) {
  const files = ["validators.ts", "validators.js", "validators.d.ts", "types.ts", "models.ts", "client.ts"]
    .filter((f) => r.sizes[f] !== undefined)
    .map((f) => `${f} ${mb(r.sizes[f])}`)
    .join(", ");
  const fails =
    r.oursTsc.errors.length > 0 ? ` (${r.oursTsc.errors.length} errors: ${r.oursTsc.errors[0].slice(0, 120)})` : "";
  const bundles = r.bundleBytes === undefined ? "| |" : `| ${kb(r.bundleBytes)} | ${kb(r.clientBundleBytes)} |`;
  console.log(
    `| ${r.name} (${mb(fs.statSync(r.file).size)}) | ${r.form} | ${mb(r.total)}: ${files} | ${mb(r.peerBytes)} | ${secs(r.oursTsc)}${fails} | ${secs(r.peerTsc)} | ${(r.oursTsc.ms / r.peerTsc.ms).toFixed(2)}x | ${(r.oursTsc.mb / r.peerTsc.mb).toFixed(1)}x ${bundles}`,
  );
}
