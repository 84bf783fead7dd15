// mocks.ts (and msw.ts): a mock body for every documented answer of every operation, from the spec's
// examples first, otherwise synthesized (synthesize.ts), each checked at generation time by the
// generated validator itself (`validateFooBarResult(status, body)`): an example that fails its schema
// is a located warning and a synthesized value is used instead; an answer no value could be found for
// is a located warning and its mock is left out. With `mockFetch`, a `fetch` that answers like the API.

import { pointerSegments, toPointer } from "../../load/pointer.js";
import type { ApiModel, MediaContent, Operation, Response, Schema } from "../../model/index.js";
import type { DateConverters } from "../dates.js";
import { commentText, jsonLinesTemplate, jsonTemplate, literal } from "../escape.js";
import { header } from "../header.js";
import { runtimeFor } from "../runtime.js";
import { contentType, type TypeNames } from "../type-text.js";
import { NO_VALUE, type SynthesisOptions, synthesize } from "./synthesize.js";

/** The methods MSW has a handler function for (`http.get`, ...); others go through `http.all`. */
const MSW_METHODS: ReadonlySet<string> = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]);

const BRANCH_ATTEMPTS = 16;

type ResultValidator = (
  status: number,
  body: unknown,
) => { ok: boolean; issues?: { path: unknown[]; message: string }[] };

/** Where each emitted mock came from, for the closing numbers and the tests. */
export interface MockStats {
  mediaExamples: number;
  schemaExamples: number;
  synthesized: number;
  refusedExamples: number;
  omitted: number;
}

interface Mocked {
  status: string;
  /** The number the answer is checked and served with. */
  code: number;
  value: unknown;
  content: MediaContent;
  source: "the spec's example" | "the schema's examples" | "synthesized from the schema";
}

