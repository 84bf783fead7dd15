// What `specforge diff` reports: each change to an API as the users of its generated code feel it.

export type Severity = "breaking" | "compatible";

/** Which way a value travels: requests are what the client sends, responses what it receives. */
export type Side = "request" | "response";

/**
 * How a constraint moved: `narrower` accepts fewer values than before, `wider` more, `changed`
 * neither or both (a new pattern, a different type).
 */
export type Direction = "narrower" | "wider" | "changed";

/** One change, as printed and as `--format json` gives it. */
export interface Change {
  severity: Severity;
  /** The operation and the place in it as users write it: `updateUser body.address.zip`. */
  where: string;
  /** One line: what changed, old -> new. */
  message: string;
  /** `file:line:col` of the new spec, of the old one for what was removed. */
  location?: string;
}

/** A change before it is located: the pointer, and in which version of the spec it is. */
export interface FoundChange {
  severity: Severity;
  where: string;
  message: string;
  pointer: string;
  in: "old" | "new";
}

/**
 * A narrower request is refused where it was accepted (breaking); a wider response may carry what the
 * old types and validators did not allow (breaking). The other two ways are compatible; a change that
 * is neither narrower nor wider is breaking both ways.
 */
export function severityOf(side: Side, direction: Direction): Severity {
  if (direction === "changed") return "breaking";
  return (side === "request") === (direction === "narrower") ? "breaking" : "compatible";
}

const IDENTIFIER = /^[A-Za-z_$][\w$-]*$/;

/** `path` extended by a member name: `.email`, or `["a b"]` for a name that is not an identifier. */
export function member(path: string, name: string): string {
  return IDENTIFIER.test(name) ? `${path}.${name}` : `${path}[${JSON.stringify(name)}]`;
}

/** A value as messages show it: JSON, cut to a readable length. */
export function shown(value: unknown): string {
  const text = value === undefined ? "none" : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
