/**
 * Recomputes every report row and roll-up from the sources (docs/decisions/0023): the current
 * revision of each submitted review, its per-question results, the conversation's agent,
 * team, channel and queue, and the organisation's time zone as they are now. The answer to a
 * changed time zone, a conversation moved to another team, or any doubt about the incremental
 * upkeep, which must agree with it exactly (the property test in rollups.server.test.ts).
 * First it re-reads CSAT from metadata with the organisation's current mapping, and it rebuilds
 * the customer roll-ups too (docs/decisions/0029).
 * One transaction; the roll-ups are locked whole meanwhile, so submits wait rather than
 * write into a half-built table.
 */
import { sql } from "kysely";
import type { Database } from "../../lib/db.server";
import type { Actor } from "../access/actor";
import { assertCan } from "../access/refusals";
import { recordAudit } from "../audit/record-audit.server";
import { rederiveCsatFromMetadata } from "../interactions/rederive-csat.server";

export interface RebuildOutcome {
  evaluations: number;
  questionRows: number;
  /** Conversations whose CSAT the metadata mapping, re-read, set, changed or cleared. */
  csatChanged: number;
  ms: number;
}

/**
 * Lays the agent-level daily roll-ups out in team order after a rebuild wrote them in day
 * order: a team's report by agent then reads 120 pages rather than 3,900 (decision 0038).
 * Seconds at full scale.
 */
export async function clusterQualityRollups(db: Database): Promise<void> {
  await sql`CLUSTER rollup_daily USING rollup_daily_team`.execute(db);
  await sql`ANALYZE rollup_daily`.execute(db);
}

export async function clusterCustomerRollups(db: Database): Promise<void> {
  await sql`CLUSTER rollup_customer_daily USING rollup_customer_daily_team`.execute(db);
  await sql`ANALYZE rollup_customer_daily`.execute(db);
}

export async function rebuildRollups(db: Database, actor: Actor, clock: () => number = () => performance.now()): Promise<RebuildOutcome> {
  assertCan(actor, "settings:manage", "Only admins rebuild the report roll-ups.");
  return db.transaction().execute(async (trx) => {
    const started = clock();
    const csatChanged = await rederiveCsatFromMetadata(trx);
    await sql`SELECT report_rebuild()`.execute(trx);
    await sql`SELECT customer_rollup_rebuild()`.execute(trx);
    await clusterQualityRollups(trx);
    await clusterCustomerRollups(trx);
    const counts = await sql<{ evaluations: number; question_rows: number }>`
      SELECT (SELECT count(*) FROM report_evaluations)::int AS evaluations, (SELECT count(*) FROM report_question_results)::int AS question_rows`.execute(trx);
    const row = counts.rows[0] ?? { evaluations: 0, question_rows: 0 };
    const outcome = { evaluations: row.evaluations, questionRows: row.question_rows, csatChanged, ms: Math.round(clock() - started) };
    await recordAudit(trx, { actorId: actor, action: "rollups.rebuild", entityType: "rollups", entityId: "all", after: outcome });
    return outcome;
  });
}
