// Benchmark: `specforge diff` of a spec against itself with one field changed, beside one
// `specforge generate` of it, in one run (the budget: diff under 2x generate). Both versions
// are loaded and modelled once; nothing is emitted. Users, Stripe and GitHub (fetched on demand).
// Usage: npm run bench:diff [-- --runs N] [--no-github]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import YAML from "yaml";
import { githubSpec, measure, median } from "./measure.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const runsArg = process.argv.indexOf("--runs");
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
const cli = path.join(root, "dist", "generator", "cli.js");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "specforge-bench-diff-"));

/** One change in a component many operations reach: a new maxLength on one of its string properties. */
const specs = [
  ["argyle-users", path.join(root, "specs", "argyle-users.yaml"), "UserRequest", "first_name"],
  ["stripe", path.join(root, "test", "corpus", "stripe-spec3-2023-09-05.yaml"), "customer", "email"],
];
if (!process.argv.includes("--no-github")) specs.push(["github", githubSpec(), "simple-user", "login"]);

let fresh = 0;
console.log(`node ${process.version}, ${os.cpus().length} cores, ${RUNS} runs each, median wall time, peak RSS\n`);
console.log("| spec | specforge generate | specforge diff (one field changed) | diff / generate | changes found |");
console.log("| --- | --- | --- | --- | --- |");
for (const [name, file, component, property] of specs) {
  const text = fs.readFileSync(file, "utf8");
  const json = file.endsWith(".json");
  const doc = json ? JSON.parse(text) : YAML.parse(text);
  doc.components.schemas[component].properties[property].maxLength = 39;
  const changed = path.join(tmp, `${name}${json ? ".json" : ".yaml"}`);
  fs.writeFileSync(changed, json ? JSON.stringify(doc, null, 2) : YAML.stringify(doc));
  const gen = [];
  const diff = [];
  let found = "";
  for (let i = 0; i < RUNS; i++) {
    gen.push(await measure(cli, ["generate", "--quiet", "--spec", changed, "--out", path.join(tmp, `out-${fresh++}`)]));
    const run = await measure(cli, ["diff", "--spec", changed, "--old", file, "--format", "json"]);
    found = String(JSON.parse(run.stdout).apis[0].changes.length);
    diff.push(run);
  }
  const g = { ms: median(gen.map((s) => s.ms)), mb: Math.max(...gen.map((s) => s.mb)) };
  const d = { ms: median(diff.map((s) => s.ms)), mb: Math.max(...diff.map((s) => s.mb)) };
  const fmt = (r) => `${(r.ms / 1000).toFixed(2)} s, ${Math.round(r.mb)} MB`;
  console.log(`| ${name} | ${fmt(g)} | ${fmt(d)} | ${(d.ms / g.ms).toFixed(2)}x | ${found} |`);
}
fs.rmSync(tmp, { recursive: true, force: true });
