// Imported first by each entry (the CLI, the worker threads): on Node 22.1 and later, V8's compiled
// code for the modules loaded from here on (TypeScript's 9 MB above all, most of a small spec's run)
// is kept on disk between runs, as tsc itself does. Node 20 has no such cache: nothing happens.
import module from "node:module";

(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
