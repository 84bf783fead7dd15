// Load stage: read the spec and every file it references (after checking each `$ref`), validate it
// against the OpenAPI schema, and bundle it into one document whose refs are all internal.
import fs from "node:fs/promises";
import path from "node:path";
import { UserError, type Warning } from "../errors.js";
import { displayPath } from "../paths.js";
import { inputHash } from "../write/manifest.js";
import { bundleSources, isPropertiesRef, type Origin } from "./bundle.js";
import { convertedSource, convertSwagger2 } from "./convert.js";
import { readAsMeant } from "./lenient.js";
import { pointerSegments, toPointer } from "./pointer.js";
import { checkPointer, classifyRef, findRefs, RefAliases, type RefPolicy } from "./refs.js";
import { DEFAULT_LIMITS, LIMIT_OPTIONS, type LoadLimits, type ParsedSource, parseSource } from "./source.js";
import { checkOpenApiShape, validateAgainstSchema } from "./validate.js";

export interface LoadOptions {
  allowRemoteRefs?: boolean;
  allowOutsideRefs?: boolean;
  limits?: Partial<LoadLimits>;
  /** Base for the file names shown in messages. */
  cwd?: string;
  /**
   * Where the spec's files are read from instead of the working tree (`specforge diff --base REF`
   * reads them from git). Paths stay the working tree's, so `$ref`s resolve and are checked as ever.
   */
  reader?: SourceReader;
}

/** Reads the files of a spec from somewhere other than the file system. */
export interface SourceReader {
  /** The text of `file` (an absolute working-tree path); a UserError when there is none. */
  read(file: string): Promise<string>;
  /** How `file` is shown in messages and locations. */
  display(file: string): string;
}

export interface LoadedSpec {
  /** The root file's absolute path. */
  file: string;
  /** The root file's name as shown in messages and headers. */
  display: string;
  /** The bundled document: one object, all refs internal (`#/...`). */
  document: Record<string, unknown>;
  /** The root source, for locating model problems. */
  root: ParsedSource;
  /** The OpenAPI version of `document`, e.g. `3.0.3`. */
  version: string;
  /** The version the file is written in: the same, or `2.0` for Swagger input (converted to 3.0). */
  sourceVersion: string;
  warnings: Warning[];
  /**
   * Every file read (the root and the files its `$ref`s reach) with a hash of its text, for the
   * manifest; undefined when a remote document was fetched (it cannot be re-checked without fetching).
   */
  inputs: { file: string; hash: string }[] | undefined;
}

/** The hash of each file source's text, taken when it is read. */
const textHashes = new WeakMap<ParsedSource, string>();

export async function loadSpec(file: string, options: LoadOptions = {}): Promise<LoadedSpec> {
  const cwd = options.cwd ?? process.cwd();
  const limits: LoadLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const absolute = path.resolve(cwd, file);
  const policy: RefPolicy = {
    root: path.dirname(absolute),
    allowRemoteRefs: options.allowRemoteRefs ?? false,
    allowOutsideRefs: options.allowOutsideRefs ?? false,
  };
  const reader = options.reader;
  const root = await readSource(
    absolute,
    reader ? reader.display(absolute) : displayPath(absolute, cwd),
    limits,
    reader,
  );
  // What the version's letter gets wrong where its intent is plain (swagger: 2.0 unquoted, openapi: "3.1").
  const shapeWarnings: Warning[] = [];
  const version = checkOpenApiShape(root, shapeWarnings);
  const { sources, targets, mapRefs } = await collectSources(absolute, root, policy, limits, cwd, reader);

  const hashes = [...sources].map(([file, source]) => ({ file, hash: textHashes.get(source) }));
  const inputs = hashes.every((h) => h.hash !== undefined) ? (hashes as { file: string; hash: string }[]) : undefined;
  // A document of several files is bundled into one, located in the files it came from (and a single
  // file whose `properties` are a `$ref`, which bundling reads as meant).
  const located = sources.size > 1 || mapRefs ? bundleSources(absolute, sources, targets, shapeWarnings) : root;
  const document = located.value as Record<string, unknown>;
  // What breaks the letter where the intent is plain (a path parameter not required, an undeclared
  // one, an operation without responses): read as meant, each with a located warning.
  const meant = readAsMeant(document, located);
  const warnings = [...shapeWarnings, ...meant, ...validateAgainstSchema(document, located, version)];
  if (version === "2.0") {
    const converted = convertSwagger2(document, located);
    return {
      file: absolute,
      display: root.display,
      document: converted,
      root: convertedSource(located, converted),
      version: String(converted.openapi),
      sourceVersion: version,
      warnings,
      inputs,
    };
  }
  return {
    file: absolute,
    display: root.display,
    document,
    root: located,
    version,
    sourceVersion: version,
    warnings,
    inputs,
  };
}

