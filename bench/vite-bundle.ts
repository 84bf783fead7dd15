// Benchmark: what the client adds to a Vite production bundle, minified and gzipped, in the Vite 8
// react-ts scaffold the frameworks test uses (test/frameworks/.cache/, made on first use): the app's
// JavaScript with a component that calls retrieveUser through createClient (every operation), through
// its standalone operation function, and through openapi-fetch over the same types.ts, each beside the
// scaffold's app with no call. Usage: npm run bench:bundle
import fs from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { addSpecforge, CACHE, packSpecforge, run, viteScaffold, write } from "../test/frameworks/scaffolds.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const openapiFetch = JSON.parse(
  await fs.readFile(path.join(ROOT, "node_modules", "openapi-fetch", "package.json"), "utf8"),
).version as string;

await fs.mkdir(CACHE, { recursive: true });
const tarball = await packSpecforge();
const dir = await viteScaffold();
await addSpecforge(dir, tarball);
await run("npm", ["install", "--no-save", `openapi-fetch@${openapiFetch}`], dir);

const ID = "018051aa-f7a9-a0db-2f38-6cfa325e9d69";
/** An App component whose effect runs `call` (and shows what it returned). */
const app = (imports: string, call: string) => `import { useEffect, useState } from "react";
${imports}

export default function App() {
  const [text, setText] = useState("pending");
  useEffect(() => {
    ${call}.then((r: unknown) => setText(JSON.stringify(r)), (e: unknown) => setText(String(e)));
  }, []);
  return <p>{text}</p>;
}
`;
const variants: [string, string][] = [
  ["no call (the scaffold's app)", app("", "Promise.resolve(1)")],
  [
    "createClient (every operation)",
    app(
      'import { createClient } from "./generated/users/index";',
      `createClient({ baseUrl: "https://api.example" }).retrieveUser({ id: "${ID}" })`,
    ),
  ],
  [
    "one operation function (retrieveUser)",
    app(
      'import { createConfig, retrieveUser } from "./generated/users/index";',
      `retrieveUser(createConfig({ baseUrl: "https://api.example" }), { id: "${ID}" })`,
    ),
  ],
  [
    `openapi-fetch ${openapiFetch} (its GET over types.ts)`,
    app(
      'import createClient from "openapi-fetch";\nimport type { paths } from "./generated/users/types";',
      `createClient<paths>({ baseUrl: "https://api.example" }).GET("/v2/users/{id}", { params: { path: { id: "${ID}" } } })`,
    ),
  ],
];

const rows: { label: string; min: number; gz: number }[] = [];
for (const [label, source] of variants) {
  await write(dir, { "src/App.tsx": source });
  await fs.rm(path.join(dir, "dist"), { recursive: true, force: true });
  await run("npx", ["vite", "build", "--logLevel", "error"], dir);
  const assets = path.join(dir, "dist", "assets");
  let min = 0;
  let gz = 0;
  for (const file of await fs.readdir(assets)) {
    if (!file.endsWith(".js")) continue;
    const bytes = await fs.readFile(path.join(assets, file));
    min += bytes.length;
    gz += gzipSync(bytes).length;
  }
  rows.push({ label, min, gz });
}
const kb = (n: number) => `${(n / 1000).toFixed(1)} kB`;
const base = rows[0]!;
console.log(
  `\nVite ${(await run("npx", ["vite", "--version"], dir)).stdout.trim()}, react-ts scaffold, vite build (minified), gzip level 6\n`,
);
console.log("| app | JavaScript | gzipped | added | added, gzipped |");
console.log("| --- | --- | --- | --- | --- |");
for (const r of rows)
  console.log(
    `| ${r.label} | ${kb(r.min)} | ${kb(r.gz)} | ${r === base ? "" : `+${kb(r.min - base.min)}`} | ${r === base ? "" : `+${kb(r.gz - base.gz)}`} |`,
  );
