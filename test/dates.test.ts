// `"dates": true` end to end: a spec with a date-time in every place (test/fixtures/dates.yaml),
// generated with the option, type-checked (with a user's file and its @ts-expect-error lines),
// compiled, and called against a local server: responses and error bodies converted in every place,
// `format: date` left a string, invalid values left as they came, requests sending `Date`s as ISO
// strings in the body, path, query and header, strings still accepted, an Invalid Date refused; and a
// differential property: converting, then JSON.stringify, gives back the JSON's meaning.
import fs from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateApi } from "../generator/index.js";
import { ROOT, scratch, transpile, typecheckOutput } from "./helpers.js";

type Module = Record<string, any>;
const SPEC = path.join(ROOT, "test", "fixtures", "dates.yaml");
const AT = "2023-01-30T22:25:38.971210Z";

/** An event with a date-time in every place, as the server sends it. */
function event(id: string): Record<string, unknown> {
  return {
    id,
    at: AT,
    day: "2024-02-29",
    ended: null,
    times: ["2024-01-01T00:00:00Z", "2024-01-02T03:04:05+02:00"],
    byName: { first: "2024-03-01T10:00:00Z" },
    patterned: { t_one: "2024-03-02T10:00:00Z", other: "2024-03-02T10:00:00Z" },
    stamped: { stampedAt: "2024-04-01T00:00:00Z" },
    maybe: { stampedAt: "2024-04-02T00:00:00Z" },
    shape: { kind: "Square", cutAt: "2024-05-01T00:00:00Z" },
    children: [
      { id: "child", at: "2024-06-01T00:00:00Z", children: [{ id: "grandchild", at: "2024-06-02T00:00:00Z" }] },
    ],
    pair: ["2024-07-01T00:00:00Z", 7],
    grid: [["2024-08-01T00:00:00Z"], ["2024-08-02T00:00:00Z", "2024-08-03T00:00:00Z"]],
    change: { at: "2024-09-01T00:00:00Z", by: "2024-09-02T00:00:00Z" },
    moments: ["2024-10-01T00:00:00Z"],
  };
}

let dir: string;
let client: Module;
let server: http.Server;
let baseUrl: string;
const seen: { url: string; asOf: string | undefined; body: unknown }[] = [];

