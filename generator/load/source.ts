// One source file of a spec: its parsed value and a way back from a JSON pointer to `file:line:col`.
import { createRequire } from "node:module";
import type { Document, LineCounter, Node } from "yaml";
import { type SourceLocation, UserError } from "../errors.js";

import { LIMIT_OPTIONS, type LoadLimits } from "./limits.js";
import { LineStarts } from "./lines.js";
import { pointerSegments, toPointer } from "./pointer.js";
import { fastYamlValue, YamlLocator } from "./yaml-fast.js";

export { DEFAULT_LIMITS, LIMIT_OPTIONS, type LoadLimits } from "./limits.js";
export { pointerSegments, toPointer } from "./pointer.js";

const require = createRequire(import.meta.url);
/** The positional YAML parser, loaded when a file needs it (yaml-fast.ts reads most specs). */
const yaml = () => require("yaml") as typeof import("yaml");

function tooDeep(limits: LoadLimits): string {
  return (
    `the document nests deeper than ${limits.maxDepth} levels (the maxDepth limit): move deep inline schemas into components, ` +
    `or raise the limit with ${LIMIT_OPTIONS.maxDepth} if the document is trusted`
  );
}

/** The offset where JSON text first nests deeper than `max` (strings skipped), or -1. Linear, no recursion. */
function jsonTooDeepAt(text: string, max: number): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return i;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return -1;
}

/**
 * The pointer of the first value nested deeper than `max` levels, or undefined. Recursion stops at
 * `max` levels; the path is one array, pushed and popped.
 */
function tooDeepPointer(value: unknown, max: number): string | undefined {
  const path: string[] = [];
  const visit = (node: unknown): boolean => {
    if (node === null || typeof node !== "object") return false;
    if (path.length >= max) return true;
    for (const key in node) {
      path.push(key);
      if (visit((node as Record<string, unknown>)[key])) return true;
      path.pop();
    }
    return false;
  };
  return visit(value) ? toPointer(path) : undefined;
}

export interface ParsedSource {
  /** The file's name as shown in messages. */
  readonly display: string;
  readonly value: unknown;
  /** Where the value at `pointer` (RFC 6901) is written; the nearest enclosing node when it is not. */
  locate(pointer: string): SourceLocation;
}

