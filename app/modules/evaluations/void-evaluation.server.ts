/**
 * A QA lead voids a submitted evaluation (docs/decisions/0020): it gets the status `void`,
 * which every figure leaves out (they count `submitted` evaluations), keeps its revisions and
 * is shown as void with who, when and why. Its assignment is marked voided, which takes it
 * out of "one live assignment per conversation and scorecard", so the conversation can be
 * assigned or sampled again. Audited with the state that stopped counting. One transaction;
 * refusals as for a correction (lockSubmittedEvaluation).
 */
import type { Database } from "../../lib/db.server";
import { recordAudit } from "../audit/record-audit.server";
import type { Viewer } from "../users/roles";
import { voidInputSchema } from "./evaluation-change.schema";
import { lockSubmittedEvaluation } from "./lock-submitted-evaluation.server";

export async function voidEvaluation(db: Database, viewer: Viewer, evaluationId: string, rawInput: unknown, now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { input, evaluation } = await lockSubmittedEvaluation(trx, viewer, evaluationId, voidInputSchema, rawInput, "voided");
    await trx
      .updateTable("evaluations")
      .set({
        status: "void",
        voided_at: now,
        voided_by: viewer.id,
        void_reason: input.reason,
        revision: evaluation.revision + 1,
        updated_at: now,
      })
      .where("id", "=", evaluationId)
      .execute();
    if (evaluation.assignmentId) {
      await trx.updateTable("assignments").set({ voided_at: now, updated_at: now }).where("id", "=", evaluation.assignmentId).where("status", "=", "done").execute();
    }
    await recordAudit(trx, {
      actorId: viewer.id,
      action: "evaluation.voided",
      entityType: "evaluation",
      entityId: evaluationId,
      before: { ...evaluation.current, status: "submitted" },
      after: { status: "void", reason: input.reason },
    }, now);
  });
}
