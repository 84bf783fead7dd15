// Media-type decisions every emitter shares: which contents are binary, and which content of a
// request body the client serialises and the validators check.
import type { MediaContent } from "./types.js";

const BINARY_MEDIA = /^(application\/octet-stream|image\/|audio\/|video\/)/i;

/** Content sent or received as raw bytes (a Blob in the generated code). */
export function isBinaryContent(content: MediaContent): boolean {
  return content.schema.format === "binary" || BINARY_MEDIA.test(content.mediaType);
}

/** JSON content: `application/json`, a `+json` type (`application/vnd.github.star+json`), or the wildcard type. */
export function isJsonContent(content: MediaContent): boolean {
  return /^application\/(.+\+)?json\b/i.test(content.mediaType) || content.mediaType === "*/*";
}

/** The request body content to use: JSON first, else a structured (object) non-binary content. */
export function bodyContent(contents: MediaContent[]): MediaContent | undefined {
  const json = contents.find(isJsonContent);
  if (json) return json;
  return contents.find(
    (c) => !isBinaryContent(c) && (c.schema.ref !== undefined || c.schema.types?.includes("object")),
  );
}
