// The APIs of one config are generated in parallel, one worker thread per core (each loads the
// pipeline once and takes the next API when it is done); with one API, one core, or when running
// from the TypeScript sources (specforge's own tests), they are generated in this thread in turn.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { ApiConfig } from "./config.js";
import { UserError, type Warning } from "./errors.js";
import type { GenerateOptions } from "./index.js";
import type { WorkerReply, WorkerRequest } from "./worker.js";

/** One API's output, in memory: what the write and check stages need. */
export interface GeneratedFiles {
  api: ApiConfig;
  files: Map<string, string>;
  warnings: Warning[];
}

/** How many threads generate at once: `SPECFORGE_THREADS` (1 turns workers off), else the cores. */
function threads(apis: number): number {
  const asked = Number(process.env.SPECFORGE_THREADS);
  const cores = Number.isInteger(asked) && asked > 0 ? asked : availableParallelism();
  return Math.min(apis, cores);
}

export async function generateMany(apis: ApiConfig[], options: GenerateOptions): Promise<GeneratedFiles[]> {
  const workerUrl = new URL("./worker.js", import.meta.url);
  const count = threads(apis.length);
  if (count <= 1 || !import.meta.url.endsWith(".js")) {
    const { generateApi } = await import("./index.js");
    const out: GeneratedFiles[] = [];
    for (const api of apis) out.push(await generateApi(api, options));
    return out;
  }
  const { onProgress, ...plain } = options;
  const results: GeneratedFiles[] = new Array(apis.length);
  // Every API runs to its end; the error reported is the first API's in config order, as in turn.
  const errors: Error[] = new Array(apis.length);
  let next = 0;
  const workers = Array.from({ length: count }, () => new Worker(workerUrl));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const take = () => {
              if (next >= apis.length) return resolve();
              const id = next++;
              worker.postMessage({ id, api: apis[id]!, options: plain } satisfies WorkerRequest);
            };
            worker.on("message", (reply: WorkerReply) => {
              const api = apis[reply.id]!;
              if (reply.kind === "progress") onProgress?.(api, reply.stage);
              else if (reply.kind === "done") {
                results[reply.id] = { api, files: new Map(reply.files), warnings: reply.warnings };
                take();
              } else {
                const error =
                  reply.kind === "user-error" ? new UserError(reply.message, reply.location) : new Error(reply.message);
                if (reply.kind === "error" && reply.stack) error.stack = reply.stack;
                errors[reply.id] = error;
                take();
              }
            });
            worker.on("error", reject);
            take();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  const failed = errors.find((e) => e !== undefined);
  if (failed) throw failed;
  return results;
}