/** Mock bodies for JSON and text answers; binary ones (files) are not mocked. */
function mockable(response: Response): MediaContent | undefined {
  return (
    response.contents.find((c) => /json/i.test(c.mediaType)) ??
    response.contents.find((c) => /^text\//i.test(c.mediaType) || c.mediaType === "*/*")
  );
}

/** The status a documented answer is served and checked with: `4XX` as 400, `default` as one no other key names. */
function statusCode(status: string, op: Operation): number {
  if (/^\d{3}$/.test(status)) return Number(status);
  if (/^\dXX$/i.test(status)) return Number(status[0]) * 100;
  const taken = new Set(op.responses.map((r) => r.status.toUpperCase()));
  for (let code = 500; code < 600; code++) if (!taken.has(String(code)) && !taken.has("5XX")) return code;
  return 599;
}

/** The status answered by default: the first documented success (or `default`, or the first answer). */
function defaultStatus(op: Operation): number {
  const response =
    op.responses.find((r) => /^2/.test(r.status)) ??
    op.responses.find((r) => r.status === "default") ??
    op.responses[0];
  return response ? statusCode(response.status, op) : 200;
}

/**
 * The media type object's own example: `example`, or its first `examples` entry's data (3.2's
 * `dataValue`, else `value`; through `$ref`s).
 */
function mediaExample(
  doc: Record<string, unknown>,
  content: MediaContent,
): { value: unknown; pointer: string } | undefined {
  const mediaPointer = content.schema.pointer.replace(/\/schema$/, "");
  const media = lookup(doc, mediaPointer) as Record<string, unknown> | undefined;
  if (!media || typeof media !== "object") return undefined;
  if ("example" in media) return { value: media.example, pointer: `${mediaPointer}/example` };
  const examples = media.examples;
  if (!examples || typeof examples !== "object") return undefined;
  const [name, first] = Object.entries(examples as Record<string, unknown>)[0] ?? [];
  if (name === undefined) return undefined;
  let entry = first as Record<string, unknown> | undefined;
  let pointer = `${mediaPointer}${toPointer(["examples", name])}`;
  for (let hops = 0; entry && typeof entry.$ref === "string" && hops < 16; hops++) {
    pointer = entry.$ref.slice(1);
    entry = lookup(doc, pointer) as Record<string, unknown> | undefined;
  }
  if (!entry || typeof entry !== "object") return undefined;
  if ("dataValue" in entry) return { value: entry.dataValue, pointer: `${pointer}/dataValue` };
  if (!("value" in entry)) return undefined;
  return { value: entry.value, pointer: `${pointer}/value` };
}

function lookup(doc: unknown, pointer: string): unknown {
  let node = doc;
  for (const segment of pointerSegments(`#${pointer}`)) {
    if (!node || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

function firstIssue(result: ReturnType<ResultValidator>): string {
  const issue = result.issues?.[0];
  if (!issue) return "it does not match";
  const at = issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
  return `${at}${issue.message}`;
}

/** Whether the schema (or one it names first) carries an example, and so the first attempt used it. */
function hasExample(schema: Schema, components: Map<string, Schema>): boolean {
  let s: Schema | undefined = schema;
  for (let hops = 0; s && hops < 16; hops++) {
    if (s.examples && s.examples.length > 0) return true;
    s = s.ref === undefined ? undefined : components.get(s.ref);
  }
  return false;
}

/** The mocks of one operation's answers, each checked by its result validator. */
function mockOperation(
  model: ApiModel,
  op: Operation,
  validate: ResultValidator | undefined,
  components: Map<string, Schema>,
  stats: MockStats,
): Mocked[] {
  const out: Mocked[] = [];
  for (const response of op.responses) {
    const content = mockable(response);
    if (!content) continue;
    const code = statusCode(response.status, op);
    const where = `${op.operationId} ${response.status}`;
    // Served as JSON: what is checked is what a client will parse.
    const check = (value: unknown) => (validate ? validate(code, value) : { ok: true });
    const asJson = (value: unknown) =>
      value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
    const example = mediaExample(model.document, content);
    if (example) {
      const value = asJson(example.value);
      const result = check(value);
      if (result.ok) {
        stats.mediaExamples++;
        out.push({ status: response.status, code, value, content, source: "the spec's example" });
        continue;
      }
      stats.refusedExamples++;
      model.warnings.push({
        message: `the example of ${where} does not match its schema (${firstIssue(result)}): its mock is synthesized from the schema instead`,
        pointer: example.pointer,
      });
    }
    let found: Mocked | undefined;
    let refused: string | undefined;
    // The spec's examples first, then without them; the required members first, then the optional
    // ones too (what tells a oneOf's overlapping branches apart); another branch of every
    // oneOf/anyOf each time, while the schema has any.
    attempts: for (const [examples, full, fewest] of [
      [true, false, false],
      [false, false, false],
      [true, true, false],
      [false, true, false],
      // Last, every array as short as it may be: an empty list is valid where no item is found.
      [false, false, true],
    ] as const) {
      for (let branch = 0; branch < BRANCH_ATTEMPTS; branch++) {
        const options: SynthesisOptions = { components, examples, branch, hidden: "writeOnly", full, fewest };
        const synthesis = synthesize(content.schema, options);
        if (synthesis.value !== NO_VALUE) {
          const value = asJson(synthesis.value);
          const result = check(value);
          if (result.ok) {
            const fromExamples = examples && hasExample(content.schema, components);
            const source = fromExamples ? "the schema's examples" : "synthesized from the schema";
            found = { status: response.status, code, value, content, source };
            break attempts;
          }
          if (examples && branch === 0 && !full) refused = firstIssue(result);
        }
        if (!synthesis.unions) break;
      }
    }
    if (found) {
      if (found.source === "the schema's examples") stats.schemaExamples++;
      else stats.synthesized++;
      if (refused !== undefined && found.source !== "the schema's examples" && hasExample(content.schema, components)) {
        stats.refusedExamples++;
        model.warnings.push({
          message: `the schema's examples for ${where} do not make a valid body (${refused}): its mock is synthesized from the schema instead`,
          pointer: content.schema.pointer,
        });
      }
      out.push(found);
      continue;
    }
    stats.omitted++;
    model.warnings.push({
      message: `no mock for ${where}: no value was found that its validator accepts (an unsatisfiable schema, or a pattern or combination specforge cannot build a string or value for); mockFetch answers it without a body`,
      pointer: content.schema.pointer,
    });
  }
  return out;
}

export interface EmittedMocks {
  mocks: string;
  msw?: string;
  stats: MockStats;
}

export function emitMocks(
  model: ApiModel,
  sibling: (name: string) => string,
  validators: Record<string, ResultValidator> | undefined,
  options: { msw: boolean; dates?: DateConverters },
): EmittedMocks {
  const stats: MockStats = { mediaExamples: 0, schemaExamples: 0, synthesized: 0, refusedExamples: 0, omitted: 0 };
  const components = new Map(model.schemas.map((s) => [s.name, s.schema]));
  const typeNames = new Map(model.schemas.map((s) => [s.name, s.typeName]));
  const modelType: TypeNames = (component) => `Models.${typeNames.get(component)!}`;
  const parts: string[] = [];
  /** Each operation's data in OPERATIONS, and the name of its mocks' table (`M3`, or "undefined"). */
  const operations: { id: string; method: string; path: string; status: number }[] = [];
  const mockTables: string[] = [];
  const ids: string[] = [];
  model.operations.forEach((op, i) => {
    ids.push(literal(op.operationId));
    const mocked = mockOperation(model, op, validators?.[op.names.resultValidator], components, stats);
    const firstCode = defaultStatus(op);
    // Documented answers without a mock (a file, or none found) are answered without a body, not with
    // a range's or `default`'s mock.
    const unmocked = op.responses.filter((r) => !mocked.some((m) => m.status === r.status)).map((r) => r.status);
    const name = `mock${op.names.result}`;
    // Spec text in the doc comment goes through commentText, as everywhere.
    const shown = `${commentText(op.method)} ${commentText(op.path)}`;
    const tableName = `M${i}`;
    if (mocked.length > 0) {
      const entries = [
        ...mocked.map((m) => `    ${literal(m.status)}: ${jsonTemplate(m.value, "    ")},`),
        ...unmocked.map((status) => `    ${literal(status)}: undefined,`),
      ];
      parts.push(`const ${tableName}: Record<string, string | undefined> = {\n${entries.join("\n")}\n};`);
      const exact = mocked.filter((m) => /^\d{3}$/.test(m.status));
      const loose = mocked.filter((m) => !/^\d{3}$/.test(m.status));
      // With dates, a mock is still the JSON body (date-times as strings): typed as a request gives it.
      const typeOf = (m: Mocked) =>
        options.dates?.needs(m.content.schema)
          ? `Models.${options.dates.inputName}<${contentType([m.content], modelType)}>`
          : contentType([m.content], modelType);
      const overloads = exact.map(
        (m) => `export function ${name}(status${m.code === firstCode ? "?" : ""}: ${m.code}): ${typeOf(m)};`,
      );
      if (loose.length > 0 || !exact.some((m) => m.code === firstCode)) {
        const types = [...new Set(loose.map(typeOf))];
        // The default status documented without a mock (a file) is answered without a body.
        if (!mocked.some((m) => m.code === firstCode)) types.push("undefined");
        overloads.push(`export function ${name}(status?: number): ${types.join(" | ")};`);
      }
      const sources = mocked.map((m) => `${commentText(m.status)} (${m.source})`).join(", ");
      parts.push(
        [
          "/**",
          ` * A fresh copy of the body \`${commentText(op.operationId)}\` (${shown}) answers with \`status\` (default ${firstCode}):`,
          ` * ${sources}.`,
          " */",
          ...overloads,
          `export function ${name}(status: number = ${firstCode}): unknown {`,
          `    return mockFor(${tableName}, status);`,
          "}",
        ].join("\n"),
      );
    }
    operations.push({ id: op.operationId, method: op.method, path: op.path, status: firstCode });
    mockTables.push(mocked.length > 0 ? tableName : "undefined");
  });
  const servers = model.servers.map((s) => literal(s.url));
  const code = [
    `/** The operationIds of the API, which \`mockFetch\`'s \`responses\` are keyed by. */`,
    `export type OperationId = ${ids.length > 0 ? ids.join(" | ") : "never"};`,
    "",
    parts.join("\n\n"),
    "",
    "/** Each operation as `mockFetch` and msw.ts match and answer it: its spec as JSON text, and its mocks. */",
    `export const OPERATIONS: MockOperation[] = /* @__PURE__ */ mockOperations(${jsonLinesTemplate(operations, "    ")}, tables());`,
    "",
    // A function, not an array literal beside OPERATIONS: in a function, each table named costs the
    // user's tsc no walk back over the declarations before it (control flow at the top level).
    "/** Each operation's mocks by status (see `mockFor`), in the order of OPERATIONS; undefined when it has none. */",
    "function tables(): (Record<string, string | undefined> | undefined)[] {",
    `    return [${mockTables.join(", ")}];`,
    "}",
    "",
    `/** The spec's servers: where \`mockFetch\` answers unless \`baseUrl\` says otherwise. */`,
    `export const SERVERS: string[] = [${servers.join(", ")}];`,
    "",
    "/**",
    " * A `fetch` that answers like the API from these mocks: `createClient({ fetch: mockFetch() })`.",
    " * `responses` replaces an operation's answer; `calls` records every call answered.",
    " */",
    "export function mockFetch(options: MockFetchOptions<OperationId> = {}): MockFetch {",
    "    return createMockFetch(OPERATIONS, SERVERS, options);",
    "}",
    "",
  ].join("\n");
  // The runtime's public parts are always kept; what they use follows from them and from the calls
  // outside the mock data (scanning megabytes of data for identifiers would find nothing more).
  const runtime = runtimeFor("mocks-runtime.ts", "mockFetch createMockFetch mockFor mockOperations");
  const mocks = [
    header(
      model,
      "Mock answers of the API for tests: from the spec's examples, else synthesized; each passes its validator.",
    ),
    ...(code.includes("Models.") ? [`import type * as Models from ${literal(sibling("models"))};`, ""] : []),
    runtime,
    "",
    code,
  ].join("\n");
  return { mocks, ...(options.msw ? { msw: emitMsw(model, sibling) } : {}), stats };
}

/** msw.ts: one MSW handler per operation, answering as `mockFetch` does. */
function emitMsw(model: ApiModel, sibling: (name: string) => string): string {
  const handlers = model.operations.map((op, i) => {
    const name = `${op.names.method}Handler`;
    const path = op.path.replace(/\{([^}]*)\}/g, (_, p: string) => `:${p.replace(/[^\w]/g, "_")}`);
    return [
      `/** MSW's handler for \`${commentText(op.operationId)}\` (${commentText(op.method)} ${commentText(op.path)}): its mock, or \`reply\`. */`,
      `export function ${name}(reply?: MockReply<${literal(op.operationId)}>, options: { baseUrl?: string } = {}): HttpHandler {`,
      MSW_METHODS.has(op.method)
        ? `    return http.${op.method.toLowerCase()}(url(options.baseUrl, ${literal(path)}), ({ request }) => answer(${i}, reply, request));`
        : // TRACE, QUERY and other methods: MSW's catch-all handler, for this method only.
          `    return http.all(url(options.baseUrl, ${literal(path)}), ({ request }) => request.method === ${literal(op.method)} ? answer(${i}, reply, request) : undefined);`,
      "}",
    ].join("\n");
  });
  const all = model.operations.map((op) => `${op.names.method}Handler(undefined, options)`);
  return [
    header(model, "MSW request handlers answering like the API, from mocks.ts."),
    'import { type HttpHandler, http } from "msw";',
    `import { type MockReply, mockResponse, OPERATIONS, pathParams, SERVERS } from ${literal(sibling("mocks"))};`,
    "",
    "/** The handler's URL: the path on any origin (under the first server's path), or under `baseUrl`. */",
    "function url(baseUrl: string | undefined, path: string): string {",
    '    if (baseUrl !== undefined) return baseUrl.replace(/\\/+$/, "") + path;',
    "    const first = SERVERS[0];",
    '    const prefix = first === undefined ? "" : new URL(first, "http://any").pathname.replace(/\\/+$/, "");',
    '    return "*" + prefix + path;',
    "}",
    "",
    "function answer<Id extends string>(index: number, reply: MockReply<Id> | undefined, request: Request): Promise<Response> {",
    "    const operation = OPERATIONS[index]!;",
    "    return mockResponse(operation, reply, request, pathParams(operation, new URL(request.url)));",
    "}",
    "",
    handlers.join("\n\n"),
    "",
    "/** A handler for every operation; `baseUrl` limits them to one origin. */",
    "export function createHandlers(options: { baseUrl?: string } = {}): HttpHandler[] {",
    `    return [${all.join(", ")}];`,
    "}",
    "",
    "/** Every operation's handler, answering its mock on any origin: `setupServer(...handlers)`. */",
    "export const handlers: HttpHandler[] = createHandlers();",
    "",
  ].join("\n");
}

/**
 * The result validators of the generated validators.js, run here to check every mock before it is
 * written: the module is self-contained (no imports), so its text runs as a function body.
 */
export function resultValidators(js: string, names: string[]): Record<string, ResultValidator> {
  const members = names.map((n) => `${n}: typeof ${n} === "function" ? ${n} : undefined`).join(", ");
  const body = `"use strict";\n${js.replace(/^export (function|const|let|class) /gm, "$1 ")}\nreturn { ${members} };`;
  return new Function(body)() as Record<string, ResultValidator>;
}
