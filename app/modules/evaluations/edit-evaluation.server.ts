/**
 * A QA lead corrects a submitted evaluation (docs/decisions/0020): new answers, rescored with
 * the score math of the version the evaluation is pinned to, written as a new revision (cause
 * `edit`, with the reason) that becomes current; the evaluation's copy of answers and score
 * follows it, and the audit log records the revision before and after. One transaction.
 * Refusals (lockSubmittedEvaluation): 404 unseen, 403 not a lead, 422 no reason or answers that
 * do not fit, 409 a draft, a void evaluation or a stale page. Answers identical to the current
 * ones are refused too (422): a correction that changes nothing would only add noise to the
 * history.
 */
import { isDeepStrictEqual } from "node:util";
import type { Database } from "../../lib/db.server";
import { DomainError } from "../../lib/errors";
import { recordAudit } from "../audit/record-audit.server";
import type { Viewer } from "../users/roles";
import { appendRevision } from "./append-revision.server";
import { correctionInputSchema } from "./evaluation-change.schema";
import { lockSubmittedEvaluation } from "./lock-submitted-evaluation.server";
import { scoreCompleteAnswers, type RecordedScore } from "./score-answers";

export interface CorrectionOutcome extends RecordedScore {
  /** The number of the revision written (2 for the first correction). */
  revision: number;
}

export async function editEvaluation(db: Database, viewer: Viewer, evaluationId: string, rawInput: unknown, now = new Date()): Promise<CorrectionOutcome> {
  return db.transaction().execute(async (trx) => {
    const { input, evaluation } = await lockSubmittedEvaluation(trx, viewer, evaluationId, correctionInputSchema, rawInput, "corrected");
    const recorded = scoreCompleteAnswers(evaluation.definition, input.answers, "saving the correction");
    if (isDeepStrictEqual(input.answers, evaluation.current.answers)) {
      throw new DomainError("invalid", "These answers are the ones already in force: change at least one answer to correct the evaluation.");
    }
    const revision = await appendRevision(trx, {
      evaluationId,
      scorecardVersionId: evaluation.scorecardVersionId,
      cause: "edit",
      actorId: viewer.id,
      reason: input.reason,
      answers: input.answers,
      ...recorded,
      at: now,
    });
    await trx
      .updateTable("evaluations")
      .set({
        answers: JSON.stringify(input.answers),
        score: recorded.score,
        passed: recorded.passed,
        auto_failed: recorded.autoFailed,
        current_revision_id: revision.id,
        revision: evaluation.revision + 1,
        updated_at: now,
      })
      .where("id", "=", evaluationId)
      .execute();
    await recordAudit(trx, {
      actorId: viewer.id,
      action: "evaluation.edited",
      entityType: "evaluation",
      entityId: evaluationId,
      before: evaluation.current,
      after: { revision: revision.sequence, answers: input.answers, ...recorded, reason: input.reason },
    }, now);
    return { revision: revision.sequence, ...recorded };
  });
}
