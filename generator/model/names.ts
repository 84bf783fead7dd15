// The one place where names from a spec become TypeScript identifiers. Rules (also in the README):
// - words are split on anything that cannot continue an identifier and on `_`; types are PascalCase,
//   methods camelCase; case conversion is locale-independent;
// - a name that would start with a digit gets a leading `_`; an empty name becomes `Schema`/`operation`;
// - reserved words, globals the generated code relies on (`Object`, `Promise`, `Error`, `Date`, ...)
//   and names the generated files export (`Client`, `ApiError`, ...) get the suffix `Model` (types)
//   or `_` (methods);
// - when two names end up equal, the first in spec order keeps it and the next get `2`, `3`, ...

import { typescript } from "../commonjs.js";

const RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for " +
    "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "as implements interface let package private protected public static yield await async of get set " +
    "any unknown never string number boolean object symbol bigint undefined type keyof readonly declare " +
    "namespace module abstract is infer asserts unique satisfies accessor constructor arguments eval"
  ).split(" "),
);

const GLOBALS = new Set(
  (
    "Object Function Array String Number Boolean Symbol BigInt Date RegExp Error TypeError RangeError SyntaxError " +
    "Promise Map Set WeakMap WeakSet JSON Math Reflect Proxy Intl Infinity NaN globalThis " +
    "Record Partial Required Readonly Pick Omit Exclude Extract NonNullable ReturnType Parameters InstanceType " +
    "Awaited Uppercase Lowercase Capitalize Uncapitalize Iterable Iterator ArrayLike PromiseLike " +
    "URL URLSearchParams Headers Request Response RequestInit Blob File FormData AbortController AbortSignal " +
    "TextEncoder TextDecoder ReadableStream ArrayBuffer Uint8Array DataView DOMException Event EventTarget " +
    "fetch console"
  ).split(" "),
);

/**
 * Characters allowed in generated identifiers: those JavaScript engines and TypeScript's scanner both
 * accept, in the Basic Multilingual Plane only (astral letters added by recent Unicode versions are
 * missing from TypeScript's tables, so `validate𬺫Request` would not compile). Others break words.
 */
function identifierChar(ch: string, first: boolean): boolean {
  const cp = ch.codePointAt(0)!;
  if (cp > 0xffff) return false;
  // ASCII needs no second opinion (and TypeScript is loaded only for names that need it).
  if (cp < 0x80) return first ? /[A-Za-z$_]/.test(ch) : /[\w$]/.test(ch);
  const ts = typescript();
  return first
    ? /[\p{ID_Start}$_]/u.test(ch) && ts.isIdentifierStart(cp, ts.ScriptTarget.ESNext)
    : /[\p{ID_Continue}$\u200c\u200d]/u.test(ch) && ts.isIdentifierPart(cp, ts.ScriptTarget.ESNext);
}

/** True when `name` can be written bare as an identifier or property key in generated code. */
export function isIdentifier(name: string): boolean {
  if (/^[A-Za-z_$][\w$]*$/.test(name)) return true;
  const chars = [...name];
  return chars.length > 0 && chars.every((ch, i) => identifierChar(ch, i === 0));
}

function words(raw: string): string[] {
  // Split camelCase humps too, so `user_id`, `userId` and `UserId` agree.
  return [...raw]
    .map((ch) => (identifierChar(ch, false) && ch !== "_" ? ch : " "))
    .join("")
    .split(" ")
    .flatMap((w) => w.split(/(?<=[\p{Ll}\p{N}])(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})/u))
    .filter((w) => w.length > 0);
}

