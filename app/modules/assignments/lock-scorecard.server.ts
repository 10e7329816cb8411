import { sql } from "kysely";
import type { Database } from "../../lib/db.server";

/**
 * Serialises everything that hands out work for one scorecard (runs of any rule, manual
 * assignment, replacement) until the transaction ends. Each reads "what is taken" and then
 * writes; without the lock two of them could both read an interaction as free. The unique
 * index `assignments_live_key` stays as the last line of defence.
 */
export async function lockScorecardAssignments(trx: Database, scorecardId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`parley.assignments:${scorecardId}`}, 0))`.execute(trx);
}
