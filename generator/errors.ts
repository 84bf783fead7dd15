/** A place in a source file, 1-based, as editors and compilers print it. */
export interface SourceLocation {
  file: string;
  line: number;
  col: number;
}

/** Exit codes of the CLI: the contract in the README. */
export const EXIT = { ok: 0, drift: 1, badInput: 2, internal: 3 } as const;

/**
 * A problem with the user's input (spec, config, options, files). It is printed as one line,
 * `file:line:col: message`, with no stack trace, and the CLI exits 2.
 */
export class UserError extends Error {
  readonly location: SourceLocation | undefined;
  constructor(message: string, location?: SourceLocation) {
    super(message);
    this.name = "UserError";
    this.location = location;
  }
}

/** A warning about the input that does not stop generation. */
export interface Warning {
  message: string;
  location?: SourceLocation;
}

export function formatLocation(location: SourceLocation | undefined): string {
  return location ? `${location.file}:${location.line}:${location.col}: ` : "";
}

export function formatUserError(error: UserError): string {
  return `${formatLocation(error.location)}${error.message}`;
}

export function formatWarning(warning: Warning): string {
  return `${formatLocation(warning.location)}warning: ${warning.message}`;
}
