/**
 * The comparison on an evaluation's page (issue 13 §5): for a review, the agent's
 * self-evaluation of the same conversation; for a self-evaluation, the conversation's current
 * review — each only as the viewer's evaluation scope lets them see it (access/
 * evaluation-scope.server.ts), so a reviewer gets nothing before submitting their own review
 * and the agent nothing before the review is released to them. Questions hidden from agents
 * are left out of an agent's view by getEvaluation, on both sides.
 */
import type { Database } from "../../lib/db.server";
import { scopeEvaluations } from "../../modules/access/evaluation-scope.server";
import { getEvaluation, type EvaluationView } from "../../modules/evaluations/get-evaluation.server";
import type { Viewer } from "../../modules/users/roles";
import { compareAnswers, type ComparisonRow } from "./comparison";

export type SelfComparisonView =
  | { sameScorecard: true; selfId: string; reviewId: string; agentName: string; reviewerName: string; selfScore: number | null; reviewScore: number | null; scoreGap: number | null; rows: ComparisonRow[] }
  | { sameScorecard: false; selfId: string; reviewId: string; selfScorecard: string; reviewScorecard: string };

export async function selfComparisonView(db: Database, viewer: Viewer, evaluation: EvaluationView): Promise<SelfComparisonView | null> {
  if (evaluation.status !== "submitted" || (evaluation.kind !== "review" && evaluation.kind !== "self")) return null;
  const counterpartKind = evaluation.kind === "review" ? "self" : "review";
  const counterpart = await scopeEvaluations(db.selectFrom("evaluations").innerJoin("interactions", "interactions.id", "evaluations.interaction_id"), viewer)
    .select("evaluations.id")
    .where("evaluations.interaction_id", "=", evaluation.interactionId)
    .where("evaluations.kind", "=", counterpartKind)
    .where("evaluations.status", "=", "submitted")
    .orderBy("evaluations.submitted_at", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!counterpart) return null;
  const other = await getEvaluation(db, viewer, counterpart.id);
  const [self, review] = evaluation.kind === "self" ? [evaluation, other] : [other, evaluation];
  if (self.scorecard.id !== review.scorecard.id) {
    return { sameScorecard: false, selfId: self.id, reviewId: review.id, selfScorecard: self.scorecard.name, reviewScorecard: review.scorecard.name };
  }
  const { rows, scoreGap } = compareAnswers(
    { definition: self.version.definition, answers: self.answers, score: self.score },
    { definition: review.version.definition, answers: review.answers, score: review.score },
  );
  return {
    sameScorecard: true,
    selfId: self.id,
    reviewId: review.id,
    agentName: self.reviewer.name,
    reviewerName: review.reviewer.name,
    selfScore: self.score,
    reviewScore: review.score,
    scoreGap,
    rows,
  };
}
