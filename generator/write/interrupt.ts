// SIGINT and SIGTERM while an API's files are being put in place are held until they are all in
// place (or rolled back), then the process exits as the signal asks (130 / 143), so an interrupted
// run never leaves a folder half old, half new. Outside a write, the signals keep their default.
const EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;
type HeldSignal = keyof typeof EXIT_CODES;

let depth = 0;
let pending: HeldSignal | undefined;
const hold = (signal: HeldSignal) => {
  pending ??= signal;
};
const onInt = () => hold("SIGINT");
const onTerm = () => hold("SIGTERM");

/** Runs `work` with SIGINT/SIGTERM held; a signal that came meanwhile ends the process afterwards. */
export async function withSignalsHeld<T>(work: () => Promise<T>): Promise<T> {
  if (depth++ === 0) {
    process.on("SIGINT", onInt);
    process.on("SIGTERM", onTerm);
  }
  try {
    return await work();
  } finally {
    if (--depth === 0) {
      process.off("SIGINT", onInt);
      process.off("SIGTERM", onTerm);
      if (pending) {
        const signal = pending;
        pending = undefined;
        process.stderr.write(`specforge: interrupted (${signal}); the API being written was completed first\n`);
        process.exit(EXIT_CODES[signal]);
      }
    }
  }
}

/**
 * For specforge's own tests: with `SPECFORGE_TEST_PAUSE=<point>:<ms>`, announces `<point>` on stderr
 * and waits, so a test can send a signal at a known step of a write.
 */
export async function pauseForTest(point: string): Promise<void> {
  const setting = process.env.SPECFORGE_TEST_PAUSE;
  if (!setting) return;
  const [at, ms] = setting.split(":");
  if (at !== point) return;
  process.stderr.write(`specforge-test: paused at ${point}\n`);
  await new Promise((resolve) => setTimeout(resolve, Number(ms) || 1000));
}
