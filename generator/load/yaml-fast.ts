// YAML read fast: js-yaml for the value (5-10x faster than a positional parse: Stripe's 3.9 MB in
// 0.2-0.35 s against 1.6-1.7 s), and positions found by walking the text along a pointer when a
// message needs one. Whatever this path does not follow exactly (aliases, flow collections on the
// way to a position, tags, complex keys, tabs, ...) is left to the positional YAML parser
// (source.ts), which also gives every error its message: this path never reports a problem itself.
import jsyaml from "js-yaml";
import { LineStarts } from "./lines.js";

/**
 * YAML 1.2's core schema, as the positional parser (`yaml`, version 1.2, schema `core`) resolves
 * plain scalars: js-yaml's own default schema adds YAML 1.1 timestamps, merge keys and binary/
 * underscore numbers, which would give another value for the same text.
 */
const intTypes = [
  { test: /^[-+]?[0-9]+$/, value: (s: string) => Number.parseInt(s, 10) },
  { test: /^0o[0-7]+$/, value: (s: string) => Number.parseInt(s.slice(2), 8) },
  { test: /^0x[0-9a-fA-F]+$/, value: (s: string) => Number.parseInt(s.slice(2), 16) },
];
const nullTest = /^(?:~|[Nn]ull|NULL)?$/;
const boolTest = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const floatTest = /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+|[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*))$/;
const specialFloat: Record<string, number> = {
  ".inf": Number.POSITIVE_INFINITY,
  ".Inf": Number.POSITIVE_INFINITY,
  ".INF": Number.POSITIVE_INFINITY,
  "+.inf": Number.POSITIVE_INFINITY,
  "+.Inf": Number.POSITIVE_INFINITY,
  "+.INF": Number.POSITIVE_INFINITY,
  "-.inf": Number.NEGATIVE_INFINITY,
  "-.Inf": Number.NEGATIVE_INFINITY,
  "-.INF": Number.NEGATIVE_INFINITY,
  ".nan": Number.NaN,
  ".NaN": Number.NaN,
  ".NAN": Number.NaN,
};

const CORE_1_2 = jsyaml.FAILSAFE_SCHEMA.extend({
  implicit: [
    new jsyaml.Type("tag:yaml.org,2002:null", {
      kind: "scalar",
      resolve: (s: string) => nullTest.test(s),
      construct: () => null,
    }),
    new jsyaml.Type("tag:yaml.org,2002:bool", {
      kind: "scalar",
      resolve: (s: string) => boolTest.test(s),
      construct: (s: string) => s === "true" || s === "True" || s === "TRUE",
    }),
    new jsyaml.Type("tag:yaml.org,2002:int", {
      kind: "scalar",
      resolve: (s: string) => intTypes.some((t) => t.test.test(s)),
      construct: (s: string) => intTypes.find((t) => t.test.test(s))!.value(s),
    }),
    new jsyaml.Type("tag:yaml.org,2002:float", {
      kind: "scalar",
      resolve: (s: string) => floatTest.test(s) || s in specialFloat,
      construct: (s: string) => (s in specialFloat ? specialFloat[s]! : Number.parseFloat(s)),
    }),
  ],
});

/**
 * The value of `text` read by js-yaml under the YAML 1.2 core schema, or undefined when the
 * positional parser must read it: js-yaml refused it (the positional parser says why, located),
 * or it has aliases of collections (the positional parser bounds their expansion: alias bombs).
 */
export function fastYamlValue(text: string): { value: unknown } | undefined {
  // Directives (`%YAML 1.1` changes how scalars read, `%TAG` how tags do) are the positional parser's.
  if (/^%/m.test(text)) return undefined;
  let value: unknown;
  // js-yaml does not check how a quoted string's continuation lines are indented, so an unclosed
  // quote can run on to a later one and be accepted: strings quoted over several lines are left to
  // the positional parser, which checks them (and says where an unclosed one opens).
  let multiLineQuoted = false;
  const opened: number[] = [];
  const listener = (event: "open" | "close", state: { position: number; kind: string | null }) => {
    if (event === "open") {
      opened.push(state.position);
      return;
    }
    let start = opened.pop()!;
    if (state.kind !== "scalar" || multiLineQuoted) return;
    while (start < state.position && /\s/.test(text[start]!)) start++;
    const quote = text[start];
    if ((quote === '"' || quote === "'") && text.lastIndexOf("\n", state.position - 1) > start) multiLineQuoted = true;
  };
  try {
    value = jsyaml.load(text, { schema: CORE_1_2, listener } as jsyaml.LoadOptions);
  } catch {
    return undefined;
  }
  return multiLineQuoted || sharesObjects(value) ? undefined : { value };
}

