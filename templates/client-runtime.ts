// The fixed part of every generated `client.ts`: URL building, serialisation, auth, middleware,
// retries, one deadline per call, response validation and errors. It is real code, type-checked with the project and unit-tested on its own, and copied
// into each client as it is; `client.hbs` adds only what varies per operation. It uses nothing but
// `fetch`, `URL`, `Headers`, `AbortController`, `Blob`, `FormData`, `TextEncoder` and `btoa`.

/** One problem found by a request validator (the same shape `validators.js` exports). */
export interface ClientIssue {
  path: (string | number)[];
  message: string;
  code: string;
}

/** Retries of idempotent requests (GET, HEAD, OPTIONS, PUT, DELETE, QUERY); POST, PATCH and other methods never retry. */
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

/** What `onRequest` hooks get: the attempt's request (0 for the first attempt, 1 for the first retry, ...). */
export interface RequestContext {
  request: Request;
  operationId: string;
  attempt: number;
}

/** What `onResponse` hooks get; `resend(request)` sends a request straight to `fetch` inside the call's deadline. */
export interface ResponseContext extends RequestContext {
  response: Response;
  resend: (request: Request) => Promise<Response>;
}

/**
 * Hooks around every attempt. `onRequest` hooks run in array order and may return a `Request` to
 * send instead; `onResponse` hooks run in reverse order (the first middleware sees the final answer)
 * and may return a `Response` to use instead. What a hook throws propagates unchanged.
 */
export interface Middleware {
  // biome-ignore lint/suspicious/noConfusingVoidType: a hook that returns nothing keeps the request
  onRequest?(context: RequestContext): Request | undefined | void | Promise<Request | undefined | void>;
  // biome-ignore lint/suspicious/noConfusingVoidType: a hook that returns nothing keeps the response
  onResponse?(context: ResponseContext): Response | undefined | void | Promise<Response | undefined | void>;
}

/**
 * The body type an operation's entry of `ApiErrors` (`E`) documents for status `S`: the status
 * itself, else its range (`4XX`), else `default`, else `unknown`.
 */
export type ErrorBody<E, S extends number> = S extends keyof E
  ? E[S]
  : `${S}` extends `${infer D}${string}`
    ? `${D}XX` extends keyof E
      ? E[`${D}XX`]
      : "default" extends keyof E
        ? E["default"]
        : unknown
    : unknown;

/** `"throw"`: a 2xx body that breaks its schema throws; `"warn"`: its issues go to `onResponseIssues`. */
export type ResponseValidation = false | "warn" | "throw";

export type BasicCredentials = { username: string; password: string };
export type TokenSource = string | (() => string | Promise<string>);

// The error classes declare their fields and assign them in the constructor (no parameter properties):
// Node's type stripping and `erasableSyntaxOnly` refuse syntax that emits code.

/** Thrown when the answer's status is not 2xx. Its message names the operation and status only. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  readonly operationId: string;
  readonly status: number;
  readonly body: unknown;
  readonly headers: Headers;
  /** The API's `{ field: [messages] }` 400 shape, when the body has it. */
  readonly fieldErrors: Record<string, string[]> | undefined;
  constructor(
    operationId: string,
    status: number,
    body: unknown,
    headers: Headers,
    fieldErrors: Record<string, string[]> | undefined,
    what: string,
  ) {
    super(`${what} failed with status ${status}`);
    this.operationId = operationId;
    this.status = status;
    this.body = body;
    this.headers = headers;
    this.fieldErrors = fieldErrors;
  }
}

/** Thrown before sending when the input does not satisfy the operation's validator; nothing is sent. */
export class RequestValidationError extends Error {
  override readonly name = "RequestValidationError";
  readonly operationId: string;
  readonly issues: ClientIssue[];
  constructor(operationId: string, issues: ClientIssue[]) {
    super(
      `${operationId}: the input is invalid (${issues.length} issue${issues.length === 1 ? "" : "s"}; see .issues): not sent`,
    );
    this.operationId = operationId;
    this.issues = issues;
  }
}

/**
 * Thrown (with `validateResponses: "throw"`) when a 2xx body does not match the schema the spec
 * documents for its status. The message holds no value from the body; `issues` says where and what.
 */
