import { sql } from "kysely";
import type { Database } from "../../lib/db.server";
import type { Actor } from "../access/actor";
import { recordAudit } from "../audit/record-audit.server";
import { scheduleRuleRun } from "./schedule-rule-run.server";

/**
 * Pauses the active rules that sample for a scorecard being archived, in the caller's
 * transaction. Their runs would only fail (a run refuses an archived scorecard) and the work
 * they hand out could not be opened; paused, they wait for a lead to choose another scorecard
 * and resume them. Returns how many were paused.
 */
export async function pauseRulesOfScorecard(trx: Database, actor: Actor, scorecardId: string): Promise<number> {
  const rules = await trx
    .selectFrom("sampling_rules")
    .select("id")
    .where("scorecard_id", "=", scorecardId)
    .where("active", "=", true)
    .orderBy("id")
    .forUpdate()
    .execute();
  for (const rule of rules) {
    await trx.updateTable("sampling_rules").set({ active: false, updated_at: sql`now()` }).where("id", "=", rule.id).execute();
    // Inactive: clears next_run_at and removes the waiting scheduler job.
    await scheduleRuleRun(trx, { id: rule.id, active: false, schedule: { kind: "manual" } }, new Date(), "UTC");
    await recordAudit(trx, {
      actorId: actor,
      action: "sampling_rule.pause",
      entityType: "sampling_rule",
      entityId: rule.id,
      after: { reason: "scorecard_archived", scorecardId },
    });
  }
  return rules.length;
}
