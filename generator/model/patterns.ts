// Patterns: checked at generation time with a maintained ReDoS analyser (redos-detector). A pattern
// that may backtrack catastrophically is compiled here into a Thompson NFA that the generated code
// simulates in linear time (`linearTest` in templates/validators-runtime.ts), with the same answers.
import { type AST, RegExpParser } from "@eslint-community/regexpp";
import { isSafe } from "redos-detector";
import { provenLinear } from "./linear.js";

/** The NFA's states as the runtime reads them; see `LinearPattern` in the runtime. */
export interface CompiledPattern {
  states: number[][];
  /** Raw source of each character class, for a sticky unicode RegExp. */
  classes: string[];
  start: number;
  floating: boolean;
}

export type PatternPlan =
  /** `new RegExp(source, flags)`: the pattern itself, or with Java/POSIX classes translated. */
  | { kind: "native"; source: string; flags: "u" | "" }
  | { kind: "linear"; nfa: CompiledPattern; why: string }
  /** Left unchecked, with a located warning (an error under --strict): never a whole API refused. */
  | { kind: "unsupported"; why: string };

const MAX_STATES = 20_000;
const cache = new Map<string, PatternPlan>();

/**
 * Decides how the generated code runs `pattern`: ECMA-262 syntax with the `u` flag as JSON Schema
 * says, else as real specs write patterns (see `compiled`).
 */
export function planPattern(pattern: string): PatternPlan {
  let plan = cache.get(pattern);
  if (!plan) {
    plan = decide(pattern);
    cache.set(pattern, plan);
  }
  return plan;
}

/**
 * Java/POSIX character classes (US-ASCII, as Java reads `\p{Alpha}` by default) as the body of a
 * JavaScript character class. Specs generated from Java code carry them (AWS: `\p{Graph}`, `\p{Print}`).
 */
const JAVA_CLASSES: Record<string, string> = {
  Lower: "a-z",
  Upper: "A-Z",
  ASCII: "\\x00-\\x7F",
  Alpha: "A-Za-z",
  Digit: "0-9",
  Alnum: "A-Za-z0-9",
  Punct: "!-\\/:-@\\[-\\x60{-~",
  Graph: "!-~",
  Print: " -~",
  Blank: " \\t",
  Cntrl: "\\x00-\\x1F\\x7F",
  XDigit: "0-9A-Fa-f",
  Space: " \\t\\n\\x0B\\f\\r",
};

/** `pattern` with its Java/POSIX classes written as JavaScript classes, or undefined when it has none it can write. */
export function translateJavaClasses(pattern: string): string | undefined {
  let out = "";
  let inClass = false;
  let changed = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === "\\") {
      const m = /^\\([pP])\{(\w+)\}/.exec(pattern.slice(i));
      const body = m ? JAVA_CLASSES[m[2]!] : undefined;
      if (m && body !== undefined) {
        const negated = m[1] === "P";
        if (inClass && negated) return undefined; // a negated class inside a class has no plain range form
        out += inClass ? body : `[${negated ? "^" : ""}${body}]`;
        i += m[0].length - 1;
        changed = true;
        continue;
      }
      out += pattern.slice(i, i + 2);
      i++;
      continue;
    }
    if (ch === "[" && !inClass) inClass = true;
    else if (ch === "]" && inClass) inClass = false;
    out += ch;
  }
  return changed ? out : undefined;
}

/**
 * The pattern as a RegExp: with the `u` flag where it is valid there; else with its Java/POSIX classes
 * translated; else without `u` (identity escapes such as `\:` and `\-`, valid ECMA-262 outside unicode
 * mode, which validators in other languages accept). Undefined with the reason when none compiles.
 */
function compiled(pattern: string): { regexp: RegExp; source: string; flags: "u" | "" } | { error: string } {
  const translated = translateJavaClasses(pattern);
  let first = "";
  // Without `u`, `\\p{Graph}` is valid and means the letters "p{Graph}": translate before dropping `u`.
  for (const flags of ["u", ""] as const) {
    for (const source of translated === undefined ? [pattern] : [pattern, translated]) {
      try {
        return { regexp: new RegExp(source, flags), source, flags };
      } catch (error) {
        first ||= (error as Error).message;
      }
    }
  }
  return { error: first };
}

