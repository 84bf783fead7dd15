// The frameworks teams start from, each from its own scaffolder at a pinned major, with no edit to
// the framework's configuration: `npm install` of the packed tarball, `npx specforge init` (its
// defaults), code calling the Users API through the output the way the framework's docs write code,
// then the framework's own build and a run against a real server on 127.0.0.1 (pages in headless
// Chromium). Then the TypeScript floor: `tsc --init` of TypeScript 5.0, 5.4, 5.9, 6 and 7 over the
// output with every option on. `npm run test:frameworks` runs this file (CI too); the scaffolds and
// their installs are cached in test/frameworks/.cache/, so a warm run takes minutes.
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_MISSING, chromiumAvailable, launchChromium } from "../chromium.js";
import { CLI, ROOT } from "../helpers.js";
import { EXPECTED, ID, MISSING, program, serveUsers } from "../setup-projects.js";
import { addSpecforge, CACHE, packSpecforge, run, scaffold, serving, viteScaffold, write } from "./scaffolds.js";

let tarball = "";
let users: Awaited<ReturnType<typeof serveUsers>>;
let browser: Browser;

beforeAll(async () => {
  if (!chromiumAvailable) throw new Error(CHROMIUM_MISSING);
  await fs.mkdir(CACHE, { recursive: true });
  tarball = await packSpecforge();
  users = await serveUsers();
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await users?.close();
});

/** The text of `selector` on the page at `url` once it no longer says "pending". */
async function pageText(url: string, selector: string): Promise<string> {
  const page = await browser.newPage();
  try {
    await page.goto(url);
    await page.waitForFunction(
      (s) => {
        const text = document.querySelector(s)?.textContent ?? "pending";
        return !text.includes("pending");
      },
      selector,
      { timeout: 30_000 },
    );
    return (await page.textContent(selector)) ?? "";
  } finally {
    await page.close();
  }
}

const AUTH = `auth: { username: "key_id", password: "s3cret" }, retry: false`;

/** A React component calling the API from the browser: a user, and a call refused before sending. */
function clientCall(from: string, baseUrl: string, header = ""): string {
  return `${header}import { useEffect, useState } from "react";
import { createClient, RequestValidationError } from "${from}";

export function ClientCall({ baseUrl }: { baseUrl: string }) {
  const [text, setText] = useState("pending");
  useEffect(() => {
    const api = createClient({ baseUrl, ${AUTH} });
    (async () => {
      const user = await api.retrieveUser({ id: ${JSON.stringify(ID)} });
      let refused = "";
      try {
        await api.createUser({ body: { email: "not an address" } });
      } catch (error) {
        refused = error instanceof RequestValidationError ? error.issues.map((i) => i.path.join(".")).join(",") : String(error);
      }
      setText(\`client: \${user.first_name}, refused: \${refused}\`);
    })().catch((error: unknown) => setText(\`client error: \${String(error)}\`));
  }, [baseUrl]);
  return <p id="client">{text}</p>;
}
${baseUrl ? `\nexport default function App() {\n  return <ClientCall baseUrl={${baseUrl}} />;\n}\n` : ""}`;
}

const CLIENT_TEXT = "client: Sarah, refused: body.email";

