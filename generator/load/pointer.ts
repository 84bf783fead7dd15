// JSON pointers (RFC 6901): split, unescaped and built.

/** Splits an RFC 6901 pointer (with or without the leading `#`) into unescaped segments. */
export function pointerSegments(pointer: string): string[] {
  const fragment = pointer.startsWith("#");
  const bare = fragment ? pointer.slice(1) : pointer;
  if (bare === "") return [];
  return bare
    .slice(1)
    .split("/")
    .map((s) => (fragment ? percentDecoded(s) : s).replace(/~1/g, "/").replace(/~0/g, "~"));
}

/**
 * A `#...` pointer is a URI fragment, percent-encoded (RFC 6901, section 6: `#/$defs/percent%25field`
 * names `percent%field`). A `%` that starts no valid escape is kept as written, as specs write
 * component names with a bare `%` and mean it.
 */
function percentDecoded(segment: string): string {
  if (!segment.includes("%")) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Builds an RFC 6901 pointer from segments. */
export function toPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => "/" + String(s).replace(/~/g, "~0").replace(/\//g, "~1")).join("");
}
