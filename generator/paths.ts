import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** A path as shown to users and written into generated headers: relative to `cwd`, with `/`. */
export function displayPath(file: string, cwd: string = process.cwd()): string {
  const relative = path.relative(cwd, file);
  const shown = relative === "" ? "." : relative.startsWith("..") || path.isAbsolute(relative) ? file : relative;
  return shown.split(path.sep).join("/");
}

/** True when `child` is `parent` or lies inside it. */
export function isInside(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

let root: { dir: string; version: string } | undefined;

/** specforge's own package folder and version, from sources (`generator/`) or the build (`dist/generator/`). */
export function packageInfo(): { dir: string; version: string } {
  if (root) return root;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++, dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === "specforge") return (root = { dir, version: pkg.version ?? "unknown" });
    } catch {
      // keep looking upwards
    }
  }
  throw new Error("internal: specforge's package.json was not found");
}
