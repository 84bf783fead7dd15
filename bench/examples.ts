// Benchmark of trust: every JSON example of the big descriptions through the generated validators and
// through ajv (test/examples-harness.ts), with zero false refusals expected: GitHub's REST description
// (fetched on demand from npm, as bench/output.mjs does), Stripe's (the corpus copy), and any other
// document named on the command line (OpenAI's, read where it is; nothing is copied).
// Usage: npx tsx bench/examples.ts [--no-github] [FILE...]
import path from "node:path";
import { fileURLToPath } from "node:url";
import { examplesOf } from "../test/examples-harness.js";
// @ts-expect-error a plain ES module of the benches, without declarations
import { githubSpec } from "./measure.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const documents: string[] = [
  ...(args.includes("--no-github") ? [] : [githubSpec() as string]),
  path.join(root, "test", "corpus", "stripe-spec3-2023-09-05.yaml"),
  ...args.filter((a) => !a.startsWith("--")).map((a) => path.resolve(a)),
];

console.log(
  "| document | examples | same verdict as ajv | refused where ajv accepts | contract (readOnly/writeOnly) | accepted where ajv refuses | time |",
);
console.log("| --- | --- | --- | --- | --- | --- | --- |");
let failed = false;
for (const file of documents) {
  const started = performance.now();
  const v = await examplesOf(file);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const share = v.compared === 0 ? "-" : `${((100 * v.agreed) / v.compared).toFixed(2)}%`;
  console.log(
    `| ${path.basename(file)} | ${v.compared} | ${v.agreed} (${share}) | ${v.refused.length} | ${v.contract} | ${v.lenient.length} | ${seconds} s |`,
  );
  for (const line of v.refused.slice(0, 10)) console.log(`  refused: ${line}`);
  for (const line of v.lenient.slice(0, 5)) console.log(`  ajv stricter: ${line}`);
  if (v.refused.length > 0) failed = true;
}
process.exitCode = failed ? 1 : 0;
