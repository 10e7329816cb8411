import type pg from "pg";
import { createDb, createPool, type Database } from "../../db/client";
import { observeOutages, OutageLog } from "../../db/outage";
import { getConfig } from "../../server/config";
import { logger } from "../../server/logger";

export type { Database } from "../../db/client";

const key = Symbol.for("parley.db");
type Holder = typeof globalThis & { [key]?: { db: Database; pool: pg.Pool } };

/**
 * The process-wide database handle. Kept on globalThis because the server entry and
 * the Remix bundle each load this module once; both must share one pool.
 */
function connection(): { db: Database; pool: pg.Pool } {
  const holder = globalThis as Holder;
  if (!holder[key]) {
    const url = getConfig().DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not resolved: the server entry starts the embedded PostgreSQL first");
    // Logs an outage once when it starts and once when it ends, however many requests it fails.
    const outage = new OutageLog(logger.child({ component: "database" }));
    const pool = createPool({ connectionString: url, max: getConfig().DATABASE_POOL_MAX, onIdleError: (error) => outage.failed(error) });
    holder[key] = { db: createDb({ pool: observeOutages(pool, outage) }), pool };
  }
  return holder[key];
}

export const db = (): Database => connection().db;
export const pgPool = (): pg.Pool => connection().pool;

export async function closeDb(): Promise<void> {
  const holder = globalThis as Holder;
  const current = holder[key];
  delete holder[key];
  await current?.db.destroy();
  // kysely ends the pool only if it ever used it.
  if (current && !current.pool.ended) await current.pool.end();
}
