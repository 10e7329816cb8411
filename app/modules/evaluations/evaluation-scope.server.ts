import { sql, type SelectQueryBuilder } from "kysely";
import type { DB } from "../../../db/types.generated";
import { interactionScope } from "../users/permissions";
import type { Viewer } from "../users/roles";

/**
 * Restricts a query over `evaluations` (joined to `interactions`) to what the viewer may see
 * (DESIGN.md "Who uses it"): a draft only to its reviewer; submitted evaluations to QA, QA
 * leads and admins; to a supervisor for their teams' interactions; to an agent only on their
 * own interactions, once released, and only review evaluations (never calibration).
 * A void evaluation stays visible to the same people, shown as void (docs/decisions/0020):
 * figures leave it out by counting `submitted` ones, not by this scope.
 */
const seenOnceSubmitted = ["submitted", "void"];

export function scopeEvaluations<O>(
  query: SelectQueryBuilder<DB, "evaluations" | "interactions", O>,
  viewer: Viewer,
): SelectQueryBuilder<DB, "evaluations" | "interactions", O> {
  const ownDraft = sql<boolean>`(evaluations.status = 'draft' AND evaluations.reviewer_id = ${viewer.id})`;
  const scope = interactionScope(viewer);
  switch (scope.kind) {
    case "all":
      return query.where(sql<boolean>`(evaluations.status IN ('submitted', 'void') OR ${ownDraft})`);
    case "teams":
      if (scope.teamIds.length === 0) return query.where(sql<boolean>`false`);
      return query.where("evaluations.status", "in", seenOnceSubmitted).where("interactions.team_id", "in", scope.teamIds);
    case "own":
      return query
        .where("evaluations.status", "in", seenOnceSubmitted)
        .where("evaluations.kind", "=", "review")
        .where("evaluations.released_at", "is not", null)
        .where("interactions.agent_id", "=", scope.agentId);
  }
}