export class ResponseValidationError extends Error {
  override readonly name = "ResponseValidationError";
  readonly operationId: string;
  readonly status: number;
  readonly issues: ClientIssue[];
  constructor(operationId: string, status: number, issues: ClientIssue[]) {
    super(
      `${operationId}: the ${status} response does not match its schema (${issues.length} issue${issues.length === 1 ? "" : "s"}; see .issues)`,
    );
    this.operationId = operationId;
    this.status = status;
    this.issues = issues;
  }
}

/** Thrown when the call's deadline (`timeoutMs`: every attempt and wait included) passes. */
export class TimeoutError extends Error {
  override readonly name = "TimeoutError";
  readonly timeoutMs: number;
  constructor(what: string, timeoutMs: number) {
    super(`${what} timed out after ${timeoutMs} ms`);
    this.timeoutMs = timeoutMs;
  }
}

/** The request never got an answer (connection refused, reset, DNS, CORS). `cause` has the details. */
export class NetworkError extends Error {
  override readonly name = "NetworkError";
  constructor(what: string, options: { cause: unknown }) {
    super(`${what} failed: no answer from the server`);
    // As `new Error(message, { cause })` sets it, without needing ES2022's library in the user's tsconfig.
    Object.defineProperty(this, "cause", { value: options.cause, writable: true, configurable: true });
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
    in: "path" | "query" | "querystring" | "header" | "cookie";
    style?: string;
    explode?: boolean;
    /** `querystring`'s media type: how the whole query string is serialised. */
    mediaType?: string;
  }[];
  body?: { mediaType: string };
  /** A success answer may be a stream (server-sent events, JSON lines, JSON text sequences): resolved unread. */
  stream?: boolean;
  /** The name of its response validator in validators.js (`validateFooResult`), for `responseValidators`. */
  result: string;
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
  middleware: Middleware[];
  validateResponses: ResponseValidation;
  /** The generated validators module, which response validation reads `OperationSpec.result` from. */
  responseValidators: Record<string, unknown> | undefined;
  onResponseIssues: (operationId: string, issues: ClientIssue[]) => void;
}

type RequestBody = NonNullable<RequestInit["body"]>;

const IDEMPOTENT: ReadonlySet<string> = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "QUERY"]);
export /* internal */ const DEFAULT_RETRY: Required<RetryOptions> = {
  retries: 2,
  baseDelayMs: 250,
  maxDelayMs: 30_000,
  statuses: [429, 502, 503, 504],
};

export /* internal */ function resolveRetry(retry: RetryOptions | false | undefined): Required<RetryOptions> | false {
  return retry === false ? false : { ...DEFAULT_RETRY, ...retry };
}

const SPECS = new Map<string, OperationSpec>();

/**
 * An operation's spec from the JSON text its function passes to `send`, parsed once. The text is
 * not parsed at the top level of client.ts (`const OP1 = JSON.parse(...)`): each declaration there
 * costs the user's tsc a check, and each reference to a global variable (`JSON`) at the top level a
 * walk back over every declaration before it, quadratic in operations (0.2 s of GitHub's check).
 */
export /* internal */ function operationSpec(json: string): OperationSpec {
  let op = SPECS.get(json);
  if (op === undefined) SPECS.set(json, (op = JSON.parse(json) as OperationSpec));
  return op;
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

/**
 * `Object.entries` through `Object.keys` (ES5): the output type-checks against ES2016's library, the
 * default of `tsc --init` in TypeScript 5.0 to 5.8.
 */
function entriesOf<T>(o: Readonly<Record<string, T>>): [string, T][] {
  return Object.keys(o).map((k): [string, T] => [k, o[k] as T]);
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
    const entries = entriesOf(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (style === "deepObject") return entries.map(([k, v]) => `${key}%5B${encodeURIComponent(k)}%5D=${encode(v)}`);
    if (explode) return entries.map(([k, v]) => `${encodeURIComponent(k)}=${encode(v)}`);
    return [`${key}=${entries.map(([k, v]) => `${encodeURIComponent(k)},${encode(v)}`).join(",")}`];
  }
  return [`${key}=${encode(value)}`];
}

function base64(text: string): string {
  let binary = "";
  // An index loop: iterating a typed array needs target es2015 or downlevelIteration in the user's tsconfig.
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]!);
  return btoa(binary);
}

