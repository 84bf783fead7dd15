// The fixed part of every generated `mocks.ts`: a `fetch` that answers like the API from the mocks,
// and the reply forms it shares with `msw.ts`. Real code, type-checked with the project and copied
// into each `mocks.ts` as it is. It uses nothing but `fetch`'s own `Request`, `Response`, `Headers`
// and `URL`, and `JSON`.

/** A reply to a mocked call: any of its parts (the rest from the operation's documented answer). */
export interface MockReplyInit {
  /** The status (default: the operation's first documented success). */
  status?: number;
  /** The body, as JSON (default: the operation's mock for that status, when it documents one). */
  body?: unknown;
  headers?: Record<string, string>;
  /** Answer after this many milliseconds (an aborted request rejects at once). */
  delayMs?: number;
}

/** What a reply function is given: the operation, its path parameters, query and JSON body. */
export interface MockRequest<Id extends string = string> {
  operationId: Id;
  params: Record<string, string>;
  query: Record<string, string | string[]>;
  body: unknown;
  request: Request;
}

/** A reply: its parts, a `Response` as it is, or a function of the request returning either. */
export type MockReply<Id extends string = string> =
  | MockReplyInit
  | Response
  | ((request: MockRequest<Id>) => MockReplyInit | Response | Promise<MockReplyInit | Response>);

/** A call `mockFetch` answered, in order. */
export interface MockCall {
  operationId: string;
  method: string;
  url: string;
  params: Record<string, string>;
  query: Record<string, string | string[]>;
  body: unknown;
}

export interface MockFetchOptions<Id extends string = string> {
  /** Where the API is served (default: the spec's servers). */
  baseUrl?: string;
  /** Replies by operation; the others answer their default mock. */
  responses?: { [K in Id]?: MockReply<K> };
}

/** A `fetch` that answers like the API, with the calls it answered. */
export type MockFetch = ((input: RequestInfo | URL, init?: RequestInit) => Promise<Response>) & {
  calls: MockCall[];
};

/** An operation as the mocks know it (generated per API). */
export interface MockOperation {
  id: string;
  method: string;
  /** The path template, `/v2/users/{id}`. */
  path: string;
  /** The status answered by default. */
  status: number;
  /** The body of an answer with `status`: a fresh copy, or undefined when the spec documents none. */
  mock: (status: number) => unknown;
}

/**
 * A fresh copy of the mock for `status` (exact, then its `4XX` range, then `default`). The table holds
 * each mock as its JSON text: parsed anew for each call, and one string token to the user's tsc
 * instead of an object literal to type.
 */
export function mockFor(table: Record<string, string | undefined>, status: number): unknown {
  const key = [String(status), `${String(status)[0]}XX`, "default"].find((k) =>
    Object.prototype.hasOwnProperty.call(table, k),
  );
  const text = key === undefined ? undefined : table[key];
  return text === undefined ? undefined : JSON.parse(text);
}

/**
 * The operations of mocks.ts: each one's data from JSON text (one string to the user's tsc, where an
 * array of object literals costs it a union of a thousand types on large APIs), with its mocks' table.
 */
export function mockOperations(
  json: string,
  tables: (Record<string, string | undefined> | undefined)[],
): MockOperation[] {
  return (JSON.parse(json) as Omit<MockOperation, "mock">[]).map((operation, i) => {
    const table = tables[i];
    return { ...operation, mock: (status: number) => (table === undefined ? undefined : mockFor(table, status)) };
  });
}

