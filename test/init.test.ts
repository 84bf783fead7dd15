// `specforge init` in another repository: finds the one OpenAPI document (or takes --spec), writes
// specforge.config.json with $schema, adds the package.json scripts when free, generates once and
// prints the next steps; never overwrites a config; says what to pass when it finds none or several.
import fs from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, scratch, USERS_SPEC } from "./helpers.js";

const users = await fs.readFile(USERS_SPEC, "utf8");

describe("specforge init", () => {
  it("finds the spec, writes the config with $schema, adds free scripts, generates, prints the next steps", async () => {
    const dir = await scratch({
      "api/users.yaml": users,
      "package.json": JSON.stringify({ name: "app", scripts: { test: "vitest", "check:api": "mine" } }, null, 2),
      "node_modules/x/openapi.yaml": users,
    });
    const result = await runCli(["init"], dir);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(JSON.parse(await fs.readFile(path.join(dir, "specforge.config.json"), "utf8"))).toEqual({
      $schema: "./node_modules/specforge/config.schema.json",
      apis: [{ name: "users", spec: "api/users.yaml", out: "generated/users" }],
    });
    const pkg = JSON.parse(await fs.readFile(path.join(dir, "package.json"), "utf8"));
    // check:api was taken: left as it was.
    expect(pkg.scripts).toEqual({ test: "vitest", "check:api": "mine", "generate:api": "specforge generate" });
    expect(await fs.readdir(path.join(dir, "generated", "users"))).toContain("client.ts");
    expect(result.stdout).toContain(
      "specforge: wrote specforge.config.json for api/users.yaml (output in generated/users); added generate:api to package.json\n",
    );
    expect(result.stdout).toContain("users: generated/users (6 written, 0 unchanged)");
    expect(result.stdout).toContain(
      "1. Commit the config and the output: git add specforge.config.json generated/users",
    );
    expect(result.stdout).toContain("2. In CI, fail the build when the output is stale: npx specforge check\n");
    // From the project's root (no src/ here), through the index, with no top-level await.
    expect(result.stdout).toContain(
      [
        "3. Make the first call, from a file at the project's root:",
        '     import { createClient } from "./generated/users/index.js";',
        '     const api = createClient({ baseUrl: "https://..." /* , auth */ });',
        "     api.listUsers(/* input */).then((result) => console.log(result));",
      ].join("\n"),
    );
    expect(result.stdout).not.toContain("await");
    // The repository is now set up: check passes.
    expect((await runCli(["check"], dir)).code).toBe(0);
  });

  it.each<[string, Record<string, unknown>, { validators?: string }]>([
    ["noEmit (a bundler's, Vite's, Next.js's)", { noEmit: true, module: "nodenext" }, { validators: "js" }],
    ["emitDeclarationOnly", { emitDeclarationOnly: true, declaration: true, module: "nodenext" }, { validators: "js" }],
    ["an outDir (tsc builds the project)", { outDir: "dist", module: "nodenext" }, {}],
  ])("picks the validators' form from the project's tsconfig: %s", async (_, compilerOptions, expected) => {
    const dir = await scratch({
      "users.yaml": users,
      // Comments, as tsc --init writes them: the tsconfig is read as TypeScript reads it.
      "tsconfig.json": `{\n  // the project's settings\n  "compilerOptions": ${JSON.stringify(compilerOptions)}\n}\n`,
    });
    const result = await runCli(["init"], dir);
    expect(result.code).toBe(0);
    expect(JSON.parse(await fs.readFile(path.join(dir, "specforge.config.json"), "utf8")).apis).toEqual([
      { name: "users", spec: "users.yaml", out: "generated/users", ...expected },
    ]);
    const files = await fs.readdir(path.join(dir, "generated", "users"));
    expect(files).toContain(expected.validators === "js" ? "validators.js" : "validators.ts");
  });

  it.each<[string, Record<string, string>, Record<string, unknown>, Record<string, unknown>]>([
    [
      "moduleResolution bundler, sources in src/ (Vite, Next.js): extensionless imports, output under src/",
      { "src/main.ts": "" },
      { module: "esnext", moduleResolution: "bundler", noEmit: true },
      { out: "src/generated/users", importExtension: "none", validators: "js" },
    ],
    [
      "module preserve",
      {},
      { module: "preserve", noEmit: true },
      { out: "generated/users", importExtension: "none", validators: "js" },
    ],
    [
      "nodenext with rootDir (NestJS, a Node service): .js imports, output inside rootDir",
      { "app/main.ts": "" },
      { module: "nodenext", rootDir: "app", outDir: "dist" },
      { out: "app/generated/users" },
    ],
    [
      "include of one folder",
      { "lib/index.ts": "" },
      { module: "nodenext", outDir: "dist", include: ["lib/**/*"] },
      { out: "lib/generated/users" },
    ],
    [
      "allowImportingTsExtensions",
      {},
      { module: "nodenext", allowImportingTsExtensions: true, noEmit: true },
      { out: "generated/users", importExtension: ".ts", validators: "js" },
    ],
    [
      "module commonjs, node10 resolution (tsc --init of TypeScript 5.0-5.8): extensionless, which require resolves",
      {},
      { module: "commonjs", target: "es2016", outDir: "dist" },
      { out: "generated/users", importExtension: "none" },
    ],
    [
      "webpack's ts-loader guide (module es6, moduleResolution node): extensionless, which webpack resolves",
      { "src/index.ts": "" },
      { module: "es6", moduleResolution: "node", target: "es5", outDir: "./dist/", noImplicitAny: true, allowJs: true },
      { out: "src/generated/users", importExtension: "none" },
    ],
    ["a deno.json and no tsconfig", { "deno.json": "{}" }, {}, { out: "generated/users", importExtension: ".ts" }],
  ])("fits the output to the project's tsconfig: %s", async (_, files, compilerOptions, expected) => {
    const { include, ...options } = compilerOptions;
    const tsconfig: Record<string, string> =
      Object.keys(compilerOptions).length === 0
        ? {}
        : { "tsconfig.json": JSON.stringify({ compilerOptions: options, ...(include ? { include } : {}) }) };
    const dir = await scratch({ "users.yaml": users, ...files, ...tsconfig });
    const result = await runCli(["init"], dir);
    expect(result.stderr).toBe("");
    expect(JSON.parse(await fs.readFile(path.join(dir, "specforge.config.json"), "utf8")).apis).toEqual([
      { name: "users", spec: "users.yaml", ...expected },
    ]);
    const extension = (expected.importExtension as string | undefined) ?? ".js";
    const client = await fs.readFile(path.join(dir, expected.out as string, "client.ts"), "utf8");
    expect(client).toContain(`from "./models${extension === "none" ? "" : extension}"`);
    // The first call's import, as written from a file in the source folder.
    const from = (expected.out as string).replace(/^(?:(src|app|lib)\/)?/, "./");
    expect(result.stdout).toContain(
      `import { createClient } from "${from}/index${extension === "none" ? "" : extension}";`,
    );
  });

  it("puts the output where a tsconfig.build.json builds from (NestJS: rootDir ./src beside a tsconfig.json of rootDir .)", async () => {
    const dir = await scratch({
      "api/users.yaml": users,
      "src/main.ts": "",
      "package.json": JSON.stringify({ name: "nest-app", type: "module" }),
      "tsconfig.json": JSON.stringify({ compilerOptions: { module: "nodenext", rootDir: ".", outDir: "./dist" } }),
      "tsconfig.build.json": JSON.stringify({
        extends: "./tsconfig.json",
        compilerOptions: { rootDir: "./src" },
        include: ["src"],
        exclude: ["node_modules", "test", "dist", "**/*spec.ts"],
      }),
    });
    const result = await runCli(["init"], dir);
    expect(result.stderr).toBe("");
    expect(JSON.parse(await fs.readFile(path.join(dir, "specforge.config.json"), "utf8")).apis).toEqual([
      { name: "users", spec: "api/users.yaml", out: "src/generated/users" },
    ]);
    expect(result.stdout).toContain("3. Make the first call, from a file in src/:");
    expect(result.stdout).toContain('import { createClient } from "./generated/users/index.js";');
  });

  it("reads a solution-style tsconfig through its app's reference (Vite: tsconfig.app.json, bundler, noEmit, .ts imports allowed)", async () => {
    const dir = await scratch({
      "api/users.yaml": users,
      "src/main.tsx": "",
      "src/App.tsx": "",
      "vite.config.ts": "",
      "tsconfig.json": JSON.stringify({
        files: [],
        references: [{ path: "./tsconfig.app.json" }, { path: "./tsconfig.node.json" }],
      }),
      "tsconfig.app.json": `{
  "compilerOptions": {
    /* Bundler mode */
    "moduleResolution": "bundler",
    "allowImportingTsExtensions": true,
    "module": "esnext",
    "jsx": "react-jsx",
    "noEmit": true
  },
  "include": ["src"]
}
`,
      "tsconfig.node.json": JSON.stringify({
        compilerOptions: { moduleResolution: "bundler", module: "esnext", noEmit: true },
        include: ["vite.config.ts"],
      }),
    });
    const result = await runCli(["init"], dir);
    expect(result.stderr).toBe("");
    expect(JSON.parse(await fs.readFile(path.join(dir, "specforge.config.json"), "utf8")).apis).toEqual([
      { name: "users", spec: "api/users.yaml", out: "src/generated/users", importExtension: "none", validators: "js" },
    ]);
  });

  it("takes --mocks, --query and --dates into the config", async () => {
    const dir = await scratch({ "users.yaml": users });
    const result = await runCli(["init", "--mocks", "--query", "--dates"], dir);
    expect(result.stderr).toBe("");
    expect(JSON.parse(await fs.readFile(path.join(dir, "specforge.config.json"), "utf8")).apis).toEqual([
      { name: "users", spec: "users.yaml", out: "generated/users", mocks: true, query: true, dates: true },
    ]);
    const files = await fs.readdir(path.join(dir, "generated", "users"));
    expect(files).toEqual(expect.arrayContaining(["mocks.ts", "query.ts"]));
  });

  it("generate without a config points at init", async () => {
    const dir = await scratch({ "users.yaml": users });
    const result = await runCli(["generate"], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no such file\. Run `npx specforge init` to write one for this project/);
  });

  it("takes --spec and --out", async () => {
    const dir = await scratch({ "a.yaml": users, "b.json": '{ "openapi": "3.0.3" }' });
    const result = await runCli(["init", "--spec", "a.yaml", "--out", "src/api"], dir);
    expect(result.code).toBe(0);
    expect(JSON.parse(await fs.readFile(path.join(dir, "specforge.config.json"), "utf8")).apis).toEqual([
      { name: "a", spec: "a.yaml", out: "src/api" },
    ]);
    // No package.json here: no scripts, so no "npm run" alternative.
    expect(result.stdout).toContain("2. In CI, fail the build when the output is stale: npx specforge check\n");
  });

  it.each([
    [
      "a config already there",
      { "specforge.config.json": "{}", "users.yaml": users },
      [],
      /specforge\.config\.json already exists: specforge init never overwrites it/,
    ],
    [
      "no OpenAPI document",
      { "notes.yaml": "a: 1\n" },
      [],
      /no OpenAPI document found under this folder: pass --spec FILE/,
    ],
    [
      "several",
      { "a.yaml": users, "specs/b.json": '{ "openapi": "3.1.0" }' },
      [],
      /2 OpenAPI documents found: a\.yaml, specs\/b\.json; pass --spec FILE to pick one/,
    ],
    ["a missing --spec", {}, ["--spec", "nope.yaml"], /cannot read nope\.yaml: no such file/],
    ["a generate option", { "users.yaml": users }, ["--strict"], /--strict does not go with `specforge init`/],
  ])("%s: exit 2, one line, nothing written", async (_, files, args, message) => {
    const dir = await scratch(files as Record<string, string>);
    const before = (await fs.readdir(dir)).sort();
    const result = await runCli(["init", ...(args as string[])], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message as RegExp);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect((await fs.readdir(dir)).sort()).toEqual(before);
  });
});
