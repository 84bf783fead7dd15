// `specforge generate --watch`: generates, then regenerates whenever the spec, the files it
// references, the config or a templates folder changes (debounced). An invalid spec prints its
// located error and keeps the last good output; the next good save recovers. Ctrl-C stops cleanly.
import path from "node:path";
import chokidar from "chokidar";
import type { ApiConfig } from "./config.js";
import { formatUserError, UserError } from "./errors.js";
import type { GenerateOptions, generate as generateAll } from "./index.js";
import { OPTIONS_INPUT } from "./write/inputs.js";
import { readManifestFile } from "./write/manifest.js";

interface WatchIo {
  err: (text: string) => void;
  /** Prints one generation's results (the same lines as `generate`). */
  report: (results: Awaited<ReturnType<typeof generateAll>>) => void;
}

const DEBOUNCE_MS = 150;

/** The files one API's output depends on: its config-level inputs and what its last manifest lists. */
async function inputsOf(api: ApiConfig): Promise<string[]> {
  const files = [api.spec];
  if (api.templates) files.push(path.join(api.templates, "client.hbs"));
  const manifest = await readManifestFile(api.out);
  for (const file of Object.keys(manifest?.inputs ?? {}))
    if (file !== OPTIONS_INPUT) files.push(path.resolve(api.base, file));
  return files;
}

export async function watch(
  load: () => Promise<ApiConfig[]>,
  configFile: string | undefined,
  options: GenerateOptions,
  io: WatchIo,
): Promise<number> {
  const { generate } = await import("./index.js");
  let watcher: ReturnType<typeof chokidar.watch> | undefined;
  let watched = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;

  const runOnce = async () => {
    const files = new Set<string>(configFile ? [configFile] : []);
    if (options.templates) files.add(path.join(options.templates, "client.hbs"));
    try {
      const apis = await load();
      for (const api of apis) files.add(api.spec);
      try {
        // types.ts on this thread: TypeScript, loaded by the first run, stays loaded for the next ones
        // (a types worker would load it again on every change).
        io.report(await generate(apis, { ...options, typesInThread: true }));
      } finally {
        for (const api of apis) for (const file of await inputsOf(api)) files.add(file);
      }
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      io.err(`${formatUserError(error)}\n`);
      io.err("specforge: the last good output is kept; fix the problem and save to regenerate\n");
    }
    if (!watcher) {
      // The first set: "watching" is printed once chokidar has its watches in place (a change made
      // right after that message must not be missed).
      const created = chokidar.watch([...files], { ignoreInitial: true });
      await new Promise<void>((resolve) => created.once("ready", () => resolve()));
      created.on("all", schedule);
      watcher = created;
    } else {
      const added = [...files].filter((f) => !watched.has(f));
      const gone = [...watched].filter((f) => !files.has(f));
      if (added.length > 0) watcher.add(added);
      if (gone.length > 0) watcher.unwatch(gone);
    }
    watched = files;
    io.err(`specforge: watching ${files.size} file(s) for changes (Ctrl-C to stop)\n`);
  };

  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (running) {
        again = true;
        return;
      }
      running = runOnce().finally(() => {
        running = undefined;
        if (again) {
          again = false;
          schedule();
        }
      });
    }, DEBOUNCE_MS);
  };

  running = runOnce().finally(() => {
    running = undefined;
  });
  await running;

  return new Promise<number>((resolve) => {
    const stop = async () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      clearTimeout(timer);
      await running;
      await watcher?.close();
      io.err("specforge: stopped watching\n");
      resolve(0);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
