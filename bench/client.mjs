// Benchmark: what the generated client adds to a bare `fetch` per request (median of many calls to
// a local server), and the size of the emitted client runtime, minified and gzipped.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = path.join(root, "generated", "argyle-users");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "specforge-bench-"));
const bundle = path.join(tmp, "client.mjs");
await build({
  entryPoints: [path.join(out, "client.ts")],
  bundle: true,
  format: "esm",
  platform: "neutral",
  outfile: bundle,
  logLevel: "silent",
});
const minified = await build({
  entryPoints: [path.join(out, "client.ts")],
  bundle: true,
  minify: true,
  format: "esm",
  platform: "neutral",
  write: false,
  logLevel: "silent",
});
const runtimeOnly = await build({
  entryPoints: [path.join(root, "templates", "client-runtime.ts")],
  bundle: true,
  minify: true,
  format: "esm",
  platform: "neutral",
  write: false,
  logLevel: "silent",
});
const size = (r) => {
  const text = r.outputFiles[0].contents;
  return `${text.length.toLocaleString("en-US")} B minified, ${gzipSync(text).length.toLocaleString("en-US")} B gzipped`;
};

const { createClient } = await import(pathToFileURL(bundle).href);
const USER = JSON.stringify({ id: "018051aa-f7a9-a0db-2f38-6cfa325e9d69", created_at: "2023-03-09T04:54:35.170468Z" });
const server = http.createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(USER);
  });
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const base = `http://127.0.0.1:${server.address().port}`;
const id = "018051aa-f7a9-a0db-2f38-6cfa325e9d69";
const auth = `Basic ${btoa("key:secret")}`;
const client = createClient({ baseUrl: base, auth: { username: "key", password: "secret" } });
const bare = async () => {
  const res = await fetch(`${base}/v2/users/${encodeURIComponent(id)}`, {
    headers: { authorization: auth, accept: "application/json" },
  });
  return res.json();
};
const generated = () => client.retrieveUser({ id });
// One middleware that does what a logging or tracing one does: a header on the way out, a look at the answer.
const traced = createClient({
  baseUrl: base,
  auth: { username: "key", password: "secret" },
  middleware: [
    {
      onRequest: ({ request }) => {
        request.headers.set("x-trace", "1");
      },
      onResponse: ({ response }) => {
        if (response.status >= 500) console.error("server error");
      },
    },
  ],
});
const withMiddleware = () => traced.retrieveUser({ id });

const N = 2000;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function sample(fn) {
  const times = [];
  for (let i = 0; i < N; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return times;
}
for (let i = 0; i < 300; i++) {
  await bare();
  await generated();
  await withMiddleware();
}
const samples = { bare: [], client: [], middleware: [] };
for (let round = 0; round < 5; round++) {
  samples.bare.push(...(await sample(bare)));
  samples.client.push(...(await sample(generated)));
  samples.middleware.push(...(await sample(withMiddleware)));
}
server.close();
const b = median(samples.bare),
  c = median(samples.client),
  m = median(samples.middleware);

// One deadline: timeoutMs 200 against answers that are 503 after 150 ms (retried): the call ends at 200 ms.
const slow = http.createServer((req, res) => {
  req.resume();
  setTimeout(() => {
    if (res.destroyed) return;
    res.writeHead(503, { "content-type": "application/json" });
    res.end("{}");
  }, 150);
});
await new Promise((r) => slow.listen(0, "127.0.0.1", r));
const deadlineClient = createClient({
  baseUrl: `http://127.0.0.1:${slow.address().port}`,
  auth: { username: "key", password: "secret" },
  timeoutMs: 200,
  retry: { baseDelayMs: 1 },
});
const deadlines = [];
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  await deadlineClient.retrieveUser({ id }).catch((e) => {
    if (e.name !== "TimeoutError") throw e;
  });
  deadlines.push(performance.now() - t);
}
slow.close();
console.log(
  `\nClient: retrieveUser against a local server (node ${process.version}, ${samples.bare.length} calls each, median)\n`,
);
console.log("| | per request |");
console.log("| --- | --- |");
console.log(`| bare fetch + JSON | ${(b * 1000).toFixed(0)} µs |`);
console.log(`| generated client (validation, auth, retries armed, timeout) | ${(c * 1000).toFixed(0)} µs |`);
console.log(`| added by the client | ${((c - b) * 1000).toFixed(0)} µs (${((c / b - 1) * 100).toFixed(1)}%) |`);
console.log(`| generated client with one middleware (onRequest + onResponse) | ${(m * 1000).toFixed(0)} µs |`);
console.log(
  `| added by the client with one middleware | ${((m - b) * 1000).toFixed(0)} µs (${((m / b - 1) * 100).toFixed(1)}%) |`,
);
console.log(
  `\nOne deadline: timeoutMs 200 against 503 answers that take 150 ms each (retried): the call ends after ${median(deadlines).toFixed(0)} ms (median of 5).`,
);
console.log(`\nclient.ts for the Users API, bundled with its validators: ${size(minified)}`);
console.log(`the fixed runtime alone: ${size(runtimeOnly)}`);
fs.rmSync(tmp, { recursive: true, force: true });
