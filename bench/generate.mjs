// Benchmark: wall time (median of N runs) and peak memory of `specforge generate`, beside
// openapi-typescript's CLI on the same specs on the same machine, as ratios. Each run is a fresh
// process, as in CI. Usage: npm run bench [-- --runs N]
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

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

// Preloaded into each measured Node process: prints its peak RSS (KB) as the last stderr line.
const REPORT_RSS =
  "data:text/javascript,process.on('exit',()=>process.stderr.write('\\n'+process.resourceUsage().maxRSS))";

/** Runs a Node script in a fresh process; wall time and peak RSS. */
function measure(script, args) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, ["--import", REPORT_RSS, script, ...args], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const kb = Number(stderr.trim().split("\n").pop());
      if (code !== 0) reject(new Error(`${script} ${args.join(" ")} exited ${code}: ${stderr.slice(0, 500)}`));
      else resolve({ ms, mb: kb / 1024 });
    });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

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
