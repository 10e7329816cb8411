import { randomBytes } from "node:crypto";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { chromiumLaunchOptions } from "./e2e/support/chromium";

/**
 * End-to-end tests against the real server (`npm run build && npm run serve`), started
 * once per run on a fresh database and a fresh data folder, so the demo organisation is
 * seeded anew and earlier runs (or the developer's own `.data`) cannot leak in.
 *
 * Database: with DATABASE_URL set (CI), a new database `parley_e2e_<run>` on that same
 * server, created by e2e/support/web-server.ts just before the app boots and dropped
 * after the app has stopped. Without it, the app's embedded PostgreSQL inside the
 * fresh PARLEY_DATA_DIR. (The webServer starts before Playwright's globalSetup and
 * stops after its globalTeardown, so the wrapper owns the database, not those hooks.)
 */

const isCI = Boolean(process.env.CI);
const port = Number(process.env.E2E_PORT ?? 3123);
const baseURL = `http://127.0.0.1:${port}`;

// This module is evaluated by the runner and again by every worker; the run id is made
// once and reaches the workers through the environment they inherit.
process.env.PARLEY_E2E_RUN ??= `${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
const run = process.env.PARLEY_E2E_RUN;
const dataDir = path.resolve(".data", `e2e-${run}`);

function databaseEnv(): Record<string, string> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return {};
  const url = new URL(serverUrl);
  url.pathname = `/parley_e2e_${run}`;
  return { DATABASE_URL: url.toString(), E2E_CREATE_DATABASE: "true" };
}

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: false,
  forbidOnly: isCI,
  workers: 2,
  retries: isCI ? 1 : 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: isCI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: { ...devices["Desktop Chrome"], launchOptions: chromiumLaunchOptions() },
    },
  ],
  webServer: {
    command: "npm run build --silent && node --import tsx e2e/support/web-server.ts",
    url: `${baseURL}/healthz`,
    timeout: 180_000,
    reuseExistingServer: false,
    // SIGTERM lets the server close its pool and the embedded servers, and the wrapper drop the database.
    gracefulShutdown: { signal: "SIGTERM", timeout: 30_000 },
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      PARLEY_DATA_DIR: dataDir,
      LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? "warn",
      SEED_DEMO_DATA: "true",
      // An inherited PUBLIC_URL would change the allowed Origin and the cookie flags.
      PUBLIC_URL: "",
      LOGIN_MAX_FAILURES: process.env.LOGIN_MAX_FAILURES ?? "5",
      ...databaseEnv(),
    },
  },
});
