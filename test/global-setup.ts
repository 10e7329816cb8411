/**
 * Once per `vitest run`: a real PostgreSQL (DATABASE_URL's server on CI, else an
 * embedded one), a template database migrated once, and a real s3rver. Each test
 * file then gets its own database copied from the template (test/setup-file.ts).
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createDatabase, dropDatabase, startScratchServer, uniqueDatabaseName } from "../db/scratch-database";
import { startEmbeddedS3 } from "../storage/embedded-s3";
import { migrateDatabase } from "./support/postgres-setup";

declare module "vitest" {
  export interface ProvidedContext {
    pgServerUrl: string;
    templateDatabase: string;
    s3: { endpoint: string; accessKeyId: string; secretAccessKey: string };
  }
}

export default async function setup(project: TestProject) {
  const server = await startScratchServer();
  const template = uniqueDatabaseName("parley_tpl");
  await migrateDatabase(await createDatabase(server.serverUrl, template));

  const s3Dir = await fs.mkdtemp(path.join(os.tmpdir(), "parley-test-s3-"));
  const s3 = await startEmbeddedS3({ dataDir: s3Dir, bucket: "parley-test" });

  project.provide("pgServerUrl", server.serverUrl);
  project.provide("templateDatabase", template);
  project.provide("s3", { endpoint: s3.endpoint, accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey });

  return async () => {
    await s3.stop();
    await fs.rm(s3Dir, { recursive: true, force: true });
    await dropDatabase(server.serverUrl, template);
    await server.stop();
  };
}
