// types.ts is openapi-typescript's shape for openapi-fetch (`createClient<paths>`), with the models as
// its component schemas: calls through openapi-fetch type-check against it, on the Users API, an
// excerpt of GitHub's (test/fixtures/github-excerpt.json) and Stripe's, under the strictest flags; the
// answer's `data` is the model; and a call over a real server on 127.0.0.1 returns what it sent.
import fs from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { CLI, ROOT, scratch, typecheck, USERS_SPEC } from "./helpers.js";
import { exec, ID, serveUsers } from "./setup-projects.js";

const STRIPE = path.join(ROOT, "test", "corpus", "stripe-spec3-2023-09-05.yaml");
const GITHUB = path.join(ROOT, "test", "fixtures", "github-excerpt.json");

let dir: string;

/** Generates `spec` with the built CLI into `dir/<name>`. */
async function generate(name: string, spec: string): Promise<void> {
  await exec(process.execPath, [CLI, "generate", "--spec", spec, "--out", name], { cwd: dir });
}

beforeAll(async () => {
  dir = await scratch({ "package.json": '{ "type": "module" }\n' });
  // openapi-fetch resolves from the project's node_modules, as in a user's project.
  await fs.symlink(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  await Promise.all([generate("users", USERS_SPEC), generate("github", GITHUB), generate("stripe", STRIPE)]);
}, 180_000);

const USERS_USAGE = `import createClient from "openapi-fetch";
import type { components, paths } from "./users/types.js";
import type { User } from "./users/models.js";

export async function retrieve(baseUrl: string, id: string): Promise<User | undefined> {
  const client = createClient<paths>({ baseUrl, headers: { authorization: "Basic a2V5OnNlY3JldA==" } });
  const { data, error } = await client.GET("/v2/users/{id}", { params: { path: { id } } });
  if (error !== undefined) return undefined;
  const model: User = data;
  return model;
}

// The component schema and the model are one type, both ways.
export const toModel = (raw: components["schemas"]["User"]): User => raw;
export const toRaw = (model: User): components["schemas"]["User"] => model;

export async function wrong(baseUrl: string): Promise<void> {
  const client = createClient<paths>({ baseUrl });
  // @ts-expect-error the path parameter is required
  await client.GET("/v2/users/{id}", { params: { path: {} } });
  // @ts-expect-error no such path
  await client.GET("/v2/nowhere");
}
`;

const GITHUB_USAGE = `import createClient from "openapi-fetch";
import type { components, paths } from "./github/types.js";
import type { FullRepository, Issue, PrivateUser, PublicUser } from "./github/models.js";

const github = createClient<paths>({ baseUrl: "https://api.github.com" });

export async function repository(owner: string, repo: string): Promise<FullRepository | undefined> {
  const { data } = await github.GET("/repos/{owner}/{repo}", { params: { path: { owner, repo } } });
  return data;
}

export async function me(): Promise<PrivateUser | PublicUser | undefined> {
  const { data } = await github.GET("/user");
  return data;
}

export async function open(owner: string, repo: string): Promise<Issue | undefined> {
  const { data } = await github.POST("/repos/{owner}/{repo}/issues", {
    params: { path: { owner, repo } },
    body: { title: "Found a bug", labels: ["bug"] },
  });
  return data;
}

export const same = (repo: FullRepository): components["schemas"]["full-repository"] => repo;

export async function wrong(owner: string): Promise<void> {
  // @ts-expect-error repo is required
  await github.GET("/repos/{owner}/{repo}", { params: { path: { owner } } });
  // @ts-expect-error an issue's title is required
  await github.POST("/repos/{owner}/{repo}/issues", { params: { path: { owner, repo: "r" } }, body: { labels: [] } });
}
`;

const STRIPE_USAGE = `import createClient from "openapi-fetch";
import type { components, paths } from "./stripe/types.js";
import type { Customer, DeletedCustomer } from "./stripe/models.js";

const stripe = createClient<paths>({ baseUrl: "https://api.stripe.com" });

export async function customer(id: string): Promise<Customer | DeletedCustomer | undefined> {
  const { data, error } = await stripe.GET("/v1/customers/{customer}", { params: { path: { customer: id } } });
  if (error !== undefined) return undefined;
  return data;
}

export const same = (c: Customer): components["schemas"]["customer"] => c;

export async function wrong(): Promise<void> {
  // @ts-expect-error the customer is required
  await stripe.GET("/v1/customers/{customer}", { params: { path: {} } });
}
`;

describe("openapi-fetch over types.ts", () => {
  it.each([
    ["users", USERS_USAGE],
    ["github", GITHUB_USAGE],
    ["stripe", STRIPE_USAGE],
  ])("%s: calls type-check under the strictest flags, and the answer is the model", async (name, usage) => {
    const file = path.join(dir, `${name}-usage.ts`);
    await fs.writeFile(file, usage);
    expect(typecheck([file])).toEqual([]);
  });

  it("a call through openapi-fetch reaches a server on 127.0.0.1 and returns the user", async () => {
    const js = ts.transpileModule(USERS_USAGE, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    const file = path.join(dir, "users-usage.mjs");
    await fs.writeFile(file, js);
    const { retrieve } = (await import(pathToFileURL(file).href)) as {
      retrieve: (baseUrl: string, id: string) => Promise<{ id: string; first_name: string } | undefined>;
    };
    const server = await serveUsers();
    try {
      expect(await retrieve(server.url, ID)).toEqual({ id: ID, first_name: "Sarah" });
      expect(await retrieve(server.url, "missing")).toBeUndefined();
    } finally {
      await server.close();
    }
  });
});
