// The manifest (`.specforge-manifest.json` in every output folder) records which files specforge
// generated there, with a hash of each, and a hash of every input that made them: the spec and the
// files it references, the options that change output, and specforge itself. With it, specforge
// removes only its own stale files, and `generate`/`check` on an unchanged API stop after hashing
// (write/fast-path.ts). Staged files of a run carry a prefix the manifest machinery recognises, so
// leftovers of a killed run are removed by the next `generate` and reported by `check`.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { packageInfo } from "../paths.js";

export const MANIFEST = ".specforge-manifest.json";

/** Staged files are named `<STAGING_PREFIX><pid>-<hex>-<target name>`, hidden and recognisable. */
export const STAGING_PREFIX = ".specforge-staging-";

/** What the manifest holds. `inputs` maps each input to its hash: files by path relative to the config's folder. */
export interface Manifest {
  generatedBy: "specforge";
  /** specforge's version and a hash of its code and templates: a new specforge regenerates. */
  engine: string;
  spec: string;
  /** Inputs and their hashes; absent when an input cannot be hashed (remote refs): no fast path. */
  inputs?: Record<string, string>;
  /** The warnings of the run that wrote the folder, as printed, replayed when nothing changed. */
  warnings: string[];
  /** Output file name -> sha256 of its content. */
  files: Record<string, string>;
}

export function sha256(text: string | Buffer): string {
  return createHash("sha256").update(text).digest("hex");
}

/** A text input's hash, line endings normalised so a checkout with CRLF hashes as the one with LF. */
export function inputHash(text: string): string {
  return sha256(text.replace(/\r\n/g, "\n"));
}

let engine: string | undefined;

/**
 * specforge's identity for the manifest: its version and a hash of its code (the sources in a
 * repository checkout, the build in an installed package) and templates, so any change to specforge
 * regenerates rather than trusting a manifest written by another build.
 */
export function engineId(): string {
  if (engine) return engine;
  const { dir, version } = packageInfo();
  const hash = createHash("sha256");
  const sources = path.join(dir, "generator");
  const code = safeList(sources).length > 0 ? sources : path.join(dir, "dist", "generator");
  for (const root of [code, path.join(dir, "templates")]) {
    for (const file of safeList(root)) {
      hash.update(path.relative(dir, file).split(path.sep).join("/"));
      hash.update("\0");
      hash.update(readFileSync(file));
      hash.update("\0");
    }
  }
  engine = `${version}+${hash.digest("hex").slice(0, 16)}`;
  return engine;
}

/** Every file under `dir`, sorted; [] when it does not exist. */
function safeList(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.join((e as { parentPath?: string; path?: string }).parentPath ?? e.path, e.name))
      .sort();
  } catch {
    return [];
  }
}

export function manifestText(manifest: Omit<Manifest, "generatedBy" | "engine">): string {
  const sorted = (record: Record<string, string>) =>
    Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const full: Manifest = {
    generatedBy: "specforge",
    engine: engineId(),
    spec: manifest.spec,
    ...(manifest.inputs ? { inputs: sorted(manifest.inputs) } : {}),
    warnings: manifest.warnings,
    files: sorted(manifest.files),
  };
  // A hash of the fields above: a manifest edited by hand (an entry of `files` dropped, a hash
  // changed) no longer reads back as what specforge writes, so the unchanged-input shortcut
  // (write/fast-path.ts), which rebuilds this text from the parsed fields, never trusts it.
  const seal = sha256(JSON.stringify(full)).slice(0, 16);
  return JSON.stringify({ ...full, seal }, null, 2) + "\n";
}

/** The manifest in `dir`, or undefined when there is none or it is not one of ours. */
export async function readManifestFile(dir: string): Promise<Manifest | undefined> {
  let text: string;
  try {
    text = await fs.readFile(path.join(dir, MANIFEST), "utf8");
  } catch {
    return undefined;
  }
  return parseManifest(text);
}

/** A manifest's text read back; undefined when it is not JSON or not one of ours. */
export function parseManifest(text: string): Manifest | undefined {
  try {
    const raw = JSON.parse(text) as Partial<Manifest> & { files?: unknown };
    if (raw.generatedBy !== "specforge") return undefined;
    // Earlier manifests listed names only.
    const files: Record<string, string> = Array.isArray(raw.files)
      ? Object.fromEntries(raw.files.filter((f): f is string => typeof f === "string").map((f) => [f, ""]))
      : raw.files && typeof raw.files === "object"
        ? (raw.files as Record<string, string>)
        : {};
    return {
      generatedBy: "specforge",
      engine: typeof raw.engine === "string" ? raw.engine : "",
      spec: typeof raw.spec === "string" ? raw.spec : "",
      ...(raw.inputs && typeof raw.inputs === "object" ? { inputs: raw.inputs } : {}),
      warnings: Array.isArray(raw.warnings) ? raw.warnings.filter((w): w is string => typeof w === "string") : [],
      files,
    };
  } catch {
    return undefined;
  }
}

/** The files the last run generated in `dir`; empty when there is no readable manifest. */
export async function readManifest(dir: string): Promise<string[]> {
  const manifest = await readManifestFile(dir);
  // Only plain names: a tampered manifest must not make us delete files elsewhere.
  return Object.keys(manifest?.files ?? {}).filter((f) => /^[\w.-]+$/.test(f) && f !== MANIFEST);
}

/** Staged files left in `dir` by a run that was killed before it could remove them. */
export async function stagingLeftovers(dir: string): Promise<string[]> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  // Also the names earlier versions staged under (`models.ts.specforge-<pid>-<hex>.tmp`).
  return names.filter((n) => n.startsWith(STAGING_PREFIX) || /\.specforge-\d+-[0-9a-f]{8}\.tmp$/.test(n)).sort();
}

/** The complete set of files an API's folder should hold: the emitted ones and the manifest. */
export function withManifest(
  files: Map<string, string>,
  about: { spec: string; inputs: Record<string, string> | undefined; warnings: string[] },
): Map<string, string> {
  const all = new Map(files);
  const hashes = Object.fromEntries([...files].map(([name, text]) => [name, sha256(text)]));
  all.set(MANIFEST, manifestText({ spec: about.spec, inputs: about.inputs, warnings: about.warnings, files: hashes }));
  return all;
}
