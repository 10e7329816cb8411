import { closeDb, db, pgPool } from "../app/lib/db.server";
import { installJobQueue } from "../db/job-queue";
import { blobStore, resetBlobStore } from "../app/lib/storage.server";
import { migrateToLatest } from "../db/migrate";
import { ConfigError, parseConfig, setConfig, type Config } from "./config";
import { limitHeapGrowth } from "./heap-growth";
import { startInfrastructure, type Infrastructure } from "./infrastructure";
import type { Logger } from "./logger";

export interface Booted {
  config: Config;
  infrastructure: Infrastructure;
  /** Closes the pool and the storage client, then the embedded servers. */
  close(): Promise<void>;
}

/**
 * What every process (web server, worker, CLI) does first: parse the config,
 * start embedded PostgreSQL/S3 where no external ones are configured, and bring
 * the schema up to date. A bad setting exits with a message naming the variable.
 * `serveStorage`: this process is the web server, which serves the embedded store
 * to browsers on its own origin (decision 0014).
 */
export async function boot(
  log: Logger,
  { migrate = true, serveStorage = false }: { migrate?: boolean; serveStorage?: boolean } = {},
): Promise<Booted> {
  let parsed: Config;
  try {
    parsed = parseConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`parley: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  limitHeapGrowth(parsed.HEAP_GROWING_PERCENT);
  const infrastructure = await startInfrastructure(parsed, log);
  // Only the web server passes the embedded store on to browsers; other processes (the import
  // CLI, the worker) talk to it directly and need the URLs it signs as they are.
  const config: Config = { ...infrastructure.config, storageThroughApp: serveStorage && infrastructure.embedded.s3 };
  setConfig(config);
  try {
    if (migrate) {
      const { applied } = await migrateToLatest(db());
      if (applied.length) log.info({ applied }, "database migrated");
      await installJobQueue(pgPool());
    }
  } catch (error) {
    await closeDb();
    await infrastructure.stop();
    throw error;
  }
  return {
    config,
    infrastructure,
    async close() {
      await closeDb();
      blobStore().destroy();
      resetBlobStore();
      await infrastructure.stop();
    },
  };
}
