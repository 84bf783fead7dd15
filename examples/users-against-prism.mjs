// A short tour of the generated Users client, run against Prism (a mock of specs/argyle-users.yaml
// that validates every request). Usage: npm run example
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const port = 4010 + Math.floor(Math.random() * 1000);
const prism = spawn(process.execPath, [
  path.join(root, "node_modules/@stoplight/prism-cli/dist/index.js"),
  "mock",
  "-h",
  "127.0.0.1",
  "-p",
  String(port),
  path.join(root, "specs/argyle-users.yaml"),
]);
let log = "";
prism.stdout.on("data", (d) => (log += d));
prism.stderr.on("data", (d) => (log += d));
try {
  for (let waited = 0; !log.includes("Prism is listening"); waited += 100) {
    if (waited > 60_000) throw new Error(`Prism did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  // The generated TypeScript, bundled for Node (in your project, your build does this).
  const outfile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "specforge-example-")), "client.mjs");
  await build({
    entryPoints: [path.join(root, "generated/argyle-users/index.ts")],
    bundle: true,
    format: "esm",
    outfile,
    logLevel: "silent",
  });
  const { createClient, ApiError, RequestValidationError } = await import(pathToFileURL(outfile).href);

  const users = createClient({
    baseUrl: `http://127.0.0.1:${port}`,
    auth: { username: "api_key_id", password: "api_key_secret" },
  });
  const { id, user_token } = await users.createUser({ body: { first_name: "Sarah", email: "sarah@email.com" } });
  console.log("created", id, `(token ${user_token.length} characters)`);
  console.log("listed", (await users.listUsers({ limit: 2 })).length, "users");
  console.log("updated", (await users.updateUser({ id, body: { external_id: "July_Connection" } })).id);
  try {
    await users.updateUser({ id, body: { email: "not-an-email" } });
  } catch (error) {
    if (!(error instanceof RequestValidationError)) throw error;
    console.log("refused before sending:", error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  }
  try {
    await createClient({
      baseUrl: `http://127.0.0.1:${port}`,
      auth: { username: "k", password: "s" },
      validateRequests: false,
    }).updateUser({ id, body: { email: "not-an-email" } });
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    console.log(`the server said ${error.status}:`, error.fieldErrors ?? error.body);
  }
  await users.deleteUser({ id });
  console.log("deleted", id);
} finally {
  prism.kill();
}
