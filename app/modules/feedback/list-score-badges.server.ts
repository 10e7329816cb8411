/**
 * The score badge of each listed conversation (issue 13 §2): wherever conversations are listed —
 * the conversation list, home, a reviewer's queue, the assignments dashboard — a conversation
 * with a current evaluation the viewer may see shows its score. "Current" is a submitted review
 * (a void one no longer counts, a draft is not a result yet, a self-evaluation is not a review);
 * "may see" is the evaluation scope, so an agent gets a badge only once it is released to them.
 * One query per page of rows, answered by evaluations_interaction_idx.
 */
import type { Database } from "../../lib/db.server";
import { scopeEvaluations } from "../access/evaluation-scope.server";
import type { Viewer } from "../users/roles";

export interface ScoreBadge {
  evaluationId: string;
  score: number | null;
  passed: boolean;
  autoFailed: boolean;
  scorecardName: string;
}

/** Badges keyed by interaction id; a conversation without one is absent. The latest submitted evaluation wins when there are several. */
export async function listScoreBadges(db: Database, viewer: Viewer, interactionIds: readonly string[]): Promise<Record<string, ScoreBadge>> {
  if (interactionIds.length === 0) return {};
  const rows = await scopeEvaluations(db.selectFrom("evaluations").innerJoin("interactions", "interactions.id", "evaluations.interaction_id"), viewer)
    .innerJoin("scorecards", "scorecards.id", "evaluations.scorecard_id")
    .distinctOn("evaluations.interaction_id")
    .select([
      "evaluations.interaction_id",
      "evaluations.id",
      "evaluations.score",
      "evaluations.passed",
      "evaluations.auto_failed",
      "scorecards.name as scorecard_name",
    ])
    .where("evaluations.interaction_id", "in", [...new Set(interactionIds)])
    .where("evaluations.status", "=", "submitted")
    .where("evaluations.kind", "=", "review")
    .orderBy("evaluations.interaction_id")
    .orderBy("evaluations.submitted_at", "desc")
    .orderBy("evaluations.id", "desc")
    .execute();
  return Object.fromEntries(
    rows.map((row) => [
      row.interaction_id,
      { evaluationId: row.id, score: row.score, passed: row.passed ?? false, autoFailed: row.auto_failed, scorecardName: row.scorecard_name },
    ]),
  );
}
