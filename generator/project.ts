// What specforge reads of the user's TypeScript project: the tsconfig.json nearest to a folder, as
// TypeScript itself reads it (comments, `extends`, `include`/`exclude`). `init` picks the validators'
// form from it, and `generate` warns when validators.js would be left out of the project's build.
import { existsSync } from "node:fs";
import path from "node:path";
import { typescript } from "./commonjs.js";
import { displayPath } from "./paths.js";

export interface Tsconfig {
  /** Absolute path of the tsconfig.json. */
  file: string;
  /** Whether `tsc -p` writes JavaScript (not `noEmit`, not `emitDeclarationOnly`). */
  emitsJavaScript: boolean;
  allowJs: boolean;
  /** The files it compiles (absolute, as TypeScript lists them: only files that exist). */
  fileNames: string[];
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
  return {
    file,
    emitsJavaScript: options.noEmit !== true && options.emitDeclarationOnly !== true,
    allowJs: options.allowJs === true,
    fileNames: parsed.fileNames.map((f) => path.resolve(f)),
  };
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
