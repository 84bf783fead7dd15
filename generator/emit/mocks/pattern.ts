// A string a `pattern` matches, built from the expression's syntax tree (regexpp), deterministically:
// the first alternative, the first character of each class, each quantifier at its minimum plus
// `extra` repetitions. Lookarounds are not followed (the value is checked against the validator
// afterwards); a pattern regexpp cannot parse gives undefined.
import { type AST, RegExpParser } from "@eslint-community/regexpp";

const CANDIDATES = ["a", "A", "0", "x", "Z", "9", "_", "-", " ", ".", "@", "é"];

function parse(pattern: string): AST.Pattern | undefined {
  for (const unicode of [true, false]) {
    try {
      return new RegExpParser({ ecmaVersion: 2025 }).parsePattern(pattern, 0, pattern.length, { unicode });
    } catch {
      // try the other syntax
    }
  }
  return undefined;
}

/** The first of a few ordinary characters that `raw` (a class or set) matches alone. */
function pick(raw: string, unicode: boolean): string | undefined {
  let test: RegExp;
  try {
    test = new RegExp(`^(?:${raw})$`, unicode ? "u" : "");
  } catch {
    return undefined;
  }
  return CANDIDATES.find((c) => test.test(c));
}

/** Strings the pattern matches, shortest first (more repetitions with each `extra`). */
export function patternSamples(pattern: string, extras = [0, 1, 2, 4, 8, 16, 32, 64]): string[] {
  const ast = parse(pattern);
  if (!ast) return [];
  const out: string[] = [];
  for (const extra of extras) {
    const captures = new Map<AST.CapturingGroup, string>();
    const text = alternatives(ast.alternatives, extra, captures);
    if (text !== undefined && !out.includes(text)) out.push(text);
  }
  return out;
}

/** Whether the pattern is anchored at its start and its end (it cannot be padded there). */
export function anchors(pattern: string): { start: boolean; end: boolean } {
  return { start: pattern.startsWith("^"), end: /(?<!\\)\$$/.test(pattern) };
}

function alternatives(list: AST.Alternative[], extra: number, captures: Map<AST.CapturingGroup, string>) {
  for (const alternative of list) {
    const text = sequence(alternative.elements, extra, captures);
    if (text !== undefined) return text;
  }
  return undefined;
}

function sequence(elements: AST.Element[], extra: number, captures: Map<AST.CapturingGroup, string>) {
  let text = "";
  for (const element of elements) {
    const part = element$(element, extra, captures);
    if (part === undefined) return undefined;
    text += part;
  }
  return text;
}

function element$(node: AST.Element, extra: number, captures: Map<AST.CapturingGroup, string>): string | undefined {
  switch (node.type) {
    case "Character":
      return String.fromCodePoint(node.value);
    case "CharacterClass":
      return characterClass(node);
    case "CharacterSet":
      return pick(node.raw, true) ?? pick(node.raw, false);
    case "Quantifier": {
      const count = Math.min(node.max, node.min + extra);
      let text = "";
      for (let i = 0; i < count; i++) {
        const part = element$(node.element, extra, captures);
        if (part === undefined) return count > node.min && i >= node.min ? text : undefined;
        text += part;
      }
      return text;
    }
    case "Group":
      return alternatives(node.alternatives, extra, captures);
    case "CapturingGroup": {
      const text = alternatives(node.alternatives, extra, captures);
      if (text !== undefined) captures.set(node, text);
      return text;
    }
    case "Backreference": {
      const groups = Array.isArray(node.resolved) ? node.resolved : [node.resolved];
      return groups.map((g) => captures.get(g as AST.CapturingGroup) ?? "").join("");
    }
    case "Assertion":
      // ^, $, \b and lookarounds take no characters; the value is checked afterwards.
      return "";
    default:
      return undefined;
  }
}

function characterClass(node: AST.CharacterClass): string | undefined {
  if (!node.negate) {
    for (const e of node.elements) {
      if (e.type === "Character") return String.fromCodePoint(e.value);
      if (e.type === "CharacterClassRange") return String.fromCodePoint(e.min.value);
      if (e.type === "CharacterSet") {
        const c = pick(e.raw, true) ?? pick(e.raw, false);
        if (c !== undefined) return c;
      }
    }
  }
  return pick(node.raw, true) ?? pick(node.raw, false);
}
