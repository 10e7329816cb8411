/**
 * The Playwright workers' way into the database and storage of the server under test: the
 * e2e web server (e2e/support/web-server.ts) writes where they are to E2E_HANDOFF_FILE before
 * the app starts, and each worker points the app's own config at them, so the factories of
 * test/factories.ts (which use `db()` and `blobStore()`) write where the app reads.
 */
import { readFileSync } from "node:fs";
import { closeDb } from "../../app/lib/db.server";
import { blobStore, resetBlobStore } from "../../app/lib/storage.server";
import { parseConfig, setConfig } from "../../server/config";

export interface AppUnderTest {
  databaseUrl: string;
  s3: { endpoint: string; accessKeyId: string; secretAccessKey: string; bucket: string };
}

let connected = false;

export function connectToAppUnderTest(): AppUnderTest {
  const file = process.env.E2E_HANDOFF_FILE;
  if (!file) throw new Error("E2E_HANDOFF_FILE is not set: run the specs with `npx playwright test` (playwright.config.ts sets it)");
  const app = JSON.parse(readFileSync(file, "utf8")) as AppUnderTest;
  if (!connected) {
    setConfig(
      parseConfig({
        NODE_ENV: "test",
        DATABASE_URL: app.databaseUrl,
        DATABASE_POOL_MAX: "4",
        S3_ENDPOINT: app.s3.endpoint,
        S3_ACCESS_KEY_ID: app.s3.accessKeyId,
        S3_SECRET_ACCESS_KEY: app.s3.secretAccessKey,
        S3_BUCKET: app.s3.bucket,
        S3_FORCE_PATH_STYLE: "true",
        LOG_LEVEL: "silent",
      }),
    );
    resetBlobStore();
    connected = true;
  }
  return app;
}

export async function disconnectFromAppUnderTest(): Promise<void> {
  if (!connected) return;
  connected = false;
  await closeDb();
  blobStore().destroy();
  resetBlobStore();
}