/** The credentials of the first security alternative the caller has every credential for (none: []). */
function usableCredentials(config: ResolvedConfig, op: OperationSpec): [SchemeSpec, unknown][] {
  const usable = op.security.find((alt) => alt.every((name) => config.credentials[name] !== undefined)) ?? [];
  const out: [SchemeSpec, unknown][] = [];
  for (const name of usable) {
    const scheme = config.schemes.find((s) => s.name === name);
    if (scheme) out.push([scheme, config.credentials[name]]);
  }
  return out;
}

/** Sets credentials on an attempt; `tokens[i]` is credential `i` with a function already called. */
function applyAuth(usable: [SchemeSpec, unknown][], tokens: unknown[], headers: Headers, query: string[]): void {
  usable.forEach(([scheme], i) => {
    const credential = tokens[i];
    if (scheme.kind === "basic") {
      const { username, password } = credential as BasicCredentials;
      headers.set("authorization", `Basic ${base64(`${username}:${password}`)}`);
      return;
    }
    const token = String(credential);
    if (scheme.kind === "bearer") headers.set("authorization", `Bearer ${token}`);
    else if (scheme.in === "header") headers.set(scheme.paramName, token);
    else if (scheme.in === "query") query.push(`${encodeURIComponent(scheme.paramName)}=${encodeURIComponent(token)}`);
    else headers.append("cookie", `${encodeURIComponent(scheme.paramName)}=${encodeURIComponent(token)}`);
  });
}

function serialiseBody(mediaType: string, body: unknown): RequestBody | undefined {
  if (body === undefined) return undefined;
  if (/json/i.test(mediaType)) return JSON.stringify(body);
  if (/x-www-form-urlencoded/i.test(mediaType)) {
    const form = new URLSearchParams();
    for (const [k, v] of entriesOf(body as Record<string, unknown>)) {
      if (v === undefined) continue;
      for (const item of Array.isArray(v) ? v : [v])
        form.append(k, typeof item === "object" && item !== null ? JSON.stringify(item) : String(item));
    }
    return form;
  }
  if (/multipart\/form-data/i.test(mediaType)) {
    const form = new FormData();
    for (const [k, v] of entriesOf(body as Record<string, unknown>)) {
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
  const entries = entriesOf(body as Record<string, unknown>);
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

/** Sleeps `ms`, or rejects when the call ends first (its deadline or the caller's abort). */
function sleep(call: Call, ms: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const { signal } = call;
    if (signal.aborted) return reject(call.failure());
    // The timer is cleared when the call ends first: a caller's abort during a long `Retry-After`
    // wait must not keep the process alive until the wait would have ended.
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", abort);
      resolve();
    }, ms);
    function abort() {
      clearTimeout(timer);
      reject(call.failure());
    }
    signal.addEventListener("abort", abort, { once: true });
  });
}

/**
 * One call's lifetime: one deadline for every attempt, every wait and every `resend`, and the
 * caller's signal. Aborting its `signal` aborts whatever is in flight.
 */
interface Call {
  op: OperationSpec;
  signal: AbortSignal;
  /** When the deadline passes (ms since the epoch); Infinity without one. */
  deadline: number;
  /** What the call rejects with once `signal` is aborted: the caller's reason or a TimeoutError. */
  failure(): unknown;
}

function startCall(
  op: OperationSpec,
  timeoutMs: number,
  outer: AbortSignal | undefined,
): Call & { end(stream?: boolean): void } {
  const controller = new AbortController();
  let timedOut = false;
  const timer =
    timeoutMs > 0
      ? setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, timeoutMs)
      : undefined;
  const onAbort = () => controller.abort(outer!.reason);
  if (outer?.aborted) controller.abort(outer.reason);
  else outer?.addEventListener("abort", onAbort, { once: true });
  return {
    op,
    signal: controller.signal,
    deadline: timeoutMs > 0 ? Date.now() + timeoutMs : Number.POSITIVE_INFINITY,
    failure: () => (timedOut ? new TimeoutError(describe(op), timeoutMs) : controller.signal.reason),
    end(stream) {
      clearTimeout(timer);
      // A stream handed to the caller is still read: the caller's signal still aborts it.
      if (!stream) outer?.removeEventListener("abort", onAbort);
    },
  };
}

