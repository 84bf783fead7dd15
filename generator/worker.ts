// A worker thread of `generate`/`check` on a config of several APIs (parallel.ts): it runs load,
// model and emit for the APIs it is handed and posts the files back; the main thread writes.
import "./compile-cache.js";
import { parentPort } from "node:worker_threads";
import type { ApiConfig } from "./config.js";
import { UserError } from "./errors.js";
import { type GenerateOptions, generateApi } from "./index.js";

export type WorkerRequest = { id: number; api: ApiConfig; options: Omit<GenerateOptions, "onProgress"> };
export type WorkerReply =
  | { id: number; kind: "progress"; stage: string }
  | { id: number; kind: "done"; files: [string, string][]; warnings: import("./errors.js").Warning[] }
  | { id: number; kind: "user-error"; message: string; location: UserError["location"] }
  | { id: number; kind: "error"; message: string; stack: string | undefined };

parentPort?.on("message", async ({ id, api, options }: WorkerRequest) => {
  const post = (reply: WorkerReply) => parentPort!.postMessage(reply);
  try {
    const generated = await generateApi(api, {
      ...options,
      onProgress: (_api, stage) => post({ id, kind: "progress", stage }),
    });
    post({ id, kind: "done", files: [...generated.files], warnings: generated.warnings });
  } catch (error) {
    if (error instanceof UserError) post({ id, kind: "user-error", message: error.message, location: error.location });
    else post({ id, kind: "error", message: (error as Error).message ?? String(error), stack: (error as Error).stack });
  }
});