async function readSource(
  file: string,
  display: string,
  limits: LoadLimits,
  reader?: SourceReader,
): Promise<ParsedSource> {
  let text: string;
  if (reader) {
    text = await reader.read(file);
    if (Buffer.byteLength(text) > limits.maxFileBytes) {
      throw new UserError(
        `${display} is over the maxFileBytes limit of ${limits.maxFileBytes}: raise it with ${LIMIT_OPTIONS.maxFileBytes} if the document is trusted`,
      );
    }
  } else
    try {
      const stat = await fs.stat(file);
      if (!stat.isFile()) throw new UserError(`${display} is not a regular file`);
      if (stat.size > limits.maxFileBytes) {
        throw new UserError(
          `${display} is ${stat.size} bytes, over the maxFileBytes limit of ${limits.maxFileBytes}: raise it with ${LIMIT_OPTIONS.maxFileBytes} if the document is trusted`,
        );
      }
      text = await fs.readFile(file, "utf8");
    } catch (error) {
      if (error instanceof UserError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : String(code);
      throw new UserError(`cannot read ${display}: ${why}`);
    }
  const source = parseSource(display, text.replace(/^\uFEFF/, ""), limits);
  textHashes.set(source, inputHash(text));
  return source;
}

async function fetchSource(url: string, limits: LoadLimits): Promise<ParsedSource> {
  let text: string;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(30_000), redirect: "error" });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    text = await response.text();
  } catch (error) {
    throw new UserError(`cannot fetch ${url}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (text.length > limits.maxFileBytes)
    throw new UserError(
      `${url} is over the maxFileBytes limit of ${limits.maxFileBytes}: raise it with ${LIMIT_OPTIONS.maxFileBytes} if the document is trusted`,
    );
  return parseSource(url, text, limits);
}

/**
 * Reads the root's referenced files transitively, checking every `$ref` before following it. Returns
 * the sources by address, each `$ref`'s target by the object holding it, and whether a schema's
 * `properties` is a `$ref` (read as meant by bundling, in one file too).
 */
async function collectSources(
  rootFile: string,
  root: ParsedSource,
  policy: RefPolicy,
  limits: LoadLimits,
  cwd: string,
  reader: SourceReader | undefined,
): Promise<{ sources: Map<string, ParsedSource>; targets: WeakMap<object, Origin>; mapRefs: boolean }> {
  const sources = new Map<string, ParsedSource>([[rootFile, root]]);
  // By the object holding the `$ref`: a YAML alias (`*props`) puts one object in several places.
  const targets = new WeakMap<object, Origin>();
  let mapRefs = false;
  const aliases = new RefAliases();
  const queue: string[] = [rootFile];
  while (queue.length > 0) {
    const base = queue.shift()!;
    const source = sources.get(base)!;
    for (const { at, ref } of findRefs(source.value)) {
      const target = classifyRef(source, base, at, ref, policy);
      let address = base;
      if (target.kind !== "internal") {
        address = target.kind === "file" ? target.file : target.url.replace(/#.*$/, "");
        if (!sources.has(address)) {
          // Links are the working tree's: a reader (git) serves its own files.
          if (target.kind === "file" && !reader) await checkRealPath(target.file, policy, source, at, String(ref));
          const shown = target.kind === "file" && reader ? reader.display(target.file) : displayPath(address, cwd);
          const loaded =
            target.kind === "file"
              ? await readSource(target.file, shown, limits, reader).catch((error: unknown) => {
                  throw error instanceof UserError && !error.location
                    ? new UserError(`\`$ref\` "${String(ref)}": ${error.message}`, source.locate(at + "/$ref"))
                    : error;
                })
              : await fetchSource(address, limits);
          sources.set(address, loaded);
          queue.push(address);
        }
      }
      checkPointer(sources.get(address)!, target.pointer, String(ref), source, at);
      aliases.add(base, at, address, target.pointer, source, String(ref));
      const segments = pointerSegments(at);
      if (isPropertiesRef({ key: segments.at(-1) ?? "", parentKey: segments.at(-2) ?? "" })) mapRefs = true;
      const holder = segments.reduce<unknown>((node, k) => (node as Record<string, unknown>)[k], source.value);
      targets.set(holder as object, {
        address,
        pointer: toPointer(pointerSegments(`#${target.pointer}`)),
      });
    }
  }
  aliases.checkLoops();
  return { sources, targets, mapRefs };
}

/** A link inside the folder may lead outside it: resolve it (without reading) and check again. */
async function checkRealPath(file: string, policy: RefPolicy, from: ParsedSource, at: string, ref: string) {
  if (policy.allowOutsideRefs) return;
  let real: string;
  try {
    real = await fs.realpath(file);
  } catch {
    return; // missing files are reported by the read, with their own message
  }
  const realRoot = await fs.realpath(policy.root);
  const relative = path.relative(realRoot, real);
  if (relative.startsWith("..") || path.isAbsolute(relative)) {
    throw new UserError(
      `\`$ref\` "${ref}" leads outside the spec's folder through a link and was not read: ` +
        "pass --allow-outside-refs if you trust it",
      from.locate(at + "/$ref"),
    );
  }
}
