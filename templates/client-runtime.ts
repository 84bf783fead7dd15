// The fixed part of every generated `client.ts`: URL building, serialisation, auth, retries, timeouts
// and errors. It is real code, type-checked with the project and unit-tested on its own, and copied
// into each client as it is; `client.hbs` adds only what varies per operation. It uses nothing but
// `fetch`, `URL`, `Headers`, `AbortController`, `Blob`, `FormData`, `TextEncoder` and `btoa`.

/** One problem found by a request validator (the same shape `validators.ts` exports). */
export interface ClientIssue {
  path: (string | number)[];
  message: string;
  code: string;
}

/** Retries of idempotent requests (GET, HEAD, OPTIONS, PUT, DELETE); POST and PATCH never retry. */
export interface RetryOptions {
  /** How many retries after the first attempt (default 2). */
  retries?: number;
  /** First backoff delay; it doubles each retry, with full jitter (default 250 ms). */
  baseDelayMs?: number;
  /** The longest wait, `Retry-After` included (default 30 s). */
  maxDelayMs?: number;
  /** Statuses that are retried (default 429, 502, 503, 504); network errors always are. */
  statuses?: number[];
}

export interface RequestOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
  /** Overrides the client's `timeoutMs` for this call (0: none). */
  timeoutMs?: number;
}

export type BasicCredentials = { username: string; password: string };
export type TokenSource = string | (() => string | Promise<string>);

/** Thrown when the answer's status is not 2xx. Its message names the operation and status only. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly operationId: string,
    readonly status: number,
    readonly body: unknown,
    readonly headers: Headers,
    /** The API's `{ field: [messages] }` 400 shape, when the body has it. */
    readonly fieldErrors: Record<string, string[]> | undefined,
    what: string,
  ) {
    super(`${what} failed with status ${status}`);
  }
}

/** Thrown before sending when the input does not satisfy the operation's validator; nothing is sent. */
export class RequestValidationError extends Error {
  override readonly name = "RequestValidationError";
  constructor(
    readonly operationId: string,
    readonly issues: ClientIssue[],
  ) {
    super(
      `${operationId}: the input is invalid (${issues.length} issue${issues.length === 1 ? "" : "s"}; see .issues): not sent`,
    );
  }
}

export class TimeoutError extends Error {
  override readonly name = "TimeoutError";
  constructor(
    what: string,
    readonly timeoutMs: number,
  ) {
    super(`${what} timed out after ${timeoutMs} ms`);
  }
}

/** The request never got an answer (connection refused, reset, DNS, CORS). `cause` has the details. */
export class NetworkError extends Error {
  override readonly name = "NetworkError";
  constructor(what: string, options: { cause: unknown }) {
    super(`${what} failed: no answer from the server`, options);
  }
}

/** An operation as the client needs it, generated from the spec. */
export /* internal */ interface OperationSpec {
  id: string;
  method: string;
  path: string;
  params: {
    name: string;
    key: string;
    in: "path" | "query" | "header" | "cookie";
    style?: string;
    explode?: boolean;
  }[];
  body?: { mediaType: string };
  /** Alternatives, each a list of scheme names that apply together; [] means no auth. */
  security: string[][];
}

export /* internal */ type SchemeSpec =
  | { name: string; kind: "basic" }
  | { name: string; kind: "bearer" }
  | { name: string; kind: "apiKey"; in: "header" | "query" | "cookie"; paramName: string };

export /* internal */ interface ResolvedConfig {
  baseUrl: string;
  credentials: Record<string, unknown>;
  schemes: SchemeSpec[];
  fetch: typeof fetch;
  headers: Record<string, string>;
  timeoutMs: number;
  retry: Required<RetryOptions> | false;
  validateRequests: boolean;
}

type RequestBody = NonNullable<RequestInit["body"]>;

const IDEMPOTENT: ReadonlySet<string> = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);
export /* internal */ const DEFAULT_RETRY: Required<RetryOptions> = {
  retries: 2,
  baseDelayMs: 250,
  maxDelayMs: 30_000,
  statuses: [429, 502, 503, 504],
};

export /* internal */ function resolveRetry(retry: RetryOptions | false | undefined): Required<RetryOptions> | false {
  return retry === false ? false : { ...DEFAULT_RETRY, ...retry };
}

function describe(op: OperationSpec): string {
  return `${op.method} ${op.path} (${op.id})`;
}

