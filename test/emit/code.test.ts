// Emit stage, generated code as a type: what the `code` tagged template pastes and what it quotes.
import { describe, expect, it } from "vitest";
import { block, code, id, join, json, lines, paragraphs } from "../../generator/emit/code.js";

describe("code", () => {
  it.each([
    ["a plain string", "city", 'fail(["city"])'],
    ["a quote and a backslash", 'a"b\\c', 'fail(["a\\"b\\\\c"])'],
    ["a closing comment and a script tag", "*/</script>", 'fail(["*/</script>"])'],
    ["line and paragraph separators", "a\u2028b\u2029c", 'fail(["a\\u2028b\\u2029c"])'],
    ["a template literal's syntax", "${process.exit()}`", 'fail(["${process.exit()}`"])'],
  ])("a value from the spec is a literal: %s", (_, value, want) => {
    expect(code`fail([${value}])`.text).toBe(want);
  });

  it("numbers, booleans and null are written as literals; non-finite numbers are refused", () => {
    expect(code`${5} ${-0} ${1.5e-7} ${true} ${null}`.text).toBe("5 -0 1.5e-7 true null");
    expect(() => code`${Number.NaN}`).toThrow(/no literal/);
    expect(() => code`${Infinity}`).toThrow(/no literal/);
  });

  it("Code is pasted as it is, and only the naming rules make identifiers", () => {
    const name = id("checkUser");
    expect(code`${name}(v)`.text).toBe("checkUser(v)");
    expect(() => id("a b")).toThrow(/not an identifier/);
    expect(() => id("x);alert(1);(")).toThrow(/not an identifier/);
    expect(json({ a: [1, "b"] }).text).toBe('{"a":[1,"b"]}');
  });

  it("joins, lines, paragraphs and blocks drop empty pieces", () => {
    const empty = code``;
    expect(join([code`a`, empty, code`b`], " || ").text).toBe("a || b");
    expect(lines(code`a;`, empty, code`b;`).text).toBe("a;\nb;");
    expect(paragraphs(code`f() {}`, empty, code`g() {}`).text).toBe("f() {}\n\ng() {}");
    expect(block(code`a;`, code`if (x) ${block(code`b;`)}`).text).toBe("{\n    a;\n    if (x) {\n        b;\n    }\n}");
    expect(block(empty).text).toBe("{}");
  });
});