/** Parses YAML or JSON text. Errors carry the file's location; alias bombs fail fast. */
export function parseSource(display: string, text: string, limits: LoadLimits): ParsedSource {
  if (text.trim() === "") {
    throw new UserError("the file is empty: expected an OpenAPI document (YAML or JSON)", {
      file: display,
      line: 1,
      col: 1,
    });
  }
  if (/^\s*[[{]/.test(text)) {
    const deep = jsonTooDeepAt(text, limits.maxDepth);
    if (deep >= 0) throw new UserError(tooDeep(limits), { file: display, ...new LineStarts(text).lineCol(deep) });
    // JSON: the fast parser first; YAML's positions are only built if a message needs one.
    try {
      const value: unknown = JSON.parse(text);
      const locator = new JsonLocator(text);
      return {
        display,
        value,
        locate: (pointer) => ({ file: display, ...locator.lineCol(locator.offset(pointerSegments(pointer))) }),
      };
    } catch {
      // Not strict JSON: YAML (a superset) either accepts it or reports where it fails.
    }
  }
  const fast = fastYamlValue(text);
  const source = fast ? fastYamlSource(display, text, limits, fast.value) : parseYaml(display, text, limits);
  const deep = tooDeepPointer(source.value, limits.maxDepth);
  if (deep !== undefined) throw new UserError(tooDeep(limits), source.locate(deep));
  return source;
}

/**
 * Positions in JSON text without building them all: each lookup walks the text along the pointer,
 * skipping the members it passes over (a tight character loop), so a warning on GitHub's 12 MB spec
 * costs milliseconds instead of a positional parse of the whole file (seconds). Same answer as the
 * YAML path: a member's key, an array item, or the nearest ancestor found.
 */
class JsonLocator {
  private lines: LineStarts | undefined;
  /** An object's members (key -> offset of the key), by the offset of its `{`, scanned once each. */
  private readonly objects = new Map<number, Map<string, number>>();
  /** An array's items (their offsets), by the offset of its `[`. */
  private readonly arrays = new Map<number, number[]>();

  constructor(private readonly text: string) {}

  offset(segments: string[]): number {
    const t = this.text;
    let i = this.space(0);
    let found = i;
    for (const segment of segments) {
      if (t[i] === "{") {
        const keyStart = this.members(i).get(segment);
        if (keyStart === undefined) return found;
        found = keyStart;
        i = this.space(this.space(this.skipString(keyStart)) + 1); // past ":"
      } else if (t[i] === "[") {
        if (!/^\d+$/.test(segment)) return found;
        const item = this.items(i)[Number(segment)];
        if (item === undefined) return found;
        found = i = item;
      } else return found;
    }
    return found;
  }

  /** The members of the object at `start` (the first of a repeated key, as before). */
  private members(start: number): Map<string, number> {
    let members = this.objects.get(start);
    if (members) return members;
    members = new Map();
    const t = this.text;
    let i = this.space(start + 1);
    while (t[i] === '"') {
      const keyStart = i;
      const keyEnd = this.skipString(i);
      const raw = t.slice(keyStart + 1, keyEnd - 1);
      const key = raw.includes("\\") ? (JSON.parse(t.slice(keyStart, keyEnd)) as string) : raw;
      if (!members.has(key)) members.set(key, keyStart);
      i = this.space(this.space(keyEnd) + 1); // past ":"
      i = this.space(this.skipValue(i));
      if (t[i] === ",") i = this.space(i + 1);
    }
    this.objects.set(start, members);
    return members;
  }

  /** The offsets of the items of the array at `start`. */
  private items(start: number): number[] {
    let items = this.arrays.get(start);
    if (items) return items;
    items = [];
    const t = this.text;
    let i = this.space(start + 1);
    while (i < t.length && t[i] !== "]") {
      items.push(i);
      i = this.space(this.skipValue(i));
      if (t[i] === ",") i = this.space(i + 1);
      else break;
    }
    this.arrays.set(start, items);
    return items;
  }

  /** 1-based line and column of an offset (the line starts indexed on first use). */
  lineCol(offset: number): { line: number; col: number } {
    this.lines ??= new LineStarts(this.text);
    return this.lines.lineCol(offset);
  }

  private space(i: number): number {
    const t = this.text;
    for (let c = t.charCodeAt(i); c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09; c = t.charCodeAt(++i));
    return i;
  }

  /** The offset after the string starting at `i` (its opening quote). */
  private skipString(i: number): number {
    const t = this.text;
    // The next quote not escaped: one with an even run of backslashes before it (native search).
    for (let quote = t.indexOf('"', i + 1); quote >= 0; quote = t.indexOf('"', quote + 1)) {
      let backslashes = 0;
      while (t.charCodeAt(quote - 1 - backslashes) === 0x5c) backslashes++;
      if (backslashes % 2 === 0) return quote + 1;
    }
    return t.length;
  }

  /** The offset after the value starting at `i`. */
  private skipValue(i: number): number {
    const t = this.text;
    const first = t.charCodeAt(i);
    if (first === 0x22) return this.skipString(i);
    if (first === 0x7b || first === 0x5b) {
      // Only quotes and brackets matter inside a container: a native scan from one to the next.
      const special = /["[\]{}]/g;
      special.lastIndex = i;
      let depth = 0;
      for (let m = special.exec(t); m !== null; m = special.exec(t)) {
        const c = t.charCodeAt(m.index);
        if (c === 0x22) special.lastIndex = this.skipString(m.index);
        else if (c === 0x7b || c === 0x5b) depth++;
        else if (--depth === 0) return m.index + 1;
      }
      return t.length;
    }
    while (i < t.length && !",}] \n\r\t".includes(t[i]!)) i++;
    return i;
  }
}

/** The offset of the first quoted scalar the YAML tokenizer found without its closing quote. */
function unterminatedQuote(text: string): number | undefined {
  let found: number | undefined;
  const walk = (node: unknown): void => {
    if (found !== undefined || node === null || typeof node !== "object") return;
    const token = node as { type?: unknown; offset?: unknown; source?: unknown };
    if (
      (token.type === "double-quoted-scalar" || token.type === "single-quoted-scalar") &&
      typeof token.source === "string" &&
      typeof token.offset === "number"
    ) {
      const quote = token.source[0]!;
      const closed = token.source.length > 1 && token.source.endsWith(quote);
      if (!closed) found = token.offset;
      return;
    }
    for (const value of Object.values(node)) walk(value);
  };
  for (const token of new (yaml().Parser)().parse(text)) walk(token);
  return found;
}

class YamlSource implements ParsedSource {
  constructor(
    readonly display: string,
    readonly value: unknown,
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  locate(pointer: string): SourceLocation {
    const offset = findOffset(this.doc, pointerSegments(pointer));
    const { line, col } = this.lines.linePos(offset);
    return { file: this.display, line, col };
  }
}

/**
 * YAML read by js-yaml, located by walking the text (yaml-fast.ts); where the walk cannot answer,
 * the positional parse is made once, then.
 */
function fastYamlSource(display: string, text: string, limits: LoadLimits, value: unknown): ParsedSource {
  const locator = new YamlLocator(text);
  let positional: ParsedSource | undefined;
  return {
    display,
    value,
    locate: (pointer) => {
      const offset = locator.offset(pointerSegments(pointer));
      if (offset !== undefined) return { file: display, ...locator.lineCol(offset) };
      positional ??= parseYaml(display, text, limits);
      return positional.locate(pointer);
    },
  };
}

/** YAML read by the positional parser: every node's place kept, and every error located. */
export function parseYaml(display: string, text: string, limits: LoadLimits): ParsedSource {
  const lines = new (yaml().LineCounter)();
  let doc: Document;
  try {
    doc = yaml().parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  } catch (error) {
    // The YAML parser recurses per nesting level: a hostile depth overflows it before any check can run.
    if (error instanceof RangeError) throw new UserError(tooDeep(limits), { file: display, line: 1, col: 1 });
    throw error;
  }
  const problem = doc.errors[0];
  if (problem) {
    // An unterminated quoted string is reported where the file ends; the person fixing it needs
    // where the string opens.
    const opening = /^Missing closing ["']quote/.test(problem.message) ? unterminatedQuote(text) : undefined;
    const at = opening !== undefined ? lines.linePos(opening) : (problem.linePos?.[0] ?? { line: 1, col: 1 });
    if (/call stack/i.test(problem.message))
      throw new UserError(tooDeep(limits), { file: display, line: at.line, col: at.col });
    const what = problem.message.split("\n")[0] ?? problem.message;
    const message =
      opening !== undefined
        ? `invalid YAML: the quoted string that starts here is never closed: add its closing ${text[opening]}`
        : `invalid YAML: ${what.replace(/ at line \d+, column \d+:?$/, "")}`;
    throw new UserError(message, {
      file: display,
      line: at.line,
      col: at.col,
    });
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: limits.maxAliasCount });
  } catch (error) {
    if (error instanceof RangeError) throw new UserError(tooDeep(limits), { file: display, line: 1, col: 1 });
    const message = error instanceof Error ? error.message : String(error);
    if (/alias/i.test(message)) {
      const anchor = firstAliasOffset(doc);
      const { line, col } = lines.linePos(anchor);
      throw new UserError(
        `YAML aliases expand past the limit of ${limits.maxAliasCount} (an alias bomb?): ` +
          `write the repeated parts out, or raise the limit with ${LIMIT_OPTIONS.maxAliasCount} if the document is trusted`,
        { file: display, line, col },
      );
    }
    throw new UserError(`invalid YAML: ${message}`, { file: display, line: 1, col: 1 });
  }
  return new YamlSource(display, value, doc, lines);
}

function firstAliasOffset(doc: Document): number {
  const { isMap, isPair, isSeq } = yaml();
  let found = 0;
  const visit = (node: unknown): boolean => {
    if (isMap(node) || isSeq(node)) {
      for (const item of node.items) if (visit(item)) return true;
      return false;
    }
    if (isPair(node)) return visit(node.key) || visit(node.value);
    if (node && typeof node === "object" && "source" in node && (node as { type?: string }).type === "ALIAS") {
      found = (node as Node).range?.[0] ?? 0;
      return true;
    }
    return false;
  };
  visit(doc.contents);
  return found;
}

/** The offset of the node at `segments`: a map member's key, a sequence item, or the nearest ancestor. */
function findOffset(doc: Document, segments: string[]): number {
  const { isMap, isScalar, isSeq } = yaml();
  let node: unknown = doc.contents;
  let offset = (node as Node | null)?.range?.[0] ?? 0;
  for (const segment of segments) {
    if (isMap(node)) {
      const pair = node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === segment);
      if (!pair) break;
      offset = (pair.key as Node | null)?.range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)];
      if (!/^\d+$/.test(segment) || item === undefined) break;
      offset = (item as Node).range?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset;
}
