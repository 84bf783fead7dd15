// Write stage: puts an API's files in place all together or not at all, and removes the stale files
// of earlier runs (only those the manifest says specforge wrote).
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { MANIFEST, readManifest } from "./manifest.js";

export interface WriteResult {
  written: string[];
  unchanged: string[];
  removed: string[];
}

/**
 * Stages every changed file beside its target, then renames them into place. If anything fails, the
 * staged files are removed and files already replaced are restored, so the folder is left as it was.
 */
export async function writeOutput(dir: string, files: Map<string, string>): Promise<WriteResult> {
  const previous = await readManifest(dir);
  const result: WriteResult = { written: [], unchanged: [], removed: [] };
  const changes: { target: string; staged: string; old: string | undefined }[] = [];
  const tag = `.specforge-${process.pid}-${randomBytes(4).toString("hex")}.tmp`;
  await fs.mkdir(dir, { recursive: true });
  try {
    for (const [name, content] of files) {
      const target = path.join(dir, name);
      const old = await fs.readFile(target, "utf8").catch(() => undefined);
      if (old === content) {
        result.unchanged.push(name);
        continue;
      }
      const staged = target + tag;
      changes.push({ target, staged, old });
      await fs.writeFile(staged, content, { flag: "wx" });
    }
    const done: typeof changes = [];
    try {
      // The manifest goes last: it only names files once they are in place.
      changes.sort(
        (a, b) => Number(path.basename(a.target) === MANIFEST) - Number(path.basename(b.target) === MANIFEST),
      );
      for (const change of changes) {
        await fs.rename(change.staged, change.target);
        done.push(change);
      }
    } catch (error) {
      for (const change of done.reverse()) {
        if (change.old === undefined) await fs.rm(change.target, { force: true });
        else await fs.writeFile(change.target, change.old);
      }
      throw error;
    }
  } finally {
    await Promise.all(changes.map((c) => fs.rm(c.staged, { force: true })));
  }
  result.written = changes.map((c) => path.basename(c.target)).sort();
  for (const name of previous) {
    if (files.has(name)) continue;
    try {
      await fs.rm(path.join(dir, name));
      result.removed.push(name);
    } catch {
      // already gone
    }
  }
  return result;
}