/** `work`, unless the call ends first: then its failure. Errors of `work` pass unchanged. */
function race<T>(call: Call, work: T | Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const { signal } = call;
    if (signal.aborted) return reject(call.failure());
    const abort = () => reject(call.failure());
    signal.addEventListener("abort", abort, { once: true });
    Promise.resolve(work).then(
      (value) => {
        signal.removeEventListener("abort", abort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", abort);
        reject(signal.aborted ? call.failure() : error);
      },
    );
  });
}

/** Sends a request with the call's signal; no answer at all is a NetworkError. */
async function fetchOnce(
  config: ResolvedConfig,
  call: Call,
  input: string | Request,
  init: RequestInit,
): Promise<Response> {
  try {
    // `fetch` honours `init.signal`: an aborted call rejects here (a custom `fetch` must too).
    return await config.fetch(input, init);
  } catch (error) {
    if (call.signal.aborted) throw call.failure();
    throw new NetworkError(describe(call.op), { cause: error });
  }
}

/** The request of one attempt, before middleware: the input's parts, with credentials asked for now. */
interface Prepared {
  path: string;
  query: string[];
  headers: Headers;
  body: RequestBody | undefined;
}

/** Serialises the input: path, query, headers and body (credentials are added per attempt). */
function prepare(config: ResolvedConfig, op: OperationSpec, input: object | undefined): Prepared {
  const values = (input ?? {}) as Record<string, unknown>;
  let path = op.path;
  const query: string[] = [];
  const headers = new Headers(config.headers);
  for (const param of op.params) {
    const value = values[param.key];
    if (value === undefined) continue;
    if (param.in === "path") path = path.split(`{${param.name}}`).join(pathSegment(op, param.key, value));
    else if (param.in === "query") query.push(...queryPairs(param.name, value, param.style, param.explode));
    // OpenAPI 3.2's querystring: the whole query string by its media type (a form as a form body is,
    // JSON and text percent-encoded).
    else if (param.in === "querystring")
      query.push(/urlencoded/i.test(param.mediaType!) ? String(serialiseBody(param.mediaType!, value)) : encode(value));
    else if (param.in === "header") headers.set(param.name, Array.isArray(value) ? value.join(",") : String(value));
    else headers.append("cookie", `${encodeURIComponent(param.name)}=${encode(value)}`);
  }
  let body: RequestBody | undefined;
  if (op.body && values["body"] !== undefined) {
    body = serialiseBody(op.body.mediaType, values["body"]);
    if (!/multipart\/form-data/i.test(op.body.mediaType) && !headers.has("content-type"))
      headers.set("content-type", op.body.mediaType);
  }
  return { path, query, headers, body };
}

/** The attempt's URL and init: credentials (a function is called now), the call's headers, the deadline's signal. */
async function attemptInit(
  config: ResolvedConfig,
  call: Call,
  prepared: Prepared,
  options: RequestOptions,
): Promise<{ url: string; init: RequestInit }> {
  const headers = new Headers(prepared.headers);
  const query = [...prepared.query];
  const usable = usableCredentials(config, call.op);
  // Credentials given as functions are asked for on every attempt (rotating tokens), inside the deadline.
  const tokens = usable.some(([, c]) => typeof c === "function")
    ? await race(call, Promise.all(usable.map(([, c]) => (typeof c === "function" ? (c as () => unknown)() : c))))
    : usable.map(([, c]) => c);
  applyAuth(usable, tokens, headers, query);
  for (const [k, v] of entriesOf(options.headers ?? {})) headers.set(k, v);
  if (!headers.has("accept")) headers.set("accept", "application/json, */*;q=0.5");
  const url = config.baseUrl.replace(/\/+$/, "") + prepared.path + (query.length > 0 ? `?${query.join("&")}` : "");
  return { url, init: { method: call.op.method, headers, body: prepared.body ?? null, signal: call.signal } };
}

