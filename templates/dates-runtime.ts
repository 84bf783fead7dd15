// The fixed part of `client.ts` with `"dates": true`: `date-time` strings become `Date`s in what the
// client hands back, and `Date`s become their ISO strings in what it sends. Real code, type-checked
// with the project and copied into `client.ts` only when the option is on. The per-schema converters
// that call it are generated, each a call or two to the helpers below (`convertFields`, `convertItems`, ...).

/**
 * The shape of an RFC 3339 date-time, as the validators' `date-time` format checks it:
 * `YYYY-MM-DDTHH:MM:SS` (`t` or a space for `T`), optional fraction, then `Z` or an offset `±HH:MM`,
 * `±HHMM` or `±HH` (checked by position: a RegExp costs a third of the conversion). Returns where the
 * offset's hours start, 0 for `Z`, -1 when the text is not such a date-time.
 */
const DIGIT_AT = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];

function dateTimeZone(text: string): number {
  if (text.length < 20) return -1;
  for (let k = 0; k < DIGIT_AT.length; k++) if (!isDigit(text.charCodeAt(DIGIT_AT[k]!))) return -1;
  const t = text.charCodeAt(10);
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return -1;
  // `T`, `t`, or white space as the validators' `date-time` (and ajv-formats) take it.
  if (t !== 84 && t !== 116 && !/\s/.test(text.charAt(10))) return -1;
  if (text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return -1;
  let i = 19;
  if (text.charCodeAt(i) === 46) {
    i++;
    if (!isDigit(text.charCodeAt(i))) return -1;
    while (isDigit(text.charCodeAt(i))) i++;
  }
  const zone = text.charCodeAt(i);
  if (zone === 90 || zone === 122) return i + 1 === text.length ? 0 : -1;
  if (zone !== 43 && zone !== 45) return -1;
  const hours = isDigit(text.charCodeAt(i + 1)) && isDigit(text.charCodeAt(i + 2));
  const rest = text.length - (i + 3);
  const colon = text.charCodeAt(i + 3) === 58 ? 1 : 0;
  const minutes =
    rest === 0 ||
    (rest === 2 + colon && isDigit(text.charCodeAt(i + 3 + colon)) && isDigit(text.charCodeAt(i + 4 + colon)));
  return hours && minutes ? i + 1 : -1;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * A `date-time` string as a `Date`; anything else (an invalid string, a leap second, which a `Date`
 * cannot hold, too) as it came. The fields are read by position (`new Date(string)` costs several
 * times more, and a list of a thousand records pays it a thousand times); digits past milliseconds
 * are dropped, as `new Date` drops them.
 */
export /* internal */ function toDate(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const at = dateTimeZone(value);
  if (at < 0) return value;
  const year = twoDigits(value, 0) * 100 + twoDigits(value, 2);
  const month = twoDigits(value, 5);
  const day = twoDigits(value, 8);
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (month < 1 || month > 12 || day < 1 || day > DAYS[month - 1]! + (leap ? 1 : 0)) return value;
  const hour = twoDigits(value, 11);
  const minute = twoDigits(value, 14);
  const second = twoDigits(value, 17);
  if (hour > 23 || minute > 59 || second > 59) return value;
  let ms = 0;
  if (value.charCodeAt(19) === 46)
    for (let scale = 100, j = 20; scale >= 1 && isDigit(value.charCodeAt(j)); j++, scale /= 10)
      ms += (value.charCodeAt(j) - 48) * scale;
  let offset = 0;
  if (at > 0) {
    // `±HH`, `±HHMM` or `±HH:MM` from `at`.
    const hours = twoDigits(value, at);
    const minutes = value.length === at + 2 ? 0 : twoDigits(value, value.charCodeAt(at + 2) === 58 ? at + 3 : at + 2);
    if (hours > 23 || minutes > 59) return value;
    offset = (value.charCodeAt(at - 1) === 45 ? -1 : 1) * (hours * 60 + minutes);
  }
  const time = daysFromCivil(year, month, day) * 86_400_000 + ((hour * 60 + minute - offset) * 60 + second) * 1000 + ms;
  return new Date(time);
}

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's algorithm; any year). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function twoDigits(text: string, at: number): number {
  return (text.charCodeAt(at) - 48) * 10 + text.charCodeAt(at + 1) - 48;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** A JSON object (not an array, not null), whose members a converter may replace. */
export /* internal */ function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A generated converter: the value with its date-times as `Date`s (objects and arrays changed in place). */
type Converter = (value: unknown) => unknown;

/**
 * An object's members by name (own members only), each through its converter: `names[i]` through
 * `converters[i]`. The generated converters are calls to these helpers, data rather than code, so the
 * user's tsc checks one call per converter instead of a narrowing per member.
 */
export /* internal */ function convertFields(
  value: unknown,
  names: readonly string[],
  converters: readonly Converter[],
): unknown {
  if (isRecord(value)) {
    for (let i = 0; i < names.length; i++) {
      const name = names[i]!;
      if (Object.prototype.hasOwnProperty.call(value, name)) value[name] = converters[i]!(value[name]);
    }
  }
  return value;
}

/**
 * An object's other members (additionalProperties, patternProperties): each key matching a pattern
 * through that pattern's converter (a pattern without one only claims its keys), then each key that is
 * neither in `known` nor matched through `extra`.
 */
export /* internal */ function convertMembers(
  value: unknown,
  known: ReadonlySet<string> | undefined,
  patterns: readonly RegExp[],
  converters: readonly (Converter | undefined)[],
  extra: Converter | undefined,
): unknown {
  if (isRecord(value)) {
    for (const key of Object.keys(value)) {
      let matched = false;
      for (let i = 0; i < patterns.length; i++) {
        if (!patterns[i]!.test(key)) continue;
        matched = true;
        const convert = converters[i];
        if (convert) value[key] = convert(value[key]);
      }
      if (extra && !matched && !known?.has(key)) value[key] = extra(value[key]);
    }
  }
  return value;
}

/** An array's elements from `from` on (past a tuple's positions) through one converter. */
export /* internal */ function convertItems(value: unknown, converter: Converter, from = 0): unknown {
  if (Array.isArray(value)) for (let i = from; i < value.length; i++) value[i] = converter(value[i]);
  return value;
}

/** A tuple's elements: the one at `at[i]` (when there) through `converters[i]`. */
export /* internal */ function convertTuple(
  value: unknown,
  at: readonly number[],
  converters: readonly Converter[],
): unknown {
  if (Array.isArray(value)) {
    for (let i = 0; i < at.length; i++) if (value.length > at[i]!) value[at[i]!] = converters[i]!(value[at[i]!]);
  }
  return value;
}

/** A map's values (additionalProperties, no declared names or patterns beside it) through one converter. */
export /* internal */ function convertValues(value: unknown, converter: Converter): unknown {
  if (isRecord(value)) for (const key of Object.keys(value)) value[key] = converter(value[key]);
  return value;
}

/** A union told apart by a discriminator: the converter of the value's tag, if any. */
export /* internal */ function convertTagged(
  value: unknown,
  property: string,
  tags: readonly string[],
  converters: readonly (Converter | undefined)[],
  fallback?: Converter,
): unknown {
  if (!isRecord(value)) return value;
  const at = tags.indexOf(value[property] as string);
  // No tag, or one mapped to nothing: 3.2's defaultMapping, where the spec gives one.
  if (at === -1) return fallback ? fallback(value) : value;
  const convert = converters[at];
  return convert ? convert(value) : value;
}

/** A union told apart by JSON type: the converter of the value's kind (object, array, string), if any. */
export /* internal */ function convertByKind(
  value: unknown,
  object: Converter | undefined,
  array: Converter | undefined,
  string: Converter | undefined,
): unknown {
  if (object && isRecord(value)) return object(value);
  if (array && Array.isArray(value)) return array(value);
  if (string && typeof value === "string") return string(value);
  return value;
}

/**
 * The input as it is sent: every valid `Date` as its ISO string (`toISOString()`), plain objects and
 * arrays copied, everything else (strings, files, an Invalid Date for the validator to refuse) as it is.
 */
export /* internal */ function toWire(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? value : value.toISOString();
  if (Array.isArray(value)) return value.map(toWire);
  if (typeof value !== "object" || value === null) return value;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  // Object.keys (ES5), not Object.entries: the output type-checks against ES2016's library.
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    Object.defineProperty(out, key, { value: toWire(item), enumerable: true, writable: true, configurable: true });
  }
  return out;
}
