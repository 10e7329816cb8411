import { Logger, runMigrations } from "graphile-worker";
import type pg from "pg";

/**
 * Installs or upgrades graphile-worker's own schema (`graphile_worker`). Run at boot
 * beside our migrations so use cases can queue jobs in SQL before any worker starts.
 */
export async function installJobQueue(pgPool: pg.Pool): Promise<void> {
  await runMigrations({ pgPool, logger: silentLogger });
}

const silentLogger = new Logger(() => () => {});