/** A RegExp source matching `text` literally, with `{name}` templates as one path segment each. */
function templatePattern(text: string): { source: string; names: string[] } {
  const names: string[] = [];
  const source = text
    .split(/(\{[^}]*\})/)
    .map((part) => {
      if (/^\{[^}]*\}$/.test(part)) {
        names.push(part.slice(1, -1));
        return "([^/]+)";
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("");
  return { source, names };
}

/** The operation a request is for, and its path parameters; undefined when none is. */
export function matchOperation(
  operations: MockOperation[],
  bases: string[],
  method: string,
  url: URL,
): { operation: MockOperation; params: Record<string, string> } | undefined {
  const full = `${url.origin}${url.pathname}`;
  for (const base of bases.length > 0 ? bases : [""]) {
    // A relative server URL (`/api`) is served on any origin.
    const root = templatePattern(base.replace(/\/+$/, "")).source;
    const prefix = /^[a-z][a-z0-9+.-]*:\/\//i.test(base) ? `^${root}` : `^[a-zA-Z][a-zA-Z0-9+.-]*://[^/]+${root}`;
    for (const operation of operations) {
      if (operation.method !== method) continue;
      const { source, names } = templatePattern(operation.path);
      const found = new RegExp(`${prefix}${source}/?$`).exec(full);
      if (!found) continue;
      const values = found.slice(found.length - names.length);
      const params: Record<string, string> = {};
      names.forEach((name, i) => {
        params[name] = decodeURIComponent(values[i] ?? "");
      });
      return { operation, params };
    }
  }
  return undefined;
}

/** The path parameters of a request for `operation`, matched at the end of its path. */
export function pathParams(operation: MockOperation, url: URL): Record<string, string> {
  const { source, names } = templatePattern(operation.path);
  const found = new RegExp(`${source}/?$`).exec(url.pathname);
  const params: Record<string, string> = {};
  names.forEach((name, i) => {
    params[name] = decodeURIComponent(found?.[i + 1] ?? "");
  });
  return params;
}

async function readBody(request: Request): Promise<unknown> {
  const text = await request.clone().text();
  if (text === "") return undefined;
  if (/json/i.test(request.headers.get("content-type") ?? "")) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

function queryOf(url: URL): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  url.searchParams.forEach((value, key) => {
    const known = query[key];
    query[key] = known === undefined ? value : Array.isArray(known) ? [...known, value] : [known, value];
  });
  return query;
}

function wait(ms: number, signal: AbortSignal | null): Promise<void> {
  return new Promise((resolve, reject) => {
    const aborted = () => reject(signal?.reason ?? new DOMException("The operation was aborted.", "AbortError"));
    if (signal?.aborted) return aborted();
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      aborted();
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** The answer to `request` for `operation`: the reply given (if any) over the operation's mock. */
export async function mockResponse<Id extends string>(
  operation: MockOperation,
  reply: MockReply<Id> | undefined,
  request: Request,
  params: Record<string, string>,
  call?: (call: MockCall) => void,
): Promise<Response> {
  const url = new URL(request.url);
  const details = { operationId: operation.id as Id, params, query: queryOf(url), body: await readBody(request) };
  call?.({ ...details, method: request.method, url: request.url });
  const given = typeof reply === "function" ? await reply({ ...details, request }) : reply;
  if (given instanceof Response) return given;
  const init = given ?? {};
  if (init.delayMs !== undefined && init.delayMs > 0) await wait(init.delayMs, request.signal);
  const status = init.status ?? operation.status;
  const body = "body" in init ? init.body : operation.mock(status);
  const headers = new Headers(init.headers);
  const empty = status === 204 || status === 205 || status === 304 || body === undefined || request.method === "HEAD";
  if (!empty && !headers.has("content-type")) headers.set("content-type", "application/json");
  const text = empty
    ? null
    : typeof body === "string" && !/json/i.test(headers.get("content-type") ?? "")
      ? body
      : JSON.stringify(body);
  return new Response(text, { status, headers });
}

/** A `fetch` answering `operations` on `servers` (or `options.baseUrl`). */
export function createMockFetch<Id extends string>(
  operations: MockOperation[],
  servers: string[],
  options: MockFetchOptions<Id> = {},
): MockFetch {
  const calls: MockCall[] = [];
  const bases = options.baseUrl !== undefined ? [options.baseUrl] : servers;
  const replies = (options.responses ?? {}) as Record<string, MockReply<Id> | undefined>;
  const mockFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const found = matchOperation(operations, bases, request.method.toUpperCase(), url);
    if (!found) throw new Error(`mockFetch: no operation of the API matches ${request.method} ${request.url}`);
    return mockResponse(found.operation, replies[found.operation.id], request, found.params, (call) =>
      calls.push(call),
    );
  };
  return Object.assign(mockFetch, { calls });
}
