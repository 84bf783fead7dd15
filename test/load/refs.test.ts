// Load stage, references: every `$ref` found in document order, classified before anything is read
// (internal, a file inside the spec's folder, a URL), refused with a located reason otherwise; and
// loops of bare references found while reading.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { UserError } from "../../generator/errors.js";
import { checkPointer, classifyRef, findRefs, RefAliases, type RefPolicy } from "../../generator/load/refs.js";
import { DEFAULT_LIMITS, parseSource } from "../../generator/load/source.js";

const ROOT = path.resolve("/api");
const BASE = path.join(ROOT, "spec.yaml");
const strict: RefPolicy = { root: ROOT, allowRemoteRefs: false, allowOutsideRefs: false };
const open: RefPolicy = { root: ROOT, allowRemoteRefs: true, allowOutsideRefs: true };
const source = parseSource("spec.yaml", "a:\n  b:\n    $ref: x\n", DEFAULT_LIMITS);

/** The classification as text, or `error L:C: message`. */
function classify(ref: unknown, policy = strict, base = BASE): string {
  try {
    const t = classifyRef(source, base, "/a/b", ref, policy);
    return t.kind === "internal"
      ? `internal ${t.pointer}`
      : t.kind === "file"
        ? `file ${path.relative(ROOT, t.file)} ${t.pointer}`
        : `url ${t.url} ${t.pointer}`;
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return `error ${error.location?.line}:${error.location?.col}: ${error.message}`;
  }
}

describe("classifyRef", () => {
  it.each([
    ["an internal pointer", "#/components/schemas/User", strict, "internal /components/schemas/User"],
    ["the whole document", "#", strict, "internal "],
    ["a sibling file", "common.yaml#/User", strict, "file common.yaml /User"],
    ["a sibling file, whole", "./common.yaml", strict, "file common.yaml "],
    ["a file in a subfolder, percent-encoded", "schemas/my%20user.yaml", strict, "file schemas/my user.yaml "],
    ["a file: URL inside the folder", `file://${ROOT}/x.yaml#/A`, strict, "file x.yaml /A"],
    [
      "a file outside the folder, refused",
      "../secrets.yaml",
      strict,
      /^error 3:5: `\$ref` "\.\.\/secrets\.yaml" points outside the spec's folder.*--allow-outside-refs/,
    ],
    ["a file outside the folder, allowed", "../common.yaml", open, "file ../common.yaml "],
    ["an absolute path outside, refused", "/etc/passwd", strict, /^error 3:5: .*points outside the spec's folder/],
    [
      "a remote ref, refused",
      "https://example.com/s.yaml#/A",
      strict,
      /^error 3:5: remote `\$ref` .* --allow-remote-refs/,
    ],
    ["a remote ref, allowed", "https://example.com/s.yaml#/A", open, "url https://example.com/s.yaml /A"],
    ["an unsupported scheme", "ftp://example.com/s.yaml", open, /^error 3:5: .*unsupported scheme "ftp:"/],
    ["a fragment that is not a pointer", "#User", strict, /^error 3:5: .*fragment that is not a JSON pointer/],
    ["an empty ref", "", strict, /^error 3:5: `\$ref` must be a non-empty string/],
    ["a ref that is not a string", 42, strict, /^error 3:5: `\$ref` must be a non-empty string/],
  ] as [string, unknown, RefPolicy, string | RegExp][])("%s", (_name, ref, policy, want) => {
    const got = classify(ref, policy);
    if (typeof want === "string") expect(got).toBe(want);
    else expect(got).toMatch(want);
  });

  it.each([
    ["a relative ref in a remote document is remote", "other.yaml#/A", "url https://example.com/api/other.yaml /A"],
    [
      "a remote document may not point at a local file",
      "file:///etc/passwd",
      /^error 3:5: .*in a remote document may not point at a local file/,
    ],
  ] as [string, string, string | RegExp][])("%s", (_name, ref, want) => {
    const got = classify(ref, open, "https://example.com/api/spec.yaml");
    if (typeof want === "string") expect(got).toBe(want);
    else expect(got).toMatch(want);
  });
});

describe("findRefs", () => {
  it("finds every $ref in document order, with the pointer of the object holding it", () => {
    const value = {
      a: { $ref: "#/x" },
      list: [{ b: { $ref: "f.yaml" } }, { $ref: 3 }],
      "s/l~": { $ref: "#/y" },
      $ref: { not: "a ref: an object" },
    };
    expect(findRefs(value)).toEqual([
      { at: "/a", ref: "#/x" },
      { at: "/list/0/b", ref: "f.yaml" },
      { at: "/list/1", ref: 3 },
      { at: "/s~1l~0", ref: "#/y" },
    ]);
  });

  it("does not recurse: 100,000 levels of nesting are walked, in linear time", () => {
    let deep: Record<string, unknown> = { $ref: "#/bottom" };
    for (let i = 0; i < 100_000; i++) deep = { d: deep };
    expect(findRefs(deep)).toHaveLength(1);
  });
});

describe("checkPointer", () => {
  const target = parseSource("common.yaml", "User:\n  type: object\n", DEFAULT_LIMITS);
  it("passes when the pointer names something, and locates the ref when it names nothing", () => {
    expect(() => checkPointer(target, "/User/type", "common.yaml#/User/type", source, "/a/b")).not.toThrow();
    expect(() => checkPointer(target, "/Pet", "common.yaml#/Pet", source, "/a/b")).toThrow(
      /points at nothing: common.yaml has no "\/Pet"/,
    );
    expect(() => checkPointer(target, "/User/constructor", "common.yaml#/User/constructor", source, "/a/b")).toThrow(
      /points at nothing/,
    );
  });
});

describe("RefAliases: loops of references with no schema in them", () => {
  const text =
    "A:\n  $ref: '#/B'\nB:\n  $ref: '#/C'\n  description: only an annotation\nC:\n  $ref: '#/A'\nD:\n  $ref: '#/A'\n  type: object\n";
  const loopSource = parseSource("spec.yaml", text, DEFAULT_LIMITS);

  it("reports the loop at its first reference, naming each step", () => {
    const aliases = new RefAliases();
    for (const [at, to] of [
      ["/A", "/B"],
      ["/B", "/C"],
      ["/C", "/A"],
    ] as const)
      aliases.add("spec", at, "spec", to, loopSource, `#${to}`);
    expect(() => aliases.checkLoops()).toThrow(
      /`\$ref` "#\/B" is part of a loop of references with no schema in it \(#\/A → #\/B → #\/C → #\/A\)/,
    );
    try {
      aliases.checkLoops();
    } catch (error) {
      expect((error as UserError).location).toMatchObject({ line: 2, col: 3 });
    }
  });

  it("an object with content beside its $ref breaks the loop", () => {
    const aliases = new RefAliases();
    for (const [at, to] of [
      ["/A", "/D"],
      ["/D", "/A"],
    ] as const)
      aliases.add("spec", at, "spec", to, loopSource, `#${to}`);
    expect(() => aliases.checkLoops()).not.toThrow();
  });
});
