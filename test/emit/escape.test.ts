// Emit stage, escaping: the helpers every spec string goes through on its way into generated code.
import { describe, expect, it } from "vitest";
import { commentText, jsonTemplate, jsonText, literal, propertyKey } from "../../generator/emit/escape.js";

describe("escaping helpers", () => {
  it.each([
    ["plain", "plain"],
    ["with-dash", '"with-dash"'],
    ["200", '"200"'],
    ['q"uote', '"q\\"uote"'],
    ["line\u2028sep", '"line\\u2028sep"'],
    ["$ok_1", "$ok_1"],
  ])("propertyKey(%j) = %s", (name, want) => expect(propertyKey(name)).toBe(want));

  it("literal escapes what JSON leaves raw", () => {
    expect(literal("a\u2029b</script>`${x}`")).toBe('"a\\u2029b</script>`${x}`"');
  });

  it("jsonText is a string literal whose JSON.parse gives the value back, whatever it holds", () => {
    const value = {
      a: "it's \\ a \"q\" '); alert(1); ('",
      b: ["\u2028\u2029", "\n\r\t\u0000", "</script>"],
      c: [1.5, null, true],
    };
    const text = jsonText(value);
    expect(text).toMatch(/^'[^\n\r\u2028\u2029]*'$/);
    // The literal as JavaScript source: one string expression, nothing else runs.
    expect(JSON.parse(new Function(`return ${text};`)() as string)).toEqual(value);
  });

  it("jsonTemplate is a template literal whose JSON.parse gives the value back, whatever it holds", () => {
    const value = { s: "`${globalThis.pwned = 1}` \\` \\${x} \\\\ \u2028\u2029 \r\n\t \u0000 </script> '\"", n: -5e-8 };
    const text = jsonTemplate(value, "    ");
    expect(text).toMatch(/^`[^\u2028\u2029]*`$/);
    expect(text.split("\n").filter((line, i) => i > 0 && !line.startsWith("    "))).toEqual([]);
    expect(JSON.parse(new Function(`return ${text};`)() as string)).toEqual(value);
    expect((globalThis as { pwned?: number }).pwned).toBeUndefined();
  });

  it("commentText cannot close its comment", () => {
    expect(commentText("a */ b\r\nc\u2028d  \n\n")).toBe("a *\\/ b\nc\nd");
  });
});
