import { sql, type Kysely } from "kysely";

// One row per running job runner (a web server with JOBS_IN_PROCESS, or `npm run worker`),
// rewritten every JOBS_HEARTBEAT_SECONDS: graphile-worker 0.16 has no heartbeat of its own, so
// a runner whose process died keeps its jobs locked for four hours. A runner that finds a row
// silent for JOBS_STALE_AFTER_SECONDS deletes it and unlocks its workers' jobs; /healthz reads
// the rows to say whether jobs are being run (docs/decisions/0016).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("job_runners")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("host", "text", (col) => col.notNull())
    .addColumn("pid", "integer", (col) => col.notNull())
    .addColumn("worker_ids", sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn("started_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("beat_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("job_runners").execute();
}
