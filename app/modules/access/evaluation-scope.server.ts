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
 * - `self`, once submitted: its agent (its scorer, above); everybody else who sees the
 *   conversation only once a review of it has been submitted, and never while they have a
 *   review of it of their own to do — a draft or an open assignment — so it cannot anchor
 *   the reviewer (docs/decisions/0025).
 *
 * A condition over `evaluations` joined to `interactions`.
 */
export function evaluationVisibleTo(viewer: Viewer): RawBuilder<boolean> {
  const releasedToAgent = interactionScope(viewer).kind === "own" ? sql`evaluations.released_at IS NOT NULL` : sql`true`;
  return sql<boolean>`(${interactionVisibleTo(viewer)}) AND (
    evaluations.reviewer_id = ${viewer.id}
    OR (evaluations.status <> 'draft' AND (
      (evaluations.kind = 'review' AND ${releasedToAgent})
      OR (evaluations.kind = 'self' AND ${selfEvaluationUnblinded(viewer)})
    ))
  )`;
}

/** A review of the self-evaluation's conversation is submitted, and the viewer has none of it left to do. */
function selfEvaluationUnblinded(viewer: Viewer): RawBuilder<boolean> {
  return sql<boolean>`(
    EXISTS (SELECT 1 FROM evaluations AS review WHERE review.interaction_id = evaluations.interaction_id AND review.kind = 'review' AND review.status <> 'draft')
    AND NOT EXISTS (
      SELECT 1 FROM evaluations AS own WHERE own.interaction_id = evaluations.interaction_id AND own.kind = 'review' AND own.status = 'draft' AND own.reviewer_id = ${viewer.id}
    )
    AND NOT EXISTS (
      SELECT 1 FROM assignments AS todo WHERE todo.interaction_id = evaluations.interaction_id AND todo.status = 'open' AND todo.reviewer_id = ${viewer.id}
    )
  )`;
}

/** Restricts a query over `evaluations` (joined to `interactions`) to what the viewer may see. */
export function scopeEvaluations<O>(
  query: SelectQueryBuilder<DB, "evaluations" | "interactions", O>,
  viewer: Viewer,
): SelectQueryBuilder<DB, "evaluations" | "interactions", O> {
  return query.where(evaluationVisibleTo(viewer));
}
