// `specforge diff` end to end through the built CLI: a git repository made in the test (the old
// version read with `git show`, referenced files too), every output format, every exit code, a
// Swagger 2.0 base against an OpenAPI 3.0 head, and text-only edits that are no change.
import { execFileSync } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { CORPUS, runCli, scratch, snapshotDir, spawnCli } from "./helpers.js";

const USERS = `openapi: 3.0.3
info:
  title: Users
  version: "1.0"
servers:
  - url: https://api.example.com/v1
paths:
  /users:
    get:
      operationId: listUsers
      parameters:
        - name: limit
          in: query
          schema:
            type: integer
            maximum: 100
      responses:
        "200":
          description: The users.
          content:
            application/json:
              schema:
                type: array
                items:
                  $ref: "#/components/schemas/User"
  /users/{id}:
    patch:
      operationId: updateUser
      parameters:
        - name: id
          in: path
          required: true
          schema:
            type: string
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: "#/components/schemas/User"
      responses:
        "200":
          description: The user.
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/User"
components:
  schemas:
    User:
      type: object
      required: [id]
      properties:
        id:
          type: string
          readOnly: true
        email:
          type: string
        address:
          $ref: "./common.yaml#/Address"
`;

const COMMON = `Address:
  type: object
  properties:
    zip:
      type: string
      maxLength: 10
`;

const CONFIG = JSON.stringify({ apis: [{ name: "users", spec: "specs/users.yaml", out: "generated/users" }] });

function git(dir: string, ...args: string[]): string {
  return execFileSync(
    "git",
    ["-c", "user.name=specforge-test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", ...args],
    { cwd: dir, encoding: "utf8" },
  );
}

/** A git repository holding the Users API, committed once. */
async function repo(files: Record<string, string> = {}): Promise<string> {
  const dir = await scratch({
    "specforge.config.json": CONFIG,
    "specs/users.yaml": USERS,
    "specs/common.yaml": COMMON,
    ...files,
  });
  git(dir, "init", "-q");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "v1");
  return dir;
}

const write = (dir: string, name: string, text: string) => fs.writeFile(path.join(dir, name), text);

