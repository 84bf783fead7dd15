// Check stage: compares what the spec produces now with what is on disk, writing nothing.
import fs from "node:fs/promises";
import path from "node:path";
import { createTwoFilesPatch } from "diff";
import { readManifest, stagingLeftovers } from "./manifest.js";

export type Drift =
  | { kind: "differs"; file: string; diff: string }
  | { kind: "missing"; file: string }
  | { kind: "leftover"; file: string }
  | { kind: "interrupted"; file: string };

const MAX_DIFF_LINES = 40;

/** Every difference between `files` and the folder `dir`; `shown` is the folder as users see it. */
export async function checkOutput(dir: string, shown: string, files: Map<string, string>): Promise<Drift[]> {
  const drifts: Drift[] = [];
  for (const [name, want] of files) {
    const file = `${shown}/${name}`;
    const have = await fs.readFile(path.join(dir, name), "utf8").catch(() => undefined);
    if (have === undefined) drifts.push({ kind: "missing", file });
    else if (have !== want) drifts.push({ kind: "differs", file, diff: shortDiff(file, have, want) });
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
  return drifts;
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
