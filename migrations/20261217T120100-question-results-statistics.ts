import { sql, type Kysely } from "kysely";

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
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE revision_question_results ALTER COLUMN revision_id RESET (n_distinct)`.execute(db);
  await sql`ANALYZE revision_question_results`.execute(db);
}
