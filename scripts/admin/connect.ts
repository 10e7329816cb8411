/**
 * Which PostgreSQL the admin command line talks to, in this order:
 * 1. DATABASE_URL, when set (a managed database, or the one a deployment configures);
 * 2. the embedded PostgreSQL of a server running now on PARLEY_DATA_DIR, through the
 *    connection file it leaves there (db/embedded-connection.ts);
 * 3. the embedded PostgreSQL over PARLEY_DATA_DIR, started for the command and stopped
 *    after it (creating the data folder on a fresh installation, as `npm start` would).
 * The schema is brought up to date first, as every Parley process does at start.
 */
import path from "node:path";
import { createDb, type Database } from "../../db/client";
import { readLiveConnection } from "../../db/embedded-connection";
import { startEmbeddedPostgres } from "../../db/embedded-postgres";
import { migrateToLatest } from "../../db/migrate";
import type { Config } from "../../server/config";

export interface Connection {
  db: Database;
  /** Where the command runs, for its first line of output. */
  description: string;
  close(): Promise<void>;
}

export class ConnectionError extends Error {
  override name = "ConnectionError";
}

export async function connect(config: Config): Promise<Connection> {
  if (config.DATABASE_URL) return open(config.DATABASE_URL, "the database at DATABASE_URL", async () => {});
  const running = await readLiveConnection(config.dataDir);
  if (running) return open(running.url, `the embedded PostgreSQL of the server running in ${config.dataDir} (pid ${running.pid})`, async () => {});
  const dataDir = path.join(config.dataDir, "postgres");
  let embedded;
  try {
    embedded = await startEmbeddedPostgres({ dataDir, database: "parley" });
  } catch (error) {
    throw new ConnectionError(
      `Could not start the embedded PostgreSQL in ${dataDir}: ${(error as Error).message}\n` +
        "Start Parley with `npm start` and run the command beside it, or set DATABASE_URL.",
    );
  }
  return open(embedded.url, `the embedded PostgreSQL in ${dataDir} (started for this command)`, () => embedded.stop());
}

async function open(url: string, description: string, stop: () => Promise<void>): Promise<Connection> {
  const db = createDb({ connectionString: url, max: 2, applicationName: "parley-admin" });
  const close = async () => {
    await db.destroy();
    await stop();
  };
  try {
    await migrateToLatest(db);
  } catch (error) {
    await close();
    throw new ConnectionError(`Could not open ${description}: ${(error as Error).message}`);
  }
  return { db, description, close };
}
