// Every real-world spec in test/corpus/ (Swagger 2.0 to OpenAPI 3.1) but the two largest generates,
// type-checks, imports cleanly, and gets the warnings in its snapshot (see corpus-harness.ts).
import { describe, it } from "vitest";
import { CORPUS_SPECS, checkCorpusSpec, LARGE_SPECS } from "./corpus-harness.js";

describe("real-world specs", () => {
  it.each(CORPUS_SPECS.filter((name) => !LARGE_SPECS.includes(name)))("%s", checkCorpusSpec, 300_000);
});
