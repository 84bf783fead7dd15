// A syntactic proof that a pattern runs in linear time on a backtracking engine (V8's), so that
// redos-detector's analysis (the slow part of generating the Users APIs: about a second per e-mail
// or phone pattern) runs only on the patterns the proof does not settle. The proof is conservative:
// what it cannot settle is not called unsafe, only handed on (patterns.ts). test/model/linear.test.ts
// holds it to redos-detector's verdicts on every pattern of the corpus and the APIs.
//
// The rules. Backtracking is super-linear only where the engine can take one text in many ways and
// has to try each. The proof accepts a pattern when every choice the engine makes is settled by the
// next character (a deterministic pattern), except choices it makes a bounded number of times:
// - a repetition (`*`, `+`, `{m,}`, `{m,n}`) whose body can start with a character that may also come
//   after it is refused, unless it is bounded (`{9,10}`) and not inside another repetition, or it is
//   one character class repeated without bound, not inside another repetition, and what follows it is
//   a fixed number of characters and then something that cannot start with that class (so each
//   character it gives back ends the attempt at once: `[^@\s]*[^.@\s]{2}\s*$`);
// - an alternation inside a repetition must have branches that start with different characters, and
//   no empty branch; outside repetitions its branches may overlap (each is tried once);
// - a repeated body that can match the empty text is refused;
// - back-references and lookbehinds are refused; a lookahead only outside repetitions;
// - a pattern not anchored by `^` is retried from every position, so it must hold no unbounded
//   repetition at all.
import { type AST, RegExpParser } from "@eslint-community/regexpp";

/** Sorted, disjoint, inclusive code point ranges. */
type Ranges = readonly (readonly [number, number])[];

const MAX = 0x10ffff;
const NONE: Ranges = [];
const ALL: Ranges = [[0, MAX]];
const DIGIT: Ranges = [[0x30, 0x39]];
const WORD: Ranges = [
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
];
// ECMAScript's WhiteSpace and LineTerminator: what `\s` matches.
const SPACE: Ranges = [
  [0x09, 0x0d],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
];
const LINE_TERMINATORS: Ranges = [
  [0x0a, 0x0a],
  [0x0d, 0x0d],
  [0x2028, 0x2029],
];

function union(a: Ranges, b: Ranges): Ranges {
  const all = [...a, ...b].sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [lo, hi] of all) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

function complement(a: Ranges): Ranges {
  const out: [number, number][] = [];
  let next = 0;
  for (const [lo, hi] of a) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX) out.push([next, MAX]);
  return out;
}

function overlap(a: Ranges, b: Ranges): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const [alo, ahi] = a[i]!;
    const [blo, bhi] = b[j]!;
    if (ahi < blo) i++;
    else if (bhi < alo) j++;
    else return true;
  }
  return false;
}

/** What a character set escape or `.` matches; a property escape (`\p{L}`) is taken as anything. */
function setRanges(node: AST.CharacterSet): Ranges {
  switch (node.kind) {
    case "any":
      return complement(LINE_TERMINATORS);
    case "digit":
      return node.negate ? complement(DIGIT) : DIGIT;
    case "space":
      return node.negate ? complement(SPACE) : SPACE;
    case "word":
      return node.negate ? complement(WORD) : WORD;
    default:
      return ALL;
  }
}

/** The characters one character matcher can match, or undefined when `node` is not one. */
function characters(node: AST.Node): Ranges | undefined {
  switch (node.type) {
    case "Character":
      return [[node.value, node.value]];
    case "CharacterSet":
      return setRanges(node as AST.CharacterSet);
    case "CharacterClass": {
      let ranges = NONE;
      let exact = true;
      for (const element of node.elements) {
        if (element.type === "Character") ranges = union(ranges, [[element.value, element.value]]);
        else if (element.type === "CharacterClassRange")
          ranges = union(ranges, [[element.min.value, element.max.value]]);
        else if (element.type === "CharacterSet" && element.kind !== "property")
          ranges = union(ranges, setRanges(element as AST.CharacterSet));
        else exact = false; // a property, a nested class or a string: taken as anything
      }
      if (!exact) return ALL;
      return node.negate ? complement(ranges) : ranges;
    }
    default:
      return undefined;
  }
}

/** What can start a match of a node: its first characters, and whether it can match the empty text. */
interface First {
  set: Ranges;
  nullable: boolean;
}

function first(node: AST.Node): First {
  const chars = characters(node);
  if (chars) return { set: chars, nullable: false };
  switch (node.type) {
    case "Assertion":
      // `$` (no `m` flag) ends the text: nothing comes after it, so it passes nothing through.
      return node.kind === "end" ? { set: NONE, nullable: false } : { set: NONE, nullable: true };
    case "Group":
    case "CapturingGroup":
      return alternativesFirst(node.alternatives);
    case "Quantifier": {
      const inner = first(node.element);
      return { set: inner.set, nullable: inner.nullable || node.min === 0 };
    }
    default:
      return { set: ALL, nullable: true };
  }
}

function alternativesFirst(alternatives: AST.Alternative[]): First {
  let set = NONE;
  let nullable = false;
  for (const alt of alternatives) {
    const f = sequenceFirst(alt.elements, 0);
    set = union(set, f.set);
    nullable ||= f.nullable;
  }
  return { set, nullable };
}

