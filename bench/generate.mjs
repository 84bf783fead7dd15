// Benchmark: the build-step loop. Wall time (median of N runs) and peak memory of `specforge generate`
// beside openapi-typescript's CLI on the same specs, on the same machine, in one run, as ratios, on
// three sizes (Users 21 KB, Stripe 3.9 MB, GitHub 12.4 MB); the same `generate` and `check` on an
// unchanged API beside a bare `node -e 0`; and a config of several APIs in one thread and in
// parallel. Each run is a fresh process, as in CI, into a fresh folder (so the fast path does not
// answer). Usage: npm run bench [-- --runs N] [--no-github]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { githubSpec, measure, median } from "./measure.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const corpus = path.join(root, "test", "corpus");
const runsArg = process.argv.indexOf("--runs");
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;

const specs = [
  ["argyle-users", path.join(root, "specs", "argyle-users.yaml")],
  ["stripe", path.join(corpus, "stripe-spec3-2023-09-05.yaml")],
];
if (!process.argv.includes("--no-github")) specs.push(["github", githubSpec()]);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "specforge-bench-"));
const cli = path.join(root, "dist", "generator", "cli.js");
const ots = path.join(root, "node_modules", "openapi-typescript", "bin", "cli.js");
let fresh = 0;

async function bench(run) {
  const samples = [];
  for (let i = 0; i < RUNS; i++) samples.push(await run());
  return { ms: median(samples.map((s) => s.ms)), mb: Math.max(...samples.map((s) => s.mb)) };
}
async function interleaved(...runs) {
  const samples = runs.map(() => []);
  for (let i = 0; i < RUNS; i++) for (const [k, run] of runs.entries()) samples[k].push(await run());
  return samples.map((s) => ({ ms: median(s.map((x) => x.ms)), mb: Math.max(...s.map((x) => x.mb)) }));
}
const fmt = (r) => `${(r.ms / 1000).toFixed(2)} s, ${Math.round(r.mb)} MB`;
const generateInto = (file, extra = []) =>
  measure(cli, [
    "generate",
    "--quiet",
    "--spec",
    file,
    "--out",
    path.join(tmp, `out-${fresh++}`),
    "--name",
    "bench",
    ...extra,
  ]);

console.log(`node ${process.version}, ${os.cpus().length} cores, ${RUNS} runs each, median wall time, peak RSS\n`);
console.log(
  "| spec | specforge generate (all files) | openapi-typescript (types only) | time ratio | memory ratio | specforge per MB of spec |",
);
console.log("| --- | --- | --- | --- | --- | --- |");
for (const [name, file] of specs) {
  // Interleaved (ours, theirs, ours, ...): on a machine whose speed drifts, each ratio compares runs
  // made at the same time.
  const [ours, peer] = await interleaved(
    () => generateInto(file),
    () => measure(ots, [file, "-o", path.join(tmp, `${name}-${fresh++}.d.ts`)]),
  );
  const mb = fs.statSync(file).size / 1024 / 1024;
  console.log(
    `| ${name} (${mb < 1 ? `${Math.round(mb * 1024)} KB` : `${mb.toFixed(1)} MB`}) | ${fmt(ours)} | ${fmt(peer)} | ${(ours.ms / peer.ms).toFixed(2)}x | ${(ours.mb / peer.mb).toFixed(2)}x | ${(ours.ms / 1000 / mb).toFixed(2)} s |`,
  );
}

// Nothing changed: generate and check on an API generated before, beside a bare Node start.
const stripe = specs[1][1];
const unchanged = path.join(tmp, "unchanged");
await measure(cli, ["generate", "--quiet", "--spec", stripe, "--out", unchanged]);
const bare = await bench(() => measure("-e", ["0"]));
const again = await bench(() => measure(cli, ["generate", "--quiet", "--spec", stripe, "--out", unchanged]));
const checked = await bench(() => measure(cli, ["check", "--quiet", "--spec", stripe, "--out", unchanged]));
console.log("\n| unchanged Stripe API | wall time | vs `node -e 0` |");
console.log("| --- | --- | --- |");
console.log(`| node -e 0 | ${(bare.ms / 1000).toFixed(3)} s | 1.00x |`);
console.log(`| specforge generate | ${(again.ms / 1000).toFixed(3)} s | ${(again.ms / bare.ms).toFixed(2)}x |`);
console.log(`| specforge check | ${(checked.ms / 1000).toFixed(3)} s | ${(checked.ms / bare.ms).toFixed(2)}x |`);

// Several APIs in one config: one thread, then a worker per core.
const multi = path.join(tmp, "multi");
fs.mkdirSync(multi);
const apis = [
  "stripe-spec3-2023-09-05.yaml",
  "plaid-2020-09-14.yml",
  "clerk-backend-api-2025-11-10.yml",
  "apisguru-squareup.json",
];
const configFor = () =>
  JSON.stringify({
    apis: apis.map((f, i) => ({
      name: `api${i}`,
      spec: path.join(corpus, f),
      out: path.join(multi, `out-${fresh}`, `api${i}`),
    })),
  });
const runConfig = (threads) => {
  fresh++;
  fs.writeFileSync(path.join(multi, "specforge.config.json"), configFor());
  return measure(cli, ["generate", "--quiet"], { cwd: multi, env: { SPECFORGE_THREADS: String(threads) } });
};
const one = await bench(() => runConfig(1));
const all = await bench(() => runConfig(os.availableParallelism()));
console.log(
  `\n| config of ${apis.length} APIs (${apis.map((f) => f.replace(/[-.].*/, "")).join(", ")}) | wall time | peak RSS |`,
);
console.log("| --- | --- | --- |");
console.log(`| one thread | ${(one.ms / 1000).toFixed(2)} s | ${Math.round(one.mb)} MB |`);
console.log(
  `| ${os.availableParallelism()} worker threads | ${(all.ms / 1000).toFixed(2)} s (${(one.ms / all.ms).toFixed(2)}x faster) | ${Math.round(all.mb)} MB |`,
);
fs.rmSync(tmp, { recursive: true, force: true });