describe("Next.js 16, app router (create-next-app)", () => {
  const create = (dir: string) =>
    run(
      "npx",
      [
        "--yes",
        "create-next-app@16",
        dir,
        "--ts",
        "--app",
        "--src-dir",
        "--no-eslint",
        "--no-tailwind",
        "--import-alias",
        "@/*",
        "--use-npm",
        "--disable-git",
        "--yes",
      ],
      CACHE,
    );

  it.each([
    ["Turbopack (the default bundler)", []],
    ["webpack (next build --webpack)", ["--webpack"]],
  ])(
    "%s: a server component, a route handler and a client component call the API",
    async (_, buildArgs) => {
      const dir = await scaffold("next-16", create);
      const { api, stdout } = await addSpecforge(dir, tarball);
      // Bundler resolution and noEmit: extensionless imports, validators.js; under src/, which the app includes.
      expect(api).toEqual({
        name: "users",
        spec: "api/users.yaml",
        out: "src/generated/users",
        importExtension: "none",
        validators: "js",
      });
      expect(stdout).toContain('import { createClient } from "./generated/users/index";');
      await write(dir, {
        // The scaffold's layout loads Google fonts at build time, which this machine's closed network
        // refuses: the same layout without them.
        "src/app/layout.tsx": `import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = { title: "Users" };

export default function RootLayout({ children }: LayoutProps<"/">) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
`,
        "src/app/page.tsx": `import { connection } from "next/server";
import { Suspense } from "react";
import { createClient, validateCreateUserRequest } from "../generated/users/index";
import { ClientCall } from "./client-call";

async function ServerCall() {
  await connection();
  const baseUrl = process.env["USERS_URL"] ?? "";
  const api = createClient({ baseUrl, ${AUTH} });
  const user = await api.retrieveUser({ id: ${JSON.stringify(ID)} });
  const refused = !validateCreateUserRequest({ body: { email: "not an address" } }).ok;
  return (
    <>
      <p id="server">{\`server: \${user.first_name}, refused: \${refused}\`}</p>
      <ClientCall baseUrl={baseUrl} />
    </>
  );
}

export default function Home() {
  return (
    <main>
      <Suspense fallback={<p>loading</p>}>
        <ServerCall />
      </Suspense>
    </main>
  );
}
`,
        "src/app/client-call.tsx": clientCall("../generated/users/index", "", '"use client";\n'),
        "src/app/api/user/route.ts": `import { connection } from "next/server";
import { ApiError, createClient } from "@/generated/users/index";

export async function GET() {
  await connection();
  const api = createClient({ baseUrl: process.env["USERS_URL"] ?? "", ${AUTH} });
  const user = await api.retrieveUser({ id: ${JSON.stringify(ID)} });
  const missing = await api
    .retrieveUser({ id: ${JSON.stringify(MISSING)} })
    .then(() => 0, (error: unknown) => (error instanceof ApiError ? error.status : String(error)));
  return Response.json({ retrieved: user.first_name, missing });
}
`,
      });
      await run("npx", ["next", "build", ...buildArgs], dir, { NEXT_TELEMETRY_DISABLED: "1" });
      await serving(
        dir,
        (port) => [
          "npx",
          ["next", "start", "-p", String(port), "-H", "127.0.0.1"],
          { USERS_URL: users.url, NEXT_TELEMETRY_DISABLED: "1" },
        ],
        async (url) => {
          expect(await (await fetch(`${url}/api/user`)).json()).toEqual({ retrieved: "Sarah", missing: 404 });
          expect(await pageText(url, "#server")).toBe("server: Sarah, refused: true");
          expect(await pageText(url, "#client")).toBe(CLIENT_TEXT);
        },
      );
    },
    900_000,
  );
});

describe("NestJS 12 (nest new --strict)", () => {
  it("nest build, then the built app serves a route that calls the API", async () => {
    const dir = await scaffold("nest-12", (d) =>
      run(
        "npx",
        ["--yes", "@nestjs/cli@12", "new", path.basename(d), "--strict", "--package-manager", "npm", "--skip-git"],
        path.dirname(d),
      ),
    );
    const { api, stdout } = await addSpecforge(dir, tarball);
    // tsconfig.build.json builds src/ (rootDir ./src) to dist/ with nodenext: the output under src/,
    // validators.ts compiled with the rest, .js imports.
    expect(api).toEqual({ name: "users", spec: "api/users.yaml", out: "src/generated/users" });
    expect(stdout).toContain("Make the first call, from a file in src/:");
    expect(stdout).toContain('import { createClient } from "./generated/users/index.js";');
    await write(dir, {
      "src/app.service.ts": `import { Injectable } from '@nestjs/common';
import { ApiError, createClient, RequestValidationError, validateCreateUserRequest } from './generated/users/index.js';

@Injectable()
export class AppService {
  private readonly api = createClient({ baseUrl: process.env['USERS_URL'] ?? '', ${AUTH} });

  async getHello(): Promise<string> {
    const user = await this.api.retrieveUser({ id: ${JSON.stringify(ID)} });
    let refused: string[] = [];
    try {
      await this.api.createUser({ body: { email: 'not an address' } });
    } catch (error) {
      refused = error instanceof RequestValidationError ? error.issues.map((i) => i.path.join('.')) : [String(error)];
    }
    const missing = await this.api
      .retrieveUser({ id: ${JSON.stringify(MISSING)} })
      .then(() => 0, (error: unknown) => (error instanceof ApiError ? error.status : String(error)));
    const validated = validateCreateUserRequest({ body: { email: 'not an address' } }).ok;
    return JSON.stringify({ retrieved: user.first_name, validated, refused, missing });
  }
}
`,
    });
    const controller = path.join(dir, "src", "app.controller.ts");
    await fs.writeFile(
      controller,
      (await fs.readFile(controller, "utf8")).replace("getHello(): string {", "getHello(): Promise<string> {"),
    );
    await run("npm", ["run", "build"], dir);
    expect(existsSync(path.join(dir, "dist", "generated", "users", "validators.js"))).toBe(true);
    await serving(
      dir,
      (port) => ["node", ["dist/main.js"], { PORT: String(port), USERS_URL: users.url }],
      async (url) => expect(await (await fetch(url)).json()).toEqual(EXPECTED),
    );
  }, 900_000);
});

