/**
 * GET /api/v1/evaluations/{id}: one review as its page shows it, through the page's own reads —
 * getEvaluation (answers and the version, without the questions hidden from agents when the
 * token's user is an agent), listEvaluationHistory (revisions), getAcknowledgement and
 * getOpenDispute (the open dispute, within the disputes' own scope) — so the API cannot show
 * more than the pages. Outside the viewer's scope, a draft, a calibration score
 * or a self-evaluation: null (the route answers 404).
 */
import type { Database } from "../../lib/db.server";
import { getOpenDispute } from "../disputes/get-open-dispute.server";
import { getEvaluation } from "../evaluations/get-evaluation.server";
import { listEvaluationHistory } from "../evaluations/list-evaluation-history.server";
import { getAcknowledgement } from "../feedback/get-acknowledgement.server";
import { answerFor, questionsInOrder } from "../scorecards/scorecard-definition.schema";
import { getOrganisation } from "../users/get-organisation.server";
import type { Viewer } from "../users/roles";
import type { EvaluationDetailJson } from "./evaluation-api.schema";
import { scopedEvaluationQuery, toEvaluationSummary } from "./list-api-evaluations.server";

export async function getApiEvaluation(db: Database, viewer: Viewer, evaluationId: string, now = new Date()): Promise<EvaluationDetailJson | null> {
  const row = await scopedEvaluationQuery(db, viewer).where("evaluations.id", "=", evaluationId).executeTakeFirst();
  if (!row) return null;
  const { timeZone } = await getOrganisation(db);
  const [evaluation, history, acknowledgement, openDispute] = await Promise.all([
    getEvaluation(db, viewer, evaluationId),
    listEvaluationHistory(db, viewer, evaluationId),
    getAcknowledgement(db, viewer, evaluationId, now, timeZone),
    getOpenDispute(db, viewer, evaluationId, now),
  ]);
  const state = acknowledgement.state;
  return {
    ...toEvaluationSummary(row),
    questions: questionsInOrder(evaluation.version.definition).map(({ section, question }) => {
      const answer = answerFor(evaluation.answers, question.id);
      return {
        id: question.id,
        sectionId: section.id,
        prompt: question.prompt,
        kind: question.kind,
        answer: answer ? { value: answer.value ?? null, na: answer.na === true, comment: answer.comment ?? null } : null,
      };
    }),
    feedback: evaluation.feedback,
    voided: evaluation.voided ? { at: evaluation.voided.at.toISOString(), reason: evaluation.voided.reason } : null,
    revisions: history.map((revision) => ({
      sequence: revision.sequence,
      cause: revision.cause,
      actor: revision.actorName,
      reason: revision.reason,
      at: revision.at.toISOString(),
      score: revision.score,
      passed: revision.passed,
      autoFailed: revision.autoFailed,
      changedQuestionIds: revision.changes.map((change) => change.question.id),
      current: revision.current,
    })),
    acknowledgement: {
      mode: acknowledgement.mode,
      state: state.kind,
      dueAt: state.kind === "awaiting" ? (state.dueAt?.toISOString() ?? null) : null,
      overdue: state.kind === "awaiting" && state.overdue,
      acknowledgedAt: state.kind === "acknowledged" ? state.acknowledgedAt.toISOString() : null,
      acknowledgedRevision: state.kind === "acknowledged" ? state.acknowledgedRevision : null,
      comment: state.kind === "acknowledged" ? state.comment : null,
    },
    openDispute: openDispute
      ? {
          id: openDispute.id,
          state: openDispute.state,
          questionIds: openDispute.questionIds,
          raisedAt: openDispute.raisedAt.toISOString(),
          dueAt: openDispute.dueAt.toISOString(),
          overdue: openDispute.overdue,
        }
      : null,
  };
}
