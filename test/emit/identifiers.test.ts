// runtime.ts keeps the runtime helpers generated code names, read by identifiers.ts without
// TypeScript; its sets must be TypeScript's scanner's, and the parts prepared at build time must be
// what splitting the templates with TypeScript gives.
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { identifiersOf } from "../../generator/emit/identifiers.js";
import { RUNTIME_FILES, splitRuntime } from "../../generator/emit/runtime.js";
import { ROOT } from "../paths.js";

/** The identifiers (and keywords) TypeScript's scanner reads in `text`. */
function scannerIdentifiers(text: string): Set<string> {
  const before = new Set([
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
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text);
  const names = new Set<string>();
  const braces: ("block" | "template")[] = [];
  let previous = ts.SyntaxKind.Unknown;
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if ((token === ts.SyntaxKind.SlashToken || token === ts.SyntaxKind.SlashEqualsToken) && !before.has(previous)) {
      token = scanner.reScanSlashToken();
    } else if (token === ts.SyntaxKind.OpenBraceToken) braces.push("block");
    else if (token === ts.SyntaxKind.TemplateHead) braces.push("template");
    else if (token === ts.SyntaxKind.CloseBraceToken) {
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
  return names;
}

const sorted = (s: Set<string>) => [...s].sort();

describe("identifiers of generated code", () => {
  it("are TypeScript's scanner's on every runtime template and every generated file of this repository", () => {
    const files = [
      ...RUNTIME_FILES.map((f) => path.join(ROOT, "templates", f)),
      ...fs
        .readdirSync(path.join(ROOT, "generated"), { recursive: true, encoding: "utf8" })
        .filter((f) => /\.(ts|js)$/.test(f))
        .map((f) => path.join(ROOT, "generated", f)),
    ];
    expect(files.length).toBeGreaterThan(8);
    for (const file of files) {
      const text = fs.readFileSync(file, "utf8");
      const all = identifiersOf(text);
      expect(sorted(all), file).toEqual(sorted(scannerIdentifiers(text)));
      // Asked for some names only: the same answer filtered (the scan skips the other words unsliced,
      // so a keyword before a regular expression must still be read as one).
      const wanted = new Set([...all].filter((_, i) => i % 3 === 0).concat(["notInTheFile", "u", "return"]));
      expect(sorted(identifiersOf(text, wanted)), file).toEqual(sorted(new Set([...all].filter((n) => wanted.has(n)))));
    }
  });

  it("skip strings, comments, templates and regular expressions, and tell division from a regex", () => {
    const text = [
      "const a = \"b c\" + 'd\\' e'; // f g",
      "/* h */ const i = `j ${k + `l ${m}`} n` / o;",
      "const p = q / r / s, t = /u[/]v/g.test(w);",
      "if (x) return /y\\/z/; else aa++ / bb;",
      "const cc = 0x1F + 1e3 + .5 + 10n; dd?.ee; $ff = _gg;",
    ].join("\n");
    expect(sorted(identifiersOf(text))).toEqual(sorted(scannerIdentifiers(text)));
    expect(identifiersOf(text).has("u")).toBe(false);
    expect(identifiersOf(text).has("k")).toBe(true);
    expect(sorted(identifiersOf(text, new Set(["u", "v", "z", "bb", "k"])))).toEqual(["bb", "k"]);
  });
});

describe("runtime parts prepared when specforge is built", () => {
  it("are the parts TypeScript splits the templates into now", () => {
    const file = path.join(ROOT, "dist", "generator", "emit", "runtime-parts.json");
    const prepared = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, { parts: unknown }>;
    for (const name of RUNTIME_FILES) {
      const live = splitRuntime(fs.readFileSync(path.join(ROOT, "templates", name), "utf8"));
      expect(prepared[name]?.parts, name).toEqual(JSON.parse(JSON.stringify(live)));
    }
  });
});
