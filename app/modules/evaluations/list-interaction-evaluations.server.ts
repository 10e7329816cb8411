import type { Database } from "../../lib/db.server";
import type { Viewer } from "../users/roles";
import type { EvaluationStatus } from "./get-evaluation.server";
import { scopeEvaluations } from "../access/evaluation-scope.server";

export interface InteractionEvaluationItem {
  id: string;
  /** A void one is listed as void, without a score: it no longer counts. */
  status: EvaluationStatus;
  scorecardName: string;
  version: number;
  reviewerName: string;
  score: number | null;
  passed: boolean | null;
  autoFailed: boolean;
  submittedAt: Date | null;
  released: boolean;
}

/** The evaluations of one interaction the viewer may see (their own drafts included), newest first. */
export async function listInteractionEvaluations(
  db: Database,
  viewer: Viewer,
  interactionId: string,
): Promise<InteractionEvaluationItem[]> {
  const rows = await scopeEvaluations(
    db
      .selectFrom("evaluations")
      .innerJoin(
        "interactions",
        "interactions.id",
        "evaluations.interaction_id",
      ),
    viewer,
  )
    .innerJoin("scorecards", "scorecards.id", "evaluations.scorecard_id")
    .innerJoin(
      "scorecard_versions",
      "scorecard_versions.id",
      "evaluations.scorecard_version_id",
    )
    .innerJoin("users as reviewer", "reviewer.id", "evaluations.reviewer_id")
    .select([
      "evaluations.id",
      "evaluations.status",
      "evaluations.score",
      "evaluations.passed",
      "evaluations.auto_failed",
      "evaluations.submitted_at",
      "evaluations.released_at",
      "evaluations.created_at",
      "scorecards.name as scorecard_name",
      "scorecard_versions.version",
      "reviewer.name as reviewer_name",
    ])
    .where("evaluations.interaction_id", "=", interactionId)
    .orderBy("evaluations.created_at", "desc")
    .execute();
  return rows.map((row) => {
    const counts = row.status !== "void";
    return {
      id: row.id,
      status: row.status as EvaluationStatus,
      scorecardName: row.scorecard_name,
      version: row.version,
      reviewerName: row.reviewer_name,
      score: counts ? row.score : null,
      passed: counts ? row.passed : null,
      autoFailed: counts && row.auto_failed,
      submittedAt: row.submitted_at,
      released: row.released_at !== null,
    };
  });
}
