/**
 * Deleting a sampling rule (decision 0010, "Deleting a rule"). A lead deletes a rule because
 * its sample is no longer wanted, so the work it handed out that nobody has begun is
 * cancelled with it: skipped with a reason naming the rule, in the same transaction, so it
 * leaves the reviewers' queues at once. Work a reviewer has begun (a draft evaluation
 * exists) stays open for them to finish, and done work stays done; both keep the rule's name
 * in `assignments.deleted_rule_name`, since `rule_id` and `run_id` become null when the rule
 * and its runs go.
 */
import { sql } from "kysely";
import type { Database } from "../../lib/db.server";
import { assertCan } from "../access/refusals";
import type { Actor } from "../access/actor";
import { userIdOf } from "../audit/actor";
import { notFound } from "../../lib/errors";
import { lockScorecardAssignments } from "../assignments/lock-scorecard.server";
import { recordAudit } from "../audit/record-audit.server";
import { scheduleRuleRun } from "./schedule-rule-run.server";

/** The skip reason of work cancelled by the delete; reviewers and leads read it on the conversation's page. */
export const ruleDeletedReason = (ruleName: string) => `Not started when its sampling rule “${ruleName}” was deleted`;

export interface DeletedRule {
  name: string;
  /** Open work nobody had begun, now skipped. */
  cancelled: number;
  /** Open work with a draft evaluation, left with its reviewer. */
  inProgress: number;
}

export async function deleteSamplingRule(db: Database, actor: Actor, ruleId: string): Promise<DeletedRule> {
  assertCan(actor, "sampling:manage");
  return db.transaction().execute(async (trx) => {
    // "Not started" must not change between being read and the skip. A draft is started from
    // an assignment under that assignment's row lock, and ad hoc (from the interaction page)
    // under its scorecard's lock: so take the locks of every scorecard this rule has open work
    // for — before the rule's row and in a fixed order, as a run takes its scorecard's lock
    // before it touches the rule's row — and then lock the open rows themselves.
    const scorecards = await trx
      .selectFrom("assignments")
      .select("scorecard_id")
      .distinct()
      .where("rule_id", "=", ruleId)
      .where("status", "=", "open")
      .union(trx.selectFrom("sampling_rules").select("scorecard_id").where("id", "=", ruleId))
      .execute();
    for (const id of scorecards.map((row) => row.scorecard_id).sort()) await lockScorecardAssignments(trx, id);

    const rule = await trx.selectFrom("sampling_rules").select(["name"]).where("id", "=", ruleId).forUpdate().executeTakeFirst();
    if (!rule) throw notFound("Sampling rule");
    await scheduleRuleRun(trx, { id: ruleId, active: false, schedule: { kind: "manual" } }, new Date(), "UTC");
    // Waits for a draft being started now; the next statement's snapshot then sees it.
    await trx.selectFrom("assignments").select("id").where("rule_id", "=", ruleId).where("status", "=", "open").forUpdate().execute();

    const cancelled = await trx
      .updateTable("assignments")
      .set({
        status: "skipped",
        skip_reason: ruleDeletedReason(rule.name),
        closed_at: sql`now()`,
        closed_by: userIdOf(actor),
        updated_at: sql`now()`,
      })
      .where("rule_id", "=", ruleId)
      .where("status", "=", "open")
      .where((eb) => eb.not(eb.exists(eb.selectFrom("evaluations").select("evaluations.id").whereRef("evaluations.assignment_id", "=", "assignments.id"))))
      .returning("id")
      .execute();
    const kept = await trx
      .updateTable("assignments")
      .set({ deleted_rule_name: rule.name })
      .where("rule_id", "=", ruleId)
      .returning("status")
      .execute();
    const inProgress = kept.filter((row) => row.status === "open").length;

    // Runs go with the rule (cascade); the assignments' rule_id and run_id become null.
    await trx.deleteFrom("sampling_rules").where("id", "=", ruleId).execute();
    await recordAudit(trx, {
      actorId: actor,
      action: "sampling_rule.delete",
      entityType: "sampling_rule",
      entityId: ruleId,
      before: { name: rule.name },
      after: { cancelledAssignmentIds: cancelled.map((row) => row.id), inProgress },
    });
    return { name: rule.name, cancelled: cancelled.length, inProgress };
  });
}
