// The fixed part of every generated `validators.js` (and its `validators.d.ts`), copied into it as it is here. It is real code:
// type-checked with the project and unit-tested on its own. `export /* internal */` marks helpers
// the generated checks use; the copy drops that `export`, so they stay private to the file.

/** One problem found by a validator. `path` starts at the validated value (for requests: the input). */
export interface ValidationIssue {
  path: (string | number)[];
  message: string;
  /** The JSON Schema keyword that failed (`type`, `required`, `format`, ...). */
  code: string;
}

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] };

/** The Standard Schema v1 interface (https://standardschema.dev), written out: no dependency. */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly "~standard": {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown) => StandardSchemaV1.Result<Output>;
    readonly types?: { readonly input: Input; readonly output: Output } | undefined;
  };
}

export declare namespace StandardSchemaV1 {
  type Result<Output> =
    | { readonly value: Output; readonly issues?: undefined }
    | { readonly issues: ReadonlyArray<Issue> };
  interface Issue {
    readonly message: string;
    readonly path?: ReadonlyArray<PropertyKey | PathSegment> | undefined;
  }
  interface PathSegment {
    readonly key: PropertyKey;
  }
}

export /* internal */ function standard<T>(
  validate: (value: unknown) => ValidationResult<T>,
): StandardSchemaV1<unknown, T> {
  return {
    "~standard": {
      version: 1,
      vendor: "specforge",
      validate: (value) => {
        const result = validate(value);
        return result.ok ? { value: result.value } : { issues: result.issues };
      },
    },
  };
}

export /* internal */ function result<T>(value: unknown, issues: ValidationIssue[]): ValidationResult<T> {
  return issues.length === 0 ? { ok: true, value: value as T } : { ok: false, issues };
}

/** `validateX`: the check function `check` run on a value as a plain value (mode 0), a request (1) or a response (2). */
export /* internal */ function validator<T>(
  check: (v: unknown, issues: ValidationIssue[], mode: number) => void,
  mode: number,
): (value: unknown) => ValidationResult<T> {
  return (value) => {
    const issues: ValidationIssue[] = [];
    check(value, issues, mode);
    return result<T>(value, issues);
  };
}

/** What an issue says: its keyword and message (a module constant, shared by every check that fails so). */
export /* internal */ interface Failure {
  code: string;
  message: string;
}

/**
 * Records an issue at `rel`, relative to the value the running check function was given. A caller
 * that checked a member through a function puts the member's own path in front (`within`).
 */
export /* internal */ function fail(issues: ValidationIssue[], rel: (string | number)[], failure: Failure): void {
  issues.push({ path: rel, message: failure.message, code: failure.code });
}

/**
 * Puts `rel` in front of the paths of the issues recorded from index `from` on: a check function
 * reports paths relative to the value it was given, and its caller knows where that value sits.
 * Only failures pay for paths; a valid value costs one comparison per call.
 */
export /* internal */ function within(issues: ValidationIssue[], from: number, rel: (string | number)[]): void {
  for (let i = from; i < issues.length; i++) {
    const issue = issues[i]!;
    const tail = issue.path;
    // Short paths as literals: several times faster in V8 than concat, spread or unshift.
    if (rel.length === 1 && tail.length <= 2) {
      issue.path =
        tail.length === 0 ? [rel[0]!] : tail.length === 1 ? [rel[0]!, tail[0]!] : [rel[0]!, tail[0]!, tail[1]!];
    } else {
      const path: (string | number)[] = [];
      for (let j = 0; j < rel.length; j++) path.push(rel[j]!);
      for (let j = 0; j < tail.length; j++) path.push(tail[j]!);
      issue.path = path;
    }
  }
}

/** Length in Unicode code points, as JSON Schema counts `minLength`/`maxLength`. */
export /* internal */ function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff || i === 0 || s.charCodeAt(i - 1) < 0xd800 || s.charCodeAt(i - 1) > 0xdbff) n++;
  }
  return n;
}

