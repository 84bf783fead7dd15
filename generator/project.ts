// What specforge reads of the user's TypeScript project: the tsconfig.json nearest to a folder, as
// TypeScript itself reads it (comments, `extends`, `include`/`exclude`). `init` picks the validators'
// form from it, and `generate` warns when validators.js would be left out of the project's build.
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { typescript } from "./commonjs.js";
import type { ImportExtension } from "./config.js";
import { displayPath } from "./paths.js";

export interface Tsconfig {
  /** Absolute path of the tsconfig.json. */
  file: string;
  /** Whether `tsc -p` writes JavaScript (not `noEmit`, not `emitDeclarationOnly`). */
  emitsJavaScript: boolean;
  allowJs: boolean;
  /** The files it compiles (absolute, as TypeScript lists them: only files that exist). */
  fileNames: string[];
  /** How the project's resolution wants relative imports written (see `importExtensionOf`). */
  importExtension: ImportExtension;
  /** The folder the project's sources live in, where generated code belongs (see `sourceFolderOf`). */
  sourceFolder: string;
}

/** The tsconfig.json in `dir` or the nearest folder above it, if any. */
export function nearestTsconfig(dir: string): string | undefined {
  for (let current = path.resolve(dir); ; ) {
    const file = path.join(current, "tsconfig.json");
    if (existsSync(file)) return file;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** The tsconfig as TypeScript reads it; undefined when it cannot be read or parsed (tsc will say why). */
export function readTsconfig(file: string): Tsconfig | undefined {
  const ts = typescript();
  const read = ts.readConfigFile(file, ts.sys.readFile);
  if (read.error) return undefined;
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(file), undefined, file);
  const { options } = parsed;
  const include = (read.config as { include?: unknown }).include;
  return {
    file,
    emitsJavaScript: options.noEmit !== true && options.emitDeclarationOnly !== true,
    allowJs: options.allowJs === true,
    fileNames: parsed.fileNames.map((f) => path.resolve(f)),
    importExtension: importExtensionOf(options),
    sourceFolder: sourceFolderOf(path.dirname(file), options.rootDir, Array.isArray(include) ? include : undefined),
  };
}

/**
 * `.ts` where the project imports TypeScript files by their own name (`allowImportingTsExtensions`),
 * `none` where a bundler resolves (`moduleResolution: bundler`, `module: preserve`: Next.js, Vite,
 * webpack do not map `.js` to `.ts`), `.js` for Node's resolution (`node16`, `nodenext`) and otherwise.
 */
function importExtensionOf(options: import("typescript").CompilerOptions): ImportExtension {
  const ts = typescript();
  if (options.allowImportingTsExtensions) return ".ts";
  if (options.moduleResolution === ts.ModuleResolutionKind.Bundler || options.module === ts.ModuleKind.Preserve)
    return "none";
  return ".js";
}

/**
 * Where the project's sources are: its `rootDir`; else the one folder every `include` pattern starts
 * in (`["src"]`, `["src/**\/*"]`); else `src/` where there is one; else the project's folder.
 */
export function sourceFolderOf(dir: string, rootDir?: string, include?: unknown[]): string {
  if (rootDir !== undefined) return path.resolve(dir, rootDir);
  const leading = (include ?? [])
    .filter((p): p is string => typeof p === "string")
    .map((p) => p.split(/[\\/]/).filter((s) => s !== "."))
    .map((parts) => {
      // The folders before the first glob or file name.
      const stop = parts.findIndex((s) => /[*?{[]/.test(s) || s.includes("."));
      return parts.slice(0, stop === -1 ? parts.length : stop).join("/");
    });
  const first = leading[0];
  if (first && leading.every((l) => l === first) && isFolder(path.join(dir, first))) return path.join(dir, first);
  return isFolder(path.join(dir, "src")) ? path.join(dir, "src") : dir;
}

function isFolder(p: string): boolean {
  return statSync(p, { throwIfNoEntry: false })?.isDirectory() === true;
}

/**
 * With `"validators": "js"`, the warning for a tsconfig that compiles the output folder to JavaScript
 * without `allowJs`: its build would have client.js importing a validators.js it never copied.
 */
export function jsValidatorsWarning(out: string, apiName: string, cwd: string): string | undefined {
  const file = nearestTsconfig(out);
  if (file === undefined) return undefined;
  const config = readTsconfig(file);
  if (config === undefined || !config.emitsJavaScript || config.allowJs) return undefined;
  const folder = path.resolve(out) + path.sep;
  if (!config.fileNames.some((f) => f.startsWith(folder))) return undefined;
  const shown = displayPath(file, cwd);
  return (
    `${shown}: warning: it compiles ${displayPath(out, cwd)} to JavaScript without allowJs, so its build lacks ` +
    `validators.js (client.js imports it: "Cannot find module" at run time). Set "validators": "ts" for ` +
    `${apiName} in the config (or pass --validators ts), or "allowJs": true in ${shown}`
  );
}
