// A worker thread for openapi-typescript: types.ts is the longest single emitter (about half of a
// large spec's work) and needs nothing the others produce, so on a machine with a spare core it runs
// here while the main thread emits the models, validators and client (emit/index.ts). The worker is
// started before the spec is loaded, so loading TypeScript (the main thread never does) overlaps the
// load stage. It gets the document as soon as the spec is loaded, so openapi-typescript runs while the
// main thread builds the model; the model's part (types.ts's header and array loops) follows. It loads
// only what types.ts needs.
import "../compile-cache.js";
import v8 from "node:v8";
import { runInNewContext } from "node:vm";
import { parentPort } from "node:worker_threads";
import { openapiTs } from "../commonjs.js";
import { finishTypes, rawTypes, type TypesInput } from "./types.js";

// Loaded now, while the main thread loads the spec, not when the model arrives.
openapiTs();

/** A location only the main thread can resolve: the pointer, carried in `file`. */
export const UNRESOLVED = "\u0000pointer:";

/**
 * Frees the document's copy and openapi-typescript's tree now. Else they stay in this idle thread's
 * heap until it ends (nothing allocates here to trigger a collection), while the main thread emits:
 * on GitHub's spec that raised the peak from 0.53 to 0.57 GB; collected, it is 0.49 GB. The way
 * jest's leak detector reaches `gc` without a command-line flag; when it is refused, memory is only
 * higher.
 */
function collectGarbage(): void {
  try {
    v8.setFlagsFromString("--expose-gc");
    (runInNewContext("gc") as () => void)();
  } catch {
    // Nothing lost but memory.
  }
}

/** The first message: the document, as soon as the spec is loaded. The second: what the model adds. */
export type TypesRequest = { document: Record<string, unknown>; models: boolean } | Omit<TypesInput, "document">;

let raw: Promise<string> | undefined;
parentPort?.on("message", async (request: TypesRequest) => {
  if ("document" in request) {
    raw = rawTypes(request.document, (pointer) => ({ file: UNRESOLVED + pointer, line: 0, col: 0 }), {
      owned: true,
      models: request.models,
    });
    // A rejection is read when the model's part arrives; until then it is not unhandled.
    raw.then(collectGarbage, () => undefined);
    return;
  }
  try {
    parentPort!.postMessage({ text: finishTypes(await raw!, request) });
  } catch (error) {
    const e = error as Error & { location?: { file: string } };
    parentPort!.postMessage({
      error: {
        name: e.name,
        message: e.message,
        stack: e.stack,
        pointer: e.location?.file.startsWith(UNRESOLVED) ? e.location.file.slice(UNRESOLVED.length) : undefined,
      },
    });
  }
});
