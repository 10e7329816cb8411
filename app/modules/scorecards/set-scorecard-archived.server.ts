import { sql } from "kysely";
import type { Database } from "../../lib/db.server";
import { assertCan } from "../access/refusals";
import type { Actor } from "../access/actor";
import { notFound } from "../../lib/errors";
import { recordAudit } from "../audit/record-audit.server";
import { pauseRulesOfScorecard } from "../sampling/pause-scorecard-rules.server";

/**
 * Archived scorecards cannot be chosen for new rules or assignments; their evaluations,
 * open assignments and versions stay as they are. Archiving pauses the sampling rules that use
 * it (their runs would hand out work nobody can score); unarchiving brings the scorecard back
 * but leaves those rules paused, for a lead to resume. Returns how many rules were paused.
 */
export async function setScorecardArchived(db: Database, actor: Actor, scorecardId: string, archived: boolean): Promise<{ rulesPaused: number }> {
  assertCan(actor, "scorecards:manage");
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("scorecards")
      .set({ archived_at: archived ? sql`now()` : null, updated_at: sql`now()` })
      .where("id", "=", scorecardId)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw notFound("Scorecard");
    await recordAudit(trx, { actorId: actor, action: archived ? "scorecard.archive" : "scorecard.unarchive", entityType: "scorecard", entityId: scorecardId });
    return { rulesPaused: archived ? await pauseRulesOfScorecard(trx, actor, scorecardId) : 0 };
  });
}
