import { Kysely, PostgresDialect, type PostgresPool } from "kysely";
import pg from "pg";
import type { DB } from "./types.generated";

export type Database = Kysely<DB>;

// COUNT(*) and bigint columns arrive as strings by default; every bigint Parley
// stores (sizes in bytes, log ids) fits a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));
// NUMERIC too: Parley keeps scores as numeric(4,1) so they are exact to the decimal shown,
// and averages of them need no more than a double's precision.
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number.parseFloat(value));

export interface DbOptions {
  connectionString: string;
  max?: number;
  applicationName?: string;
  /** An idle connection was lost (a restarted server); by default a line on stderr. */
  onIdleError?: (error: Error) => void;
}

export function createPool({ connectionString, max = 10, applicationName = "parley", onIdleError }: DbOptions): pg.Pool {
  // JIT off: Parley's queries are short and planned often; on the report queries over a million
  // evaluations PostgreSQL's JIT spent 100–150 ms compiling for each one that saved nothing
  // (docs/decisions/0038). A server-wide setting cannot be assumed on the customer's database.
  const pool = new pg.Pool({ connectionString, max, application_name: applicationName, options: "-c jit=off" });
  // An idle client losing its connection must not crash the process.
  pool.on(
    "error",
    onIdleError ??
      ((error) => {
        console.error(`parley: idle database connection failed: ${error.message}`);
      }),
  );
  return pool;
}

export function createDb(options: DbOptions | { pool: PostgresPool }): Database {
  const pool = "pool" in options ? options.pool : createPool(options);
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}
