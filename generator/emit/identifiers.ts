// The identifiers of JavaScript/TypeScript text, as a scanner reads them: not the words inside
// strings, comments or regular expressions. runtime.ts keeps the runtime helpers the generated code
// names; this is what reads the names, over megabytes of generated code on large specs, without
// loading TypeScript (its scanner gives the same sets: test/emit/identifiers.test.ts).

const IDENTIFIER = /[\p{ID_Start}$_\\](?:[\p{ID_Continue}$\\]|\u200c|\u200d)*/uy;
const NUMBER = /(?:0[xXoObB][\da-fA-F_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d+)?)n?/y;
/** Words after which `/` starts a regular expression, not a division. */
const BEFORE_EXPRESSION = new Set([
  "return",
  "typeof",
  "instanceof",
  "in",
  "of",
  "new",
  "delete",
  "void",
  "throw",
  "case",
  "do",
  "else",
  "yield",
  "await",
]);

/**
 * The identifiers of `text`; with `wanted`, only those of them in `wanted` (the same answer filtered,
 * without slicing out the words that cannot be wanted, which is most of the time on megabytes of code).
 */
export function identifiersOf(text: string, wanted?: ReadonlySet<string>): Set<string> {
  const names = new Set<string>();
  // Which words are sliced out: those that may be wanted (by length and first letter) or may be a
  // keyword before an expression (BEFORE_EXPRESSION decides what a following `/` is).
  const sliced = wanted && new Set([...wanted, ...BEFORE_EXPRESSION].map((w) => w.length * 0x10000 + w.charCodeAt(0)));
  /** What a `}` closes: a block, or a `${` of a template literal. */
  const braces: ("block" | "template")[] = [];
  /** Whether a `/` here divides (after a value) or starts a regular expression. */
  let afterValue = false;
  let i = 0;
  const n = text.length;
  const templateRest = () => {
    // From inside a template literal to its end (`) or its next `${`.
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x5c) i++;
      else if (c === 0x60) {
        i++;
        afterValue = true;
        return;
      } else if (c === 0x24 && text.charCodeAt(i + 1) === 0x7b) {
        i += 2;
        braces.push("template");
        afterValue = false;
        return;
      }
    }
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
      i++;
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2f) {
      const end = text.indexOf("\n", i);
      i = end < 0 ? n : end;
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2a) {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? n : end + 2;
    } else if (c === 0x22 || c === 0x27) {
      for (i++; i < n && text.charCodeAt(i) !== c && text.charCodeAt(i) !== 0x0a; i++) {
        if (text.charCodeAt(i) === 0x5c) i++;
      }
      i++;
      afterValue = true;
    } else if (c === 0x60) {
      i++;
      templateRest();
    } else if (c === 0x2f) {
      if (afterValue) {
        i++;
        afterValue = false;
        continue;
      }
      // A regular expression literal: to its closing `/` outside a class, then its flags.
      let inClass = false;
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x5b) inClass = true;
        else if (d === 0x5d) inClass = false;
        else if ((d === 0x2f && !inClass) || d === 0x0a) break;
      }
      i++;
      while (i < n && text.charCodeAt(i) >= 0x61 && text.charCodeAt(i) <= 0x7a) i++;
      afterValue = true;
    } else if (c === 0x7b) {
      braces.push("block");
      i++;
      afterValue = false;
    } else if (c === 0x7d) {
      i++;
      if (braces.pop() === "template") templateRest();
      else afterValue = true;
    } else if (c === 0x29 || c === 0x5d) {
      i++;
      afterValue = true;
    } else if (c >= 0x30 && c <= 0x39) {
      NUMBER.lastIndex = i;
      i = NUMBER.exec(text) ? NUMBER.lastIndex : i + 1;
      afterValue = true;
    } else if (c === 0x2b || c === 0x2d) {
      // `++`/`--` after a value keep it a value (`i++ / 2`).
      if (text.charCodeAt(i + 1) === c) {
        i += 2;
      } else {
        i++;
        afterValue = false;
      }
    } else if (isAsciiStart(c)) {
      // ASCII identifiers (nearly all) without the regex; a non-ASCII part hands over to it.
      const start = i;
      for (i++; i < n && isAsciiPart(text.charCodeAt(i)); i++);
      if (i < n && text.charCodeAt(i) > 0x7f) {
        IDENTIFIER.lastIndex = start;
        IDENTIFIER.exec(text);
        i = IDENTIFIER.lastIndex;
      }
      if (sliced && !sliced.has((i - start) * 0x10000 + text.charCodeAt(start))) {
        afterValue = true;
        continue;
      }
      const word = text.slice(start, i);
      if (!wanted || wanted.has(word)) names.add(word);
      afterValue = !BEFORE_EXPRESSION.has(word);
    } else {
      IDENTIFIER.lastIndex = i;
      if (c > 0x7f && IDENTIFIER.exec(text)) {
        const word = text.slice(i, IDENTIFIER.lastIndex);
        if (!wanted || wanted.has(word)) names.add(word);
        i = IDENTIFIER.lastIndex;
        afterValue = !BEFORE_EXPRESSION.has(word);
      } else {
        i++;
        afterValue = false;
      }
    }
  }
  return names;
}

/** `A-Z a-z $ _`, and `\` (an escaped identifier). */
function isAsciiStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x24 || c === 0x5f || c === 0x5c;
}

function isAsciiPart(c: number): boolean {
  return isAsciiStart(c) || (c >= 0x30 && c <= 0x39);
}
