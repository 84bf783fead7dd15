// Check stage: compares what the spec produces now with what is on disk, writing nothing.
import fs from "node:fs/promises";
import path from "node:path";
import { createTwoFilesPatch } from "diff";
import { MANIFEST, type Manifest, parseManifest, readManifest, stagingLeftovers } from "./manifest.js";

export type Drift =
  | { kind: "differs"; file: string; diff: string }
  | { kind: "missing"; file: string }
  | { kind: "leftover"; file: string }
  | { kind: "interrupted"; file: string };

const MAX_DIFF_LINES = 40;

export interface CheckResult {
  /** What users import differs: each file that differs, is missing, left over or left by a killed run. */
  drifts: Drift[];
  /**
   * Every generated file matches, but the manifest's record of inputs (input hashes, options key,
   * engine, warnings) is not what this run would write: not drift, but the unchanged-input shortcut
   * cannot be taken until `generate` refreshes it.
   */
  staleRecord: boolean;
}

/** Every difference between `files` and the folder `dir`; `shown` is the folder as users see it. */
export async function checkOutput(dir: string, shown: string, files: Map<string, string>): Promise<CheckResult> {
  const drifts: Drift[] = [];
  let staleRecord = false;
  for (const [name, want] of files) {
    const file = `${shown}/${name}`;
    const have = await fs.readFile(path.join(dir, name), "utf8").catch(() => undefined);
    if (have === undefined) drifts.push({ kind: "missing", file });
    else if (have === want) continue;
    else if (name === MANIFEST && sameFiles(have, want)) staleRecord = true;
    else drifts.push({ kind: "differs", file, diff: shortDiff(file, have, want) });
  }
  for (const name of await readManifest(dir)) {
    if (files.has(name)) continue;
    const exists = await fs.stat(path.join(dir, name)).then(
      () => true,
      () => false,
    );
    if (exists) drifts.push({ kind: "leftover", file: `${shown}/${name}` });
  }
  for (const name of await stagingLeftovers(dir)) drifts.push({ kind: "interrupted", file: `${shown}/${name}` });
  return { drifts, staleRecord };
}

/**
 * Whether a committed manifest names the same generated files as the one this run would write. Its
 * other fields (input hashes, options key, engine, warnings, and the output hashes, which the files
 * themselves are compared against) are a record for the unchanged-input shortcut, not something
 * users import: when only they differ, the output has not drifted.
 */
function sameFiles(have: string, want: string): boolean {
  const names = (manifest: Manifest | undefined) =>
    manifest ? Object.keys(manifest.files).sort().join("\0") : undefined;
  const committed = names(parseManifest(have));
  return committed !== undefined && committed === names(parseManifest(want));
}

/** A unified diff of the committed file (`a/`) against the expected one (`b/`), cut to a screenful. */
function shortDiff(file: string, have: string, want: string): string {
  const patch = createTwoFilesPatch(`a/${file}`, `b/${file}`, have, want, "", "", { context: 2 });
  const lines = patch
    .split("\n")
    .slice(1)
    .filter((line) => line !== "" && !line.startsWith("\\ No newline"));
  if (lines.length <= MAX_DIFF_LINES) return lines.join("\n");
  return [...lines.slice(0, MAX_DIFF_LINES), `... (${lines.length - MAX_DIFF_LINES} more diff lines)`].join("\n");
}

export function describeDrift(drift: Drift): string {
  switch (drift.kind) {
    case "differs":
      return `${drift.file}: differs from what the spec generates\n${drift.diff}`;
    case "missing":
      return `${drift.file}: missing (it is generated from the spec)`;
    case "leftover":
      return `${drift.file}: left over from an earlier generation (the spec no longer produces it)`;
    case "interrupted":
      return `${drift.file}: left by an interrupted generation (\`specforge generate\` removes it)`;
  }
}
