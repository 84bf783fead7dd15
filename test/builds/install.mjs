// Installs the build setups' tools (test/builds/package.json: Node 24's binary, Jest, ts-jest) into
// test/builds/node_modules with `npm ci`, apart from specforge's own: Node 24's `node` in the root's
// node_modules/.bin would shadow the node every npm script runs. Skipped when the lockfile is the one
// installed last (its hash is kept in node_modules), so a second `npm test` does not reinstall.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const dir = path.dirname(fileURLToPath(import.meta.url));
const hash = createHash("sha256")
  .update(fs.readFileSync(path.join(dir, "package-lock.json")))
  .digest("hex");
const stamp = path.join(dir, "node_modules", ".specforge-installed");
if (fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === hash) process.exit(0);
console.log("test/builds: installing the build setups' tools (npm ci)...");
execFileSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: dir, stdio: "inherit" });
fs.writeFileSync(stamp, hash);
