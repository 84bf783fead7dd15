// The repository carries what its tests read: the real-world specs are here, unchanged (their hashes
// match SHA256SUMS, and MANIFEST.md lists exactly them), and no source, test, bench or script reaches
// outside the repository for files.
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CORPUS, ROOT } from "../paths.js";

describe("test/corpus", () => {
  it("every spec is listed in SHA256SUMS and MANIFEST.md, and unchanged", async () => {
    const files = (await fs.readdir(CORPUS)).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();
    const sums = (await fs.readFile(path.join(CORPUS, "SHA256SUMS"), "utf8"))
      .trim()
      .split("\n")
      .map((line) => line.split(/\s+\*?/));
    const manifest = await fs.readFile(path.join(CORPUS, "MANIFEST.md"), "utf8");
    expect(sums.map(([, name]) => name)).toEqual(files);
    expect(files.length).toBeGreaterThan(10);
    for (const [sum, name] of sums) {
      const bytes = await fs.readFile(path.join(CORPUS, name!));
      expect({ name, sum: createHash("sha256").update(bytes).digest("hex") }).toEqual({ name, sum });
      expect(manifest).toContain(`| ${name} |`);
    }
  });
});

describe("test/json-schema-suite", () => {
  it("every case file is listed in SHA256SUMS and unchanged from the suite", async () => {
    const dir = path.join(ROOT, "test", "json-schema-suite");
    const walk = async (rel: string): Promise<string[]> =>
      (
        await Promise.all(
          (
            await fs.readdir(path.join(dir, rel), { withFileTypes: true })
          ).map((e) =>
            e.isDirectory()
              ? walk(path.posix.join(rel, e.name))
              : e.name.endsWith(".json")
                ? [path.posix.join(rel, e.name)]
                : [],
          ),
        )
      ).flat();
    const files = (await walk("")).sort();
    const sums = (await fs.readFile(path.join(dir, "SHA256SUMS"), "utf8"))
      .trim()
      .split("\n")
      .map((line) => line.split(/\s+\*?/));
    expect(sums.map(([, name]) => name).sort()).toEqual(files);
    expect(files.length).toBeGreaterThan(60);
    for (const [sum, name] of sums) {
      const bytes = await fs.readFile(path.join(dir, name!));
      expect({ name, sum: createHash("sha256").update(bytes).digest("hex") }).toEqual({ name, sum });
    }
  });
});

describe("nothing reads outside the repository", () => {
  async function sources(dir: string): Promise<string[]> {
    const out: string[] = [];
    for (const entry of await fs.readdir(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        // Fixtures, snapshots and dot folders (bench/.cache holds the bench's 13 MB download) are data.
        if (!["corpus", "json-schema-suite", "__snapshots__"].includes(entry.name) && !entry.name.startsWith("."))
          out.push(...(await sources(rel)));
      } else if (/\.(ts|mjs|js|json|hbs)$/.test(entry.name)) out.push(rel);
    }
    return out;
  }

  it("no path in generator/, templates/, test/, bench/, examples/, .ci/ or package.json climbs above the clone", async () => {
    const files = [
      ...(await Promise.all(["generator", "templates", "test", "bench", "examples"].map(sources))).flat(),
      "package.json",
      ".ci/run",
      "vitest.config.ts",
    ];
    const climbing: string[] = [];
    for (const file of files) {
      const text = await fs.readFile(path.join(ROOT, file), "utf8");
      text.split("\n").forEach((line, i) => {
        // A relative path in a string, resolved from the file's folder; and a join that climbs from the root.
        const relative = [...line.matchAll(/["'`]((?:\.\.\/)+[^"'`]*)["'`]/g)].map((m) => m[1]!);
        const leaves = relative.some((r) => !path.resolve(ROOT, path.dirname(file), r).startsWith(ROOT + path.sep));
        if (leaves || /path\.(?:resolve|join)\((?:ROOT|root),\s*["']\.\.["']/.test(line))
          climbing.push(`${file}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(climbing).toEqual([]);
  });
});