/** One attempt through the middleware: `onRequest` hooks, the fetch, `onResponse` hooks in reverse order. */
async function throughMiddleware(
  config: ResolvedConfig,
  call: Call,
  url: string,
  init: RequestInit,
  attempt: number,
): Promise<Response> {
  const { middleware } = config;
  const operationId = call.op.id;
  const signal = { signal: call.signal };
  let request = new Request(url, init);
  for (const m of middleware) {
    if (!m.onRequest) continue;
    const replaced = await race(call, m.onRequest({ request, operationId, attempt }));
    if (replaced) request = replaced;
  }
  // What is sent is a copy, so that an onResponse hook can still `resend` this request with its body.
  let response = await fetchOnce(config, call, request.clone(), signal);
  const resend = (again: Request) => fetchOnce(config, call, again.clone(), signal);
  for (let i = middleware.length - 1; i >= 0; i--) {
    const hook = middleware[i]!.onResponse;
    if (!hook) continue;
    const replaced = await race(call, hook({ request, response, operationId, attempt, resend }));
    if (replaced) response = replaced;
  }
  return response;
}

/** Attempts until an answer is final: middleware around each, retries with waits inside the deadline. */
async function exchange(
  config: ResolvedConfig,
  call: Call,
  prepared: Prepared,
  options: RequestOptions,
): Promise<Response> {
  const retry = IDEMPOTENT.has(call.op.method) ? config.retry : false;
  for (let attempt = 0; ; attempt++) {
    const { url, init } = await attemptInit(config, call, prepared, options);
    const more = retry && attempt < retry.retries;
    let response: Response;
    try {
      // Without middleware no Request object is built: `fetch(url, init)` is measurably cheaper.
      response =
        config.middleware.length > 0
          ? await throughMiddleware(config, call, url, init, attempt)
          : await fetchOnce(config, call, url, init);
    } catch (error) {
      const delay = more && error instanceof NetworkError ? retryDelay(retry, attempt, null) : undefined;
      if (delay === undefined || !fits(call, delay)) throw error;
      await sleep(call, delay);
      continue;
    }
    // A wait that would end past the deadline is not started: the answer in hand is the outcome.
    const delay =
      more && retry.statuses.includes(response.status)
        ? retryDelay(retry, attempt, response.headers.get("retry-after"))
        : undefined;
    if (delay === undefined || !fits(call, delay)) return response;
    await response.body?.cancel();
    await sleep(call, delay);
  }
}

/** Whether a wait of `ms` ends before the call's deadline. */
function fits(call: Call, ms: number): boolean {
  return Date.now() + ms < call.deadline;
}

/** An operation's request validator, as validators.js exports it: `validateFooRequest(input)`. */
export /* internal */ type RequestValidator = (input: unknown) => unknown;
/** An operation's response validator: `validateFooResult(status, body)`, found by name in `responseValidators`. */
export /* internal */ type ResponseValidator = (status: number, body: unknown) => unknown;

// Narrowed with `ok === false`, not `!ok`: without strictNullChecks (tsconfigs with no `strict`, such
// as webpack's TypeScript guide's) a boolean discriminant narrows only by comparison.
type Checked = { ok: true } | { ok: false; issues: ClientIssue[] };

/**
 * Sends one operation's request: validates it first (when asked to), then sends it through the
 * middleware, with retries, inside one deadline, and checks a 2xx body when asked to. It resolves
 * with the body typed `never`, which each operation function returns as its own declared result
 * type: no cast per operation for the user's tsc to check.
 *
 * `spec` is the operation's JSON text (`operationSpec`).
 *
 * `input` and `validate` are `unknown` on purpose: each operation function passes its own input and
 * validator (typed by models.ts and validators.d.ts), and relating those to any narrower type here
 * would cost the user's tsc a structural comparison per operation, on every check of the project
 * (0.2-0.3 s on GitHub's 1,100 operations). What they are is known where they are generated.
 */