describe("Vite 8, react-ts (create-vite)", () => {
  it("vite build (tsc -b first), vite preview, and a page in Chromium that calls the API and sees a refusal", async () => {
    const dir = await viteScaffold();
    const { api } = await addSpecforge(dir, tarball);
    expect(api).toEqual({
      name: "users",
      spec: "api/users.yaml",
      out: "src/generated/users",
      importExtension: "none",
      validators: "js",
    });
    await write(dir, {
      "src/App.tsx": clientCall("./generated/users/index", "import.meta.env.VITE_USERS_URL"),
    });
    await run("npm", ["run", "build"], dir, { VITE_USERS_URL: users.url });
    await serving(
      dir,
      (port) => ["npx", ["vite", "preview", "--port", String(port), "--strictPort", "--host", "127.0.0.1"], {}],
      async (url) => expect(await pageText(url, "#client")).toBe(CLIENT_TEXT),
    );
  }, 900_000);
});

describe("webpack 5 + ts-loader, the usual configuration", () => {
  it("resolve.extensions [.tsx, .ts, .js], no extensionAlias: the bundle builds and runs", async () => {
    const dir = await scaffold("webpack-5", async (d) => {
      await write(d, {
        "package.json": `${JSON.stringify({ name: "webpack-app", version: "1.0.0", private: true, scripts: { build: "webpack" } }, null, 2)}\n`,
        // webpack's TypeScript guide, but target es2016: an async function needs a Promise library,
        // which the guide's es5 does not have.
        "tsconfig.json": `${JSON.stringify(
          {
            compilerOptions: {
              outDir: "./dist/",
              noImplicitAny: true,
              module: "es6",
              target: "es2016",
              jsx: "react",
              allowJs: true,
              moduleResolution: "node",
            },
          },
          null,
          2,
        )}\n`,
        "webpack.config.js": `const path = require("path");

module.exports = {
  entry: "./src/index.ts",
  target: "node",
  mode: "production",
  module: {
    rules: [{ test: /\\.tsx?$/, use: "ts-loader", exclude: /node_modules/ }],
  },
  resolve: { extensions: [".tsx", ".ts", ".js"] },
  output: { filename: "bundle.js", path: path.resolve(__dirname, "dist") },
};
`,
        "src/index.ts": "",
      });
      await run(
        "npm",
        ["install", "--save-dev", "webpack@5", "webpack-cli@6", "ts-loader@9", "typescript@5", "@types/node@20"],
        d,
      );
    });
    const { api } = await addSpecforge(dir, tarball);
    // moduleResolution node: extensionless imports, which webpack resolves; tsc would emit: validators.ts.
    expect(api).toEqual({ name: "users", spec: "api/users.yaml", out: "src/generated/users", importExtension: "none" });
    await write(dir, { "src/index.ts": program("") });
    await run("npm", ["run", "build"], dir);
    const { stdout } = await run("node", ["dist/bundle.js", users.url], dir);
    expect(JSON.parse(stdout.trim())).toEqual(EXPECTED);
  }, 900_000);
});

describe("the TypeScript floor: tsc --init's defaults, every option on", () => {
  it.each(["5.0", "5.4", "5.9", "6", "7"])(
    "TypeScript %s: the output with mocks, MSW handlers, query options and dates type-checks",
    async (version) => {
      const tools = path.join(CACHE, `typescript-${version}`);
      if (!existsSync(path.join(tools, "node_modules", ".bin", "tsc"))) {
        await write(tools, { "package.json": '{ "private": true }\n' });
        await run("npm", ["install", `typescript@${version}`], tools);
      }
      const tsc = path.join(tools, "node_modules", ".bin", "tsc");
      const dir = path.join(CACHE, "work", `typescript-${version}`);
      await fs.rm(dir, { recursive: true, force: true });
      await fs.mkdir(path.join(dir, "api"), { recursive: true });
      // tsc --init of 5.9 and later writes module nodenext with verbatimModuleSyntax, which assumes an
      // ES module package (in a CommonJS one, no file may import); before 5.9, module commonjs.
      const esm = !version.startsWith("5.") || version === "5.9";
      await fs.writeFile(
        path.join(dir, "package.json"),
        `${JSON.stringify({ name: "floor", private: true, ...(esm ? { type: "module" } : {}) })}\n`,
      );
      // msw and @tanstack/query-core, which mocks and query options import, as the project installs them.
      await fs.symlink(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
      await run(tsc, ["--init"], dir);
      await fs.copyFile(path.join(ROOT, "specs", "argyle-users.yaml"), path.join(dir, "api", "users.yaml"));
      await run("node", [CLI, "init", "--spec", "api/users.yaml", "--mocks", "--query", "--dates"], dir);
      const config = path.join(dir, "specforge.config.json");
      const parsed = JSON.parse(await fs.readFile(config, "utf8"));
      parsed.apis[0].mocks = { msw: true };
      await fs.writeFile(config, JSON.stringify(parsed));
      await run("node", [CLI, "generate"], dir);
      const files = await fs.readdir(path.join(dir, parsed.apis[0].out));
      expect(files).toEqual(expect.arrayContaining(["mocks.ts", "msw.ts", "query.ts", "client.ts"]));
      const { stdout: shown } = await run(tsc, ["--version"], dir);
      expect(shown).toContain(`Version ${version}`);
      await run(tsc, ["--noEmit", "-p", "."], dir);
    },
    600_000,
  );
});