/** `value` is a multiple of `step`, exactly for decimal steps such as 0.01 (no binary rounding error). */
export /* internal */ function isMultipleOf(value: number, step: number): boolean {
  const q = value / step;
  return Number.isFinite(q) && Math.abs(q - Math.round(q)) <= Math.abs(q) * 4 * Number.EPSILON;
}

/**
 * When no alternative of a `oneOf`/`anyOf` matched: the issues of the one alternative whose type fits
 * the value (so the user sees what is wrong inside it), or undefined when none or several fit.
 */
export /* internal */ function bestAlternative(
  alternatives: ValidationIssue[][],
  relLength: number,
): ValidationIssue[] | undefined {
  let best: ValidationIssue[] | undefined;
  for (const issues of alternatives) {
    if (
      issues.some((i) => i.path.length === relLength && (i.code === "type" || i.code === "enum" || i.code === "const"))
    )
      continue;
    if (best !== undefined) return undefined;
    best = issues;
  }
  return best;
}

/** Content for `format: binary`: a Blob (or File), bytes, or a string. */
export /* internal */ function isBinary(v: unknown): boolean {
  return (
    typeof v === "string" ||
    (typeof Blob !== "undefined" && v instanceof Blob) ||
    v instanceof ArrayBuffer ||
    ArrayBuffer.isView(v)
  );
}

export /* internal */ const hasOwn = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);

export /* internal */ function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** JSON equality, for `enum`, `const` and `uniqueItems`. */
export /* internal */ function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!equal(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (
      !Object.prototype.hasOwnProperty.call(b, k) ||
      !equal((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])
    )
      return false;
  }
  return true;
}