describe("specforge diff --base REF", () => {
  it("a referenced file changed in the working tree: --base HEAD reads the spec and that file from git", async () => {
    const dir = await repo();
    await write(dir, "specs/common.yaml", COMMON.replace("maxLength: 10", "maxLength: 5"));
    const before = await snapshotDir(dir);
    const result = await spawnCli(["diff", "--base", "HEAD"], dir);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines[0]).toBe("users: 1 breaking, 2 compatible");
    // Breaking first: the request now refuses a zip of 6 to 10 characters. The referenced file's
    // schema is bundled into User, and located in the file it is written in, at the changed keyword.
    expect(lines[1]).toMatch(
      /^ {2}specs\/common\.yaml:6:7: breaking: updateUser body\.address\.zip: maxLength 10 -> 5 \(in User\)$/,
    );
    // Then the compatible ones in the spec's order of operations.
    expect(lines[2]).toMatch(/compatible: listUsers 200 body\[\]\.address\.zip: maxLength 10 -> 5 \(in User\)$/);
    expect(lines[3]).toMatch(/compatible: updateUser 200 body\.address\.zip: maxLength 10 -> 5 \(in User\)$/);
    expect(lines.slice(4)).toEqual([""]);
    expect((await spawnCli(["diff", "--base", "HEAD", "--fail-on", "breaking"], dir)).code).toBe(1);
    // diff writes nothing.
    expect(await snapshotDir(dir)).toEqual(before);
  });

  it("committed changes against HEAD~1, in every format", async () => {
    const dir = await repo();
    await write(
      dir,
      "specs/users.yaml",
      USERS.replace("            maximum: 100", "            maximum: 50").replace(
        "        email:\n          type: string\n",
        "        email:\n          type: string\n        nickname:\n          type: string\n",
      ),
    );
    git(dir, "commit", "-q", "-am", "v2");
    const json = await spawnCli(["diff", "--base", "HEAD~1", "--format", "json"], dir);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as { apis: { name: string; changes: Record<string, string>[] }[] };
    expect(parsed.apis.map((a) => a.name)).toEqual(["users"]);
    const changes = parsed.apis[0]!.changes;
    for (const c of changes) expect(Object.keys(c)).toEqual(["severity", "where", "message", "location"]);
    expect(changes.map((c) => `${c.severity} ${c.where}: ${c.message}`)).toEqual([
      "breaking listUsers query.limit: maximum 100 -> 50",
      "compatible listUsers 200 body[].nickname: optional field added (in User)",
      "compatible updateUser body.nickname: optional field added (in User)",
      "compatible updateUser 200 body.nickname: optional field added (in User)",
    ]);
    const limit = changes[0]!.location!;
    expect(limit).toMatch(/^specs\/users\.yaml:(\d+):(\d+)$/);
    // The location is the new spec's line of `maximum: 50`.
    const line = Number(limit.split(":")[1]);
    expect(USERS.replace("maximum: 100", "maximum: 50").split("\n")[line - 1]).toContain("maximum: 50");

    const markdown = await spawnCli(["diff", "--base", "HEAD~1", "--format", "markdown"], dir);
    expect(markdown.stdout).toContain(
      "## users\n\n1 breaking, 3 compatible.\n\n### Breaking (1)\n\n| Where | Change | Location |",
    );
    expect(markdown.stdout).toContain("| listUsers query.limit | maximum 100 -> 50 |");
    expect(markdown.stdout.indexOf("### Breaking")).toBeLessThan(markdown.stdout.indexOf("### Compatible (3)"));
    expect(markdown.stdout).toContain("| listUsers 200 body\\[\\].nickname | optional field added \\(in User\\) |");

    const text = await spawnCli(["diff", "--base", "HEAD~1"], dir);
    expect(text.stdout.split("\n")[0]).toBe("users: 1 breaking, 3 compatible");
    expect((await spawnCli(["diff", "--base", "HEAD~1", "--fail-on", "breaking"], dir)).code).toBe(1);
  });

  it("a removal is located in the old version, as git names it (REF:path)", async () => {
    const dir = await repo();
    await write(dir, "specs/users.yaml", USERS.replace("        email:\n          type: string\n", ""));
    const result = await runCli(["diff", "--base", "HEAD", "--format", "json"], dir);
    const changes = (JSON.parse(result.stdout) as { apis: { changes: { where: string; location: string }[] }[] })
      .apis[0]!.changes;
    const removed = changes.find((c) => c.where === "listUsers 200 body[].email")!;
    expect(removed.location).toMatch(/^HEAD:specs\/users\.yaml:\d+:\d+$/);
    const line = Number(removed.location.split(":")[2]);
    expect(USERS.split("\n")[line - 1]).toContain("email:");
  });

  it("only compatible changes: exit 0 with --fail-on breaking, 1 with --fail-on any", async () => {
    const dir = await repo();
    await write(dir, "specs/users.yaml", USERS.replace("maximum: 100", "maximum: 200"));
    expect((await runCli(["diff", "--base", "HEAD", "--fail-on", "breaking"], dir)).code).toBe(0);
    expect((await runCli(["diff", "--base", "HEAD", "--fail-on", "any"], dir)).code).toBe(1);
  });

  it("each API of a config against its own spec at the ref", async () => {
    const config = JSON.stringify({
      apis: [
        { name: "users", spec: "specs/users.yaml", out: "generated/users" },
        { name: "more", spec: "specs/more.yaml", out: "generated/more" },
      ],
    });
    const dir = await repo({ "specforge.config.json": config, "specs/more.yaml": USERS });
    await write(dir, "specs/more.yaml", USERS.replace("maximum: 100", "maximum: 10"));
    const result = await runCli(["diff", "--base", "HEAD"], dir);
    expect(result.stdout).toMatch(
      /^users: no changes\nmore: 1 breaking, 0 compatible\n {2}specs\/more\.yaml:\d+:\d+: breaking: listUsers query\.limit: maximum 100 -> 10\n$/,
    );
  });
});

describe("what is no change", () => {
  it("comments, key order, re-indentation and JSON instead of YAML", async () => {
    const dir = await repo();
    const reordered = YAML.parse(USERS) as Record<string, unknown>;
    const json = JSON.stringify(Object.fromEntries(Object.entries(reordered).reverse()), null, 4);
    await write(dir, "specs/users.json", json);
    await write(dir, "specs/users.yaml", `# a comment\n${YAML.stringify(YAML.parse(USERS), { indent: 4 })}`);
    expect(await runCli(["diff", "--base", "HEAD", "--fail-on", "any"], dir)).toEqual({
      code: 0,
      stdout: "users: no changes\n",
      stderr: "",
    });
    const old = await runCli(["diff", "--old", "specs/users.json", "--fail-on", "any"], dir);
    expect(old).toEqual({ code: 0, stdout: "users: no changes\n", stderr: "" });
  });
});

const SWAGGER = `swagger: "2.0"
info:
  title: Pets
  version: "1.0"
host: pets.example.com
basePath: /v1
schemes: [https]
paths:
  /pets/{id}:
    get:
      operationId: getPet
      produces: [application/json]
      parameters:
        - name: id
          in: path
          required: true
          type: string
        - name: fields
          in: query
          type: string
          maxLength: 50
      responses:
        "200":
          description: The pet.
          schema:
            $ref: "#/definitions/Pet"
definitions:
  Pet:
    type: object
    required: [name]
    properties:
      name:
        type: string
      tag:
        type: string
`;

const OPENAPI = `openapi: 3.0.3
info:
  title: Pets
  version: "1.0"
servers:
  - url: https://pets.example.com/v1
paths:
  /pets/{id}:
    get:
      operationId: getPet
      parameters:
        - name: id
          in: path
          required: true
          schema:
            type: string
        - name: fields
          in: query
          schema:
            type: string
            maxLength: 50
      responses:
        "200":
          description: The pet.
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/Pet"
components:
  schemas:
    Pet:
      type: object
      required: [name]
      properties:
        name:
          type: string
        tag:
          type: string
`;

