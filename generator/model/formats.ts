// The formats the validators check, and those that say nothing a string check could test: the model
// warns about every other format (once), and the validators emitter checks these.
export const STRING_FORMATS = new Set([
  "date",
  "date-time",
  "time",
  "email",
  "uuid",
  "uri",
  "uri-reference",
  "duration",
  "ipv4",
  "ipv6",
  "byte",
  "hostname",
  "idn-hostname",
  "idn-email",
]);
export const QUIET_FORMATS = new Set(["binary", "password", "int64", "float", "double", "number", "integer"]);
