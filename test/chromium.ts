// Headless Chromium for the tests that run pages (test/browser.test.ts, test/frameworks/): Debian's
// binary (CI installs it, .ci/run) driven by playwright-core, started with the flags this machine's
// closed network needs (no background connections, no component updates).
import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Whether the binary is there; the message that says what to install when it is not. */
export const chromiumAvailable = existsSync(CHROMIUM);
export const CHROMIUM_MISSING = `Chromium not found at ${CHROMIUM}: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH`;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