describe("a Swagger 2.0 base against an OpenAPI 3.0 head of the same API", () => {
  it("the upgrade itself is no change; a change made with it is found", async () => {
    const dir = await scratch({ "pets-v2.yaml": SWAGGER, "pets.yaml": OPENAPI });
    const same = await spawnCli(["diff", "--old", "pets-v2.yaml", "--spec", "pets.yaml"], dir);
    expect(same).toEqual({ code: 0, stdout: "pets: no changes\n", stderr: "" });
    await write(dir, "pets.yaml", OPENAPI.replace("      required: [name]", "      required: [name, tag]"));
    const changed = await spawnCli(["diff", "--old", "pets-v2.yaml", "--spec", "pets.yaml", "--format", "json"], dir);
    expect(JSON.parse(changed.stdout).apis[0].changes).toEqual([
      {
        severity: "compatible",
        where: "getPet 200 body.tag",
        message: "optional -> required (in Pet)",
        location: expect.stringMatching(/^pets\.yaml:\d+:\d+$/),
      },
    ]);
  });
});

describe("bad input: exit 2, one located line, no stack trace", () => {
  it.each([
    [["--base", "no-such-branch"], /^specforge: |^unknown git ref "no-such-branch"/],
    [["--base=--output=x"], /is not a git ref/],
    [["--base", "HEAD", "--old", "x.yaml"], /pass --base REF \(a git ref\) or --old FILE, one of them/],
    [[], /pass --base REF \(a git ref\) or --old FILE, one of them/],
    [["--base", "HEAD", "--format", "html"], /--format with diff must be text, markdown, json, not "html"/],
    [["--base", "HEAD", "--fail-on", "minor"], /--fail-on must be breaking or any, not "minor"/],
    [["--old", "missing.yaml"], /cannot read missing\.yaml: no such file/],
  ])("diff %j", async (args, message) => {
    const dir = await repo();
    const result = await runCli(["diff", ...(args as string[])], dir);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(message as RegExp);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("a spec that did not exist at the ref", async () => {
    const dir = await repo();
    await write(dir, "specs/new.yaml", USERS);
    const result = await runCli(["diff", "--base", "HEAD", "--spec", "specs/new.yaml"], dir);
    expect(result).toMatchObject({ code: 2, stdout: "" });
    expect(result.stderr).toBe("specs/new.yaml does not exist at HEAD: pass a ref that has it, or --old FILE\n");
  });

  it("an invalid old spec is located in the old version", async () => {
    const dir = await repo();
    await write(
      dir,
      "specs/users.yaml",
      USERS.replace("      operationId: listUsers\n", "      operationId: [listUsers]\n"),
    );
    git(dir, "commit", "-q", "-am", "broken");
    await write(dir, "specs/users.yaml", USERS);
    const result = await runCli(["diff", "--base", "HEAD"], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^HEAD:specs\/users\.yaml:\d+:\d+: .*operationId/);
  });

  it("--base outside a git repository", async () => {
    const dir = await scratch({
      "specforge.config.json": CONFIG,
      "specs/users.yaml": USERS,
      "specs/common.yaml": COMMON,
    });
    const result = await runCli(["diff", "--base", "HEAD"], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--base needs a git repository.*use --old FILE/);
  });

  it("--old with a config of several APIs", async () => {
    const config = JSON.stringify({
      apis: [
        { name: "a", spec: "specs/users.yaml", out: "generated/a" },
        { name: "b", spec: "specs/users.yaml", out: "generated/b" },
      ],
    });
    const dir = await repo({ "specforge.config.json": config });
    const result = await runCli(["diff", "--old", "specs/users.yaml"], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--old FILE is one old spec, and the config has 2 APIs");
  });
});

describe("every corpus spec", () => {
  it("against itself, and against itself written as JSON with its keys reversed: no change", async () => {
    const { readdirSync } = await import("node:fs");
    const files = readdirSync(CORPUS).filter((f) => /\.(json|ya?ml)$/.test(f));
    expect(files.length).toBeGreaterThan(10);
    const dir = await scratch();
    for (const file of files) {
      const spec = path.join(CORPUS, file);
      const text = await fs.readFile(spec, "utf8");
      const value = file.endsWith(".json") ? JSON.parse(text) : YAML.parse(text);
      const reverse = (v: unknown): unknown =>
        Array.isArray(v)
          ? v.map(reverse)
          : v && typeof v === "object"
            ? Object.fromEntries(
                Object.entries(v)
                  .reverse()
                  .map(([k, x]) => [k, reverse(x)]),
              )
            : v;
      await write(dir, "old.json", JSON.stringify(reverse(value)));
      for (const old of [spec, path.join(dir, "old.json")]) {
        const result = await runCli(["diff", "--spec", spec, "--old", old, "--name", "api"], dir);
        expect(result, file).toEqual({ code: 0, stdout: "api: no changes\n", stderr: "" });
      }
    }
  }, 120_000);
});
