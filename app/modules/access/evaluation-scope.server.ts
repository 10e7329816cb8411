import { sql, type RawBuilder, type SelectQueryBuilder } from "kysely";
import type { DB } from "../../../db/types.generated";
import type { Viewer } from "../users/roles";
import { interactionVisibleTo } from "./interaction-scope.server";
import { interactionScope } from "./permissions";

/**
 * Which evaluations the viewer may see, by kind, always within the interaction scope (an
 * evaluation of a conversation the viewer may not see is never visible):
 *
 * - any kind, any state: its own scorer (their drafts, their calibration scores);
 * - `review`, once submitted (any state but draft): everybody who sees the conversation —
 *   except that the agent sees it only once it is released to them;
 * - `calibration`: nobody else (blind scoring), until calibration sessions say who may;
 * - `self`, once submitted: everybody who sees the conversation — the agent, their
 *   supervisors, QA specialists, leads and admins.
 *
 * A condition over `evaluations` joined to `interactions`.
 */
export function evaluationVisibleTo(viewer: Viewer): RawBuilder<boolean> {
  const releasedToAgent = interactionScope(viewer).kind === "own" ? sql`evaluations.released_at IS NOT NULL` : sql`true`;
  return sql<boolean>`(${interactionVisibleTo(viewer)}) AND (
    evaluations.reviewer_id = ${viewer.id}
    OR (evaluations.status <> 'draft' AND (
      (evaluations.kind = 'review' AND ${releasedToAgent})
      OR evaluations.kind = 'self'
    ))
  )`;
}

/** Restricts a query over `evaluations` (joined to `interactions`) to what the viewer may see. */
export function scopeEvaluations<O>(
  query: SelectQueryBuilder<DB, "evaluations" | "interactions", O>,
  viewer: Viewer,
): SelectQueryBuilder<DB, "evaluations" | "interactions", O> {
  return query.where(evaluationVisibleTo(viewer));
}
