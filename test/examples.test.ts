// Validators never refuse what the API sends: every JSON example the documents give goes through the
// generated validators and through ajv over the same document (test/examples-harness.ts). An example
// ajv accepts and a validator refuses fails the test; the agreement is printed per document.
import fs from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { examplesOf, type Result } from "./examples-harness.js";
import { CORPUS, loadValidators, ROOT } from "./helpers.js";

const DOCUMENTS = [
  path.join(ROOT, "test", "fixtures", "examples.yaml"),
  path.join(ROOT, "test", "fixtures", "github-excerpt.json"),
  path.join(ROOT, "specs", "argyle-users.yaml"),
  path.join(ROOT, "specs", "sandbox-users.yaml"),
  ...(await fs.readdir(CORPUS)).filter((f) => /\.(ya?ml|json)$/.test(f)).map((f) => path.join(CORPUS, f)),
];

describe("every documented example passes the validators that ajv passes", () => {
  it.each(DOCUMENTS.map((d) => [path.relative(ROOT, d), d]))(
    "%s",
    async (_name, file) => {
      const v = await examplesOf(file);
      console.log(
        `${path.basename(file)}: ${v.agreed} of ${v.compared} examples get ajv's verdict; ${v.contract} refused by the contract (readOnly/writeOnly); ${v.lenient.length} accepted where ajv refuses${v.lenient.length > 0 ? ` (${v.lenient.slice(0, 3).join("; ")})` : ""}`,
      );
      expect(v.refused).toEqual([]);
    },
    300_000,
  );

  it("the classes the fixture reduces: every example is compared and accepted", async () => {
    const v = await examplesOf(DOCUMENTS[0]!);
    expect(v.compared).toBe(11);
    expect(v.agreed).toBe(11);
  });
});

describe("the discriminator is a hint", () => {
  it("a tagged value the picked branch refuses is reported with that branch's issues; an untagged one by the plain oneOf", async () => {
    const text = await fs.readFile(DOCUMENTS[0]!, "utf8");
    const { module } = (await loadValidators(text, { typecheck: false })) as {
      module: Record<string, (...args: unknown[]) => Result>;
    };
    const tagged = module.validateGetUserResult!(200, { user_view_type: "public", login: 1 });
    expect(tagged.ok).toBe(false);
    expect(tagged.issues).toEqual([expect.objectContaining({ path: ["login"], code: "type" })]);
    expect(module.validateGetUserResult!(200, { login: "octocat", private_gists: 1 }).ok).toBe(true);
    expect(module.validateGetUserResult!(200, []).ok).toBe(false);
    expect(module.validateGetContentResult!(200, [{ type: "file", name: "a" }]).ok).toBe(true);
    expect(module.validateGetSuggestionResult!(200, { target_value: null }).ok).toBe(true);
    expect(module.validateGetSuggestionResult!(200, { target_value: {} }).ok).toBe(false);
    expect(module.validateThread!({ status: { type: "closed" } }).ok).toBe(false);
    expect(module.validateEventModel!({ at: "2015-01-01T05:18:23-0700" }).ok).toBe(true);
    expect(module.validateEventModel!({ at: "2015-01-01T05:18:23-07:0" }).ok).toBe(false);
  });
});
