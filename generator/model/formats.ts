// The formats the validators check, and those that say nothing a string check could test: the model
// warns about every other format (once), and the validators emitter checks these.

/** The runtime function (templates/validators-runtime.ts) that checks each of `STRING_FORMATS`. */
export const FORMAT_CHECKS: ReadonlyMap<string, string> = new Map([
  ["date", "formatDate"],
  ["date-time", "isDateTime"],
  ["time", "isTime"],
  ["email", "formatEmail"],
  ["uuid", "formatUuid"],
  ["uri", "formatUri"],
  ["uri-reference", "formatUriReference"],
  ["duration", "formatDuration"],
  ["ipv4", "formatIpv4"],
  ["ipv6", "isIpv6"],
  ["byte", "formatByte"],
  ["hostname", "formatHostname"],
  ["idn-hostname", "isIdnHostname"],
  ["idn-email", "isIdnEmail"],
]);
export const STRING_FORMATS: ReadonlySet<string> = new Set(FORMAT_CHECKS.keys());
export const QUIET_FORMATS = new Set(["binary", "password", "int64", "float", "double", "number", "integer"]);
