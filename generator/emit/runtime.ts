// Copies a runtime template (real, type-checked code under templates/) into a generated file: its
// public API always, its `export /* internal */` helpers only when something kept uses them (so
// `noUnusedLocals` holds in users' builds), without the `export`, and its `export /* with NAME */`
// functions, public, only when NAME is kept (a setting that only matters beside what it sets).
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { typescript } from "../commonjs.js";
import { packageInfo } from "../paths.js";
import { identifiersOf } from "./identifiers.js";

export interface RuntimePart {
  text: string;
  names: string[];
  internal: boolean;
  /** Kept (and exported) only beside this name. */
  with?: string;
  /** The identifiers the part uses. */
  identifiers: string[];
  /** The part as JavaScript (types stripped, comments kept); "" for a type. */
  js: string;
  /** The part's declarations (validators.d.ts); "" for what has none. */
  dts: string;
}

export const RUNTIME_FILES = [
  "client-runtime.ts",
  "dates-runtime.ts",
  "gzip-runtime.ts",
  "mocks-runtime.ts",
  "validators-runtime.ts",
] as const;

/**
 * The parts of every runtime template, split, stripped and declared by TypeScript once, when specforge
 * is built (`npm run build` runs `writePreparedRuntime`): loading TypeScript on every run only for
 * this cost 0.4-0.8 s. A template edited since (its hash differs), or a run from the sources, splits
 * with TypeScript as before: the same parts either way.
 */
const PREPARED = new URL("./runtime-parts.json", import.meta.url);

const cache = new Map<string, RuntimePart[]>();
let prepared: Record<string, { hash: string; parts: RuntimePart[] }> | undefined;

function templateText(file: string): string {
  return readFileSync(path.join(packageInfo().dir, "templates", file), "utf8");
}

const hashOf = (text: string) => createHash("sha256").update(text).digest("hex");

/** The template's top-level statements, each with the names it declares. */
function runtimeParts(file: string): RuntimePart[] {
  let parts = cache.get(file);
  if (parts) return parts;
  const text = templateText(file);
  if (prepared === undefined && import.meta.url.endsWith(".js")) {
    try {
      prepared = JSON.parse(readFileSync(PREPARED, "utf8"));
    } catch {
      prepared = {};
    }
  }
  const ready = prepared?.[file];
  parts = ready && ready.hash === hashOf(text) ? ready.parts : splitRuntime(text);
  cache.set(file, parts);
  return parts;
}

/** Writes the prepared parts beside the built runtime.js (run by `npm run build`). */
export function writePreparedRuntime(): void {
  const out: Record<string, { hash: string; parts: RuntimePart[] }> = {};
  for (const file of RUNTIME_FILES) {
    const text = templateText(file);
    out[file] = { hash: hashOf(text), parts: splitRuntime(text) };
  }
  writeFileSync(fileURLToPath(PREPARED), `${JSON.stringify(out)}\n`);
}

/** Splits a template with TypeScript: its statements, their names, JavaScript and declarations. */
export function splitRuntime(template: string): RuntimePart[] {
  const ts = typescript();
  const source = template.replace(/^(\/\/.*\n)+\n/, "");
  const sourceFile = ts.createSourceFile("runtime.ts", source, ts.ScriptTarget.Latest, true);
  const options = { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 };
  // Each part compiles as a module of its own; what only says so (`export {};`) is dropped.
  const moduleOnly = /^export \{\};\s*$/m;
  return sourceFile.statements.map((statement) => {
    const raw = statement.getFullText(sourceFile).replace(/^\s*\n/, "");
    const declaration = raw.split("\n").find((l) => !l.startsWith("/") && !l.startsWith(" *")) ?? "";
    const companion = /^export \/\* with ([\w$]+) \*\/ /.exec(declaration)?.[1];
    const names = [
      ...raw.matchAll(
        /^(?:export (?:\/\* (?:internal|with [\w$]+) \*\/ )?)?(?:declare )?(?:async )?(?:function|const|let|interface|type|namespace|class) ([\w$]+)/gm,
      ),
    ].map((m) => m[1]!);
    // Widened to four spaces here, once, where the parts are prepared (at build time).
    const text = fourSpaces(
      raw.replace(/export \/\* internal \*\/ /g, "").replace(/^export \/\* with [\w$]+ \*\/ /m, "export "),
    );
    const asModule = `${text}\nexport {};\n`;
    const js = ts
      .transpileModule(asModule, { compilerOptions: { ...options, removeComments: false } })
      .outputText.replace(moduleOnly, "")
      .trim();
    const declared = ts.transpileDeclaration(asModule, { compilerOptions: options });
    if (declared.diagnostics && declared.diagnostics.length > 0)
      throw new Error(
        `internal: runtime declarations: ${ts.flattenDiagnosticMessageText(declared.diagnostics[0]!.messageText, "\n")}`,
      );
    return {
      text,
      names,
      internal:
        companion !== undefined ||
        /^export \/\* internal \*\/ |^(?:const|let|function|async function|class|interface|type) /.test(declaration),
      ...(companion !== undefined ? { with: companion } : {}),
      identifiers: [...identifiersOf(text)],
      js,
      dts: declared.outputText.replace(moduleOnly, "").trim(),
    };
  });
}

/** The runtime `file` as needed by generated `code` (TypeScript). */
export function runtimeFor(file: string, code: string): string {
  return runtimeText(keptRuntime(file, code));
}

/** Runtime parts as TypeScript, as the template writes them. */
export function runtimeText(parts: RuntimePart[]): string {
  return parts.map((p) => p.text.trimEnd()).join("\n\n");
}

/**
 * The templates' two-space indentation as the four spaces of every generated file (so a file reads
 * as one style); a doc comment's ` * ` keeps its one-space offset. The templates hold no multi-line
 * string, so only indentation changes.
 */
function fourSpaces(text: string): string {
  return text.replace(/^( +)(\*?)/gm, (_, spaces: string, star: string) => {
    const n = spaces.length;
    return star && n % 2 === 1 ? `${" ".repeat(2 * (n - 1) + 1)}*` : `${" ".repeat(2 * n)}${star}`;
  });
}

/** The parts of the runtime `file` that generated `code` needs, in template order. */
export function keptRuntime(file: string, code: string): RuntimePart[] {
  const parts = runtimeParts(file);
  const used = new Set<string>();
  const collect = (names: Iterable<string>) => {
    for (const name of names) used.add(name);
  };
  const kept = new Set(parts.filter((p) => !p.internal));
  const keptNames = new Set<string>();
  const keep = (part: RuntimePart) => {
    kept.add(part);
    for (const n of part.names) keptNames.add(n);
  };
  for (const part of kept) keep(part);
  // Only the parts' names matter in `code` (megabytes on large specs): the scan slices out no other word.
  collect(identifiersOf(code, new Set(parts.flatMap((p) => p.names))));
  for (const part of kept) collect(part.identifiers);
  for (let changed = true; changed; ) {
    changed = false;
    for (const part of parts) {
      if (kept.has(part) || !(part.with !== undefined ? keptNames.has(part.with) : part.names.some((n) => used.has(n))))
        continue;
      keep(part);
      collect(part.identifiers);
      changed = true;
    }
  }
  return parts.filter((p) => kept.has(p));
}
