// The two largest real-world specs (plaid: 2,275 schemas; stripe: 3.9 MB), checked as every corpus
// spec is (see corpus-harness.ts), in a file of their own so they run beside the rest.
import { describe, it } from "vitest";
import { checkCorpusSpec, LARGE_SPECS } from "./corpus-harness.js";

describe("real-world specs", () => {
  it.each(LARGE_SPECS)("%s", checkCorpusSpec, 300_000);
});
