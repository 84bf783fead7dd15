// Patterns that can backtrack catastrophically: found at generation time, located, and run on the
// linear-time matcher with exactly the pattern's answers.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile, planPattern } from "../../../generator/emit/validators/patterns.js";
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
    ["([", "invalid"],
    ["^(a+)+\\1$", "invalid"],
  ])("%s -> %s", (pattern, kind) => {
    expect(planPattern(pattern).kind).toBe(kind);
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

describe("a pattern that cannot be guarded", () => {
  it("stops generation with a located error", async () => {
    await expect(loadValidators(schemaSpec({ type: "string", pattern: "^(a+)+\\1$" }))).rejects.toThrow(
      /pattern "\^\(a\+\)\+\\\\1\$" is .*cannot run in linear time: "\\1" \(back-references\) is not supported/,
    );
  });
});
