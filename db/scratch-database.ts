import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import fs from "node:fs/promises";
import pg from "pg";
import { createDatabaseIfMissing, quoteIdentifier, startEmbeddedPostgres } from "./embedded-postgres";

export interface ScratchServer {
  /** postgres://… without a database name. */
  serverUrl: string;
  stop(): Promise<void>;
}

/**
 * A PostgreSQL server for throw-away databases (tests, type generation): the one
 * `DATABASE_URL` points at when it is set (as on CI), else an embedded server in a
 * temporary folder.
 */
export async function startScratchServer(databaseUrl = process.env.DATABASE_URL): Promise<ScratchServer> {
  if (databaseUrl) {
    const url = new URL(databaseUrl);
    url.pathname = "";
    return { serverUrl: url.toString().replace(/\/$/, ""), stop: async () => {} };
  }
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "parley-pg-"));
  await fs.chmod(dataDir, 0o777);
  const handle = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "data"), database: "postgres" });
  return {
    serverUrl: handle.serverUrl,
    stop: async () => {
      await handle.stop();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

export function uniqueDatabaseName(prefix: string): string {
  return `${prefix}_${randomBytes(4).toString("hex")}`;
}

export async function createDatabase(serverUrl: string, name: string, template?: string): Promise<string> {
  if (template) {
    await adminQuery(serverUrl, `CREATE DATABASE ${quoteIdentifier(name)} TEMPLATE ${quoteIdentifier(template)}`);
  } else {
    await createDatabaseIfMissing(serverUrl, name);
  }
  return `${serverUrl}/${name}`;
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
}

async function adminQuery(serverUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: `${serverUrl}/postgres` });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
