// Benchmark: what installing the generator costs a project, beside the peers installed the same way:
// each into a fresh folder (`npm init -y`, then `npm install --save-dev PACKAGE`, registry as
// configured), its node_modules' size on disk and how many packages it holds, and the install's wall
// time (a warm npm cache: the second install of each is timed). specforge is its packed tarball
// (dist/ as `npm run build` left it). Usage: npm run bench:install
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "specforge-install-"));
const npm = (args, cwd) =>
  execFileSync("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], { cwd, stdio: "pipe" }).toString();

const tarball = path.join(tmp, npm(["pack", "--silent", "--ignore-scripts", "--pack-destination", tmp], root).trim());
const peers = [
  ["specforge (this tree, packed)", tarball],
  ["openapi-typescript", "openapi-typescript@7"],
  ["@hey-api/openapi-ts", "@hey-api/openapi-ts@latest"],
  ["orval", "orval@latest"],
];

/** Bytes on disk under `dir`'s node_modules, and how many packages it holds (at any depth). */
function measure(dir) {
  let bytes = 0;
  let packages = 0;
  const walk = (d) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) bytes += fs.statSync(full).size;
    }
  };
  const count = (modules) => {
    if (!fs.existsSync(modules)) return;
    for (const entry of fs.readdirSync(modules, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name.startsWith(".")) continue;
      const full = path.join(modules, entry.name);
      if (entry.name.startsWith("@")) {
        for (const scoped of fs.readdirSync(full, { withFileTypes: true }))
          if (scoped.isDirectory()) {
            packages++;
            count(path.join(full, scoped.name, "node_modules"));
          }
      } else {
        packages++;
        count(path.join(full, "node_modules"));
      }
    }
  };
  walk(path.join(dir, "node_modules"));
  count(path.join(dir, "node_modules"));
  return { bytes, packages };
}

const rows = [];
for (const [label, spec] of peers) {
  let result;
  for (let round = 0; round < 2; round++) {
    const dir = path.join(tmp, `${label.replace(/\W+/g, "-")}-${round}`);
    fs.mkdirSync(dir);
    npm(["init", "-y"], dir);
    const started = process.hrtime.bigint();
    npm(["install", "--save-dev", spec], dir);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    result = { label, seconds, ...measure(dir) };
  }
  rows.push(result);
  console.error(`${label}: done`);
}
fs.rmSync(tmp, { recursive: true, force: true });

const mb = (b) => `${(b / 1024 / 1024).toFixed(1)} MB`;
console.log(`\nnode ${process.version}, npm ${npm(["--version"], root).trim()}\n`);
console.log("| package | node_modules on disk | packages | install (warm cache) |");
console.log("| --- | --- | --- | --- |");
for (const r of rows) console.log(`| ${r.label} | ${mb(r.bytes)} | ${r.packages} | ${r.seconds.toFixed(1)} s |`);
