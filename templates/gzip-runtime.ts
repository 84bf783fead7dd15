// Helpers for fields that carry gzipped data as base64 (`contentEncoding: base64` with
// `contentMediaType: application/gzip`), built on the platform's CompressionStream: no dependency.
// Copied into client.ts when the API has such a field.

/**
 * Gzips a string (as UTF-8) or bytes and returns the result base64-encoded: the value a gzip+base64
 * field expects. Uses the platform's `CompressionStream` (Node 18+, Deno, Bun, current browsers).
 */
export async function gzipBase64(data: string | Uint8Array): Promise<string> {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : new Uint8Array(data);
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream("gzip"));
  return bytesToBase64(new Uint8Array(await new Response(stream).arrayBuffer()));
}

/** The reverse of `gzipBase64`: the original bytes (decode text with `new TextDecoder().decode(...)`). */
export async function gunzipBase64(text: string): Promise<Uint8Array> {
  const stream = new Blob([base64ToBytes(text)]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = "";
  // In chunks: spreading a large array into one call would overflow the argument limit.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function base64ToBytes(text: string) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
