// Copies a runtime template (real, type-checked code under templates/) into a generated file: its
// public API always, its `export /* internal */` helpers only when something kept uses them (so
// `noUnusedLocals` holds in users' builds), without the `export`, and its `export /* with NAME */`
// functions, public, only when NAME is kept (a setting that only matters beside what it sets).
import { readFileSync } from "node:fs";
import path from "node:path";
import type * as TS from "typescript";
import { typescript } from "../commonjs.js";
import { packageInfo } from "../paths.js";

interface RuntimePart {
  text: string;
  names: string[];
  internal: boolean;
  /** Kept (and exported) only beside this name. */
  with?: string;
}

const cache = new Map<string, RuntimePart[]>();

/** The template's top-level statements, each with the names it declares. */
function runtimeParts(file: string): RuntimePart[] {
  let parts = cache.get(file);
  if (parts) return parts;
  const source = readFileSync(path.join(packageInfo().dir, "templates", file), "utf8").replace(/^(\/\/.*\n)+\n/, "");
  const ts = typescript();
  const sourceFile = ts.createSourceFile("runtime.ts", source, ts.ScriptTarget.Latest, true);
  parts = sourceFile.statements.map((statement) => {
    const text = statement.getFullText(sourceFile).replace(/^\s*\n/, "");
    const declaration = text.split("\n").find((l) => !l.startsWith("/") && !l.startsWith(" *")) ?? "";
    const companion = /^export \/\* with ([\w$]+) \*\/ /.exec(declaration)?.[1];
    const names = [
      ...text.matchAll(
        /^(?:export (?:\/\* (?:internal|with [\w$]+) \*\/ )?)?(?:declare )?(?:async )?(?:function|const|let|interface|type|namespace|class) ([\w$]+)/gm,
      ),
    ].map((m) => m[1]!);
    return {
      text: text.replace(/export \/\* internal \*\/ /g, "").replace(/^export \/\* with [\w$]+ \*\/ /m, "export "),
      names,
      internal:
        companion !== undefined ||
        /^export \/\* internal \*\/ |^(?:const|let|function|async function|class|interface|type) /.test(declaration),
      ...(companion !== undefined ? { with: companion } : {}),
    };
  });
  cache.set(file, parts);
  return parts;
}

/** The runtime `file` as needed by generated `code`. */
export function runtimeFor(file: string, code: string): string {
  const parts = runtimeParts(file);
  const used = new Set<string>();
  const collect = (text: string) => {
    for (const name of identifiersIn(text)) used.add(name);
  };
  const kept = new Set(parts.filter((p) => !p.internal));
  const keptNames = new Set<string>();
  const keep = (part: RuntimePart) => {
    kept.add(part);
    for (const n of part.names) keptNames.add(n);
  };
  for (const part of kept) keep(part);
  collect(code);
  for (const part of kept) collect(part.text);
  for (let changed = true; changed; ) {
    changed = false;
    for (const part of parts) {
      if (kept.has(part) || !(part.with !== undefined ? keptNames.has(part.with) : part.names.some((n) => used.has(n))))
        continue;
      keep(part);
      collect(part.text);
      changed = true;
    }
  }
  return parts
    .filter((p) => kept.has(p))
    .map((p) => p.text.trimEnd())
    .join("\n\n");
}

/** Tokens after which `/` divides; anywhere else it starts a regular expression. */
const beforeDivision = (ts: typeof TS) =>
  new Set([
    ts.SyntaxKind.Identifier,
    ts.SyntaxKind.NumericLiteral,
    ts.SyntaxKind.BigIntLiteral,
    ts.SyntaxKind.StringLiteral,
    ts.SyntaxKind.CloseParenToken,
    ts.SyntaxKind.CloseBracketToken,
    ts.SyntaxKind.CloseBraceToken,
    ts.SyntaxKind.NoSubstitutionTemplateLiteral,
    ts.SyntaxKind.TemplateTail,
    ts.SyntaxKind.RegularExpressionLiteral,
    ts.SyntaxKind.ThisKeyword,
    ts.SyntaxKind.PlusPlusToken,
    ts.SyntaxKind.MinusMinusToken,
  ]);

let scanning: { ts: typeof TS; scanner: TS.Scanner; beforeDivision: Set<TS.SyntaxKind> } | undefined;

/** The identifiers of `text`, as TypeScript's scanner reads them: not words in strings, comments or regexes. */
function identifiersIn(text: string): Set<string> {
  const names = new Set<string>();
  const braces: ("block" | "template")[] = [];
  if (!scanning) {
    const ts = typescript();
    const scanner = ts.createScanner(ts.ScriptTarget.Latest, /* skipTrivia */ true, ts.LanguageVariant.Standard);
    scanning = { ts, scanner, beforeDivision: beforeDivision(ts) };
  }
  const { ts, scanner } = scanning;
  const BEFORE_DIVISION = scanning.beforeDivision;
  let previous: TS.SyntaxKind = ts.SyntaxKind.Unknown;
  scanner.setText(text);
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (
      (token === ts.SyntaxKind.SlashToken || token === ts.SyntaxKind.SlashEqualsToken) &&
      !BEFORE_DIVISION.has(previous)
    ) {
      token = scanner.reScanSlashToken();
    } else if (token === ts.SyntaxKind.OpenBraceToken) {
      braces.push("block");
    } else if (token === ts.SyntaxKind.TemplateHead) {
      braces.push("template");
    } else if (token === ts.SyntaxKind.CloseBraceToken) {
      // The `}` closing a template's `${...}` continues the template.
      if (braces.pop() === "template") {
        token = scanner.reScanTemplateToken(false);
        if (token === ts.SyntaxKind.TemplateMiddle) braces.push("template");
      }
    } else if (
      token === ts.SyntaxKind.Identifier ||
      (token >= ts.SyntaxKind.FirstKeyword && token <= ts.SyntaxKind.LastKeyword)
    ) {
      names.add(scanner.getTokenText());
    }
    previous = token;
  }
  scanner.setText(undefined);
  return names;
}
