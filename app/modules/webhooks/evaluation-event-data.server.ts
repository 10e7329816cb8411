/**
 * An evaluation as webhook events carry it: ids, the current revision's number and score,
 * states and links, never answers or feedback (some answers are hidden from agents; the
 * receiver reads those through the REST API with a token that may see them).
 * Read inside the cause's transaction, so it describes the state that commits.
 */
import { getConfig } from "../../../server/config";
import type { Database } from "../../lib/db.server";
import type { EvaluationEventData } from "./webhook-events";

/** A path inside Parley made absolute when PUBLIC_URL is set (receivers live elsewhere). */
export function publicLink(path: string): string {
  const base = getConfig().PUBLIC_URL;
  return base ? new URL(path, base).toString() : path;
}

export async function evaluationEventData(trx: Database, evaluationId: string): Promise<EvaluationEventData> {
  const row = await trx
    .selectFrom("evaluations")
    .innerJoin("interactions", "interactions.id", "evaluations.interaction_id")
    .innerJoin("scorecard_versions", "scorecard_versions.id", "evaluations.scorecard_version_id")
    .leftJoin("evaluation_revisions as current", "current.id", "evaluations.current_revision_id")
    .select([
      "evaluations.id",
      "evaluations.interaction_id",
      "interactions.agent_id",
      "evaluations.reviewer_id",
      "evaluations.scorecard_id",
      "scorecard_versions.version",
      "current.sequence",
      "evaluations.score",
      "evaluations.passed",
      "evaluations.auto_failed",
      "evaluations.status",
      "evaluations.submitted_at",
      "evaluations.released_at",
    ])
    .where("evaluations.id", "=", evaluationId)
    .executeTakeFirstOrThrow();
  return {
    evaluation: {
      id: row.id,
      interactionId: row.interaction_id,
      agentId: row.agent_id,
      reviewerId: row.reviewer_id,
      scorecardId: row.scorecard_id,
      scorecardVersion: row.version,
      revision: row.sequence ?? 0,
      score: row.score,
      passed: row.passed,
      autoFailed: row.auto_failed,
      status: row.status,
      submittedAt: row.submitted_at?.toISOString() ?? null,
      releasedAt: row.released_at?.toISOString() ?? null,
      url: publicLink(`/evaluations/${row.id}`),
      apiUrl: publicLink(`/api/v1/evaluations/${row.id}`),
    },
  };
}