beforeAll(async () => {
  dir = await scratch({ "package.json": '{ "type": "module" }\n' });
  const api = { name: "dates", spec: SPEC, out: dir, base: ROOT, allowRemoteRefs: false, allowOutsideRefs: false };
  const { files, model } = await generateApi(api, { cwd: ROOT, dates: true });
  for (const [name, text] of files) await fs.writeFile(path.join(dir, name), text);
  const user = `import { createClient, isApiError } from "./client.js";
import type { EventModel, GetEventResult } from "./models.js";

const api = createClient({ baseUrl: "http://localhost" });
export async function use(): Promise<unknown[]> {
  const found: GetEventResult = await api.getEvent({ at: new Date(), since: "2024-01-01T00:00:00Z" });
  const at: Date = found.at;
  const day: string | undefined = found.day;
  // @ts-expect-error a date-time is a Date in what the client returns, not a string
  const wrong: string = found.at;
  const times: Date[] | undefined = found.times;
  await api.createEvent({ body: { id: "e", at: new Date(), times: ["2024-01-01T00:00:00Z", new Date()] } });
  // @ts-expect-error a date-time input is a Date or a string, not a number
  await api.createEvent({ body: { id: "e", at: 42 } });
  const child: EventModel | undefined = found.children?.[0];
  try {
    await api.getEvent({ at: "2024-01-01T00:00:00Z" });
  } catch (error) {
    if (isApiError(error, "getEvent", 404)) {
      const when: Date | undefined = error.body.at;
      return [when];
    }
  }
  return [at, day, wrong, times, child];
}
`;
  await fs.writeFile(path.join(dir, "user.ts"), user);
  files.set("user.ts", user);
  const problems = await typecheckOutput(dir, files, model);
  if (problems.length > 0) throw new Error(problems.slice(0, 5).join("\n"));
  await transpile(dir, files, "models.ts");
  await transpile(dir, files, "validators.ts");
  client = (await import(await transpile(dir, files, "client.ts"))) as Module;
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      seen.push({
        url: req.url ?? "",
        asOf: req.headers["x-as-of"] as string | undefined,
        body: body ? JSON.parse(body) : undefined,
      });
      res.setHeader("content-type", "application/json");
      if (req.url?.startsWith("/events/gone")) return res.writeHead(404).end(JSON.stringify({ title: "Gone", at: AT }));
      if (req.url?.startsWith("/events/bad"))
        return res.end(JSON.stringify({ ...event("bad"), at: "yesterday", ended: "2024-13-45T99:00:00Z" }));
      if (req.method === "POST") return res.writeHead(201).end(body);
      if (req.url === "/events") return res.end(JSON.stringify([event("a"), event("b")]));
      res.end(JSON.stringify(event("one")));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe("dates: what the client hands back", () => {
  it("converts a date-time in every place, and leaves a calendar date a string", async () => {
    const api = client.createClient({ baseUrl });
    const e = await api.getEvent({ at: "2024-01-01T00:00:00Z" });
    expect(e.at).toBeInstanceOf(Date);
    // A Date holds milliseconds: the microseconds of the string are gone.
    expect(e.at.toISOString()).toBe("2023-01-30T22:25:38.971Z");
    expect(e.day).toBe("2024-02-29");
    expect(e.ended).toBeNull();
    expect(e.times.map((d: Date) => d.toISOString())).toEqual(["2024-01-01T00:00:00.000Z", "2024-01-02T01:04:05.000Z"]);
    expect(e.byName.first).toBeInstanceOf(Date);
    expect(e.patterned.t_one).toBeInstanceOf(Date);
    // "other" is not a patternProperties name, and there is no additionalProperties schema.
    expect(e.patterned.other).toBe("2024-03-02T10:00:00Z");
    expect(e.stamped.stampedAt).toBeInstanceOf(Date);
    expect(e.maybe.stampedAt).toBeInstanceOf(Date);
    expect(e.shape.cutAt).toBeInstanceOf(Date);
    expect(e.children[0].at).toBeInstanceOf(Date);
    expect(e.children[0].children[0].at).toBeInstanceOf(Date);
    expect(e.pair[0]).toBeInstanceOf(Date);
    expect(e.pair[1]).toBe(7);
    expect(e.grid[1][1]).toBeInstanceOf(Date);
    // Branches of one JSON type without a discriminator: converted where they all put a date-time.
    expect(e.change.at).toBeInstanceOf(Date);
    expect(e.change.by).toBe("2024-09-02T00:00:00Z");
    expect(e.moments[0]).toBeInstanceOf(Date);
    const list = await api.listEvents();
    expect(list[1].at).toBeInstanceOf(Date);
  });

  it("converts error bodies that isApiError narrows", async () => {
    // "gone" is not a date-time: the request validators are off to reach the server's 404.
    const api = client.createClient({ baseUrl, retry: false, validateRequests: false });
    const error = await api.getEvent({ at: "gone" }).catch((e: unknown) => e);
    expect(client.isApiError(error, "getEvent", 404)).toBe(true);
    expect(error.body.at).toBeInstanceOf(Date);
    expect(error.body.title).toBe("Gone");
  });

  it("leaves a value that is not a valid date-time as it came; validateResponses checks the JSON first", async () => {
    const api = client.createClient({ baseUrl, validateRequests: false });
    const e = await api.getEvent({ at: "bad" });
    expect(e.at).toBe("yesterday");
    expect(e.ended).toBe("2024-13-45T99:00:00Z");
    const validators = await import(pathToFileURL(path.join(dir, "validators.js")).href);
    const strict = client.createClient({
      baseUrl,
      validateRequests: false,
      validateResponses: "throw",
      responseValidators: validators,
    });
    const thrown = await strict.getEvent({ at: "bad" }).catch((x: unknown) => x);
    expect(thrown.name).toBe("ResponseValidationError");
    const fine = await strict.getEvent({ at: "2024-01-01T00:00:00Z" });
    expect(fine.stamped.stampedAt).toBeInstanceOf(Date);
  });
});

describe("dates: what the client sends", () => {
  it("sends a Date as its ISO string in the path, query, header and body; a string as it is", async () => {
    const api = client.createClient({ baseUrl });
    seen.length = 0;
    const at = new Date("2024-09-01T12:00:00Z");
    await api.getEvent({ at, since: new Date("2024-08-01T00:00:00Z"), "X-As-Of": at });
    expect(seen[0]).toMatchObject({
      url: "/events/2024-09-01T12%3A00%3A00.000Z?since=2024-08-01T00%3A00%3A00.000Z",
      asOf: "2024-09-01T12:00:00.000Z",
    });
    await api.getEvent({ at: "2024-09-01T12:00:00+02:00" });
    expect(seen[1]!.url).toBe("/events/2024-09-01T12%3A00%3A00%2B02%3A00");
    const created = await api.createEvent({
      body: { id: "n", at, times: [at, "2024-01-01T00:00:00Z"], children: [{ id: "c", at }] },
    });
    expect(seen[2]!.body).toEqual({
      id: "n",
      at: "2024-09-01T12:00:00.000Z",
      times: ["2024-09-01T12:00:00.000Z", "2024-01-01T00:00:00Z"],
      children: [{ id: "c", at: "2024-09-01T12:00:00.000Z" }],
    });
    // The echo comes back converted.
    expect(created.at).toBeInstanceOf(Date);
    expect(created.times[1]).toBeInstanceOf(Date);
  });

  it("refuses an Invalid Date with a clear message, before sending", async () => {
    const api = client.createClient({ baseUrl });
    seen.length = 0;
    const error = await api.createEvent({ body: { id: "n", at: new Date("nope") } }).catch((e: unknown) => e);
    expect(error.name).toBe("RequestValidationError");
    expect(error.issues).toEqual([
      { path: ["body", "at"], code: "format", message: "must be a valid date (an Invalid Date was given)" },
    ]);
    expect(seen).toEqual([]);
  });
});

describe("dates: differential", () => {
  const dateTime = fc
    .date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2200-01-01T00:00:00Z"), noInvalidDate: true })
    .map((d) => d.toISOString());
  const events = fc.record(
    {
      id: fc.string(),
      at: dateTime,
      day: fc.constant("2024-01-01"),
      times: fc.array(dateTime, { maxLength: 3 }),
      byName: fc.dictionary(fc.constantFrom("a", "b"), dateTime),
      shape: fc.oneof(
        fc.record({ kind: fc.constant("Circle"), drawnAt: dateTime }),
        fc.record({ kind: fc.constant("Square"), cutAt: dateTime }),
      ),
      pair: fc.tuple(dateTime, fc.integer()),
    },
    { requiredKeys: ["id", "at"] },
  );

  it("converting then JSON.stringify gives back the original JSON's meaning", async () => {
    await fc.assert(
      fc.asyncProperty(events, async (value) => {
        const json = JSON.stringify(value);
        const api = client.createClient({
          baseUrl: "http://localhost",
          fetch: async () => new Response(json, { headers: { "content-type": "application/json" } }),
        });
        const converted = await api.getEvent({ at: "2024-01-01T00:00:00Z" });
        expect(JSON.parse(JSON.stringify(converted))).toEqual(JSON.parse(json));
      }),
      { numRuns: 100, seed: 24 },
    );
  });
});

describe("dates: in Deno and Bun", () => {
  it.each(["deno", "bun"])(
    "%s runs the conversion and sends Dates as ISO strings",
    async (runtime) => {
      const { execFile } = await import("node:child_process");
      const { promisify } = await import("node:util");
      const sandbox = await scratch({ "package.json": '{ "type": "module" }\n' });
      const out = path.join(sandbox, "out");
      const api = { name: "dates", spec: SPEC, out, base: ROOT, allowRemoteRefs: false, allowOutsideRefs: false };
      const { files } = await generateApi(api, { cwd: ROOT, dates: true, importExtension: ".ts" });
      await fs.mkdir(out);
      for (const [name, text] of files) await fs.writeFile(path.join(out, name), text);
      await fs.writeFile(
        path.join(sandbox, "run.ts"),
        `import { createClient } from "./out/client.ts";
const sent: string[] = [];
const api = createClient({
  baseUrl: "http://localhost",
  fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    sent.push(request.url);
    return new Response(${JSON.stringify(JSON.stringify(event("deno-bun")))}, { headers: { "content-type": "application/json" } });
  },
});
const e = await api.getEvent({ at: new Date("2024-09-01T12:00:00Z") });
console.log(JSON.stringify({
  sent,
  at: e.at instanceof Date ? e.at.toISOString() : "not a Date",
  child: e.children?.[0]?.children?.[0]?.at instanceof Date,
  shape: (e.shape as { cutAt?: unknown }).cutAt instanceof Date,
  day: e.day,
}));
`,
      );
      const bin = path.join(ROOT, "node_modules", ".bin", runtime);
      const args = runtime === "deno" ? ["run", "--quiet", "--no-prompt", "run.ts"] : ["run", "run.ts"];
      const env = { ...process.env, DENO_DIR: path.join(sandbox, ".deno"), NO_COLOR: "1" };
      const { stdout } = await promisify(execFile)(bin, args, { cwd: sandbox, env });
      expect(JSON.parse(stdout)).toEqual({
        sent: ["http://localhost/events/2024-09-01T12%3A00%3A00.000Z"],
        at: "2023-01-30T22:25:38.971Z",
        child: true,
        shape: true,
        day: "2024-02-29",
      });
    },
    120_000,
  );
});