/** One path segment: percent-encoded so that no value can add segments, a query or a fragment. */
export /* internal */ function pathSegment(op: OperationSpec, name: string, value: unknown): string {
  const text = String(value);
  // "" would drop the segment and "." / ".." (however encoded) are resolved by every URL parser:
  // each would request another path, so they are refused.
  if (text === "" || text === "." || text === "..") {
    throw new RequestValidationError(op.id, [
      { path: [name], code: "path", message: 'must not be empty, "." or ".." (it would change the path)' },
    ]);
  }
  return encodeURIComponent(text);
}

function encode(value: unknown): string {
  return encodeURIComponent(typeof value === "object" && value !== null ? JSON.stringify(value) : String(value));
}

/** A query parameter per OpenAPI `style`/`explode` (form by default), as `name=value` pairs. */
export /* internal */ function queryPairs(
  name: string,
  value: unknown,
  style = "form",
  explode = style === "form",
): string[] {
  const key = encodeURIComponent(name);
  if (Array.isArray(value)) {
    if (explode && style === "form") return value.map((v) => `${key}=${encode(v)}`);
    const separator = style === "spaceDelimited" ? "%20" : style === "pipeDelimited" ? "|" : ",";
    return [`${key}=${value.map(encode).join(separator)}`];
  }
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (style === "deepObject") return entries.map(([k, v]) => `${key}%5B${encodeURIComponent(k)}%5D=${encode(v)}`);
    if (explode) return entries.map(([k, v]) => `${encodeURIComponent(k)}=${encode(v)}`);
    return [`${key}=${entries.map(([k, v]) => `${encodeURIComponent(k)},${encode(v)}`).join(",")}`];
  }
  return [`${key}=${encode(value)}`];
}

function base64(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

async function applyAuth(config: ResolvedConfig, op: OperationSpec, headers: Headers, query: string[]): Promise<void> {
  // The first alternative the caller has every credential for; none needed when the list is empty.
  const usable = op.security.find((alt) => alt.every((name) => config.credentials[name] !== undefined));
  for (const name of usable ?? []) {
    const scheme = config.schemes.find((s) => s.name === name);
    const credential = config.credentials[name];
    if (!scheme) continue;
    if (scheme.kind === "basic") {
      const { username, password } = credential as BasicCredentials;
      headers.set("authorization", `Basic ${base64(`${username}:${password}`)}`);
    } else {
      const token =
        typeof credential === "function" ? await (credential as () => string | Promise<string>)() : String(credential);
      if (scheme.kind === "bearer") headers.set("authorization", `Bearer ${token}`);
      else if (scheme.in === "header") headers.set(scheme.paramName, token);
      else if (scheme.in === "query")
        query.push(`${encodeURIComponent(scheme.paramName)}=${encodeURIComponent(token)}`);
      else headers.append("cookie", `${encodeURIComponent(scheme.paramName)}=${encodeURIComponent(token)}`);
    }
  }
}

function serialiseBody(mediaType: string, body: unknown): RequestBody | undefined {
  if (body === undefined) return undefined;
  if (/json/i.test(mediaType)) return JSON.stringify(body);
  if (/x-www-form-urlencoded/i.test(mediaType)) {
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
      if (v === undefined) continue;
      for (const item of Array.isArray(v) ? v : [v])
        form.append(k, typeof item === "object" && item !== null ? JSON.stringify(item) : String(item));
    }
    return form;
  }
  if (/multipart\/form-data/i.test(mediaType)) {
    const form = new FormData();
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
      if (v === undefined) continue;
      for (const item of Array.isArray(v) ? v : [v]) {
        if (item instanceof Blob) form.append(k, item);
        else form.append(k, typeof item === "object" && item !== null ? JSON.stringify(item) : String(item));
      }
    }
    return form;
  }
  return body as RequestBody;
}

/** The answer's body by its content type: JSON, text, or a Blob; `undefined` when there is none. */
export /* internal */ async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204 || response.status === 205 || response.status === 304) return undefined;
  const type = response.headers.get("content-type") ?? "";
  if (/json/i.test(type)) {
    const text = await response.text();
    return text === "" ? undefined : (JSON.parse(text) as unknown);
  }
  if (type === "" || /^text\//i.test(type) || /xml|x-www-form-urlencoded/i.test(type)) {
    const text = await response.text();
    return text === "" && type === "" ? undefined : text;
  }
  return response.blob();
}

function fieldErrorsOf(body: unknown): Record<string, string[]> | undefined {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return undefined;
  const entries = Object.entries(body);
  if (entries.length === 0) return undefined;
  return entries.every(([, v]) => Array.isArray(v) && v.every((m) => typeof m === "string"))
    ? (body as Record<string, string[]>)
    : undefined;
}

