// Bad input: each case exits 2 with one located, specific message, no stack trace, and leaves the
// output folder exactly as it was.
import { execFileSync } from "node:child_process";
import fs from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALIAS_BOMB, THING_SPEC, thingWith } from "./fixtures/specs.js";
import { runCli, scratch, snapshotDir, spawnCli } from "./helpers.js";

/** A project with a generated `out/`, a file of the user's in it, and `spec.yaml` replaced by `bad`. */
async function projectWithBadSpec(bad: string): Promise<{ dir: string; before: Record<string, string> }> {
  const dir = await scratch({ "spec.yaml": THING_SPEC });
  const first = await runCli(["--spec", "spec.yaml", "--out", "out"], dir);
  expect(first.code, first.stderr).toBe(0);
  await fs.writeFile(path.join(dir, "out", "user-notes.md"), "mine\n");
  const before = await snapshotDir(path.join(dir, "out"));
  await fs.writeFile(path.join(dir, "spec.yaml"), bad);
  return { dir, before };
}

const cases: [string, string, RegExp][] = [
  ["invalid YAML", thingWith("  title: Things", "  title: [Things"), /^spec\.yaml:4:\d+: invalid YAML: /],
  ["an empty file", "", /^spec\.yaml:1:1: the file is empty/],
  [
    "a document that is not OpenAPI",
    "hello: world\nitems: [1, 2]\n",
    /^spec\.yaml:1:1: not an OpenAPI document: there is no `openapi` field/,
  ],
  [
    "a YAML list instead of a document",
    "- 1\n- 2\n",
    /^spec\.yaml:1:1: not an OpenAPI document: the top level is a list/,
  ],
  [
    "an unsupported Swagger version",
    'swagger: "1.2"\ninfo: { title: x, version: "1" }\npaths: {}\n',
    /^spec\.yaml:1:1: `swagger: "1\.2"` is not supported/,
  ],
  [
    "an invalid Swagger 2.0 document (validated before conversion, located in the original)",
    'swagger: "2.0"\ninfo: { title: x, version: "1" }\npaths:\n  /a:\n    get:\n      responses:\n        "200": { description: ok, headers: { X-A: { type: text } } }\n',
    /^spec\.yaml:7:\d+: invalid OpenAPI document: .*see the Swagger 2\.0 specification/,
  ],
  [
    "a model error in a converted Swagger 2.0 document, located in the original",
    'swagger: "2.0"\ninfo: { title: x, version: "1" }\npaths:\n  /a:\n    get:\n      operationId: same\n      responses: { "204": { description: none } }\n  /b:\n    get:\n      operationId: same\n      responses: { "204": { description: none } }\n',
    /^spec\.yaml:10:7: duplicate operationId "same" \(first used at spec\.yaml:6:7\)/,
  ],
  [
    "a missing $ref target",
    thingWith('$ref: "#/components/schemas/Thing"', '$ref: "#/components/schemas/Nope"'),
    /^spec\.yaml:21:17: `\$ref` "#\/components\/schemas\/Nope" points at nothing: this document has no "\/components\/schemas\/Nope"/,
  ],
  [
    "a schema that is a $ref to itself (a fuzzing find: swagger-parser threw without a place)",
    THING_SPEC + '    Self:\n      $ref: "#/components/schemas/Self"\n',
    /^spec\.yaml:30:7: `\$ref` "#\/components\/schemas\/Self" is part of a loop of references with no schema in it \(#\/components\/schemas\/Self → #\/components\/schemas\/Self\): give one of them content/,
  ],
  [
    "schemas that are $refs to each other",
    THING_SPEC +
      '    A:\n      description: only a reference\n      $ref: "#/components/schemas/B"\n    B:\n      $ref: "#/components/schemas/A"\n',
    /^spec\.yaml:31:7: `\$ref` "#\/components\/schemas\/B" is part of a loop of references with no schema in it \(#\/components\/schemas\/A → #\/components\/schemas\/B → #\/components\/schemas\/A\)/,
  ],
  [
    "a schema containing itself in place, through oneOf (a fuzzing find: validators would loop, TypeScript rejects the alias)",
    THING_SPEC + '    Loop:\n      oneOf:\n        - type: string\n        - $ref: "#/components/schemas/Loop"\n',
    /^spec\.yaml:32:11: schema "Loop" contains itself in place \(Loop → Loop\), through allOf\/oneOf\/anyOf\/not without a property or an array item in between: .*put the reference inside a property or `items`/,
  ],
  [
    "a $ref to a missing file",
    thingWith('$ref: "#/components/schemas/Thing"', '$ref: "./missing.yaml#/Thing"'),
    /^spec\.yaml:21:17: `\$ref` ".\/missing.yaml#\/Thing": cannot read missing\.yaml: no such file/,
  ],
  [
    "duplicate operationIds",
    THING_SPEC.replace(
      "components:",
      `  /others:
    get:
      operationId: getThing
      responses:
        "204":
          description: none
components:`,
    ),
    /^spec\.yaml:24:7: duplicate operationId "getThing" \(first used at spec\.yaml:8:7\): operationIds must be unique/,
  ],
  [
    "a field of the wrong type in an operation",
    thingWith("      operationId: getThing", "      operationId: getThing\n      deprecated: soon"),
    /^spec\.yaml:9:7: invalid OpenAPI document: must be boolean \(at \/paths\/~1things~1\{id\}\/get\/deprecated\)/,
  ],
  [
    "an unterminated quoted string (located where it opens, not at the end of the file)",
    thingWith("          description: The thing.", '          description: "The thing.'),
    /^spec\.yaml:17:24: invalid YAML: the quoted string that starts here is never closed: add its closing "\n$/,
  ],
  [
    "an unterminated single-quoted string",
    thingWith("  title: Things", "  title: 'Things"),
    /^spec\.yaml:3:10: invalid YAML: the quoted string that starts here is never closed: add its closing '\n$/,
  ],
  [
    "a 3.1 schema with a type JSON Schema does not have (3.1's dialect lets it through; never read as unknown)",
    `openapi: 3.1.0
info:
  title: t
  version: "1"
paths: {}
components:
  schemas:
    Thing:
      type: [string, invalid]
`,
    /^spec\.yaml:9:7: unknown type "invalid": JSON Schema's types are "string", "number", "integer", "boolean", "null", "array", "object"\n$/,
  ],
  [
    "an unsupported OpenAPI version",
    thingWith("openapi: 3.0.3", "openapi: 2.5.0"),
    /^spec\.yaml:1:1: OpenAPI 2\.5\.0 is not supported/,
  ],
  [
    "a 3.1 document with neither paths, components nor webhooks (one problem, not three required fields)",
    'openapi: 3.1.0\ninfo: { title: x, version: "1" }\n',
    /^spec\.yaml:1:1: invalid OpenAPI document: needs at least one of "paths", "components" or "webhooks" \(at \/\); see the OpenAPI 3\.1 specification\n$/,
  ],
];

describe("bad specs exit 2 with a located message and leave the output untouched", () => {
  it.each(cases)("%s", async (_name, bad, message) => {
    const { dir, before } = await projectWithBadSpec(bad);
    const result = await runCli(["generate", "--spec", "spec.yaml", "--out", "out"], dir);
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe("");
    expect(await snapshotDir(path.join(dir, "out"))).toEqual(before);
    // check reports the same problem the same way
    const checked = await runCli(["check", "--spec", "spec.yaml", "--out", "out"], dir);
    expect(checked.code).toBe(2);
    expect(checked.stderr).toMatch(message);
  });
});

describe("a YAML alias bomb", () => {
  it("fails fast, without expanding it", async () => {
    const { dir, before } = await projectWithBadSpec(ALIAS_BOMB);
    const started = Date.now();
    const result = await spawnCli(["--spec", "spec.yaml", "--out", "out"], dir, {}, 30_000);
    expect(result.stderr).toMatch(/^spec\.yaml:\d+:\d+: YAML aliases expand past the limit of \d+ \(an alias bomb\?\)/);
    expect(result.code).toBe(2);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await snapshotDir(path.join(dir, "out"))).toEqual(before);
  });
});

describe("remote $refs", () => {
  let server: http.Server;
  let connections = 0;
  let port = 0;
  beforeAll(async () => {
    server = http.createServer((_req, res) => res.end("Thing:\n  type: object\n"));
    server.on("connection", () => connections++);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("are refused before any connection is made", async () => {
    const ref = `http://127.0.0.1:${port}/thing.yaml#/Thing`;
    const { dir, before } = await projectWithBadSpec(thingWith('$ref: "#/components/schemas/Thing"', `$ref: "${ref}"`));
    const result = await runCli(["--spec", "spec.yaml", "--out", "out"], dir);
    expect(result.stderr).toMatch(
      /^spec\.yaml:21:17: remote `\$ref` "http:\/\/127\.0\.0\.1:\d+\/thing\.yaml#\/Thing" refused: .*--allow-remote-refs/,
    );
    expect(result.code).toBe(2);
    expect(connections).toBe(0);
    expect(await snapshotDir(path.join(dir, "out"))).toEqual(before);
  });

  it("are followed with --allow-remote-refs", async () => {
    const ref = `http://127.0.0.1:${port}/thing.yaml#/Thing`;
    const dir = await scratch({ "spec.yaml": thingWith('$ref: "#/components/schemas/Thing"', `$ref: "${ref}"`) });
    const result = await runCli(["--spec", "spec.yaml", "--out", "out", "--allow-remote-refs"], dir);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(connections).toBeGreaterThan(0);
  });
});

describe("$refs outside the spec's folder", () => {
  it("are refused without reading the file", async () => {
    // The target is a FIFO: reading it would block until a writer appears, so a read hangs the run.
    const { dir, before } = await projectWithBadSpec(
      thingWith('$ref: "#/components/schemas/Thing"', '$ref: "../secret.yaml#/Thing"'),
    );
    const api = path.join(dir, "api");
    await fs.mkdir(api);
    await fs.rename(path.join(dir, "spec.yaml"), path.join(api, "spec.yaml"));
    execFileSync("mkfifo", [path.join(dir, "secret.yaml")]);
    const result = await spawnCli(["--spec", "api/spec.yaml", "--out", "out"], dir, {}, 20_000);
    expect(result.stderr).toMatch(
      /^api\/spec\.yaml:21:17: `\$ref` "\.\.\/secret\.yaml#\/Thing" points outside the spec's folder and was not read/,
    );
    expect(result.code).toBe(2);
    expect(await snapshotDir(path.join(dir, "out"))).toEqual(before);
  });

  it("are refused through a symbolic link too", async () => {
    const dir = await scratch({
      "api/spec.yaml": thingWith('$ref: "#/components/schemas/Thing"', '$ref: "./link.yaml#/Thing"'),
      "outside.yaml": "Thing: {}\n",
    });
    await fs.symlink(path.join(dir, "outside.yaml"), path.join(dir, "api", "link.yaml"));
    const result = await runCli(["--spec", "api/spec.yaml", "--out", "out"], dir);
    expect(result.stderr).toMatch(
      /^api\/spec\.yaml:21:17: `\$ref` ".\/link\.yaml#\/Thing" leads outside the spec's folder through a link/,
    );
    expect(result.code).toBe(2);
  });

  it("files inside the folder are followed and bundled", async () => {
    const dir = await scratch({
      "api/spec.yaml": thingWith('$ref: "#/components/schemas/Thing"', '$ref: "./schemas/thing.yaml"'),
      "api/schemas/thing.yaml": "type: object\nproperties:\n  size:\n    type: integer\n",
    });
    const result = await runCli(["--spec", "api/spec.yaml", "--out", "out"], dir);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const models = await fs.readFile(path.join(dir, "out", "models.ts"), "utf8");
    expect(models).toContain("export type GetThingResult = {\n    size?: number;\n};");
  });
});

describe("bad options and config", () => {
  const table: [string, string[], Record<string, string>, RegExp][] = [
    ["an unknown option", ["--nope"], {}, /^Unknown option '--nope'\. Run `specforge --help` for the options\.$/m],
    ["an unknown command", ["build"], {}, /^unknown command "build"/],
    ["--spec without --out", ["--spec", "x.yaml"], {}, /^--spec and --out go together/],
    ["a missing config", [], {}, /^cannot read specforge\.config\.json: no such file/],
    ["a missing spec file", ["--spec", "nope.yaml", "--out", "out"], {}, /^cannot read nope\.yaml: no such file/],
    [
      "a config that is not JSON",
      [],
      { "specforge.config.json": '{ "apis": [ }' },
      /^specforge\.config\.json:1:\d+: invalid YAML/,
    ],
    [
      "a config with an unknown field",
      [],
      {
        "specforge.config.json":
          '{\n  "apis": [\n    { "name": "a", "spec": "s.yaml", "out": "o", "output": "x" }\n  ]\n}\n',
      },
      /^specforge\.config\.json:3:50: unknown API field "output"/,
    ],
    [
      "a wrong --import-extension",
      ["--import-extension", ".mjs"],
      {},
      /^--import-extension must be \.js, \.ts or none, not "\.mjs"$/m,
    ],
    [
      "a wrong importExtension in the config",
      [],
      {
        "specforge.config.json":
          '{ "apis": [ { "name": "a", "spec": "s.yaml", "out": "o", "importExtension": "ts" } ] }',
      },
      /^specforge\.config\.json:1:\d+: "importExtension" must be "\.js", "\.ts" or "none"$/m,
    ],
  ];
  it.each(table)("%s", async (_name, args, files, message) => {
    const dir = await scratch(files);
    const result = await runCli(args, dir);
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("shows a stack trace only with --debug", async () => {
    const dir = await scratch({ "spec.yaml": "" });
    const plain = await spawnCli(["--spec", "spec.yaml", "--out", "out"], dir);
    expect(plain.stderr.trim().split("\n")).toHaveLength(1);
    const debug = await spawnCli(["--spec", "spec.yaml", "--out", "out", "--debug"], dir);
    expect(debug.code).toBe(2);
    expect(debug.stderr).toMatch(/\n\s+at /);
  });

  it("answers --help, --version and bad options without loading the pipeline (TypeScript, handlebars, redos-detector)", async () => {
    // A preload that lists, at exit, the CommonJS modules the process loaded.
    const dir = await scratch({
      "loaded.mjs":
        'import { createRequire } from "node:module";\nconst cache = createRequire(import.meta.url).cache;\nprocess.on("exit", () => process.stderr.write("\\nLOADED " + JSON.stringify(Object.keys(cache))));\n',
    });
    const env = { NODE_OPTIONS: `--import=${pathToFileURL(path.join(dir, "loaded.mjs")).href}` };
    const loaded = (stderr: string) => JSON.parse(stderr.slice(stderr.lastIndexOf("LOADED ") + 7)) as string[];
    const heavy = (files: string[]) =>
      // TypeScript loads only in the types worker now (unseen here): the pipeline's own CommonJS
      // dependencies on this thread (handlebars, redos-detector) show whether it was imported.
      files.filter((f) =>
        /[\\/]node_modules[\\/](typescript|ts-morph|@ts-morph|openapi-typescript|handlebars|redos-detector)[\\/]/.test(
          f,
        ),
      );
    for (const args of [["--help"], ["--version"], ["--nope"], ["--spec", "x.yaml"], ["check"]]) {
      const result = await spawnCli(args, dir, env);
      expect(result.stderr, args.join(" ")).toContain("LOADED ");
      expect(heavy(loaded(result.stderr)), args.join(" ")).toEqual([]);
    }
    // The probe sees the pipeline when it is loaded.
    await fs.writeFile(path.join(dir, "spec.yaml"), THING_SPEC);
    const generated = await spawnCli(["--spec", "spec.yaml", "--out", "out"], dir, env);
    expect(generated.code).toBe(0);
    expect(heavy(loaded(generated.stderr)).length).toBeGreaterThan(0);
  });
});

describe("harmless spec problems are warnings; --strict makes them errors", () => {
  const NO_PATHS =
    'openapi: 3.0.3\ninfo: { title: x, version: "1" }\ncomponents:\n  schemas:\n    Thing: { type: object, properties: { id: { type: string } } }\n';
  const LICENSE = THING_SPEC.replace(
    "info:\n",
    "info:\n  license: { name: MIT, identifier: MIT, url: https://opensource.org/license/mit }\n",
  ).replace("openapi: 3.0.3", "openapi: 3.1.0");

  it("a 3.0 document without paths generates models and validators, with a located warning", async () => {
    const dir = await scratch({ "spec.yaml": NO_PATHS });
    const result = await runCli(["--spec", "spec.yaml", "--out", "out"], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      "spec.yaml:1:1: warning: the document has no `paths`: it is generated as schemas only (models and validators, no client); add `paths: {}` to make it valid\n",
    );
    expect((await fs.readdir(path.join(dir, "out"))).sort()).toEqual([
      ".specforge-manifest.json",
      "index.ts",
      "models.ts",
      "types.ts",
      "validators.ts",
    ]);
  });

  it("a 3.1 license with both identifier and url warns at the license", async () => {
    expect(LICENSE).toContain("identifier: MIT");
    const dir = await scratch({ "spec.yaml": LICENSE });
    const result = await runCli(["--spec", "spec.yaml", "--out", "out"], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      "spec.yaml:3:3: warning: the document does not follow the OpenAPI 3.1 schema: matches more than one of the allowed forms (fields that exclude each other?) (at /info/license); it does not affect the generated code\n",
    );
  });

  const UNENFORCED = [
    "openapi: 3.1.0",
    'info: { title: x, version: "1" }',
    "paths: {}",
    "components:",
    "  schemas:",
    "    Legacy:",
    "      type: object",
    "      dependencies: { card: [billing] }",
    "    Dynamic:",
    "      $dynamicRef: '#meta'",
    "",
  ].join("\n");

  it("a keyword the validators do not enforce is a warning at the keyword, never silently ignored", async () => {
    const dir = await scratch({ "spec.yaml": UNENFORCED });
    const result = await runCli(["--spec", "spec.yaml", "--out", "out"], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      [
        "spec.yaml:8:7: warning: dependencies is not enforced by the validators: values it would reject pass; check them on the server or with your own code",
        "spec.yaml:10:7: warning: $dynamicRef is not enforced by the validators: values it would reject pass; check them on the server or with your own code",
        "",
      ].join("\n"),
    );
  });

  const IMPLIED = [
    "openapi: 3.1.0",
    'info: { title: x, version: "1" }',
    "paths: {}",
    "components:",
    "  schemas:",
    "    Loose:",
    "      properties: { a: { type: string } }",
    "    Tagged:",
    "      type: object",
    "      allOf:",
    "        - required: [a]",
    "          properties: { a: { type: string } }",
    "      anyOf: [{ required: [a] }, { required: [b] }]",
    "    List:",
    "      items: { type: string }",
    "",
  ].join("\n");

  it("a schema typed by its keywords alone warns at the schema; composition members do not", async () => {
    const dir = await scratch({ "spec.yaml": IMPLIED });
    const result = await runCli(["--spec", "spec.yaml", "--out", "out"], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      [
        "spec.yaml:6:5: warning: schema has object keywords but no `type`: it is typed as an object, while its validator, as JSON Schema says, accepts values of every other type; add `type: object`",
        "spec.yaml:14:5: warning: schema has array keywords but no `type`: it is typed as an array, while its validator, as JSON Schema says, accepts values of every other type; add `type: array`",
        "",
      ].join("\n"),
    );
    const models = await fs.readFile(path.join(dir, "out", "models.ts"), "utf8");
    expect(models).toMatch(/export interface Loose \{\s+a\?: string;\s+\}/);
    expect(models).toContain("export type List = string[];");
    const { validateLoose } = await import(pathToFileURL(path.join(dir, "out", "validators.js")).href);
    expect(validateLoose(5).ok).toBe(true);
    expect(validateLoose({ a: 1 }).ok).toBe(false);
  });

  it("a field the OpenAPI schema does not define at the document's root is a warning (it changes nothing emitted)", async () => {
    const dir = await scratch({ "spec.yaml": thingWith("paths:", "source:\n  repo: x\npaths:") });
    const result = await runCli(["--spec", "spec.yaml", "--out", "out"], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      'spec.yaml:5:1: warning: unknown field "source" at the document\'s root: the OpenAPI 3.0 schema does not define it and specforge ignores it (a typo? extensions start with "x-")\n',
    );
    const strict = await runCli(["--spec", "spec.yaml", "--out", "strict", "--strict"], dir);
    expect(strict.code).toBe(2);
  });

  it("an unknown field is a warning naming the likely typo (ignored, as every peer does); --strict refuses it", async () => {
    const dir = await scratch({
      "spec.yaml": thingWith("      operationId: getThing", "      operationId: getThing\n      summry: typo").replace(
        "        name:\n          type: string",
        "        name:\n          type: string\n          nullble: true",
      ),
    });
    const result = await runCli(["--spec", "spec.yaml", "--out", "out"], dir);
    expect(result.code).toBe(0);
    expect(result.stderr.split("\n").filter(Boolean)).toEqual([
      'spec.yaml:30:11: warning: unknown field "nullble" (at /components/schemas/Thing/properties/name): the OpenAPI 3.0 schema does not define it here and specforge ignores it; did you mean "nullable"?',
      'spec.yaml:9:7: warning: unknown field "summry" (at /paths/~1things~1{id}/get): the OpenAPI 3.0 schema does not define it here and specforge ignores it; did you mean "summary"?',
    ]);
    const strict = await runCli(["--spec", "spec.yaml", "--out", "strict", "--strict"], dir);
    expect(strict.code).toBe(2);
  });

  it("a finding inside a schema's XML Object is a warning (opensuse.org: `xml: { example }`), as is a typo beside it", async () => {
    const xml = "        name:\n          type: string\n          xml:\n            name: n\n            example: <n/>";
    const dir = await scratch({
      "spec.yaml": thingWith("        name:\n          type: string", xml),
      "typo.yaml": thingWith("        name:\n          type: string", `${xml}\n          exampel: x`),
    });
    const result = await runCli(["--spec", "spec.yaml", "--out", "out"], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      'spec.yaml:31:13: warning: unknown field "example" (at /components/schemas/Thing/properties/name/xml): the OpenAPI 3.0 schema does not define it here and specforge ignores it; extensions start with "x-"\n',
    );
    const typo = await runCli(["--spec", "typo.yaml", "--out", "typo"], dir);
    expect(typo.code).toBe(0);
    expect(typo.stderr).toMatch(/^typo\.yaml:32:11: warning: unknown field "exampel" .* did you mean "example"\?$/m);
    expect(typo.stderr).toMatch(/^typo\.yaml:31:13: warning: unknown field "example" \(at .*\/xml\)/m);
  });

  it.each([
    ["no paths", NO_PATHS],
    ["a type implied by keywords", IMPLIED.split("    Tagged:")[0]!],
    ["license", LICENSE],
    ["an unenforced keyword", UNENFORCED.split("    Dynamic:")[0]!],
  ])("--strict: %s exits 2 and writes nothing", async (_name, spec) => {
    const dir = await scratch({ "spec.yaml": spec });
    const result = await runCli(["--spec", "spec.yaml", "--out", "out", "--strict"], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^spec\.yaml:\d+:\d+: .*\n\(--strict: this warning is an error; fix the spec or drop --strict\)\n$/,
    );
    await expect(fs.stat(path.join(dir, "out"))).rejects.toThrow();
  });

  it("a problem that would make the output wrong stays an error", async () => {
    const dir = await scratch({ "spec.yaml": thingWith("          in: path", "          in: nowhere") });
    const result = await runCli(["--spec", "spec.yaml", "--out", "out"], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^spec\.yaml:\d+:\d+: invalid OpenAPI document/);
  });
});

describe("Swagger 2.0", () => {
  it("is converted to OpenAPI 3 and generates like the rest: body parameter, produces, definitions", async () => {
    const spec = `swagger: "2.0"
info: { title: Pets, version: "1" }
host: pets.example
basePath: /v1
schemes: [https]
consumes: [application/json]
produces: [application/json]
paths:
  /pets/{id}:
    put:
      operationId: updatePet
      parameters:
        - { name: id, in: path, required: true, type: string }
        - { name: pet, in: body, required: true, schema: { $ref: "#/definitions/Pet" } }
      responses:
        "200": { description: ok, schema: { $ref: "#/definitions/Pet" } }
definitions:
  Pet:
    type: object
    required: [name]
    properties:
      name: { type: string, maxLength: 10 }
      tag: { type: string, x-nullable: true }
`;
    const dir = await scratch({ "spec.yaml": spec });
    const result = await runCli(["--spec", "spec.yaml", "--out", "out"], dir);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const models = await fs.readFile(path.join(dir, "out", "models.ts"), "utf8");
    expect(models).toContain("export interface Pet {");
    expect(models).toMatch(/export interface UpdatePetInput \{[^}]*id: string;[^}]*body: Pet;/s);
    const client = await fs.readFile(path.join(dir, "out", "client.ts"), "utf8");
    expect(client).toContain('"https://pets.example/v1"');
  });
});

describe("input limits: named in the message, configurable", () => {
  const nested = (levels: number) =>
    `{"openapi":"3.0.3","info":{"title":"x","version":"1"},"paths":{},"x-deep":${"[".repeat(levels)}${"]".repeat(levels)}}`;
  const yamlNested = (levels: number) =>
    `openapi: 3.0.3\ninfo: { title: x, version: "1" }\npaths: {}\nx-deep:\n${Array.from({ length: levels }, (_, i) => `${" ".repeat(i + 1)}a:`).join("\n")} 1\n`;

  it.each([
    [
      "JSON",
      "spec.json",
      nested(300),
      /^spec\.json:1:\d+: the document nests deeper than 200 levels \(the maxDepth limit\).*--max-depth/,
    ],
    [
      "hostile JSON (200,000 levels)",
      "spec.json",
      nested(200_000),
      /^spec\.json:1:\d+: the document nests deeper than 200 levels/,
    ],
    ["YAML", "spec.yaml", yamlNested(300), /^spec\.yaml:\d+:\d+: the document nests deeper than 200 levels/],
    [
      "hostile YAML (50,000 flow levels)",
      "spec.yaml",
      `openapi: 3.0.3\nx: ${"[".repeat(50_000)}${"]".repeat(50_000)}\n`,
      /^spec\.yaml:\d+:\d+: the document nests deeper than 200 levels/,
    ],
  ])("nesting: %s exits 2 with a located message", async (_name, file, text, message) => {
    const dir = await scratch({ [file]: text });
    const result = await runCli(["--spec", file, "--out", "out"], dir);
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(2);
    await expect(fs.stat(path.join(dir, "out"))).rejects.toThrow();
  });

  it("a schema nested to the limit generates (no stack overflow anywhere)", async () => {
    const deep = `${'{"type":"array","items":'.repeat(190)}{"type":"string"}${"}".repeat(190)}`;
    const spec = `{"openapi":"3.0.3","info":{"title":"x","version":"1"},"paths":{"/a":{"post":{"operationId":"op","requestBody":{"content":{"application/json":{"schema":${deep}}}},"responses":{"204":{"description":"x"}}}}}}`;
    const dir = await scratch({ "spec.json": spec });
    const result = await runCli(["--spec", "spec.json", "--out", "out"], dir);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  });

  it("--max-depth, --max-aliases and --max-file-bytes change the limits; so does the config's limits", async () => {
    const dir = await scratch({ "spec.json": nested(300), "spec.yaml": THING_SPEC });
    expect((await runCli(["--spec", "spec.json", "--out", "out", "--max-depth", "400"], dir)).code).toBe(0);
    const small = await runCli(["--spec", "spec.yaml", "--out", "out2", "--max-file-bytes", "100"], dir);
    expect(small.stderr).toMatch(
      /^spec\.yaml is \d+ bytes, over the maxFileBytes limit of 100: raise it with --max-file-bytes/,
    );
    const aliases = await runCli(["--spec", "spec.yaml", "--out", "out2", "--max-aliases", "1"], dir);
    expect(aliases.code).toBe(0); // THING_SPEC has no aliases
    await fs.writeFile(
      path.join(dir, "specforge.config.json"),
      JSON.stringify({ apis: [{ name: "d", spec: "spec.json", out: "out3", limits: { maxDepth: 400 } }] }),
    );
    expect((await runCli([], dir)).code).toBe(0);
    await fs.writeFile(
      path.join(dir, "specforge.config.json"),
      JSON.stringify({ apis: [{ name: "d", spec: "spec.json", out: "out3", limits: { maxDepht: 400 } }] }),
    );
    expect((await runCli([], dir)).stderr).toMatch(
      /^specforge\.config\.json:1:\d+: unknown limit "maxDepht" \(expected one of: maxFileBytes, maxAliasCount, maxDepth\)/,
    );
    expect((await runCli(["--spec", "spec.json", "--out", "o", "--max-depth", "1e3"], dir)).stderr).toMatch(
      /^--max-depth must be a positive whole number, not "1e3"/,
    );
  });

  it("a raised limit that the stack cannot follow exits 2 with advice, not an internal error", async () => {
    const deep = `${'{"type":"array","items":'.repeat(20_000)}{"type":"string"}${"}".repeat(20_000)}`;
    const dir = await scratch({
      "spec.json": `{"openapi":"3.0.3","info":{"title":"x","version":"1"},"paths":{},"components":{"schemas":{"D":${deep}}}}`,
    });
    const result = await spawnCli(["--spec", "spec.json", "--out", "out", "--max-depth", "100000"], dir);
    expect(result.stderr).toMatch(/^specforge: the spec nests too deeply to process \(the call stack ran out\)/);
    expect(result.code).toBe(2);
  }, 60_000);
});
