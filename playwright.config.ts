import { randomBytes } from "node:crypto";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { chromiumLaunchOptions } from "./e2e/support/chromium";

/**
 * End-to-end tests against the real server (`npm run build && npm run serve`), started once
 * per run by e2e/support/web-server.ts on a database and storage of the run's own, without
 * the demo organisation: every spec creates the people, conversations and review work it
 * asserts on, through the factories the vitest suite uses (test/factories.ts), written into
 * that database and storage from the workers (e2e/support/app-under-test.ts).
 *
 * Database: with DATABASE_URL set (CI), a new database `parley_e2e_<run>` on that server;
 * without it, the same on an embedded PostgreSQL the wrapper starts for the run.
 */

const isCI = Boolean(process.env.CI);
const port = Number(process.env.E2E_PORT ?? 3123);
const baseURL = `http://127.0.0.1:${port}`;

// This module is evaluated by the runner and again by every worker; the run id is made
// once and reaches the workers (and the web server) through the environment they inherit.
// The AWS SDK's once-per-process notice that its 2027 releases need Node 22 would be printed
// by every worker and the server; it says nothing about the run.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
process.env.PARLEY_E2E_RUN ??= `${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
const run = process.env.PARLEY_E2E_RUN;
const dataDir = path.resolve(".data", `e2e-${run}`);
// Where the web server says which database and storage the app uses; the workers read it.
process.env.E2E_HANDOFF_FILE ??= path.join(dataDir, "app-under-test.json");

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
    // SIGTERM lets the server close its pool, and the wrapper drop the database and stop its servers.
    gracefulShutdown: { signal: "SIGTERM", timeout: 30_000 },
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      PARLEY_DATA_DIR: dataDir,
      LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? "warn",
      // No demo organisation: nothing a spec asserts on may come from anywhere but the spec.
      SEED_DEMO_DATA: "false",
      // The webhooks spec posts to a receiver on loopback (decision 0024).
      WEBHOOKS_ALLOW_PRIVATE: "true",
      // An inherited PUBLIC_URL would change the allowed Origin and the cookie flags.
      PUBLIC_URL: "",
      LOGIN_MAX_FAILURES: process.env.LOGIN_MAX_FAILURES ?? "5",
      PARLEY_E2E_RUN: run,
      E2E_HANDOFF_FILE: process.env.E2E_HANDOFF_FILE,
    },
  },
});