export /* internal */ async function send(
  config: ResolvedConfig,
  spec: string,
  input: unknown,
  options: RequestOptions = {},
  validate?: unknown,
): Promise<never> {
  const op = operationSpec(spec);
  if (validate && config.validateRequests) {
    const checked = (validate as RequestValidator)(input) as Checked;
    if (checked.ok === false) throw new RequestValidationError(op.id, checked.issues);
  }
  const prepared = prepare(config, op, input as object | undefined);
  const call = startCall(op, options.timeoutMs ?? config.timeoutMs, options.signal);
  let stream = false;
  try {
    const response = await exchange(config, call, prepared, options);
    // A stream (server-sent events, JSON lines, JSON text sequences) is the caller's to read as it
    // arrives: the timeout covers status and headers only.
    stream =
      !!op.stream && response.ok && /event-stream|jsonl|ndjson|json-seq/i.test(response.headers.get("content-type")!);
    if (stream) return response as never;
    let parsed: unknown;
    try {
      parsed = await readBody(response);
    } catch (error) {
      throw call.signal.aborted ? call.failure() : error;
    }
    if (!response.ok)
      throw new ApiError(op.id, response.status, parsed, response.headers, fieldErrorsOf(parsed), describe(op));
    const validateResult = config.validateResponses && (config.responseValidators?.[op.result] as ResponseValidator);
    if (validateResult) {
      const checked = validateResult(response.status, parsed) as Checked;
      if (checked.ok === false) {
        if (config.validateResponses === "throw")
          throw new ResponseValidationError(op.id, response.status, checked.issues);
        config.onResponseIssues(op.id, checked.issues);
      }
    }
    return parsed as never;
  } finally {
    call.end(stream);
  }
}

/** Body converters by status (`"404"`, `"4XX"`, `"default"`), as generated with `"dates": true`. */
export /* internal */ type Converters = Record<string, ((body: unknown) => unknown) | undefined>;

/** The converter for `status`: the exact status's, else its range's (`4XX`), else `default`'s. */
export /* internal */ function converterFor(
  table: Converters,
  status: number,
): ((body: unknown) => unknown) | undefined {
  const exact = String(status);
  return table[exact] ?? table[`${exact[0]}XX`] ?? table["default"];
}

/**
 * `send` with `"dates": true`: the success body goes through `result`, and an `ApiError`'s body
 * through the converter for its status in `errors` (exact, `4XX`, `default`), before either reaches
 * the caller. One call per operation, not `send(...).then(...)`: a generic call and a cast per
 * operation cost the user's tsc inference and a comparison each. Converters are `unknown` here for
 * the reason `send`'s input and validator are.
 */
export /* internal */ async function sendDates(
  config: ResolvedConfig,
  spec: string,
  input: unknown,
  options: RequestOptions | undefined,
  validate: unknown,
  result: unknown,
  errors: unknown,
): Promise<never> {
  let body: unknown;
  try {
    body = await send(config, spec, input, options, validate);
  } catch (error) {
    if (errors && error instanceof ApiError) {
      const convert = converterFor(errors as Converters, error.status);
      if (convert) Object.defineProperty(error, "body", { value: convert(error.body), enumerable: true });
    }
    throw error;
  }
  return (result ? (result as (body: unknown) => unknown)(body) : body) as never;
}

/**
 * The response validators a config checks answers with. They come from the caller, not from an
 * import here, so that a bundle that does not validate responses does not carry them (an operation's
 * response validator can be most of its schema graph: 591 KB minified for one Stripe call).
 */
export /* internal */ function responseValidatorsOf(
  validateResponses: ResponseValidation,
  // `object`, not the validators module's type: relating that to a record would make the user's tsc
  // resolve the declared type of every export of validators.d.ts (thousands on large APIs).
  validators: object | undefined,
): Record<string, unknown> | undefined {
  if (validateResponses && !validators)
    throw new TypeError(
      'validateResponses needs the response validators: pass `responseValidators` (import * as validators from "./validators.js")',
    );
  return validateResponses ? (validators as Record<string, unknown>) : undefined;
}

/** The default `onResponseIssues`: one console warning per answer, with paths and messages only. */
export /* internal */ function warnResponseIssues(operationId: string, issues: ClientIssue[]): void {
  console.warn(
    `${operationId}: the response does not match its schema:\n${issues.map((i) => `  ${i.path.join(".") || "(body)"}: ${i.message}`).join("\n")}`,
  );
}
