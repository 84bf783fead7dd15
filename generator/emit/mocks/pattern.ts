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

/** One of a few ordinary characters that `raw` (a class or set) matches alone (the `variant`-th). */
function pick(raw: string, unicode: boolean, variant = 0): string | undefined {
  let test: RegExp;
  try {
    test = new RegExp(`^(?:${raw})$`, unicode ? "u" : "");
  } catch {
    return undefined;
  }
  const matching = CANDIDATES.filter((c) => test.test(c));
  return matching.length === 0 ? undefined : matching[variant % matching.length];
}

/**
 * Strings the pattern matches, shortest first (more repetitions with each `extra`); another
 * `variant` takes other characters from the classes (the items of a `uniqueItems` array differ).
 */
export function patternSamples(pattern: string, variant = 0, extras = [0, 1, 2, 4, 8, 16, 32, 64]): string[] {
  const ast = parse(pattern);
  if (!ast) return [];
  const out: string[] = [];
  for (const extra of extras) {
    const captures = new Map<AST.CapturingGroup, string>();
    const text = alternatives(ast.alternatives, { extra, variant }, captures);
    if (text !== undefined && !out.includes(text)) out.push(text);
  }
  return out;
}

/** Whether the pattern is anchored at its start and its end (it cannot be padded there). */
export function anchors(pattern: string): { start: boolean; end: boolean } {
  return { start: pattern.startsWith("^"), end: /(?<!\\)\$$/.test(pattern) };
}

interface Choice {
  extra: number;
  variant: number;
}

function alternatives(list: AST.Alternative[], extra: Choice, captures: Map<AST.CapturingGroup, string>) {
  for (const alternative of list) {
    const text = sequence(alternative.elements, extra, captures);
    if (text !== undefined) return text;
  }
  return undefined;
}

function sequence(elements: AST.Element[], extra: Choice, captures: Map<AST.CapturingGroup, string>) {
  let text = "";
  for (const element of elements) {
    const part = element$(element, extra, captures);
    if (part === undefined) return undefined;
    text += part;
  }
  return text;
}

function element$(node: AST.Element, extra: Choice, captures: Map<AST.CapturingGroup, string>): string | undefined {
  switch (node.type) {
    case "Character":
      return String.fromCodePoint(node.value);
    case "CharacterClass":
      return characterClass(node, extra.variant);
    case "CharacterSet":
      return pick(node.raw, true, extra.variant) ?? pick(node.raw, false, extra.variant);
    case "Quantifier": {
      const count = Math.min(node.max, node.min + extra.extra);
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

function characterClass(node: AST.CharacterClass, variant: number): string | undefined {
  if (!node.negate) {
    // The class's characters, in order, each range in full: the `variant`-th of them.
    const sizes = node.elements.map((e) =>
      e.type === "Character" ? 1 : e.type === "CharacterClassRange" ? e.max.value - e.min.value + 1 : 0,
    );
    const total = sizes.reduce((a, b) => a + b, 0);
    let k = total > 0 ? variant % total : 0;
    for (const [i, e] of node.elements.entries()) {
      if (e.type === "Character" && k === 0) return String.fromCodePoint(e.value);
      if (e.type === "CharacterClassRange" && k < sizes[i]!) return String.fromCodePoint(e.min.value + k);
      if (sizes[i]! > 0) k -= sizes[i]!;
      else if (e.type === "CharacterSet" && total === 0) {
        const c = pick(e.raw, true, variant) ?? pick(e.raw, false, variant);
        if (c !== undefined) return c;
      }
    }
  }
  return pick(node.raw, true, variant) ?? pick(node.raw, false, variant);
}
