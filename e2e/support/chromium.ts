import { existsSync } from "node:fs";

/** How Parley's tests and benchmarks run Chromium headless on a server. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Debian's chromium where present (Playwright cannot download its own browser here). */
export function chromiumLaunchOptions() {
  const executablePath =
    process.env.PLAYWRIGHT_CHROMIUM_PATH || (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
  if (!executablePath) return {};
  return {
    executablePath,
    args: CHROMIUM_ARGS,
  };
}
