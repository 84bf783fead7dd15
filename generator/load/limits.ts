// The input limits of a load, with their defaults and options: a module of its own so the CLI and the
// config reader can name them without loading the YAML parser.
export interface LoadLimits {
  /** Largest accepted source file, in bytes. */
  maxFileBytes: number;
  /** Most YAML alias expansions (the guard against "billion laughs" alias bombs). */
  maxAliasCount: number;
  /** Deepest nesting of mappings and lists (real specs stay under 30; the guard against stack overflows). */
  maxDepth: number;
}

export const DEFAULT_LIMITS: LoadLimits = { maxFileBytes: 64 * 1024 * 1024, maxAliasCount: 10_000, maxDepth: 200 };

/** Each limit's command-line option, for messages that say how to raise it. */
export const LIMIT_OPTIONS: Record<keyof LoadLimits, string> = {
  maxFileBytes: "--max-file-bytes",
  maxAliasCount: "--max-aliases",
  maxDepth: "--max-depth",
};
