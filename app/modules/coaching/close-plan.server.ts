/**
 * Completing or cancelling an active plan (issue 15 §1): its coach (a supervisor of the agent's
 * team or a QA lead); a cancellation needs a reason (422). The plan's follow-up sampling rule
 * ends with it (paused, its schedule removed). A completed plan emits `coaching.plan.completed`.
 * One transaction; a plan already closed is 409.
 */
import { sql } from "kysely";
import type { Database } from "../../lib/db.server";
import { assertMayCoach, notActive } from "../access/coaching-scope.server";
import { recordAudit } from "../audit/record-audit.server";
import type { Schedule } from "../sampling/sampling-rule.schema";
import { scheduleRuleRun } from "../sampling/schedule-rule-run.server";
import { getOrganisation } from "../users/get-organisation.server";
import type { Viewer } from "../users/roles";
import { emitWebhookEvent } from "../webhooks/emit-webhook-event.server";
import { publicLink } from "../webhooks/evaluation-event-data.server";
import { closePlanSchema } from "./coaching.schema";
import { loadPlan } from "./load-plan.server";
import { parseInput } from "./parse";
import { dayText } from "./plan-effects.server";

export async function closeCoachingPlan(db: Database, viewer: Viewer, planId: string, rawInput: unknown, now: Date): Promise<void> {
  const input = parseInput(closePlanSchema, rawInput);
  const { timeZone } = await getOrganisation(db);
  await db.transaction().execute(async (trx) => {
    const plan = await loadPlan(trx, viewer, planId, { forUpdate: true });
    assertMayCoach(viewer);
    if (plan.status !== "active") throw notActive("plan");
    await trx
      .updateTable("coaching_plans")
      .set({ status: input.outcome, cancel_reason: input.outcome === "cancelled" ? input.reason : null, closed_at: now, closed_by: viewer.id })
      .where("id", "=", plan.id)
      .execute();
    await endFollowUpRule(trx, plan.id, now, timeZone);
    if (input.outcome === "cancelled") {
      await recordAudit(trx, { actorId: viewer, action: "coaching_plan.cancel", entityType: "coaching_plan", entityId: plan.id, before: { status: "active" }, after: { status: "cancelled", reason: input.reason } }, now);
    } else {
      await recordAudit(trx, { actorId: viewer, action: "coaching_plan.complete", entityType: "coaching_plan", entityId: plan.id, before: { status: "active" }, after: { status: "completed" } }, now);
      await emitWebhookEvent(
        trx,
        "coaching.plan.completed",
        {
          plan: {
            id: plan.id,
            agentId: plan.agent_id,
            ownerId: plan.owner_id,
            scorecardId: plan.scorecard_id,
            status: "completed",
            dueOn: dayText(plan.due_on),
            completedAt: now.toISOString(),
            url: publicLink(`/coaching/plans/${plan.id}`),
          },
        },
        { now },
      );
    }
  });
}

/** The plan's follow-up rule stops: paused, its end moved to now, its waiting job removed. */
export async function endFollowUpRule(trx: Database, planId: string, now: Date, timeZone: string): Promise<void> {
  const rule = await trx.selectFrom("sampling_rules").select(["id", "settings", "ends_at"]).where("coaching_plan_id", "=", planId).forUpdate().executeTakeFirst();
  if (!rule) return;
  await trx
    .updateTable("sampling_rules")
    .set({ active: false, ends_at: rule.ends_at && rule.ends_at < now ? rule.ends_at : now, updated_at: sql`now()` })
    .where("id", "=", rule.id)
    .execute();
  await scheduleRuleRun(trx, { id: rule.id, active: false, schedule: (rule.settings as { schedule: Schedule }).schedule }, now, timeZone);
}
