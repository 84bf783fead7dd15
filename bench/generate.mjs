// Benchmark: wall time (median of N runs) and peak memory of `specforge generate`, beside
// openapi-typescript's CLI on the same specs on the same machine, as ratios. Each run is a fresh
// process, as in CI. Usage: npm run bench [-- --runs N]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { measure, median } from "./measure.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const corpus = path.join(root, "test", "corpus");
const runsArg = process.argv.indexOf("--runs");
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;

const specs = [["argyle-users", path.join(root, "specs", "argyle-users.yaml")]];
const largest = fs
  .readdirSync(corpus)
  .filter((f) => /\.(ya?ml|json)$/.test(f))
  .map((f) => path.join(corpus, f))
  .sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
specs.push([path.basename(largest), largest]);

async function bench(label, script, args) {
  const samples = [];
  for (let i = 0; i < RUNS; i++) samples.push(await measure(script, args));
  return { label, ms: median(samples.map((s) => s.ms)), mb: Math.max(...samples.map((s) => s.mb)) };
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "specforge-bench-"));
const cli = path.join(root, "dist", "generator", "cli.js");
const ots = path.join(root, "node_modules", "openapi-typescript", "bin", "cli.js");
console.log(`node ${process.version}, ${os.cpus().length} cores, ${RUNS} runs each, median wall time, peak RSS\n`);
console.log("| spec | specforge generate (all files) | openapi-typescript (types only) | time ratio |");
console.log("| --- | --- | --- | --- |");
for (const [name, file] of specs) {
  const ours = await bench("specforge", cli, [
    "generate",
    "--spec",
    file,
    "--out",
    path.join(tmp, name),
    "--name",
    "bench",
  ]);
  const peer = await bench("openapi-typescript", ots, [file, "-o", path.join(tmp, `${name}.d.ts`)]);
  const fmt = (r) => `${(r.ms / 1000).toFixed(2)} s, ${Math.round(r.mb)} MB`;
  console.log(
    `| ${name} (${(fs.statSync(file).size / 1024).toFixed(0)} KB) | ${fmt(ours)} | ${fmt(peer)} | ${(ours.ms / peer.ms).toFixed(2)}x |`,
  );
}
fs.rmSync(tmp, { recursive: true, force: true });