function decide(pattern: string): PatternPlan {
  const found = compiled(pattern);
  if ("error" in found) return { kind: "unsupported", why: `is not a valid regular expression (${found.error})` };
  const { regexp, source, flags } = found;
  // Most patterns are proven linear by their shape alone (linear.ts), without redos-detector's search.
  if (provenLinear(source, flags)) return { kind: "native", source, flags };
  // Bounded by steps, never by time: a time limit would make the verdict, and so the generated code,
  // depend on how busy the machine is (seen: the same pattern "hitMaxScore" alone, "timedOut" under
  // load). Analysis time grows faster than the step budget (`^(a|a)*$`: 0.45 s at 5,000 steps, 9 s at
  // 20,000), so the budget stays small; what it cannot prove safe runs on the linear-time matcher.
  const verdict = isSafe(regexp, { maxSteps: 5_000, maxScore: 200 });
  if (verdict.safe) return { kind: "native", source, flags };
  const why =
    verdict.error === null
      ? "it can backtrack catastrophically"
      : verdict.error === "hitMaxScore"
        ? "it can backtrack in too many ways to bound"
        : "its backtracking could not be bounded within the analysis budget";
  if (flags === "")
    return { kind: "unsupported", why: `${why}, and the linear-time matcher runs only patterns valid with the u flag` };
  try {
    return { kind: "linear", nfa: compile(source), why };
  } catch (error) {
    return { kind: "unsupported", why: `${why}, and it cannot run in linear time: ${(error as Error).message}` };
  }
}

/** Compiles a pattern into NFA states (built back to front: each node is compiled onto its successor). */
export function compile(pattern: string): CompiledPattern {
  const ast = new RegExpParser({ ecmaVersion: 2024 }).parsePattern(pattern, 0, pattern.length, { unicode: true });
  const states: number[][] = [];
  const classes: string[] = [];
  const add = (state: number[]): number => {
    if (states.length >= MAX_STATES) throw new Error(`it needs more than ${MAX_STATES} states`);
    states.push(state);
    return states.length - 1;
  };
  const accept = add([6]);

  const alternatives = (alts: AST.Alternative[], next: number): number => {
    let start = sequence(alts[alts.length - 1]!.elements, next);
    for (let i = alts.length - 2; i >= 0; i--) start = add([1, sequence(alts[i]!.elements, next), start]);
    return start;
  };
  const sequence = (elements: AST.Element[], next: number): number => {
    let start = next;
    for (let i = elements.length - 1; i >= 0; i--) start = element(elements[i]!, start);
    return start;
  };
  const element = (node: AST.Element, next: number): number => {
    switch (node.type) {
      case "Character":
        return add([2, next, node.value, node.value]);
      case "CharacterClass":
      case "CharacterSet":
      case "ExpressionCharacterClass":
        classes.push(node.raw);
        return add([3, next, classes.length - 1]);
      case "Group":
      case "CapturingGroup":
        return alternatives(node.alternatives, next);
      case "Quantifier":
        return quantifier(node, next);
      case "Assertion":
        if (node.kind === "start") return add([4, next]);
        if (node.kind === "end") return add([5, next]);
        throw new Error(`"${node.raw}" (lookaround and word-boundary assertions) is not supported`);
      default:
        throw new Error(`"${node.raw}" (back-references) is not supported`);
    }
  };
  const quantifier = (node: AST.Quantifier, next: number): number => {
    let start = next;
    if (node.max === Infinity) {
      const loop = add([1, -1, next]);
      states[loop]![1] = element(node.element, loop);
      start = loop;
    } else {
      for (let k = 0; k < node.max - node.min; k++) start = add([1, element(node.element, start), next]);
    }
    for (let k = 0; k < node.min; k++) start = element(node.element, start);
    return start;
  };

  const start = alternatives(ast.alternatives, accept);
  const anchored = ast.alternatives.every(
    (alt) => alt.elements[0]?.type === "Assertion" && alt.elements[0].kind === "start",
  );
  return { states, classes, start, floating: !anchored };
}
