// Writes test/fixtures/github-excerpt.json: a few operations of GitHub's REST description (npm
// @octokit/openapi, MIT, the version bench/measure.mjs pins) with everything they reference, so
// `npm test` covers GitHub's shapes (its users, repositories and contents answers, with their
// documented examples) without fetching the 13 MB spec. Usage: node bench/github-excerpt.mjs
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { GITHUB, githubSpec } from "./measure.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const OPERATIONS = [
  ["/user", "get"],
  ["/users/{username}", "get"],
  ["/repos/{owner}/{repo}", "get"],
  ["/repos/{owner}/{repo}/contents/{path}", "get"],
  ["/repos/{owner}/{repo}/issues", "get"],
  ["/repos/{owner}/{repo}/issues", "post"],
];

const spec = JSON.parse(fs.readFileSync(githubSpec(), "utf8"));
const out = {
  openapi: spec.openapi,
  info: {
    ...spec.info,
    description: `An excerpt of ${spec.info.title} (npm ${GITHUB.pkg}, MIT): ${OPERATIONS.map(([p, m]) => `${m.toUpperCase()} ${p}`).join(", ")}, with what they reference. Written by bench/github-excerpt.mjs.`,
  },
  servers: spec.servers,
  paths: {},
  components: {},
};
const pending = [];
const copied = new Set();
const collect = (node) => {
  if (Array.isArray(node)) node.forEach(collect);
  else if (node && typeof node === "object")
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") pending.push(value);
      else collect(value);
    }
};
for (const [p, method] of OPERATIONS) {
  const item = spec.paths[p];
  out.paths[p] ??= Object.fromEntries(Object.entries(item).filter(([k]) => k === "parameters"));
  out.paths[p][method] = item[method];
  collect(out.paths[p]);
}
while (pending.length > 0) {
  const ref = pending.pop();
  if (copied.has(ref)) continue;
  copied.add(ref);
  const [, , kind, name] = ref.split("/");
  const target = spec.components[kind][name];
  (out.components[kind] ??= {})[name] = target;
  collect(target);
}
for (const kind of Object.keys(out.components))
  out.components[kind] = Object.fromEntries(
    Object.entries(out.components[kind]).sort(([a], [b]) => a.localeCompare(b)),
  );
const file = path.join(root, "test", "fixtures", "github-excerpt.json");
fs.writeFileSync(file, `${JSON.stringify(out, null, 1)}\n`);
console.log(
  `${path.relative(root, file)}: ${fs.statSync(file).size} bytes, ${Object.keys(out.components.schemas ?? {}).length} schemas`,
);