function upperFirst(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function startable(name: string): string {
  return identifierChar([...name][0]!, true) ? name : "_" + name;
}

/** `user_request` -> `UserRequest`, `HTTPError` -> `HTTPError`. */
export function pascalCase(raw: string): string {
  const out = words(raw).map(upperFirst).join("");
  return out === "" ? "" : startable(out);
}

/** `CreateUser` -> `createUser`, `get-users` -> `getUsers`, `HTTPGet` -> `httpGet`. */
export function camelCase(raw: string): string {
  const [first = "", ...rest] = words(raw);
  const lead = first === first.toUpperCase() ? first.toLowerCase() : first.charAt(0).toLowerCase() + first.slice(1);
  const out = lead + rest.map(upperFirst).join("");
  return out === "" ? "" : startable(out);
}

/**
 * Names the generated files export themselves (validators.js and client.ts), which index.ts
 * re-exports beside the models: a schema with one of these names is renamed like a global.
 */
const EXPORTED = new Set(
  (
    "ValidationIssue ValidationResult StandardSchemaV1 Client ClientOptions ClientAuth ClientConfig ClientIssue RequestOptions " +
    "RetryOptions BasicCredentials TokenSource ApiError RequestValidationError TimeoutError NetworkError " +
    "RequestContext ResponseContext Middleware ErrorBody ResponseValidation ResponseValidationError ApiErrors isApiError"
  ).split(" "),
);

/** True for names that cannot be declared as-is in generated code. */
export function isReserved(name: string): boolean {
  return RESERVED.has(name) || GLOBALS.has(name) || EXPORTED.has(name);
}

/** Hands out unique identifiers in the order they are asked for. */
export class NameRegistry {
  private readonly taken = new Set<string>();

  constructor(reserved: Iterable<string> = []) {
    for (const name of reserved) this.taken.add(name);
  }

  /** Claims `base` or, if taken, `base2`, `base3`, ... */
  claim(base: string): string {
    let name = base;
    for (let n = 2; this.taken.has(name); n++) name = `${base}${n}`;
    this.taken.add(name);
    return name;
  }

  /** A type name for a spec name. */
  typeName(raw: string, fallback = "Schema"): string {
    const base = pascalCase(raw) || fallback;
    return this.claim(isReserved(base) ? `${base}Model` : base);
  }

  /** A method or function name for a spec name. */
  memberName(raw: string, fallback = "operation"): string {
    const base = camelCase(raw) || fallback;
    return this.claim(isReserved(base) ? `${base}_` : base);
  }
}

/** Identifiers the validators' runtime declares (templates/validators-runtime.ts), never handed out. */
export const VALIDATOR_RUNTIME_NAMES = [
  "ValidationIssue",
  "ValidationResult",
  "StandardSchemaV1",
  "standard",
  "result",
  "validator",
  "within",
  "Failure",
  "fail",
  "codePoints",
  "isMultipleOf",
  "isObject",
  "equal",
  "hasDuplicates",
  "formats",
  "customFormats",
  "formatDate",
  "formatEmail",
  "formatUuid",
  "formatUri",
  "formatUriReference",
  "formatDuration",
  "formatIpv4",
  "formatByte",
  "formatHostname",
  "setFormatCheck",
  "checkFormat",
  "toFieldErrors",
  "isBinary",
  "LinearPattern",
  "linearTest",
  "bestAlternative",
  "hasOwn",
  "Models",
  "RESERVED",
  "GLOBALS",
  "clock",
  "setClock",
  "calendarDate",
  "isBase64",
  "isBase64Gzip",
  "DAYS",
  "isDate",
  "DATE",
  "DATE_TIME",
  "EMAIL",
  "UUID",
  "URI",
  "URI_REFERENCE",
  "DURATION",
  "IPV4",
  "IPV6_CHARS",
  "BYTE",
  "HOSTNAME",
  "isDateTime",
  "TIME",
  "isTime",
  "isIpv6",
  "IDN_LOCAL",
  "NOT_IN_HOST",
  "isIdnHostname",
  "idnToAscii",
  "isIdnEmail",
  "BASE64_LENIENT",
];

/**
 * Identifiers at the top level of client.ts besides the operation functions: its runtime
 * (templates/client-runtime.ts and gzip-runtime.ts), the template's own names, and what it imports.
 */
export const CLIENT_TOP_LEVEL_NAMES = [
  ...(
    "ClientIssue RetryOptions RequestOptions BasicCredentials TokenSource ApiError RequestValidationError " +
    "TimeoutError NetworkError OperationSpec SchemeSpec ResolvedConfig RequestBody IDEMPOTENT DEFAULT_RETRY " +
    "resolveRetry SPECS operationSpec describe pathSegment encode entriesOf queryPairs base64 applyAuth usableCredentials serialiseBody readBody fieldErrorsOf " +
    "retryDelay sleep RequestValidator send Converters converterFor sendDates gzipBase64 gunzipBase64 bytesToBase64 base64ToBytes " +
    "RequestContext ResponseContext Middleware ErrorBody ResponseValidation ResponseValidationError Call " +
    "startCall race fetchOnce Prepared prepare attemptInit throughMiddleware exchange fits ResponseValidator Checked " +
    "warnResponseIssues responseValidatorsOf ApiErrors isApiError Validators " +
    "servers ClientAuth ClientOptions ClientConfig SCHEMES Client createClient createConfig Models Self Bound BoundFunctions " +
    // templates/dates-runtime.ts, copied into client.ts with `"dates": true`
    "dateTimeZone DIGIT_AT DAYS toDate daysFromCivil twoDigits isDigit isRecord toWire " +
    "Converter convertFields convertMembers convertItems convertTuple convertValues convertTagged convertByKind " +
    // parameters and locals of client.hbs's functions that call an operation function by name
    // (`createClient(options)` builds `{ options: (input, requestOptions) => options(config, ...) }`)
    "options config input requestOptions signal fetch issues"
  ).split(" "),
];