/** Whether an object is reached twice (a YAML alias of a collection). Linear: nothing is visited twice. */
function sharesObjects(value: unknown): boolean {
  const seen = new Set<object>();
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== "object") continue;
    if (seen.has(node)) return true;
    seen.add(node);
    if (Array.isArray(node)) for (const item of node) stack.push(item);
    else for (const key in node) stack.push((node as Record<string, unknown>)[key]);
  }
  return false;
}

/** A block node of the walk: a mapping or sequence whose entries sit at column `indent`. */
interface BlockNode {
  kind: "map" | "seq";
  /** Line of the first entry. */
  line: number;
  indent: number;
}

/** How the core schema reads a plain scalar: a string, or another type. */
function plainIsString(s: string): boolean {
  return !(
    nullTest.test(s) ||
    boolTest.test(s) ||
    intTypes.some((t) => t.test.test(s)) ||
    floatTest.test(s) ||
    s in specialFloat
  );
}

/**
 * Offsets in block-style YAML found by walking lines along a pointer, with the answer the
 * positional parser gives (source.ts `findOffset`): a mapping member's key, a sequence item's
 * content, or the nearest ancestor found. Undefined when the walk meets what it does not follow.
 */
export class YamlLocator {
  private readonly lines: LineStarts;
  private readonly starts: number[];
  /** Per line: spaces before its content; -1 blank or only a comment; -2 a tab in the indentation. */
  private readonly indents: Int32Array;

  constructor(private readonly text: string) {
    this.lines = new LineStarts(text);
    this.starts = this.lines.starts;
    this.indents = new Int32Array(this.starts.length);
    for (let line = 0; line < this.starts.length; line++) {
      let i = this.starts[line]!;
      while (text.charCodeAt(i) === 0x20) i++;
      const c = text.charCodeAt(i);
      this.indents[line] =
        c === 0x09 ? -2 : Number.isNaN(c) || c === 0x0a || c === 0x0d || c === 0x23 ? -1 : i - this.starts[line]!;
    }
  }

