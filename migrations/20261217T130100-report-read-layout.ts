import { sql, type Kysely } from "kysely";

// How the report rows lie and what the planner knows of them (docs/decisions/0038).
//
// rollup_daily and rollup_customer_daily in team order: a team's report by agent reads them by
// team and day range; written
// in day order, a team's two years (6,800 rows) lay on 3,900 pages, clustered on 120 (264 ms →
// under 70 ms, cold, at a million evaluations). The rebuild clusters it again
// (rebuild-rollups.server.ts); rows added since go at the end, where the recent days are.
//
// How many question results a revision has, told to the planner (docs/decisions/0038).
// A revision's results are written together, so they share pages; ANALYZE samples pages, sees
// few distinct revisions per page and takes the count of revisions for five times too few (at a
// million evaluations: 180,000 for 1,000,000, so about 111 results per revision instead of 20).
// Thinking every probe of a revision five times dearer, the planner split the report reads
// over parallel workers with a sequential scan of report_evaluations (182 ms) instead of its
// team index (32 ms). A negative n_distinct is a share of the rows: −0.05 is a revision per
// 20 results, a typical scorecard; it scales with the table as the estimate should.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE revision_question_results ALTER COLUMN revision_id SET (n_distinct = -0.05)`.execute(db);
  await sql`ANALYZE revision_question_results`.execute(db);
  await sql`CLUSTER rollup_daily USING rollup_daily_team`.execute(db);
  await sql`ANALYZE rollup_daily`.execute(db);
  // The customer figures per agent of a team read their daily roll-up by team, which had no
  // index of its own (the key leads with the day: a team's two years scanned 339,000 rows).
  await sql`CREATE INDEX rollup_customer_daily_team ON rollup_customer_daily (team_id, conversation_day)`.execute(db);
  await sql`CLUSTER rollup_customer_daily USING rollup_customer_daily_team`.execute(db);
  await sql`ANALYZE rollup_customer_daily`.execute(db);
}

// The tables' order stays as it is: harmless.
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX rollup_customer_daily_team`.execute(db);
  await sql`ALTER TABLE revision_question_results ALTER COLUMN revision_id RESET (n_distinct)`.execute(db);
  await sql`ANALYZE revision_question_results`.execute(db);
}
