/**
 * Submitting an evaluation: required answers checked, the score computed on the server with
 * the same pure module the browser used (the server's result is the one recorded), written as
 * the evaluation's first revision (cause `submit`, docs/decisions/0020), the evaluation
 * locked, its assignment completed, released to the agent at once when the scorecard says so
 * (and the agent notified),
 * audited — and the reviewer's next queue item returned so the workspace can open it. One
 * transaction: all of it happens or none.
 */
import type { Database } from "../../lib/db.server";
import { recordAudit } from "../audit/record-audit.server";
import { notifyEvaluationReleased } from "../notifications/notify-evaluation-released.server";
import type { Viewer } from "../users/roles";
import type { EvaluationInput } from "./evaluation-input.schema";
import { appendRevision } from "./append-revision.server";
import { loadDraftForUpdate } from "./load-draft-for-update.server";
import { scoreCompleteAnswers } from "./score-answers";

export interface SubmitOutcome {
  score: number | null;
  passed: boolean;
  autoFailed: boolean;
  released: boolean;
  /** The reviewer's next open assignment, due soonest first. */
  next: { assignmentId: string; interactionId: string } | null;
}

export async function submitEvaluation(db: Database, viewer: Viewer, evaluationId: string, input: EvaluationInput, now = new Date()): Promise<SubmitOutcome> {
  return db.transaction().execute(async (trx) => {
    const draft = await loadDraftForUpdate(trx, viewer, evaluationId, input.revision);
    const { score, passed, autoFailed } = scoreCompleteAnswers(draft.definition, input.answers, "submitting");
    const released = draft.release_mode === "immediate";
    const revision = await appendRevision(trx, {
      evaluationId,
      scorecardVersionId: draft.scorecard_version_id,
      cause: "submit",
      actorId: viewer.id,
      reason: null,
      answers: input.answers,
      score,
      passed,
      autoFailed,
      at: now,
    });
    await trx
      .updateTable("evaluations")
      .set({
        answers: JSON.stringify(input.answers),
        feedback: JSON.stringify(input.feedback),
        score,
        passed,
        auto_failed: autoFailed,
        status: "submitted",
        current_revision_id: revision.id,
        submitted_at: now,
        released_at: released ? now : null,
        revision: draft.revision + 1,
        updated_at: now,
      })
      .where("id", "=", evaluationId)
      .execute();
    if (draft.assignment_id) {
      await trx
        .updateTable("assignments")
        .set({ status: "done", closed_at: now, closed_by: viewer.id, updated_at: now })
        .where("id", "=", draft.assignment_id)
        .where("status", "=", "open")
        .execute();
    }
    await recordAudit(trx, {
      actorId: viewer.id,
      action: "evaluation.submit",
      entityType: "evaluation",
      entityId: evaluationId,
      after: { answers: input.answers, score, passed, autoFailed, released },
    }, now);
    if (released) await notifyEvaluationReleased(trx, evaluationId, now);
    const next = await trx
      .selectFrom("assignments")
      .select(["id", "interaction_id"])
      .where("reviewer_id", "=", viewer.id)
      .where("status", "=", "open")
      .orderBy("due_at")
      .orderBy("id")
      .limit(1)
      .executeTakeFirst();
    return {
      score,
      passed,
      autoFailed,
      released,
      next: next ? { assignmentId: next.id, interactionId: next.interaction_id } : null,
    };
  });
}
