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
    expect(result.stdout).toContain("await api.listUsers(/* input */);");
    // The repository is now set up: check passes.
    expect((await runCli(["check"], dir)).code).toBe(0);
  });

  it.each<[string, Record<string, unknown>, { validators?: string }]>([
    ["noEmit (a bundler's, Vite's, Next.js's)", { noEmit: true }, { validators: "js" }],
    ["emitDeclarationOnly", { emitDeclarationOnly: true, declaration: true }, { validators: "js" }],
    ["an outDir (tsc builds the project)", { outDir: "dist" }, {}],
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
    ["a generate option", { "users.yaml": users }, ["--mocks"], /--mocks does not go with `specforge init`/],
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
