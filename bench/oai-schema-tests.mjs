// The OpenAI Initiative's own schema tests for OpenAPI 3.2 (the `tests/schema/pass` and `fail`
// documents of the OpenAPI-Specification repository's `v3.2-dev` branch), run through specforge from a
// folder given on the command line: they are not part of this repository. Every pass document must
// generate and type-check (tsc --strict over the output); every fail document must be refused with a
// located message (exit 2, `file:line:col`). Usage: node bench/oai-schema-tests.mjs --folder DIR
// (DIR holds pass/ and fail/); `--strict` runs generate with --strict.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const folderArg = process.argv.indexOf("--folder");
if (folderArg < 0) {
  console.error("usage: node bench/oai-schema-tests.mjs --folder DIR [--strict]");
  process.exit(2);
}
const folder = path.resolve(process.argv[folderArg + 1]);
const strict = process.argv.includes("--strict") ? ["--strict"] : [];
const cli = path.join(root, "dist", "generator", "cli.js");
const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "specforge-oai-"));
const counts = { pass: [0, 0], fail: [0, 0] };
for (const kind of ["pass", "fail"]) {
  for (const file of fs.readdirSync(path.join(folder, kind)).sort()) {
    const out = path.join(tmp, kind, file.replace(/\.\w+$/, ""));
    const run = spawnSync(
      process.execPath,
      [cli, "generate", "--spec", path.join(folder, kind, file), "--out", out, "--name", "t", ...strict],
      { encoding: "utf8" },
    );
    let ok;
    let why = run.stderr.trim().split("\n")[0] ?? "";
    if (kind === "pass") {
      ok = run.status === 0;
      if (ok && fs.existsSync(out)) {
        fs.writeFileSync(path.join(out, "package.json"), '{ "type": "module" }\n');
        const files = fs.readdirSync(out).filter((f) => f.endsWith(".ts"));
        const check = spawnSync(
          process.execPath,
          [tsc, "--strict", "--noEmit", "--skipLibCheck", "--module", "nodenext", "--target", "es2022", ...files],
          { cwd: out, encoding: "utf8" },
        );
        ok = check.status === 0;
        if (!ok) why = check.stdout.split("\n")[0];
      }
    } else {
      ok = run.status === 2 && /:\d+:\d+: /.test(run.stderr);
      if (!ok) why = run.status === 0 ? `accepted${why ? ` (${why})` : ""}` : `exit ${run.status}: ${why}`;
    }
    counts[kind][ok ? 0 : 1]++;
    if (!ok) console.log(`${kind}/${file}: ${why}`);
  }
}
fs.rmSync(tmp, { recursive: true, force: true });
console.log(
  `pass documents generated and type-checked: ${counts.pass[0]} of ${counts.pass[0] + counts.pass[1]}; ` +
    `fail documents refused with a location: ${counts.fail[0]} of ${counts.fail[0] + counts.fail[1]}`,
);
