// Nothing changed, nothing done: an API's folder is known to be what its spec generates now when its
// manifest was written by this specforge, with these options, from inputs whose hashes still match,
// and every output file still has the hash the manifest records (and nothing was left by a killed
// run). Then `generate` and `check` stop after hashing, without loading the pipeline. Anything else,
// and they run in full: a hand-edited, missing or leftover file always takes the full path.
import fs from "node:fs/promises";
import path from "node:path";
import type { ApiConfig } from "../config.js";
import { displayPath } from "../paths.js";
import { OPTIONS_INPUT, optionsKey, type RunOptions } from "./inputs.js";
import {
  engineId,
  inputHash,
  MANIFEST,
  type Manifest,
  manifestText,
  readManifestFile,
  sha256,
  stagingLeftovers,
} from "./manifest.js";

/** The folder's manifest when the folder is provably up to date; undefined when it must be generated. */
export async function upToDate(
  api: ApiConfig,
  options: RunOptions & { strict?: boolean },
): Promise<Manifest | undefined> {
  const manifest = await readManifestFile(api.out);
  if (!manifest?.inputs || manifest.engine !== engineId()) return undefined;
  // Under --strict a warning is an error: the full run reports it.
  if (options.strict && manifest.warnings.length > 0) return undefined;
  const { [OPTIONS_INPUT]: key, ...files } = manifest.inputs;
  if (key !== optionsKey(api, options) || !Object.hasOwn(files, displayPath(api.spec, api.base))) return undefined;
  // Bytes are hashed as read (the hash of a string is the hash of its UTF-8 bytes); an input with a
  // carriage return is decoded and normalised first, as inputHash does.
  const same = async (file: string, want: string, input: boolean) => {
    const bytes = await fs.readFile(file).catch(() => undefined);
    if (bytes === undefined) return false;
    return (input && bytes.includes(13) ? inputHash(bytes.toString("utf8")) : sha256(bytes)) === want;
  };
  const checks = [
    ...Object.entries(files).map(([file, want]) => same(path.resolve(api.base, file), want, true)),
    ...Object.entries(manifest.files).map(([name, want]) => same(path.join(api.out, name), want, false)),
    // The manifest itself, byte for byte as this specforge writes it (with a formatter, which owns
    // its layout, the same content).
    fs
      .readFile(path.join(api.out, MANIFEST), "utf8")
      .then((text) =>
        (options.format ?? api.format)
          ? JSON.stringify(JSON.parse(text)) === JSON.stringify(JSON.parse(manifestText(manifest)))
          : text === manifestText(manifest),
      )
      .catch(() => false),
    stagingLeftovers(api.out).then((left) => left.length === 0),
  ];
  return (await Promise.all(checks)).every(Boolean) ? manifest : undefined;
}
