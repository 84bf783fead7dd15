// `specforge diff`: what changed in an API between two versions of its spec, as the users of the
// generated code feel it. Both versions go through load and model (never compared as text: comments,
// key order, YAML or JSON, indentation are no change), then the models are compared (operations.ts).
import path from "node:path";
import type { ApiConfig } from "../config.js";
import type { SourceLocation } from "../errors.js";
import { type LoadedSpec, type LoadOptions, loadSpec, type SourceReader } from "../load/index.js";
import { buildModel } from "../model/index.js";
import type { Change } from "./changes.js";
import { gitReader } from "./git.js";
import { diffModels } from "./operations.js";

export type { Change, Severity } from "./changes.js";

export interface DiffOptions extends Pick<LoadOptions, "allowRemoteRefs" | "allowOutsideRefs" | "limits"> {
  /** The working directory: where `--old` and git are resolved from. */
  cwd: string;
  /** A git ref: the old version is each spec as committed there. */
  base?: string;
  /** A file: the old version of the (single) spec. */
  old?: string;
}

export interface ApiDiff {
  name: string;
  changes: Change[];
}

/** Compares each API's spec with its old version. */
export async function diffApis(apis: ApiConfig[], options: DiffOptions): Promise<ApiDiff[]> {
  const readers = new Map<string, Promise<SourceReader>>();
  const results: ApiDiff[] = [];
  for (const api of apis) {
    const load = (file: string, reader?: SourceReader) =>
      loadSpec(file, {
        limits: { ...api.limits, ...options.limits },
        allowRemoteRefs: options.allowRemoteRefs || api.allowRemoteRefs,
        allowOutsideRefs: options.allowOutsideRefs || api.allowOutsideRefs,
        cwd: api.base,
        ...(reader ? { reader } : {}),
      });
    let old: LoadedSpec;
    if (options.base !== undefined) {
      const base = options.base;
      let reader = readers.get(api.base);
      if (!reader) readers.set(api.base, (reader = gitReader(base, api.base)));
      old = await load(api.spec, await reader);
    } else if (options.old !== undefined) {
      old = await load(path.resolve(options.cwd, options.old));
    } else {
      throw new Error("internal: diff needs base or old");
    }
    const now = await load(api.spec);
    const model = (spec: LoadedSpec) => buildModel(spec, api.name, { planPatterns: false });
    const changes = diffModels(model(old), model(now)).map((c) => {
      const located: SourceLocation = (c.in === "old" ? old : now).root.locate(c.pointer);
      return {
        severity: c.severity,
        where: c.where,
        message: c.message,
        location: `${located.file}:${located.line}:${located.col}`,
      };
    });
    results.push({ name: api.name, changes });
  }
  return results;
}
