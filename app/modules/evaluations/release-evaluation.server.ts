import type { Database } from "../../lib/db.server";
import { notFound } from "../../lib/errors";
import { scopeEvaluations } from "../access/evaluation-scope.server";
import { assertCan } from "../access/refusals";
import { assertReleasable } from "../access/rules";
import { recordAudit } from "../audit/record-audit.server";
import { notifyEvaluationReleased } from "../notifications/notify-evaluation-released.server";
import type { Viewer } from "../users/roles";

/**
 * Releases a submitted review to the agent (scorecards whose release mode is "manual"); from
 * then on the agent sees it on their own conversation. Checked once, here, in the order of
 * access/refusals.ts: an evaluation outside the viewer's scope is 404, a role without
 * `evaluations:release` 403, one that is not a submitted, unreleased review 409. The agent is
 * notified in the same transaction.
 */
export async function releaseEvaluation(db: Database, viewer: Viewer, evaluationId: string, now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const evaluation = await scopeEvaluations(trx.selectFrom("evaluations").innerJoin("interactions", "interactions.id", "evaluations.interaction_id"), viewer)
      .select(["evaluations.kind", "evaluations.status", "evaluations.released_at"])
      .where("evaluations.id", "=", evaluationId)
      .forUpdate("evaluations")
      .executeTakeFirst();
    if (!evaluation) throw notFound("Evaluation");
    assertCan(viewer, "evaluations:release", "Only QA leads and admins release evaluations.");
    assertReleasable(evaluation);
    await trx.updateTable("evaluations").set({ released_at: now, updated_at: now }).where("id", "=", evaluationId).execute();
    await recordAudit(trx, { actorId: viewer.id, action: "evaluation.release", entityType: "evaluation", entityId: evaluationId }, now);
    await notifyEvaluationReleased(trx, evaluationId, now);
  });
}