function sequenceFirst(elements: AST.Element[], from: number): First {
  let set = NONE;
  for (let i = from; i < elements.length; i++) {
    const f = first(elements[i]!);
    set = union(set, f.set);
    if (!f.nullable) return { set, nullable: false };
  }
  return { set, nullable: true };
}

/** What may come after elements[from..] end: their first characters, and `follow` if they can be empty. */
function followOf(elements: AST.Element[], from: number, follow: Ranges): Ranges {
  const f = sequenceFirst(elements, from);
  return f.nullable ? union(f.set, follow) : f.set;
}

/** A fixed number of single characters: a character matcher, or one repeated a fixed number of times. */
function fixedCharacters(node: AST.Element): boolean {
  if (characters(node)) return true;
  return node.type === "Quantifier" && node.min === node.max && characters(node.element) !== undefined;
}

/**
 * Whether `elements` (a sequence) only makes choices the next character settles, or a bounded number
 * of times (see the rules above). `follow`: the characters that may come after the sequence (none at
 * the end of the pattern or of a lookahead, where the match is over); `inLoop`: inside a repetition.
 */
function sequence(elements: AST.Element[], follow: Ranges, inLoop: boolean): boolean {
  for (let i = 0; i < elements.length; i++) {
    const node = elements[i]!;
    const after = followOf(elements, i + 1, follow);
    if (node.type === "Quantifier") {
      if (!quantifier(node, after, inLoop)) return false;
      if (node.min !== node.max && !exits(node, elements, i, follow, after, inLoop)) return false;
    } else if (!element(node, after, inLoop)) return false;
  }
  return true;
}

function element(node: AST.Element, follow: Ranges, inLoop: boolean): boolean {
  if (characters(node)) return true;
  switch (node.type) {
    case "Assertion":
      if (node.kind === "start" || node.kind === "end" || node.kind === "word") return true;
      // Lookaheads are atomic: matched once where they stand. Not lookbehinds.
      if (node.kind === "lookahead" && !inLoop) return alternatives(node.alternatives, NONE, false);
      return false;
    case "Group":
    case "CapturingGroup":
      return alternatives(node.alternatives, follow, inLoop);
    default:
      return false; // back-references
  }
}

function alternatives(alts: AST.Alternative[], follow: Ranges, inLoop: boolean): boolean {
  if (!alts.every((alt) => sequence(alt.elements, follow, inLoop))) return false;
  if (!inLoop || alts.length === 1) return true;
  let seen = NONE;
  for (const alt of alts) {
    const f = sequenceFirst(alt.elements, 0);
    if (f.nullable || overlap(seen, f.set)) return false;
    seen = union(seen, f.set);
  }
  return true;
}

/** The repeated body, with what may follow each repetition of it. */
function quantifier(node: AST.Quantifier, follow: Ranges, inLoop: boolean): boolean {
  const repeated = node.element as AST.Element;
  const starts = first(repeated);
  if (node.max !== node.min && starts.nullable) return false;
  if (node.max <= 1) return element(repeated, follow, inLoop);
  // A body repeated a fixed number of times of single characters makes no choice; any other repeated
  // body is a loop for what it contains.
  const loop = inLoop || !characters(repeated);
  return element(repeated, union(starts.set, follow), loop);
}

/** Whether the engine's choice to stop repeating `node` (elements[i]) is settled, or made boundedly often. */
function exits(
  node: AST.Quantifier,
  elements: AST.Element[],
  i: number,
  follow: Ranges,
  after: Ranges,
  inLoop: boolean,
): boolean {
  const body = first(node.element).set;
  if (!overlap(body, after)) return true;
  if (inLoop) return false;
  if (node.max !== Infinity) return true;
  // One class repeated without bound, then a fixed run of characters, then what cannot start with
  // the class: each character given back makes that fail at once.
  const chars = characters(node.element);
  if (!chars) return false;
  let j = i + 1;
  while (j < elements.length && fixedCharacters(elements[j]!)) j++;
  return !overlap(chars, followOf(elements, j, follow));
}

/** Whether a top-level alternative starts with `^`. */
const anchored = (alt: AST.Alternative) => alt.elements[0]?.type === "Assertion" && alt.elements[0].kind === "start";

function unbounded(node: AST.Node): boolean {
  if (node.type === "Quantifier" && node.max === Infinity) return true;
  const children: AST.Node[] =
    "alternatives" in node
      ? (node.alternatives as AST.Node[])
      : "elements" in node
        ? (node.elements as AST.Node[])
        : "element" in node
          ? [node.element as AST.Node]
          : [];
  return children.some(unbounded);
}

/**
 * Whether `source` (with the `u` flag, or none) provably runs in linear time on a backtracking engine.
 * False means only "not proven": redos-detector decides those.
 */
export function provenLinear(source: string, flags: "u" | ""): boolean {
  let pattern: AST.Pattern;
  try {
    pattern = new RegExpParser({ ecmaVersion: 2024 }).parsePattern(source, 0, source.length, {
      unicode: flags === "u",
    });
  } catch {
    return false;
  }
  // Retried from every position, an unanchored pattern must not scan without bound from each.
  if (!pattern.alternatives.every(anchored) && unbounded(pattern)) return false;
  return alternatives(pattern.alternatives, NONE, false);
}
