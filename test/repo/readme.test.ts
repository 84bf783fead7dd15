// The README's TypeScript is checked: every ```ts block is compiled under --strict against the
// committed Users output (generated/argyle-users), each block a module of its own. A block meant to
// be partial starts with `// partial:` and says why; it is not compiled.
import fs from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, scratch, typecheck } from "../helpers.js";

const README = await fs.readFile(path.join(ROOT, "README.md"), "utf8");
const BLOCKS = [...README.matchAll(/```ts\n([\s\S]*?)```/g)].map((m, i) => ({
  line: README.slice(0, m.index).split("\n").length + 1,
  text: m[1]!,
  index: i,
}));

describe("the README's TypeScript", () => {
  it("has blocks, each complete or marked partial", () => {
    expect(BLOCKS.length).toBeGreaterThan(5);
  });

  it("compiles under --strict against the committed Users output", async () => {
    const dir = await scratch({ "package.json": '{ "type": "module" }\n' });
    await fs.symlink(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
    await fs.cp(path.join(ROOT, "generated", "argyle-users"), path.join(dir, "generated", "argyle-users"), {
      recursive: true,
    });
    const files: string[] = [];
    for (const block of BLOCKS) {
      if (block.text.startsWith("// partial:")) continue;
      const file = path.join(dir, `readme-${block.line}.ts`);
      await fs.writeFile(file, `${block.text}\nexport {};\n`);
      files.push(file);
    }
    // Node's types too: the examples read credentials from process.env (as `process.env.X`, which
    // noPropertyAccessFromIndexSignature would refuse in the examples, not in the output they use).
    const problems = typecheck(files, {
      noUnusedLocals: false,
      noUnusedParameters: false,
      noPropertyAccessFromIndexSignature: false,
      types: ["node"],
    });
    // Name each problem by the README line of its block.
    expect(
      problems.map((p) =>
        p.replace(/^.*readme-(\d+)\.ts:(\d+)/, (_, l, n) => `README.md:${Number(l) + Number(n) - 1}`),
      ),
    ).toEqual([]);
  });
});
