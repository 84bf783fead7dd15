// Benchmark: what `--mocks` costs generation (the budget: at most 15% more on Stripe and
// GitHub), with and without the option in the same run, and the size of mocks.ts. Every mock is
// checked by its own validator at generation time, inside the measured time.
// Usage: npm run bench:mocks [-- --runs N] [--no-github]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { githubSpec, measure, median } from "./measure.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const runsArg = process.argv.indexOf("--runs");
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
const cli = path.join(root, "dist", "generator", "cli.js");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "specforge-bench-mocks-"));
const specs = [
  ["argyle-users", path.join(root, "specs", "argyle-users.yaml")],
  ["stripe", path.join(root, "test", "corpus", "stripe-spec3-2023-09-05.yaml")],
];
if (!process.argv.includes("--no-github")) specs.push(["github", githubSpec()]);

let fresh = 0;
console.log(`node ${process.version}, ${os.cpus().length} cores, ${RUNS} runs each, median wall time, peak RSS\n`);
console.log("| spec | generate | generate --mocks | cost of mocks | mocks.ts |");
console.log("| --- | --- | --- | --- | --- |");
for (const [name, file] of specs) {
  const off = [];
  const on = [];
  let out = "";
  for (let i = 0; i < RUNS; i++) {
    off.push(await measure(cli, ["generate", "--quiet", "--spec", file, "--out", path.join(tmp, `o${fresh++}`)]));
    out = path.join(tmp, `m${fresh++}`);
    on.push(
      await measure(cli, ["generate", "--quiet", "--mocks", "--spec", file, "--out", out], { allowFailure: false }),
    );
  }
  const a = { ms: median(off.map((s) => s.ms)), mb: Math.max(...off.map((s) => s.mb)) };
  const b = { ms: median(on.map((s) => s.ms)), mb: Math.max(...on.map((s) => s.mb)) };
  const size = fs.statSync(path.join(out, "mocks.ts")).size;
  const fmt = (r) => `${(r.ms / 1000).toFixed(2)} s, ${Math.round(r.mb)} MB`;
  console.log(
    `| ${name} | ${fmt(a)} | ${fmt(b)} | +${(((b.ms - a.ms) / a.ms) * 100).toFixed(0)}% | ${(size / 1024).toFixed(0)} KB |`,
  );
}
fs.rmSync(tmp, { recursive: true, force: true });
