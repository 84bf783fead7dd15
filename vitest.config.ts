// Two tiers. `unit`: test files in subfolders of test/ (they mirror generator/: load, model, emit,
// runtime, plus the repository's own checks), table-driven and fast, run by `npm run test:unit`.
// `e2e`: test files at the top of test/, which generate, type-check, import and run whole APIs
// (real HTTP servers, Deno, Bun, Chromium, the packed CLI, the build setups). `builds`: test/builds/,
// the setups whose tools (Node 24, Jest) install apart (test/builds/install.mjs). `npm test` runs all
// three; `npm run test:builds` the last alone. `frameworks`: test/frameworks/, each framework's own
// scaffold built and run (`npm run test:frameworks`, which CI runs after `npm test`).
import os from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The longest files, longest first. Vitest orders a fresh clone's files by size, which would start
 * the corpus (the longest by far, from a small file) last and leave the other cores idle at the end.
 */
const LONGEST = [
  "corpus-large",
  "corpus",
  "quick-start",
  "differential",
  "pack",
  "bad-input",
  "hostile",
  "generated",
].map((name) => `${name}.test.ts`);

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (spec: TestSpecification) => {
      const i = LONGEST.indexOf(path.basename(spec.moduleId));
      return i === -1 ? LONGEST.length : i;
    };
    return (await super.sort(files))
      .map((spec, i) => ({ spec, i }))
      .sort((a, b) => rank(a.spec) - rank(b.spec) || a.i - b.i)
      .map(({ spec }) => spec);
  }
}

export default defineConfig({
  test: {
    // Every core: the end-to-end files are CPU-bound (generation and tsc); vitest leaves one idle by default.
    maxWorkers: os.availableParallelism(),
    testTimeout: 60_000,
    hookTimeout: 120_000,
    sequence: { sequencer: LongestFirst },
    // Files share a worker's module cache (TypeScript, ts-morph and openapi-typescript load once per
    // worker, not once per file); no test mocks modules or changes process-wide state.
    isolate: false,
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["test/*/**/*.test.ts"], exclude: ["test/builds/**", "test/frameworks/**"] },
      },
      { extends: true, test: { name: "e2e", include: ["test/*.test.ts"] } },
      // The setups whose tools test/builds/package.json installs apart (test/builds/install.mjs).
      { extends: true, test: { name: "builds", include: ["test/builds/*.test.ts"] } },
      // Each framework's scaffold, built and run (test/frameworks/; `npm run test:frameworks`, in CI).
      { extends: true, test: { name: "frameworks", include: ["test/frameworks/*.test.ts"], maxWorkers: 1 } },
    ],
  },
});
