// The manifest records which files of an output folder specforge generated, so it can remove its own
// stale files and never touch anything else there.
import fs from "node:fs/promises";
import path from "node:path";

export const MANIFEST = ".specforge-manifest.json";

export function manifestText(source: string, files: string[]): string {
  return JSON.stringify({ generatedBy: "specforge", spec: source, files: [...files].sort() }, null, 2) + "\n";
}

/** The files the last run generated in `dir`; empty when there is no readable manifest. */
export async function readManifest(dir: string): Promise<string[]> {
  let text: string;
  try {
    text = await fs.readFile(path.join(dir, MANIFEST), "utf8");
  } catch {
    return [];
  }
  try {
    const files = (JSON.parse(text) as { files?: unknown }).files;
    // Only plain names: a tampered manifest must not make us delete files elsewhere.
    return Array.isArray(files)
      ? files.filter((f): f is string => typeof f === "string" && /^[\w.-]+$/.test(f) && f !== MANIFEST)
      : [];
  } catch {
    return [];
  }
}

/** The complete set of files an API's folder should hold: the emitted ones and the manifest. */
export function withManifest(source: string, files: Map<string, string>): Map<string, string> {
  const all = new Map(files);
  all.set(MANIFEST, manifestText(source, [...files.keys()]));
  return all;
}
