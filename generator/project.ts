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

/**
 * The tsconfig as TypeScript reads it; undefined when it cannot be read or parsed (tsc will say why).
 * A solution-style tsconfig (no files of its own, `references` to others: Vite's scaffolds) stands
 * for the referenced project that compiles the most files: the app's (`tsconfig.app.json`), not its
 * build scripts' (`tsconfig.node.json`).
 */
export function readTsconfig(file: string): Tsconfig | undefined {
  const ts = typescript();
  const read = ts.readConfigFile(file, ts.sys.readFile);
  if (read.error) return undefined;
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(file), undefined, file);
  if (parsed.fileNames.length === 0 && parsed.projectReferences && parsed.projectReferences.length > 0) {
    const referenced = parsed.projectReferences
      .map((r) => ts.resolveProjectReferencePath(r))
      .filter((f) => path.resolve(f) !== path.resolve(file))
      .map((f) => readTsconfig(f))
      .filter((c): c is Tsconfig => c !== undefined)
      .sort((a, b) => b.fileNames.length - a.fileNames.length);
    if (referenced[0] !== undefined) return referenced[0];
  }
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
 * `.ts` where the project imports TypeScript files by their own name (`allowImportingTsExtensions`)
 * without a bundler's resolution;
 * `.js` where Node's ES module resolution reads the imports (`node16`, `nodenext`: the extension is
 * required, and `.js` names the compiled file); extensionless everywhere else: bundler resolution
 * (`moduleResolution: bundler`, `module: preserve`: Next.js, Vite and webpack do not map `.js` to
 * `.ts`) and `node10`/`classic` (`module: commonjs`'s default, the usual webpack + ts-loader setup),
 * where `require` and every bundler find a file without its extension.
 */
function importExtensionOf(options: import("typescript").CompilerOptions): ImportExtension {
  const ts = typescript();
  const { ModuleKind, ModuleResolutionKind } = ts;
  const resolution = options.moduleResolution;
  // A bundler's resolution first: Vite's scaffolds also allow `.ts` imports, but extensionless ones
  // are what every bundler (and the rest of such a project) takes.
  if (resolution === ModuleResolutionKind.Bundler || options.module === ModuleKind.Preserve) return "none";
  if (options.allowImportingTsExtensions) return ".ts";
  const nodeModules: (number | undefined)[] = [
    ModuleKind.Node16,
    ModuleKind.NodeNext,
    ModuleKind.Node18,
    ModuleKind.Node20,
  ];
  const nodeEsm =
    resolution === ModuleResolutionKind.Node16 ||
    resolution === ModuleResolutionKind.NodeNext ||
    (resolution === undefined && nodeModules.includes(options.module));
  return nodeEsm ? ".js" : "none";
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