/** Milliseconds to wait before retry number `attempt` (0-based): `Retry-After` or backoff with jitter. */
export /* internal */ function retryDelay(
  retry: Required<RetryOptions>,
  attempt: number,
  retryAfter: string | null,
  now = Date.now(),
  random = Math.random,
): number {
  if (retryAfter !== null) {
    const seconds = Number(retryAfter);
    const ms = Number.isFinite(seconds) && retryAfter.trim() !== "" ? seconds * 1000 : Date.parse(retryAfter) - now;
    if (Number.isFinite(ms)) return Math.min(Math.max(ms, 0), retry.maxDelayMs);
  }
  return Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** attempt) * random();
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener("abort", abort);
      resolve();
    }
    function abort() {
      clearTimeout(timer);
      reject(signal!.reason);
    }
    signal?.addEventListener("abort", abort, { once: true });
  });
}

/** Builds the request for `input` and sends it, with auth, timeout and retries. */
/**
 * An operation's request validator, as validators.js exports it. Its result is typed where it is read:
 * relating every validator's declared result to a type here would cost the user's tsc a structural
 * comparison per operation (thousands on large APIs).
 */
export /* internal */ type RequestValidator = (input: unknown) => unknown;

/** Sends one operation's request: validates it first (when asked to), then retries and times out as configured. */
export /* internal */ async function send(
  config: ResolvedConfig,
  op: OperationSpec,
  input: object | undefined,
  options: RequestOptions = {},
  validate?: RequestValidator,
): Promise<unknown> {
  if (validate && config.validateRequests) {
    const checked = validate(input) as { ok: true } | { ok: false; issues: ClientIssue[] };
    if (!checked.ok) throw new RequestValidationError(op.id, checked.issues);
  }
  const values = (input ?? {}) as Record<string, unknown>;
  let path = op.path;
  const query: string[] = [];
  const headers = new Headers(config.headers);
  for (const param of op.params) {
    const value = values[param.key];
    if (value === undefined) continue;
    if (param.in === "path") path = path.split(`{${param.name}}`).join(pathSegment(op, param.key, value));
    else if (param.in === "query") query.push(...queryPairs(param.name, value, param.style, param.explode));
    else if (param.in === "header") headers.set(param.name, Array.isArray(value) ? value.join(",") : String(value));
    else headers.append("cookie", `${encodeURIComponent(param.name)}=${encode(value)}`);
  }
  await applyAuth(config, op, headers, query);
  for (const [k, v] of Object.entries(options.headers ?? {})) headers.set(k, v);
  let body: RequestBody | undefined;
  if (op.body && values.body !== undefined) {
    body = serialiseBody(op.body.mediaType, values.body);
    if (!/multipart\/form-data/i.test(op.body.mediaType) && !headers.has("content-type"))
      headers.set("content-type", op.body.mediaType);
  }
  if (!headers.has("accept")) headers.set("accept", "application/json, */*;q=0.5");
  const url = config.baseUrl.replace(/\/+$/, "") + path + (query.length > 0 ? `?${query.join("&")}` : "");

  const retry = IDEMPOTENT.has(op.method) ? config.retry : false;
  const timeoutMs = options.timeoutMs ?? config.timeoutMs;
  for (let attempt = 0; ; attempt++) {
    const controller = new AbortController();
    const onAbort = () => controller.abort(options.signal!.reason);
    if (options.signal?.aborted) throw options.signal.reason;
    options.signal?.addEventListener("abort", onAbort, { once: true });
    let timedOut = false;
    const timer =
      timeoutMs > 0
        ? setTimeout(() => {
            timedOut = true;
            controller.abort();
          }, timeoutMs)
        : undefined;
    let response: Response;
    try {
      response = await config.fetch(url, { method: op.method, headers, body: body ?? null, signal: controller.signal });
    } catch (error) {
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      if (options.signal?.aborted) throw options.signal.reason;
      if (timedOut) throw new TimeoutError(describe(op), timeoutMs);
      if (retry && attempt < retry.retries) {
        await sleep(retryDelay(retry, attempt, null), options.signal);
        continue;
      }
      throw new NetworkError(describe(op), { cause: error });
    }
    try {
      if (retry && attempt < retry.retries && retry.statuses.includes(response.status)) {
        await response.body?.cancel();
        clearTimeout(timer);
        await sleep(retryDelay(retry, attempt, response.headers.get("retry-after")), options.signal);
        continue;
      }
      const parsed = await readBody(response);
      if (!response.ok)
        throw new ApiError(op.id, response.status, parsed, response.headers, fieldErrorsOf(parsed), describe(op));
      return parsed;
    } catch (error) {
      if (error instanceof ApiError) throw error;
      if (options.signal?.aborted) throw options.signal.reason;
      if (timedOut) throw new TimeoutError(describe(op), timeoutMs);
      throw error;
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
    }
  }
}
