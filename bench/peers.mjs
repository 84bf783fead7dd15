// Benchmark: specforge beside the generators teams compare it with, on the specs, in one run:
// openapi-typescript (types only, this repo's version), orval (fetch client) and hey-api (types, sdk
// and fetch client), at their current releases. orval and hey-api are installed on first use into
// bench/.cache/peers (from the npm registry; never by npm test). Both need Node 22.18 or later, so
// the same install takes Node 22 as npm ships it (the node-<platform>-<arch> package) and every tool,
// specforge and openapi-typescript too, runs on that one Node. Fresh processes into fresh folders,
// median wall time, peak RSS. Usage: npm run bench:peers [-- --runs N] [-- --github]
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { githubSpec, measure, median } from "./measure.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const runsArg = process.argv.indexOf("--runs");
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
const NODE = `node-${process.platform === "win32" ? "win" : process.platform}-${process.arch}@22.18.0`;
// typescript pinned: hey-api takes it as a peer, and npm would otherwise pick TypeScript 7 (no JS API).
const PEERS = ["orval@8.38.0", "@hey-api/openapi-ts@0.99.0", "typescript@5.9.3", NODE];

const peers = path.join(root, "bench", ".cache", "peers");
const installed = (name) => {
  try {
    return JSON.parse(fs.readFileSync(path.join(peers, "node_modules", name, "package.json"), "utf8")).version;
  } catch {
    return undefined;
  }
};
if (installed("orval") !== "8.38.0" || installed("@hey-api/openapi-ts") !== "0.99.0") {
  fs.mkdirSync(peers, { recursive: true });
  fs.writeFileSync(path.join(peers, "package.json"), '{ "private": true }\n');
  console.error(`installing ${PEERS.join(", ")} into ${path.relative(root, peers)} ...`);
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--silent", ...PEERS], { cwd: peers, stdio: "inherit" });
}

const node = path.join(peers, "node_modules", NODE.replace(/@[^@]*$/, ""), "bin", "node");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "specforge-peers-"));
let fresh = 0;
const out = (name) => path.join(tmp, `${name}-${fresh++}`);
const tools = {
  specforge: (spec) => [
    path.join(root, "dist", "generator", "cli.js"),
    ["generate", "--quiet", "--spec", spec, "--out", out("sf"), "--name", "bench"],
  ],
  "openapi-typescript": (spec) => [
    path.join(root, "node_modules", "openapi-typescript", "bin", "cli.js"),
    [spec, "-o", `${out("ots")}.d.ts`],
  ],
  "orval (fetch)": (spec) => [
    path.join(peers, "node_modules", "orval", "dist", "bin", "orval.mjs"),
    ["--input", spec, "--output", path.join(out("orval"), "api.ts"), "--client", "fetch"],
  ],
  "hey-api (sdk, fetch)": (spec) => [
    // Its bin script only spawns this one (whose memory the launcher would not show).
    path.join(peers, "node_modules", "@hey-api", "openapi-ts", "dist", "run.mjs"),
    ["-i", spec, "-o", out("hey"), "-c", "@hey-api/client-fetch", "-s"],
  ],
};

const specs = [
  ["Users (argyle, 24 KB)", path.join(root, "specs", "argyle-users.yaml")],
  ["Stripe (3.9 MB)", path.join(root, "test", "corpus", "stripe-spec3-2023-09-05.yaml")],
];
if (process.argv.includes("--github")) specs.push(["GitHub (13 MB)", githubSpec()]);

const version = execFileSync(node, ["--version"]).toString().trim();
console.log(`node ${version} (orval ${installed("orval")}, hey-api ${installed("@hey-api/openapi-ts")})`);
console.log(`${os.cpus().length} cores, ${RUNS} runs each, median wall time, peak RSS\n`);
console.log(`| spec | ${Object.keys(tools).join(" | ")} |`);
console.log(
  `| --- | ${Object.keys(tools)
    .map(() => "---")
    .join(" | ")} |`,
);
for (const [name, spec] of specs) {
  const cells = [];
  let ours;
  for (const [tool, command] of Object.entries(tools)) {
    const samples = [];
    for (let i = 0; i < RUNS; i++) samples.push(await measure(...command(spec), { node }));
    const r = { ms: median(samples.map((s) => s.ms)), mb: Math.max(...samples.map((s) => s.mb)) };
    ours ??= r;
    const ratio = tool === "specforge" ? "" : ` (specforge ${(ours.ms / r.ms).toFixed(2)}x)`;
    cells.push(`${(r.ms / 1000).toFixed(2)} s, ${Math.round(r.mb)} MB${ratio}`);
  }
  console.log(`| ${name} | ${cells.join(" | ")} |`);
}
fs.rmSync(tmp, { recursive: true, force: true });
