// The syntactic proof of linear-time patterns (generator/model/linear.ts): it settles the shapes real
// specs write (e-mail, phone, SSN, ZIP, UUID), refuses the shapes that backtrack, and never calls a
// pattern linear that redos-detector (what decides the rest) judges unsafe: checked over every
// pattern of the corpus, the APIs, the fixtures and the JSON Schema Test Suite.
import fs from "node:fs";
import path from "node:path";
import { isSafe } from "redos-detector";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { provenLinear } from "../../generator/model/linear.js";
import { planPattern } from "../../generator/model/patterns.js";
import { ROOT } from "../paths.js";

const EMAIL =
  "^[\\t\\n\\v\\f\\r ]*(?:[-!#$%&'*+/=?^_`{}|~0-9A-Za-z]+(?:\\.[-!#$%&'*+/=?^_`{}|~0-9A-Za-z]+)*|\"(?:[\\x01-\\x08\\x0b\\x0c\\x0e-\\x1f!#-\\[\\]-\\x7f]|\\\\[\\x01-\\x09\\x0b\\x0c\\x0e-\\x7f])*\")@(?:(?=[^@\\t\\n\\v\\f\\r ]*[^.@\\t\\n\\v\\f\\r ]{2}[\\t\\n\\v\\f\\r ]*$)[-0-9A-Za-z\\u0080-\\uffff]+(?:\\.[-0-9A-Za-z\\u0080-\\uffff]+)+|localhost|\\[[0-9A-Fa-f:.]+\\])[\\t\\n\\v\\f\\r ]*$";

describe("provenLinear", () => {
  it.each([
    ["the Users e-mail (a lookahead, repeated dot-separated runs, a quoted local part)", EMAIL],
    ["an SSN with optional hyphens", "^(?:[0-9]-?){9,10}[0-9]$"],
    ["a US phone", "^[2-9][0-9]{2}[2-9][0-9]{6}$"],
    ["a phone with optional punctuation", "^\\(?\\d{3}\\)?[-. ]?\\d{3}[-. ]?\\d{4}$"],
    ["a ZIP or ZIP+4", "^[0-9]{5}(-[0-9]{4})?$"],
    ["a UUID", "^[0-9A-Za-z]{8}-[0-9A-Za-z]{4}-[0-9A-Za-z]{4}-[0-9A-Za-z]{4}-[0-9A-Za-z]{12}$"],
    ["a slug", "^[a-z0-9]+(?:-[a-z0-9]+)*$"],
    ["a run given back to a fixed tail", "^[a-z]*[a-z]{2}$"],
    ["overlapping branches outside any repetition", "^(?:ab|a)c$"],
    ["unanchored without unbounded repetition", "[A-Z]{2}"],
  ])("settles %s", (_what, pattern) => {
    expect(provenLinear(pattern, "u")).toBe(true);
  });

  it.each([
    ["a repeated repetition", "^(a+)+$"],
    ["overlapping branches repeated", "^(a|a)*$"],
    ["the Sandbox name pattern", "^([aA-zZ]+[,.]?[ ]?|[aA-zZ]+['’-]?)+$"],
    ["two unbounded runs of one class", "^\\d+\\d+$"],
    ["an unbounded run before a run of what may follow it", "^.*a.*$"],
    ["a repeated body that can be empty", "^(a?)*$"],
    ["unanchored with an unbounded run", "\\d+x"],
    ["a back-reference", "^(a+)\\1$"],
    ["a lookbehind", "^(?<=a)b$"],
    ["a lookahead inside a repetition", "^(?:(?=a)a)+$"],
    ["not a pattern", "^(a$"],
  ])("does not settle %s", (_what, pattern) => {
    expect(provenLinear(pattern, "u")).toBe(false);
  });

  it("decides the Users patterns alone, and hands what it does not settle to redos-detector", () => {
    expect(planPattern(EMAIL)).toEqual({ kind: "native", source: EMAIL, flags: "u" });
    expect(planPattern("^([aA-zZ]+[,.]?[ ]?|[aA-zZ]+['’-]?)+$").kind).toBe("linear");
  });
});

/** Every `pattern` string in the documents and schemas under `dirs` (JSON and YAML). */
function patterns(...dirs: string[]): Set<string> {
  const found = new Set<string>();
  const files = dirs.flatMap((dir) =>
    fs
      .readdirSync(dir, { recursive: true, encoding: "utf8" })
      .filter((f) => /\.(ya?ml|json)$/.test(f))
      .map((f) => path.join(dir, f)),
  );
  for (const file of files) {
    const text = fs.readFileSync(file, "utf8");
    const doc: unknown = file.endsWith(".json") ? JSON.parse(text) : YAML.parse(text, { maxAliasCount: -1 });
    const stack = [doc];
    while (stack.length > 0) {
      const node = stack.pop();
      if (node === null || typeof node !== "object") continue;
      for (const [key, value] of Object.entries(node)) {
        if (key === "pattern" && typeof value === "string") found.add(value);
        else stack.push(value);
      }
    }
  }
  return found;
}

describe("the proof never disagrees with redos-detector", () => {
  const all = patterns(
    path.join(ROOT, "test", "corpus"),
    path.join(ROOT, "specs"),
    path.join(ROOT, "test", "fixtures"),
    path.join(ROOT, "test", "json-schema-suite"),
  );

  it("every pattern it settles, redos-detector judges safe (with the generator's budget); it settles most", () => {
    let settled = 0;
    const disagreements: string[] = [];
    for (const pattern of all) {
      let flags: "u" | "" = "u";
      let regexp: RegExp;
      try {
        regexp = new RegExp(pattern, "u");
      } catch {
        try {
          regexp = new RegExp(pattern);
          flags = "";
        } catch {
          continue;
        }
      }
      if (!provenLinear(pattern, flags)) continue;
      settled++;
      const verdict = isSafe(regexp, { maxSteps: 5_000, maxScore: 200 });
      if (!verdict.safe) disagreements.push(`${pattern}: ${verdict.error ?? "unsafe"}`);
    }
    expect(disagreements).toEqual([]);
    expect(all.size).toBeGreaterThan(100);
    expect(settled / all.size).toBeGreaterThan(0.75);
  }, 120_000);
});