  offset(segments: readonly string[]): number | undefined {
    let first = this.nextContent(0);
    // A document start marker alone on its line.
    if (first !== undefined && /^---[ ]*(?:#.*)?$/.test(this.lineText(first))) first = this.nextContent(first + 1);
    if (first === undefined) return undefined;
    const line = this.lineText(first);
    const indent = this.indentOf(line);
    if (indent === undefined || line.startsWith("---") || line.startsWith("%")) return undefined;
    let found = this.starts[first]! + indent;
    let node = this.nodeAt(first, indent);
    for (const segment of segments) {
      if (node === undefined) return found; // a scalar: nothing inside
      if (node === "unknown") return undefined;
      const entry = node.kind === "map" ? this.member(node, segment) : this.item(node, segment);
      if (entry === "unknown") return undefined;
      if (entry === undefined) return found;
      found = entry.offset;
      node = entry.value;
    }
    return found;
  }

  /** 1-based line and column of an offset. */
  lineCol(offset: number): { line: number; col: number } {
    return this.lines.lineCol(offset);
  }

  private lineText(line: number): string {
    const start = this.starts[line]!;
    const end = line + 1 < this.starts.length ? this.starts[line + 1]! - 1 : this.text.length;
    return this.text.slice(start, end).replace(/\r$/, "");
  }

  /** Spaces before the content; undefined when a tab is among them. */
  private indentOf(line: string): number | undefined {
    let n = 0;
    while (line.charCodeAt(n) === 0x20) n++;
    return line.charCodeAt(n) === 0x09 ? undefined : n;
  }

  /** The indentation of a content line (undefined with a tab), or -1 for a blank or comment line. */
  private indentAt(line: number): number | undefined {
    const n = this.indents[line]!;
    return n === -2 ? undefined : n;
  }

  /** The first line at or after `line` with content (not blank, not only a comment). */
  private nextContent(line: number): number | undefined {
    for (let i = line; i < this.starts.length; i++) if (this.indents[i] !== -1) return i;
    return undefined;
  }

  /**
   * The node whose first entry starts at column `col` of `line`: a mapping (a key there), a
   * sequence (`- ` there), undefined for a scalar, "unknown" for what the walk does not follow.
   */
  private nodeAt(line: number, col: number): BlockNode | undefined | "unknown" {
    const rest = this.lineText(line).slice(col);
    if (rest === "-" || rest.startsWith("- ")) return { kind: "seq", line, indent: col };
    if (/^[|>]/.test(rest)) return undefined;
    if (/^[[{&*!?%@`]/.test(rest)) return "unknown";
    const key = this.keyAt(rest);
    if (key === "unknown") return "unknown";
    return key === undefined ? undefined : { kind: "map", line, indent: col };
  }

  /** The key written at the start of `rest` (`key:` followed by a space or the line's end), if any. */
  private keyAt(rest: string): { key: string; end: number } | undefined | "unknown" {
    if (/^[[\]{},&*!?|>%@`]/.test(rest)) return "unknown";
    let key: string;
    let end: number;
    if (rest.startsWith('"')) {
      const close = rest.indexOf('"', 1);
      if (close < 0) return "unknown"; // a multi-line quoted scalar
      key = rest.slice(1, close);
      if (key.includes("\\")) return "unknown";
      end = close + 1;
    } else if (rest.startsWith("'")) {
      const m = /^'((?:[^']|'')*)'/.exec(rest);
      if (!m) return "unknown";
      key = m[1]!.replace(/''/g, "'");
      end = m[0].length;
    } else {
      const m = /^(.*?)[ ]*:(?: |$)/.exec(rest);
      if (!m) return undefined;
      key = m[1]!;
      // A number key is compared as YAML reads it only when it is written that way (`200`, not `0x10`).
      if (key.includes(" #") || (!plainIsString(key) && !/^(?:0|[1-9][0-9]*)$/.test(key))) return "unknown";
      return { key, end: key.length };
    }
    const after = rest.slice(end);
    if (/^[ ]*:(?: |$)/.test(after)) return { key, end };
    return /^[ ]*:/.test(after) ? "unknown" : undefined;
  }

  /** The value after a key (or a `- `) that ends at column `col` of `line`. */
  private valueAfter(line: number, col: number, parentIndent: number): BlockNode | undefined | "unknown" {
    const text = this.lineText(line);
    const inline = text.slice(col).replace(/^[ ]+/, "");
    if (inline !== "" && !inline.startsWith("#")) {
      return this.nodeAt(line, text.length - inline.length);
    }
    const next = this.nextContent(line + 1);
    if (next === undefined) return undefined;
    const nextText = this.lineText(next);
    const indent = this.indentOf(nextText);
    if (indent === undefined) return "unknown";
    // A sequence may sit at its key's own column; anything else must be indented further.
    const content = nextText.slice(indent);
    if (indent > parentIndent || (indent === parentIndent && (content === "-" || content.startsWith("- ")))) {
      return this.nodeAt(next, indent);
    }
    return undefined; // an empty value
  }

  private member(
    node: BlockNode,
    segment: string,
  ): { offset: number; value: ReturnType<YamlLocator["nodeAt"]> } | undefined | "unknown" {
    for (let i = node.line; i < this.starts.length; i++) {
      let col: number;
      if (i === node.line) col = node.indent;
      else {
        const indent = this.indentAt(i);
        if (indent === -1) continue;
        if (indent === undefined) return "unknown";
        if (indent > node.indent) continue;
        if (indent < node.indent) return undefined;
        col = indent;
      }
      const text = this.lineText(i);
      const rest = text.slice(col);
      if (rest === "-" || rest.startsWith("- ")) continue; // a sequence at its key's column
      if (rest.startsWith("---") || rest.startsWith("...")) return undefined;
      const key = this.keyAt(rest);
      if (key === undefined || key === "unknown") return "unknown";
      if (key.key !== segment) continue;
      const colon = rest.indexOf(":", key.end);
      return { offset: this.starts[i]! + col, value: this.valueAfter(i, col + colon + 1, node.indent) };
    }
    return undefined;
  }

  private item(
    node: BlockNode,
    segment: string,
  ): { offset: number; value: ReturnType<YamlLocator["nodeAt"]> } | undefined | "unknown" {
    if (!/^(?:0|[1-9][0-9]*)$/.test(segment)) return undefined;
    let index = Number(segment);
    for (let i = node.line; i < this.starts.length; i++) {
      const indent = i === node.line ? node.indent : this.indentAt(i);
      if (indent === -1) continue;
      if (indent === undefined) return "unknown";
      if (indent > node.indent) continue;
      if (indent < node.indent) return undefined;
      const text = this.lineText(i);
      const rest = text.slice(indent);
      if (rest !== "-" && !rest.startsWith("- ")) return undefined; // the key after a sequence at its column
      if (index-- > 0) continue;
      const inline = rest.slice(1).replace(/^[ ]+/, "");
      if (inline === "" || inline.startsWith("#")) {
        // The item's content starts on a later line.
        const next = this.nextContent(i + 1);
        if (next === undefined) return "unknown";
        const nextText = this.lineText(next);
        const nextIndent = this.indentOf(nextText);
        if (nextIndent === undefined || nextIndent <= node.indent) return "unknown";
        return { offset: this.starts[next]! + nextIndent, value: this.nodeAt(next, nextIndent) };
      }
      const col = text.length - inline.length;
      const value = this.nodeAt(i, col);
      return { offset: this.starts[i]! + col, value };
    }
    return undefined;
  }
}
