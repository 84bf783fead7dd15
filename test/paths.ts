// Where the tests find things, with no heavy imports (the unit tier loads this, not helpers.ts).
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** Real-world specs, copied unchanged into the repository (test/corpus/MANIFEST.md). */
export const CORPUS = path.join(ROOT, "test", "corpus");
export const CLI = path.join(ROOT, "dist", "generator", "cli.js");
export const USERS_SPEC = path.join(ROOT, "specs", "argyle-users.yaml");
