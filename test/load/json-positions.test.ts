// JSON specs are parsed with JSON.parse and located by walking the text along the pointer
// (load/source.ts, JsonLocator); the answers must be the YAML parser's, which reads JSON too.
import fs from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS, parseSource } from "../../generator/load/source.js";
import { CORPUS } from "../helpers.js";
import { pointers } from "./pointers.js";

const NOWHERE = ["/nope", "/paths/nope/x", "/info/title/deeper", "/tags/99"];

/** The same text located through the YAML path (a comment first makes it YAML) and the JSON path. */
function bothWays(text: string) {
  const json = parseSource("spec.json", text, DEFAULT_LIMITS);
  const yaml = parseSource("spec.json", `# as YAML\n${text}`, DEFAULT_LIMITS);
  return (pointer: string) => {
    const a = json.locate(pointer);
    const b = yaml.locate(pointer);
    return [a, { ...b, line: b.line - 1 }];
  };
}

describe("JSON positions", () => {
  it("match the YAML parser's for every pointer of a real spec", async () => {
    const text = await fs.readFile(path.join(CORPUS, "apisguru-spotify.json"), "utf8");
    const locate = bothWays(text);
    const all = pointers(JSON.parse(text), 4000, NOWHERE);
    expect(all.length).toBeGreaterThan(3000);
    for (const pointer of all) {
      const [json, yaml] = locate(pointer);
      expect(json, pointer).toEqual(yaml);
    }
  });

  it("handle escaped keys, strings with brackets and quotes, nested arrays and minified text", () => {
    const doc = {
      "a/b~c": { 'é "q"': [1, [2, { deep: 'x]}\\"{' }], { k: null }] },
      list: [[], {}, "s", true, -1.5e3],
      "": { "\n": 0 },
      // Quotes after runs of backslashes: an even run ends the string, an odd run escapes the quote.
      "k\\": { back: "tail\\", '\\"': ["\\\\", '\\"]'] },
    };
    for (const text of [JSON.stringify(doc, null, 2), JSON.stringify(doc), JSON.stringify(doc, null, "\t")]) {
      const locate = bothWays(text);
      for (const pointer of pointers(doc, 100, NOWHERE)) {
        const [json, yaml] = locate(pointer);
        expect(json, `${pointer} in ${text.slice(0, 20)}`).toEqual(yaml);
      }
    }
  });
});
