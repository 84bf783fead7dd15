// The fixed part of `client.ts` with `"dates": true`: `date-time` strings become `Date`s in what the
// client hands back, and `Date`s become their ISO strings in what it sends. Real code, type-checked
// with the project and copied into `client.ts` only when the option is on. The per-schema converters
// that call it are generated.

/** An RFC 3339 date-time, as the validators' `date-time` format checks it (seconds required). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

/** A `date-time` string as a `Date`; anything else (an invalid string too) as it came. */
export /* internal */ function toDate(value: unknown): unknown {
  if (typeof value !== "string" || !DATE_TIME.test(value)) return value;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date;
}

/** A JSON object (not an array, not null), whose members a converter may replace. */
export /* internal */ function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
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
  for (const [key, item] of Object.entries(value)) {
    Object.defineProperty(out, key, { value: toWire(item), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/**
 * A rejection handler converting the body of an `ApiError` for its status (exact, `4XX`, `default`)
 * before it reaches the caller; every other error passes through unchanged.
 */
export /* internal */ function errorDates(table: Record<string, (body: unknown) => unknown>) {
  return (error: unknown): never => {
    if (error instanceof Error && "status" in error && "body" in error && typeof error.status === "number") {
      const status = String(error.status);
      const convert = table[status] ?? table[`${status[0]}XX`] ?? table.default;
      if (convert) Object.defineProperty(error, "body", { value: convert(error.body), enumerable: true });
    }
    throw error;
  };
}
