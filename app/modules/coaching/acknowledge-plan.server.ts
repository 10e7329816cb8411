/** The agent acknowledges their plan (issue 15 §1): only its agent (403 for others who see it), once (409). The coach is told. */
import type { Database } from "../../lib/db.server";
import { DomainError } from "../../lib/errors";
import { assertIsCoachedAgent } from "../access/coaching-scope.server";
import { recordAudit } from "../audit/record-audit.server";
import { notify } from "../notifications/notify.server";
import type { Viewer } from "../users/roles";
import { loadPlan } from "./load-plan.server";

export async function acknowledgeCoachingPlan(db: Database, viewer: Viewer, planId: string, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const plan = await loadPlan(trx, viewer, planId, { forUpdate: true });
    assertIsCoachedAgent(viewer, plan);
    if (plan.acknowledged_at) throw new DomainError("conflict", "You have already acknowledged this plan.");
    await trx.updateTable("coaching_plans").set({ acknowledged_at: now }).where("id", "=", plan.id).execute();
    await recordAudit(trx, { actorId: viewer, action: "coaching_plan.acknowledge", entityType: "coaching_plan", entityId: plan.id }, now);
    await notify(trx, [{ recipientId: plan.owner_id, kind: "coaching_acknowledged", title: `${viewer.name} acknowledged the coaching plan "${plan.title}"`, link: `/coaching/plans/${plan.id}`, createdAt: now }]);
  });
}
