import { sql, type RawBuilder } from "kysely";
import type { Viewer } from "../users/roles";
import { evaluationVisibleTo } from "./evaluation-scope.server";

/**
 * Which disputes the viewer may see, always within the scope of the evaluation disputed (so
 * never beyond the interaction scope, and an agent only on reviews released to them):
 *
 * - QA leads and admins: every one;
 * - the agent: those on their own evaluations; a supervisor: their teams' (the evaluation
 *   scope already says so);
 * - a QA specialist: disputes of their own work (they reviewed it), or every one when they are
 *   in the organisation's arbiter pool;
 * - anyone in the arbiter pool: every one in their interaction scope.
 *
 * A condition over `disputes` joined to `evaluations` and `interactions`.
 */
export function disputeVisibleTo(viewer: Viewer): RawBuilder<boolean> {
  const byRole = viewer.role === "qa" ? sql`evaluations.reviewer_id = ${viewer.id} OR ${inArbiterPool(viewer)}` : sql`true`;
  return sql<boolean>`(${evaluationVisibleTo(viewer)}) AND (${byRole})`;
}

/** Whether the viewer is in the organisation's arbiter pool (a condition, read in the query that needs it). */
export function inArbiterPool(viewer: Pick<Viewer, "id">): RawBuilder<boolean> {
  return sql<boolean>`EXISTS (SELECT 1 FROM dispute_arbiters WHERE dispute_arbiters.user_id = ${viewer.id})`;
}
