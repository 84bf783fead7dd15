// Run once when specforge is built (`npm run build`): what every run would otherwise redo, saved
// beside the built modules. Each module checks what it reads and redoes the work when it is missing
// or stale, so a run from the sources gives the same output.
import { writePreparedRuntime } from "./emit/runtime.js";
import { writePreparedSchemaValidators } from "./load/schema-validators.js";

export function prepare(): void {
  writePreparedRuntime();
  writePreparedSchemaValidators();
}
