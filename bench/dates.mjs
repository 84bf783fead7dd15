// Benchmark: what `"dates": true` costs. (1) Listing 1,000 Argyle users (each with a `created_at`)
// through the generated client, dates on vs off, beside the JSON parse of the same body: the
// conversion's cost as a share of the parse (budget 10%). (2) Generating Stripe with and without the
// option (budget +5%). Usage: npm run bench:dates [-- --runs N]
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { transform } from "esbuild";
import { measure, median } from "./measure.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const runsArg = process.argv.indexOf("--runs");
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
const cli = path.join(root, "dist", "generator", "cli.js");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "specforge-bench-dates-"));
fs.writeFileSync(path.join(tmp, "package.json"), '{ "type": "module" }\n');

async function clientFor(name, extra) {
  const out = path.join(tmp, name);
  execFileSync(process.execPath, [
    cli,
    "generate",
    "--quiet",
    "--spec",
    path.join(root, "specs", "argyle-users.yaml"),
    "--out",
    out,
    ...extra,
  ]);
  for (const file of ["client", "models"]) {
    const { code } = await transform(fs.readFileSync(path.join(out, `${file}.ts`), "utf8"), {
      loader: "ts",
      format: "esm",
    });
    fs.writeFileSync(path.join(out, `${file}.js`), code);
  }
  return import(pathToFileURL(path.join(out, "client.js")).href);
}

const user = (i) => ({
  id: `018051aa-f7a9-a0db-2f38-${String(i).padStart(12, "0")}`,
  created_at: "2023-01-30T22:25:38.971210Z",
  items_connected: ["item_123456789"],
  employers_connected: ["Whole Goods"],
  external_metadata: { notes: "In stage 3 of loan approval." },
  external_id: "July Connection",
  first_name: "Sarah",
  last_name: "Longfield",
  email: "sarah@email.com",
  phone_number: "+12125555555",
  ssn: null,
  address: { city: null, line1: null, line2: null, state: null, country: null, postal_code: null },
  birth_date: { year: null, month: null, day: null },
  open_banking: { account_id: null },
});
const body = JSON.stringify(Array.from({ length: 1000 }, (_, i) => user(i)));
const server = http.createServer((_, res) => res.writeHead(200, { "content-type": "application/json" }).end(body));
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const baseUrl = `http://127.0.0.1:${server.address().port}`;

// The body comes from a fetch of our own here, so the network's noise does not drown the difference;
// a call through the local server is measured once each way besides, for scale.
const local = async () => new Response(body, { headers: { "content-type": "application/json" } });
const auth = { username: "a", password: "b" };
const offModule = await clientFor("off", []);
const onModule = await clientFor("on", ["--dates"]);
const off = offModule.createClient({ baseUrl, auth, fetch: local });
const on = onModule.createClient({ baseUrl, auth, fetch: local });
const check = await on.listUsers();
if (!(check[999].created_at instanceof Date)) throw new Error("dates are not converted");

const ITER = 400;
const samples = { parse: [], off: [], on: [] };
for (let i = 0; i < ITER + 40; i++) {
  // Interleaved, so the machine's drift hits all three alike; the first 40 warm up.
  let t = performance.now();
  JSON.parse(body);
  const parse = performance.now() - t;
  t = performance.now();
  await off.listUsers();
  const a = performance.now() - t;
  t = performance.now();
  await on.listUsers();
  const b = performance.now() - t;
  if (i >= 40) {
    samples.parse.push(parse);
    samples.off.push(a);
    samples.on.push(b);
  }
}
const parse = median(samples.parse);
const callOff = median(samples.off);
const callOn = median(samples.on);
const served = async (client) => {
  const t = performance.now();
  await client.listUsers();
  return performance.now() - t;
};
const overNetworkOff = await served(offModule.createClient({ baseUrl, auth }));
const overNetworkOn = await served(onModule.createClient({ baseUrl, auth }));
server.close();
console.log(`node ${process.version}, ${os.cpus().length} cores; ${ITER} interleaved calls each, median\n`);
console.log("| 1,000 users (" + Math.round(body.length / 1024) + " KB) | time |");
console.log("| --- | --- |");
console.log(`| JSON.parse of the body | ${parse.toFixed(2)} ms |`);
console.log(`| listUsers (body from fetch to result), dates off | ${callOff.toFixed(2)} ms |`);
console.log(`| listUsers (body from fetch to result), dates on | ${callOn.toFixed(2)} ms |`);
console.log(`| conversion (on - off) / JSON.parse | ${(((callOn - callOff) / parse) * 100).toFixed(1)}% |`);
console.log(
  `| one call through the local server, off / on | ${overNetworkOff.toFixed(2)} / ${overNetworkOn.toFixed(2)} ms |`,
);

const stripe = path.join(root, "test", "corpus", "stripe-spec3-2023-09-05.yaml");
const genOff = [];
const genOn = [];
for (let i = 0; i < RUNS; i++) {
  genOff.push(await measure(cli, ["generate", "--quiet", "--spec", stripe, "--out", path.join(tmp, `s-off-${i}`)]));
  genOn.push(
    await measure(cli, ["generate", "--quiet", "--dates", "--spec", stripe, "--out", path.join(tmp, `s-on-${i}`)]),
  );
}
const a = median(genOff.map((s) => s.ms));
const b = median(genOn.map((s) => s.ms));
console.log(
  `\n| Stripe generate | dates off ${(a / 1000).toFixed(2)} s | dates on ${(b / 1000).toFixed(2)} s | +${(((b - a) / a) * 100).toFixed(1)}% |`,
);
fs.rmSync(tmp, { recursive: true, force: true });
