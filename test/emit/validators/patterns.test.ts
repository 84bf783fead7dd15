// Patterns that can backtrack catastrophically: found at generation time, located, and run on the
// linear-time matcher with exactly the pattern's answers.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile, planPattern, translateJavaClasses } from "../../../generator/model/patterns.js";
import { type LinearPattern, linearTest } from "../../../templates/validators-runtime.js";
import { loadValidators, schemaSpec } from "../../helpers.js";

const NAME = "^([aA-zZ]+[,.]?[ ]?|[aA-zZ]+['’-]?)+$";

function linear(pattern: string): LinearPattern {
  const nfa = compile(pattern);
  return { ...nfa, classes: nfa.classes.map((raw) => new RegExp(raw, "uy")) };
}

describe("planPattern", () => {
  it.each([
    ["^[A-Z]{2}$", "native"],
    ["^(?:[0-9]-?){9,10}[0-9]$", "native"],
    [NAME, "linear"],
    ["(a+)+$", "linear"],
    ["^(a|a)*$", "linear"],
    ["([", "unsupported"],
    ["^(a+)+\\1$", "unsupported"],
  ])("%s -> %s", (pattern, kind) => {
    expect(planPattern(pattern).kind).toBe(kind);
  });

  // Patterns as real specs write them (AWS's, from the APIs.guru directory): compiled, never refused.
  it.each([
    ["^[A-Z]{2}$", "^[A-Z]{2}$", "u"],
    ["^arn[\\/\\:\\-\\_\\.a-zA-Z0-9]+$", "^arn[\\/\\:\\-\\_\\.a-zA-Z0-9]+$", ""], // identity escapes: valid without u
    ["^https\\://\\S+$", "^https\\://\\S+$", ""],
    ["^[\\p{Graph}\\x20]*$", "^[!-~\\x20]*$", "u"], // Java classes, translated
    ["^\\p{Print}{1,256}$", "^[ -~]{1,256}$", "u"],
    ["\\P{Alnum}", "[^A-Za-z0-9]", "u"],
    ["^\\p{L}+$", "^\\p{L}+$", "u"], // a Unicode property JavaScript knows stays as it is
  ])("%s runs as /%s/%s", (pattern, source, flags) => {
    expect(planPattern(pattern)).toEqual({ kind: "native", source, flags });
  });

  it("Java classes match what Java's US-ASCII classes match", () => {
    const graph = new RegExp(translateJavaClasses("^\\p{Graph}+$")!, "u");
    const punct = new RegExp(translateJavaClasses("^\\p{Punct}+$")!, "u");
    for (let c = 0; c < 128; c++) {
      const ch = String.fromCharCode(c);
      expect([ch, graph.test(ch)]).toEqual([ch, c > 32 && c < 127]);
      expect([ch, punct.test(ch)]).toEqual([ch, c > 32 && c < 127 && !/[A-Za-z0-9]/.test(ch)]);
    }
    expect(graph.test("é")).toBe(false);
  });
});

describe("the linear-time matcher agrees with RegExp", () => {
  const patterns = [
    NAME,
    "(a+)+$",
    "^(a|ab)*c",
    "a{2,3}b",
    "^$",
    "x*",
    "[^a-c]+z",
    "^\\d{3}-\\d{4}$",
    ".b",
    "(?:ab|a)(?:bc|c)$",
    "😀+",
    "^[\\p{L} ]+$",
  ];
  it.each(patterns)("%s", (pattern) => {
    const lin = linear(pattern);
    const native = new RegExp(pattern, "u");
    const alphabet = fc.constantFrom(
      "a",
      "b",
      "c",
      "z",
      "A",
      "Z",
      "x",
      " ",
      ",",
      ".",
      "'",
      "’",
      "-",
      "1",
      "😀",
      "é",
      "\n",
      "[",
      "_",
    );
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 14 }).map((cs) => cs.join("")),
        (s) => {
          expect(linearTest(lin, s)).toBe(native.test(s));
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe("the second Users API's name pattern", async () => {
  const { module, warnings } = await loadValidators(schemaSpec({ type: "string", pattern: NAME }));

  it("is reported at generation time with its location", () => {
    expect(warnings).toEqual([
      expect.stringMatching(
        /^1:\d+: pattern "\^\(\[aA-zZ\]\+.*: .*; the validators run it on a linear-time matcher instead of RegExp$/,
      ),
    ]);
  });

  it("judges a hostile input of thousands of characters quickly", () => {
    for (const hostile of ["a".repeat(5000) + "!", "Ab ".repeat(3000) + "1", "a'".repeat(4000) + "$"]) {
      const started = performance.now();
      const result = module.validateT(hostile);
      expect(result.ok).toBe(false);
      expect(performance.now() - started).toBeLessThan(1000);
    }
  });

  it("judges ordinary names exactly as the pattern says", () => {
    const native = new RegExp(NAME, "u");
    for (const name of [
      "Mary",
      "Mary Ann",
      "O'Brien",
      "Jean-Luc",
      "St. John",
      "Smith, Jr.",
      "D’Angelo",
      "Zoë",
      "Anne  Marie",
      "x1",
      "",
      "[bracket]",
      "under_score",
      "^caret",
    ]) {
      expect(module.validateT(name).ok, name).toBe(native.test(name));
    }
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (s) => {
        expect(module.validateT(s).ok).toBe(native.test(s));
      }),
      { numRuns: 500 },
    );
  });
});

describe("a pattern that cannot be compiled or guarded", () => {
  it("is left unchecked with a located warning, and the rest of the API is generated", async () => {
    const { module, warnings } = await loadValidators(
      schemaSpec({
        type: "object",
        properties: {
          loop: { type: "string", pattern: "^(a+)+\\1$", maxLength: 3 },
          broken: { type: "string", pattern: "([" },
          fine: { type: "string", pattern: "^x$" },
          // On a schema that cannot be a string the pattern says nothing, but a broken one is still reported.
          count: { type: "integer", pattern: "a{2,1}" },
        },
      }),
    );
    expect(warnings).toEqual([
      expect.stringMatching(
        /^\d+:\d+: pattern "\^\(a\+\)\+\\\\1\$" it can .*cannot run in linear time: "\\1" \(back-references\) is not supported: it is not checked by the validators$/,
      ),
      expect.stringMatching(
        /^\d+:\d+: pattern "\(\[" is not a valid regular expression \(.*\): it is not checked by the validators$/,
      ),
      expect.stringMatching(
        /^\d+:\d+: pattern "a\{2,1\}" is not a valid regular expression \(.*\): it is not checked by the validators$/,
      ),
    ]);
    expect(module.validateT({ loop: "aa", broken: "anything", fine: "x" }).ok).toBe(true);
    expect(module.validateT({ loop: "aaaa", fine: "y" }).issues.map((i: { code: string }) => i.code)).toEqual([
      "maxLength",
      "pattern",
    ]);
  });
});
