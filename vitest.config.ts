import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "~": path.resolve("app") } },
  test: {
    include: ["{app,db,storage,server,test}/**/*.test.{ts,tsx}"],
    exclude: ["node_modules", "e2e", "build", ".data"],
    globalSetup: ["test/global-setup.ts"],
    setupFiles: ["test/setup-file.ts"],
    // The app's logger reads LOG_LEVEL when it loads; tests that provoke errors on purpose
    // would otherwise print them. (Child processes a test starts set their own.)
    // The AWS SDK warns once per process that its releases after January 2027 need Node 22;
    // with one process per test file that is a hundred copies of the same notice in the log.
    env: { LOG_LEVEL: "silent", AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores here: more workers only queue on PostgreSQL and argon2.
    maxWorkers: 2,
  },
});
