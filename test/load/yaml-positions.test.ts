// YAML specs are read by js-yaml and located by walking the text along the pointer
// (load/yaml-fast.ts); values and positions must be the positional YAML parser's.
import fs from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS, parseSource, parseYaml } from "../../generator/load/source.js";
import { fastYamlValue, YamlLocator } from "../../generator/load/yaml-fast.js";
import { CORPUS } from "../helpers.js";
import { ROOT } from "../paths.js";
import { pointers } from "./pointers.js";

const SPECS = path.join(ROOT, "specs");

const NOWHERE = ["/nope", "/paths/nope/x", "/info/title/deeper", "/tags/99", "/servers/0/url/x"];

async function yamlFiles(): Promise<string[]> {
  const corpus = (await fs.readdir(CORPUS)).filter((f) => /\.ya?ml$/.test(f)).map((f) => path.join(CORPUS, f));
  const specs = (await fs.readdir(SPECS)).filter((f) => /\.ya?ml$/.test(f)).map((f) => path.join(SPECS, f));
  return [...corpus, ...specs];
}

describe("YAML read fast", () => {
  it("gives the positional parser's value and positions for every pointer of every YAML spec", async () => {
    const files = await yamlFiles();
    expect(files.length).toBeGreaterThan(10);
    let walked = 0;
    for (const file of files) {
      const text = await fs.readFile(file, "utf8");
      const slow = parseYaml("spec.yaml", text, DEFAULT_LIMITS);
      const fast = fastYamlValue(text);
      if (!fast) continue; // aliases: read by the positional parser
      expect(fast.value, file).toEqual(slow.value);
      const locator = new YamlLocator(text);
      for (const pointer of pointers(slow.value, 6000, NOWHERE)) {
        const segments =
          pointer === ""
            ? []
            : pointer
                .slice(1)
                .split("/")
                .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
        const offset = locator.offset(segments);
        if (offset === undefined) continue;
        walked++;
        const { line, col } = locator.lineCol(offset);
        expect({ line, col }, `${path.basename(file)} ${pointer}`).toEqual({
          line: slow.locate(pointer).line,
          col: slow.locate(pointer).col,
        });
      }
    }
    expect(walked).toBeGreaterThan(30_000);
  });

  it("reads scalars as YAML 1.2's core schema does, not as YAML 1.1", () => {
    const text = [
      "a: 0b101",
      "b: 1_000",
      "c: 2001-12-14",
      "d: 0o17",
      "e: 0x1F",
      "f: .inf",
      "g: -.INF",
      "h: .NaN",
      "i: 1e3",
      "j: yes",
      "k: ~",
      "l: Null",
      "m: TRUE",
      "n: 012",
      "o: +12",
      "p: .5",
      "q: 1.",
      "<<: {x: 1}",
    ].join("\n");
    const fast = fastYamlValue(text)!.value;
    expect(fast).toEqual(parseYaml("x.yaml", text, DEFAULT_LIMITS).value);
    expect(fast).toMatchObject({ a: "0b101", b: "1_000", c: "2001-12-14", d: 15, e: 31, j: "yes", n: 12 });
  });

  it("leaves aliases of collections, tags and invalid YAML to the positional parser", () => {
    expect(fastYamlValue("a: &x [1]\nb: *x\n")).toBeUndefined();
    expect(fastYamlValue("a: !!binary aGk=\n")).toBeUndefined();
    expect(fastYamlValue("a: 1\na: 2\n")).toBeUndefined();
    expect(fastYamlValue("%YAML 1.1\n---\na: yes\n")).toBeUndefined();
    expect(fastYamlValue("a: &x 1\nb: *x\n")).toEqual({ value: { a: 1, b: 1 } });
    // js-yaml runs an unclosed quote on to the next quote; the positional parser refuses it.
    const unclosed = 'a:\n  b: "open\nc: 1\nd: "x"\n';
    expect(fastYamlValue(unclosed)).toBeUndefined();
    expect(() => parseSource("x.yaml", unclosed, DEFAULT_LIMITS)).toThrow(/never closed/);
  });

  it("locates keys in compact sequences, quoted keys, block scalars and comments", () => {
    const text = [
      "# comment",
      "---",
      "openapi: 3.0.3",
      "info:",
      "  description: |",
      "    a: not a key",
      "    - not an item",
      "  title: x",
      "tags:",
      "- name: one",
      "  description: >-",
      "    folded",
      "-",
      "  name: two",
      "paths:",
      "  '/a''b':",
      '    "get":',
      "      responses:",
      "        200: {description: ok}",
      "        4XX:",
      "          description: bad",
    ].join("\n");
    const slow = parseYaml("x.yaml", text, DEFAULT_LIMITS);
    const located = parseSource("x.yaml", text, DEFAULT_LIMITS);
    const locator = new YamlLocator(text);
    for (const pointer of pointers(slow.value, 100, NOWHERE)) {
      expect(located.locate(pointer), pointer).toEqual(slow.locate(pointer));
    }
    expect(locator.offset(["paths", "/a'b", "get", "responses", "4XX", "description"])).toBeDefined();
    // Into a flow collection: the positional parser answers.
    expect(locator.offset(["paths", "/a'b", "get", "responses", "200", "description"])).toBeUndefined();
    expect(located.locate("/paths/~1a'b/get/responses/200/description")).toEqual(
      slow.locate("/paths/~1a'b/get/responses/200/description"),
    );
  });
});
