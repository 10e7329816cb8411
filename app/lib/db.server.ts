import type pg from "pg";
import { createDb, createPool, type Database } from "../../db/client";
import { getConfig } from "../../server/config";

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
    const pool = createPool({ connectionString: url, max: getConfig().DATABASE_POOL_MAX });
    holder[key] = { db: createDb({ pool }), pool };
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
}
