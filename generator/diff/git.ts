// `specforge diff --base REF`: the spec and every file its `$ref`s reach, read from git at REF with
// `git show` (no checkout, no network). Files keep their working-tree paths, so refs resolve and are
// checked as for the working tree; they are shown as git shows them, `REF:path`.
import { execFile } from "node:child_process";
import path from "node:path";
import { UserError } from "../errors.js";
import type { SourceReader } from "../load/index.js";

/** Runs git in `cwd`; resolves with stdout, or rejects with git's first line of stderr. */
function git(args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      "git",
      args,
      { cwd, encoding: "utf8", maxBuffer: 1024 * 1024 * 1024, env: { ...process.env, GIT_TERMINAL_PROMPT: "0" } },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
        reject(new Error(missing ? "git is not installed" : (stderr.split("\n")[0] ?? "").trim() || error.message));
      },
    );
  });
}

/** A reader of the files of the commit `ref` names, for a working tree at `cwd`. */
export async function gitReader(ref: string, cwd: string): Promise<SourceReader> {
  // A ref is never an option: `--output=...` must not reach git as one.
  if (ref === "" || ref.startsWith("-") || /[\0\n]/.test(ref))
    throw new UserError(`--base "${ref}" is not a git ref: pass a branch, tag or commit (e.g. --base origin/main)`);
  let prefix: string;
  try {
    prefix = (await git(["rev-parse", "--show-prefix"], cwd)).trim();
  } catch (error) {
    throw new UserError(
      `--base needs a git repository, and ${cwd} is not in one (${(error as Error).message}): use --old FILE to compare with a file`,
    );
  }
  let commit: string;
  try {
    commit = (await git(["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`], cwd)).trim();
  } catch {
    throw new UserError(
      `unknown git ref "${ref}": no branch, tag or commit of that name here (fetch it first in a shallow CI clone, e.g. \`git fetch origin ${ref}\`)`,
    );
  }
  const inRepo = (file: string): string => {
    const relative = path.posix.normalize(prefix + path.relative(cwd, file).split(path.sep).join("/"));
    if (relative.startsWith("../") || path.isAbsolute(relative))
      throw new UserError(`${file} is outside the git repository, so it cannot be read at ${ref}`);
    return relative;
  };
  return {
    display: (file) => `${ref}:${inRepo(file)}`,
    async read(file) {
      const name = inRepo(file);
      const kind = await git(["cat-file", "-t", `${commit}:${name}`], cwd).catch(() => "");
      if (kind.trim() !== "blob") {
        throw new UserError(
          `${name} does not exist at ${ref}${kind.trim() === "tree" ? " as a file (it is a folder)" : ""}: pass a ref that has it, or --old FILE`,
        );
      }
      return git(["show", `${commit}:${name}`], cwd);
    },
  };
}