export /* internal */ function hasDuplicates(items: unknown[]): boolean {
  for (let i = 1; i < items.length; i++) for (let j = 0; j < i; j++) if (equal(items[i], items[j])) return true;
  return false;
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isDate(y: number, m: number, d: number): boolean {
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return m >= 1 && m <= 12 && d >= 1 && d <= (m === 2 && !leap ? 28 : DAYS[m - 1]!);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// As ajv-formats' default mode reads RFC 3339 (never stricter): `T`, `t` or a space between date and
// time, and an offset as `+hh:mm`, `+hhmm` or `+hh` (`2015-01-01T05:18:23-0700`, which APIs send).
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt\s](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|([+-])(\d{2})(?::?(\d{2}))?)$/;
const EMAIL =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
const UUID = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;
const URI = /^[A-Za-z][A-Za-z0-9+.-]*:(?:[^\s%"<>\\^`{|}\u0000-\u001f\u007f]|%[0-9A-Fa-f]{2})*$/;
const URI_REFERENCE = /^(?:[A-Za-z][A-Za-z0-9+.-]*:)?(?:[^\s%"<>\\^`{|}\u0000-\u001f\u007f]|%[0-9A-Fa-f]{2})*$/;
const DURATION = /^P(?:\d+W|(?=\d|T\d)(?:\d+Y)?(?:\d+M)?(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+S)?)?)$/;
const IPV4 = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6_CHARS = /^[0-9A-Fa-f:.]+$/;
const BYTE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const HOSTNAME =
  /^(?=.{1,253}\.?$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;

// RFC 6531: the local part of an internationalised address may hold any non-ASCII character too.
const IDN_LOCAL =
  /^(?:[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u0080-\u{10FFFF}-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u0080-\u{10FFFF}-]+)*|"(?:[^"\\\u0000-\u001f]|\\[\u0020-\u{10FFFF}])*")$/u;
const NOT_IN_HOST = /[\s/?#@:[\]%\\<>^|'"`]/;

/**
 * RFC 5890 host name: the WHATWG URL parser's domain-to-ASCII (UTS #46 mapping and Punycode) and
 * then RFC 1123 labels. More lenient than IDNA2008's contextual rules, so no name a server takes is refused.
 */
export /* internal */ function isIdnHostname(s: string): boolean {
  if (s === "" || NOT_IN_HOST.test(s)) return false;
  if (HOSTNAME.test(s)) return !/(?:^|\.)xn--/i.test(s) || idnToAscii(s) !== undefined;
  const ascii = idnToAscii(s);
  return ascii !== undefined && HOSTNAME.test(ascii);
}

function idnToAscii(s: string): string | undefined {
  try {
    return new URL(`http://${s}/`).hostname;
  } catch {
    return undefined;
  }
}

/** RFC 6531 address: a local part of (non-ASCII) atext or a quoted string, and a dotted IDN domain. */
export /* internal */ function isIdnEmail(s: string): boolean {
  const at = s.lastIndexOf("@");
  if (at < 1) return false;
  const domain = s.slice(at + 1);
  return IDN_LOCAL.test(s.slice(0, at)) && domain.includes(".") && isIdnHostname(domain);
}

export /* internal */ function isDateTime(s: string): boolean {
  const m = DATE_TIME.exec(s);
  if (!m) return false;
  const [h, min, sec] = [Number(m[4]), Number(m[5]), Number(m[6])];
  if (!isDate(Number(m[1]), Number(m[2]), Number(m[3])) || h > 23 || min > 59 || sec > 60) return false;
  return m[7] === undefined || (Number(m[8]) <= 23 && Number(m[9] ?? 0) <= 59);
}

const TIME = /^(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|([+-])(\d{2})(?::?(\d{2}))?)$/;

/** RFC 3339 full-time: a leap second (`:60`) only where it is 23:59 in UTC. */
export /* internal */ function isTime(s: string): boolean {
  const m = TIME.exec(s);
  if (!m) return false;
  const [h, min, sec] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [offH, offM] = m[4] === undefined ? [0, 0] : [Number(m[5]), Number(m[6] ?? 0)];
  if (h > 23 || min > 59 || sec > 60 || offH > 23 || offM > 59) return false;
  if (sec < 60) return true;
  const sign = m[4] === "-" ? 1 : -1;
  const utc = (((h * 60 + min + sign * (offH * 60 + offM)) % 1440) + 1440) % 1440;
  return utc === 23 * 60 + 59;
}

export /* internal */ function isIpv6(s: string): boolean {
  if (!IPV6_CHARS.test(s) || !s.includes(":")) return false;
  try {
    return new URL(`http://[${s}]/`).hostname.length > 2;
  } catch {
    return false;
  }
}

// Each format's built-in check is its own function, named by the call that needs it
// (`checkFormat("uuid", v, formatUuid)`), so a bundle keeps only the formats its calls check.
export /* internal */ function formatDate(s: string): boolean {
  const m = DATE.exec(s);
  return m !== null && isDate(Number(m[1]), Number(m[2]), Number(m[3]));
}
export /* internal */ const formatEmail = (s: string): boolean => EMAIL.test(s);
export /* internal */ const formatUuid = (s: string): boolean => UUID.test(s);
export /* internal */ const formatUri = (s: string): boolean => URI.test(s);
export /* internal */ const formatUriReference = (s: string): boolean => URI_REFERENCE.test(s);
export /* internal */ const formatDuration = (s: string): boolean => DURATION.test(s);
export /* internal */ const formatIpv4 = (s: string): boolean => IPV4.test(s);
export /* internal */ const formatByte = (s: string): boolean => BYTE.test(s);
export /* internal */ const formatHostname = (s: string): boolean => HOSTNAME.test(s);

/**
 * The built-in format checks. Rules (RFC references in the README): `date` is RFC 3339 full-date with
 * a real calendar day; `date-time` is RFC 3339 date-time with a `Z` or `±hh:mm` offset, read as
 * ajv-formats reads it (a space for `T`, `±hhmm` and `±hh` offsets too);
 * `time` is RFC 3339 full-time (an offset is required; a leap second only at 23:59:60 UTC);
 * `email` is a dot-atom local part and a dotted domain of valid labels; `uuid` is the 8-4-4-4-12 hex
 * shape (any version); `uri` is an absolute URI (scheme, no spaces, valid %-escapes); `uri-reference`
 * the same with the scheme optional (a relative reference); `duration` RFC 3339's ISO 8601 duration
 * (`P1Y2M3DT4H5M6S`, `P2W`: at least one part, `T` only before a time part); `ipv4` dotted
 * decimal; `ipv6` RFC 4291 text; `byte` padded base64; `hostname` RFC 1123 labels; `idn-hostname`
 * the same after the URL standard's domain-to-ASCII; `idn-email` RFC 6531 (non-ASCII local parts,
 * quoted local parts, an IDN domain). By format name: what `setFormatCheck` replaces (tests and tools
 * read the table; each generated check names its function).
 */
export /* internal */ const formats: Record<string, ((value: string) => boolean) | undefined> = {
  date: formatDate,
  "date-time": isDateTime,
  time: isTime,
  email: formatEmail,
  uuid: formatUuid,
  uri: formatUri,
  "uri-reference": formatUriReference,
  duration: formatDuration,
  ipv4: formatIpv4,
  ipv6: isIpv6,
  byte: formatByte,
  hostname: formatHostname,
  "idn-hostname": isIdnHostname,
  "idn-email": isIdnEmail,
};

/** The checks set at run time (`setFormatCheck`), by format: each replaces the built-in one. */
const customFormats: Record<string, ((value: string) => boolean) | undefined> = {};

/**
 * Adds or replaces the check of a string `format` at run time, without regenerating (for example a
 * phone-number library for `format: phone`); `undefined` removes it, so the format passes.
 */
export function setFormatCheck(format: string, check: ((value: string) => boolean) | undefined): void {
  customFormats[format] = check;
}

/**
 * Checks a string against a named format: the check set at run time if any, else the built-in one the
 * call passes (`builtin`); unknown formats pass.
 */
export /* internal */ function checkFormat(
  format: string,
  value: string,
  builtin?: (value: string) => boolean,
): boolean {
  const check = hasOwn(customFormats, format) ? customFormats[format] : builtin;
  return check === undefined || check(value);
}

let clock: () => Date = () => new Date();

/**
 * Sets the clock that `x-specforge-date` age rules read today's date from (its UTC calendar date);
 * `undefined` restores the system clock. For tests, and for servers that judge ages on another day.
 */
export /* with calendarDate */ function setClock(now: (() => Date) | undefined): void {
  clock = now ?? (() => new Date());
}

/**
 * Checks a string against an `x-specforge-date` rule: `re` is the layout with year, month and day
 * captured (group numbers in `order`). Returns the failing keyword (`date`: not a real calendar date
 * in the layout; `minAge`/`maxAge`: whole years before today out of bounds), or "" when it passes.
 * Someone born on 29 February turns a year older on 28 February in common years (the lenient reading:
 * a server counting 1 March answers for itself).
 */
export /* internal */ function calendarDate(
  value: string,
  re: RegExp,
  order: readonly [number, number, number],
  minAge: number,
  maxAge: number,
): string {
  const m = re.exec(value);
  if (m === null) return "date";
  const [y, mo, d] = [Number(m[order[0]]), Number(m[order[1]]), Number(m[order[2]])];
  if (!isDate(y, mo, d)) return "date";
  const today = clock();
  const [ty, tm, td] = [today.getUTCFullYear(), today.getUTCMonth() + 1, today.getUTCDate()];
  const leapDay = mo === 2 && d === 29 && !isDate(ty, 2, 29);
  const birthday = leapDay ? 28 : d;
  const age = ty - y - (tm < mo || (tm === mo && td < birthday) ? 1 : 0);
  return age < minAge ? "minAge" : age > maxAge ? "maxAge" : "";
}

/** `contentEncoding: base64`: padded base64 (RFC 4648 section 4). */
export /* internal */ function isBase64(value: string): boolean {
  // As decoders take it: line breaks (the `base64` command wraps at 76) and missing `=` padding too.
  const s = value.replace(/\r?\n/g, "");
  if (!BASE64_LENIENT.test(s)) return false;
  const bare = s.replace(/=+$/, "");
  return bare.length % 4 !== 1 && (s.length === bare.length || s.length % 4 === 0);
}

const BASE64_LENIENT = /^[A-Za-z0-9+/]*={0,2}$/;

/** Base64 of gzip data starts with the encoded magic bytes 1f 8b and method 08: "H4sI". */
export /* internal */ function isBase64Gzip(value: string): boolean {
  return value.startsWith("H4sI") && isBase64(value);
}

/**
 * The body's issues in the shape of the API's 400 answer for top-level fields
 * (`{ "email": ["Enter a valid email address."] }`); nested fields as dotted keys
 * (`"address.country"`), array items by index (`"items.0"`) and issues about the body as a whole
 * under `""` are specforge's convention (the API documents top-level keys only).
 */
export function toFieldErrors(issues: readonly ValidationIssue[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of issues) {
    if (issue.path[0] !== "body") continue;
    const key = issue.path.slice(1).join(".");
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/**
 * A pattern that could backtrack catastrophically runs on this matcher instead of `RegExp`: a
 * Thompson NFA simulated in one pass (time linear in the input, times the pattern's size), with the
 * same answers as the pattern for every input. `states[i]` is one of:
 * [0, next] epsilon; [1, a, b] split; [2, next, lo, hi] one code point in [lo, hi];
 * [3, next, classIndex] one code point matched by `classes[classIndex]` (a sticky, unicode RegExp of one
 * character class); [4, next] start of input; [5, next] end of input; [6] accept.
 */
export /* internal */ interface LinearPattern {
  states: number[][];
  classes: RegExp[];
  start: number;
  /** True when the pattern has no leading `^`: a match may start anywhere. */
  floating: boolean;
}

export /* internal */ function linearTest(p: LinearPattern, s: string): boolean {
  const n = p.states.length;
  let current = new Int32Array(n);
  let next = new Int32Array(n);
  const mark = new Int32Array(n).fill(-1);
  let count = 0;
  let nextCount = 0;
  let stamp = 0;
  // Adds `state` and what it reaches without input at position `i` to `list`; true on accept.
  const add = (list: Int32Array, size: number, state: number, i: number): number => {
    const stack = [state];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (mark[id] === stamp) continue;
      mark[id] = stamp;
      const st = p.states[id]!;
      switch (st[0]) {
        case 0:
          stack.push(st[1]!);
          break;
        case 1:
          stack.push(st[2]!, st[1]!);
          break;
        case 4:
          if (i === 0) stack.push(st[1]!);
          break;
        case 5:
          if (i === s.length) stack.push(st[1]!);
          break;
        case 6:
          return -1;
        default:
          list[size++] = id;
      }
    }
    return size;
  };
  stamp++;
  count = add(current, 0, p.start, 0);
  if (count < 0) return true;
  for (let i = 0; i < s.length; ) {
    const cp = s.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    stamp++;
    nextCount = 0;
    for (let k = 0; k < count; k++) {
      const st = p.states[current[k]!]!;
      let ok = false;
      if (st[0] === 2) ok = cp >= st[2]! && cp <= st[3]!;
      else if (st[0] === 3) {
        const re = p.classes[st[2]!]!;
        re.lastIndex = i;
        ok = re.test(s);
      }
      if (ok) {
        nextCount = add(next, nextCount, st[1]!, i + width);
        if (nextCount < 0) return true;
      }
    }
    i += width;
    if (p.floating) {
      nextCount = add(next, nextCount, p.start, i);
      if (nextCount < 0) return true;
    }
    [current, next] = [next, current];
    count = nextCount;
    if (count === 0 && !p.floating) return false;
  }
  return false;
}
