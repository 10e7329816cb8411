/**
 * Before each test file: a fresh database copied from the migrated template and a
 * fresh bucket on the shared s3rver, wired into the app's config so use cases,
 * routes and jobs under test talk to real PostgreSQL and real S3.
 */
import { afterAll, beforeAll, inject } from "vitest";
import { closeDb } from "../app/lib/db.server";
import { blobStore, resetBlobStore } from "../app/lib/storage.server";
import { createDatabase, dropDatabase, uniqueDatabaseName } from "../db/scratch-database";
import { parseConfig, setConfig } from "../server/config";

const serverUrl = inject("pgServerUrl");
const s3 = inject("s3");
const database = uniqueDatabaseName("parley_t");
const bucket = database.replace(/_/g, "-");

beforeAll(async () => {
  const url = await createDatabase(serverUrl, database, inject("templateDatabase"));
  setConfig(
    parseConfig({
      NODE_ENV: "test",
      DATABASE_URL: url,
      DATABASE_POOL_MAX: "4",
      S3_ENDPOINT: s3.endpoint,
      S3_ACCESS_KEY_ID: s3.accessKeyId,
      S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
      S3_BUCKET: bucket,
      LOG_LEVEL: "silent",
    }),
  );
  resetBlobStore();
  await blobStore().ensureBucket({ corsOrigins: [] });
});

afterAll(async () => {
  await closeDb();
  blobStore().destroy();
  resetBlobStore();
  await dropDatabase(serverUrl, database);
});
