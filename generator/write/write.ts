// Write stage: puts an API's files in place all together or not at all, and removes the stale files
// of earlier runs (only those the manifest says specforge wrote, and staged files of killed runs).
//
// Interruptions: every changed file is first staged as `.specforge-staging-<pid>-<hex>-<name>` and
// flushed to disk (fsync), then renamed into place, the manifest last. SIGINT and SIGTERM during a
// write are held until the API is in place (interrupt.ts), so the folder is never half old, half new;
// after a SIGKILL the manifest (still the old one, with the old hashes) makes `check` report the
// mismatch and the staged leftovers, and the next `generate` removes them.
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { pauseForTest, withSignalsHeld } from "./interrupt.js";
import { MANIFEST, readManifest, STAGING_PREFIX, stagingLeftovers } from "./manifest.js";

export interface WriteResult {
  written: string[];
  unchanged: string[];
  removed: string[];
}

/** Writes `content` to a new file and flushes it to the disk before returning. */
async function writeDurably(file: string, content: string): Promise<void> {
  const handle = await fs.open(file, "wx");
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Flushes a folder's entries (the renames) to the disk, where the platform allows it. */
async function syncFolder(dir: string): Promise<void> {
  const handle = await fs.open(dir, "r").catch(() => undefined);
  if (!handle) return;
  try {
    await handle.sync();
  } catch {
    // not supported for folders here (Windows)
  } finally {
    await handle.close();
  }
}

/**
 * Stages every changed file beside its target, then renames them into place. If anything fails, the
 * staged files are removed and files already replaced are restored, so the folder is left as it was.
 */
export async function writeOutput(dir: string, files: Map<string, string>): Promise<WriteResult> {
  return withSignalsHeld(() => write(dir, files));
}

async function write(dir: string, files: Map<string, string>): Promise<WriteResult> {
  const previous = await readManifest(dir);
  const result: WriteResult = { written: [], unchanged: [], removed: [] };
  const changes: { target: string; staged: string; old: string | undefined }[] = [];
  const tag = `${STAGING_PREFIX}${process.pid}-${randomBytes(4).toString("hex")}-`;
  await fs.mkdir(dir, { recursive: true });
  // Leftovers of a killed run: never ours to keep.
  for (const name of await stagingLeftovers(dir)) {
    await fs.rm(path.join(dir, name), { force: true });
    result.removed.push(name);
  }
  try {
    for (const [name, content] of files) {
      const target = path.join(dir, name);
      const old = await fs.readFile(target, "utf8").catch(() => undefined);
      if (old === content) {
        result.unchanged.push(name);
        continue;
      }
      const staged = path.join(dir, tag + name);
      changes.push({ target, staged, old });
      await writeDurably(staged, content);
    }
    await pauseForTest("staged");
    const done: typeof changes = [];
    try {
      // The manifest goes last: it only names files once they are in place.
      changes.sort(
        (a, b) => Number(path.basename(a.target) === MANIFEST) - Number(path.basename(b.target) === MANIFEST),
      );
      for (const change of changes) {
        await fs.rename(change.staged, change.target);
        done.push(change);
        if (done.length === 1) await pauseForTest("renamed-one");
      }
      await syncFolder(dir);
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
  result.removed.sort();
  return result;
}
