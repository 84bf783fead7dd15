// What the benchmarks share: running a Node script in a fresh process for its wall time and peak
// memory, and the median of samples.
import { spawn } from "node:child_process";

// Preloaded into each measured Node process: prints its peak RSS (KB) as the last stderr line.
const REPORT_RSS =
  "data:text/javascript,process.on('exit',()=>process.stderr.write('\\n'+process.resourceUsage().maxRSS))";

/**
 * Runs a Node script in a fresh process: wall time (ms), peak RSS (MB), exit code and stdout.
 * Rejects when it exits non-zero, unless `allowFailure`.
 */
export function measure(script, args, { nodeArgs = [], allowFailure = false } = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [...nodeArgs, "--import", REPORT_RSS, script, ...args], {
      stdio: ["ignore", "pipe", "pipe"],
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

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
