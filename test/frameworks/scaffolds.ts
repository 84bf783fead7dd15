// The projects teams start from, made by each framework's own scaffolder at a pinned major and kept
// in test/frameworks/.cache/ (its installs are what a cold run spends its time on): a warm run resets
// each one to what its scaffolder wrote (a git commit made right after it, `node_modules` kept) and
// starts from there. specforge goes in as users get it: the packed tarball, then `specforge init`.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { ROOT, USERS_SPEC } from "../helpers.js";

const execFileAsync = promisify(execFile);

export const CACHE = path.join(ROOT, "test", "frameworks", ".cache");

/** A command's output; on failure, an error with the command and the end of what it printed. */
export async function run(
  command: string,
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
  timeout = 600_000,
): Promise<{ stdout: string; stderr: string }> {
  try {
    return await execFileAsync(command, args, {
      cwd,
      env: {
        ...process.env,
        npm_config_audit: "false",
        npm_config_fund: "false",
        npm_config_update_notifier: "false",
        ...env,
      },
      maxBuffer: 256 * 1024 * 1024,
      timeout,
    });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    const tail = (s = "") => s.split("\n").slice(-40).join("\n");
    throw new Error(
      `${command} ${args.join(" ")} (in ${cwd}) failed: ${e.message}\n${tail(e.stdout)}\n${tail(e.stderr)}`,
    );
  }
}

const GIT = [
  "-c",
  "user.email=tests@specforge.invalid",
  "-c",
  "user.name=specforge tests",
  "-c",
  "core.autocrlf=false",
];

/**
 * The scaffold `name`, made by `create` into an empty folder the first time (then committed to a
 * git repository of its own, `node_modules` ignored), reset to that commit every later time.
 */
export async function scaffold(name: string, create: (dir: string) => Promise<unknown>): Promise<string> {
  const dir = path.join(CACHE, name);
  const done = path.join(dir, ".git", "specforge-scaffolded");
  if (existsSync(done)) {
    await run("git", [...GIT, "reset", "--hard", "--quiet"], dir);
    await run("git", [...GIT, "clean", "-fdxq", "-e", "node_modules"], dir);
    return dir;
  }
  await fs.rm(dir, { recursive: true, force: true });
  await fs.mkdir(dir, { recursive: true });
  await create(dir);
  const ignore = path.join(dir, ".gitignore");
  const ignored = await fs.readFile(ignore, "utf8").catch(() => "");
  if (!/^\/?node_modules\/?$/m.test(ignored)) await fs.writeFile(ignore, `${ignored}\nnode_modules\n`);
  await run("git", [...GIT, "init", "--quiet"], dir);
  await run("git", [...GIT, "add", "-A"], dir);
  await run("git", [...GIT, "commit", "--quiet", "-m", "scaffold"], dir);
  await fs.writeFile(done, "");
  return dir;
}

/** specforge's package as npm would publish it (dist/ as `npm run test:frameworks` just built it). */
export async function packSpecforge(): Promise<string> {
  const out = path.join(CACHE, "pack");
  await fs.rm(out, { recursive: true, force: true });
  await fs.mkdir(out, { recursive: true });
  const { stdout } = await run("npm", ["pack", "--silent", "--ignore-scripts", "--pack-destination", out], ROOT);
  return path.join(out, stdout.trim().split("\n").pop()!);
}

/**
 * What a user does next in the project: `npm install` the tarball, put the Users spec in `api/`, run
 * `npx specforge init`. Returns the API's config entry and what init printed.
 */
export async function addSpecforge(
  dir: string,
  tarball: string,
  initArgs: string[] = [],
): Promise<{ api: Record<string, unknown>; stdout: string }> {
  await run("npm", ["install", "--no-save", tarball], dir);
  await fs.mkdir(path.join(dir, "api"), { recursive: true });
  await fs.copyFile(USERS_SPEC, path.join(dir, "api", "users.yaml"));
  const { stdout } = await run("npx", ["specforge", "init", "--spec", "api/users.yaml", ...initArgs], dir);
  const config = JSON.parse(await fs.readFile(path.join(dir, "specforge.config.json"), "utf8"));
  return { api: config.apis[0], stdout };
}

/** Writes files under `dir` (paths relative to it), making folders. */
export async function write(dir: string, files: Record<string, string>): Promise<void> {
  for (const [file, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await fs.writeFile(path.join(dir, file), text);
  }
}

/** A port nothing listens on now. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/**
 * Runs `check` against a long-running command (`next start`, `node dist/main.js`, `vite preview`) on
 * a free port, once its URL answers; then ends it and its children, whatever `check` did.
 * `start(port)` is the command, its arguments and environment for that port.
 */
export async function serving(
  cwd: string,
  start: (port: number) => [command: string, args: string[], env: Record<string, string>],
  check: (url: string) => Promise<void>,
): Promise<void> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const [command, args, env] = start(port);
  const child: ChildProcess = spawn(command, args, { cwd, env: { ...process.env, ...env }, detached: true });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${command} ${args.join(" ")} exited ${child.exitCode}:\n${output}`);
      const up = await fetch(url).then(
        () => true,
        () => false,
      );
      if (up) break;
      if (Date.now() > deadline)
        throw new Error(`${command} ${args.join(" ")} did not answer at ${url} within 60 s:\n${output}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    await check(url);
  } finally {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      // already gone
    }
  }
}

/** Vite's react-ts scaffold (create-vite at a pinned major), installed: the frameworks test's and the bundle bench's. */
export function viteScaffold(): Promise<string> {
  return scaffold("vite-react-ts", async (d) => {
    await run(
      "npm",
      ["create", "--yes", "vite@9", path.basename(d), "--", "--template", "react-ts", "--no-interactive"],
      path.dirname(d),
    );
    await run("npm", ["install"], d);
  });
}
