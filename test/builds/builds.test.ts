// The setups whose tools are installed apart, in test/builds/node_modules (test/builds/install.mjs
// installs them from test/builds/package-lock.json, in `npm test` and `npm run test:builds`): Node 24 running the `--import-extension .ts`
// output as it is (type stripping, the default since Node 23.6 and 22.18), and Jest 30 with ts-jest
// (CommonJS). Each builds the Users output and a program calling the API against a real server on
// 127.0.0.1, as in test/setups.test.ts.
import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers.js";
import { EXPECTED, exec, ID, MISSING, project, runProgram, serveUsers } from "../setup-projects.js";

const TOOLS = path.join(ROOT, "test", "builds", "node_modules");
const NODE24 = path.join(TOOLS, ".bin", "node");

let server: Awaited<ReturnType<typeof serveUsers>>;
beforeAll(async () => {
  await fs.access(NODE24).catch(() => {
    throw new Error("test/builds/node_modules is missing: run `node test/builds/install.mjs` (npm test does)");
  });
  server = await serveUsers();
});
afterAll(() => server?.close());

const FORMS: { form: string; generate: string[] }[] = [
  { form: "validators.ts", generate: [] },
  { form: "validators.js", generate: ["--validators", "js"] },
];

describe.each(FORMS)("Node 24's own TypeScript, $form", ({ generate }) => {
  it("runs `node src/app.ts` over the --import-extension .ts output, with no flag and no build", async () => {
    const dir = await project({
      type: "module",
      generate: [...generate, "--import-extension", ".ts"],
      importExt: ".ts",
      compilerOptions: { strict: true, module: "nodenext", noEmit: true, allowImportingTsExtensions: true },
    });
    const { stdout: version } = await exec(NODE24, ["--version"]);
    expect(version).toMatch(/^v24\./);
    expect(await runProgram(NODE24, ["src/app.ts", server.url], dir)).toEqual(EXPECTED);
  });
});

/** A Jest test as a CommonJS project writes it, over the generated client. */
const JEST_TEST = `import { expect, test } from "@jest/globals";
import { ApiError, createClient, RequestValidationError, validateCreateUserRequest } from "./generated/users/index.js";

const api = createClient({ baseUrl: process.env["USERS_URL"] ?? "", auth: { username: "key_id", password: "s3cret" }, retry: false });

test("retrieves a user", async () => {
  expect((await api.retrieveUser({ id: ${JSON.stringify(ID)} })).first_name).toBe("Sarah");
});

test("validates before sending", async () => {
  expect(validateCreateUserRequest({ body: { email: "not an address" } }).ok).toBe(false);
  await expect(api.createUser({ body: { email: "not an address" } })).rejects.toBeInstanceOf(RequestValidationError);
});

test("throws ApiError for a 404", async () => {
  const error = await api.retrieveUser({ id: ${JSON.stringify(MISSING)} }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ApiError);
  expect((error as ApiError).status).toBe(404);
});
`;

describe("Jest 30 with ts-jest, CommonJS", () => {
  it("runs a test over the generated client (validators.ts compiled by ts-jest like the rest)", async () => {
    const dir = await project({
      type: "commonjs",
      nodeModules: TOOLS,
      compilerOptions: { strict: true, module: "nodenext", target: "es2022", types: ["node"] },
      files: {
        "src/users.test.ts": JEST_TEST,
        // ts-jest's documented setup for TypeScript that imports with `.js` extensions.
        "jest.config.js": `module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  moduleNameMapper: { "^(\\\\.{1,2}/.*)\\\\.js$": "$1" },
};
`,
      },
    });
    const jest = path.join(TOOLS, "jest", "bin", "jest.js");
    const result = await exec(process.execPath, [jest, "--ci", "--colors=false"], {
      cwd: dir,
      env: { ...process.env, USERS_URL: server.url },
    }).catch((e: { stdout: string; stderr: string }) => {
      throw new Error(`jest failed:\n${e.stderr}\n${e.stdout}`);
    });
    expect(result.stderr).toMatch(/Tests:\s+3 passed, 3 total/);
  });
});
