import { sql, type RawBuilder, type SelectQueryBuilder } from "kysely";
import type { DB } from "../../../db/types.generated";
import type { Actor } from "./actor";
import { interactionVisibleTo } from "./interaction-scope.server";
import { can } from "./permissions";

/**
 * Which assignments (review work) the viewer may see, a condition over `assignments` joined
 * to `interactions`:
 *
 * - its reviewer always sees it: it is in their queue, even after their role changed (they
 *   are then told 403 "no longer", not 404);
 * - whoever manages assignments (leads, admins, the job runner) sees all of them;
 * - a reviewer does not see another reviewer's queue items;
 * - anybody else (supervisors, agents) sees the review work of the conversations they see,
 *   as they see the conversation itself (interaction scope).
 */
export function assignmentVisibleTo(actor: Actor): RawBuilder<boolean> {
  if ("system" in actor || can(actor, "assignments:manage")) return sql<boolean>`true`;
  if (can(actor, "reviews:work")) return sql<boolean>`assignments.reviewer_id = ${actor.id}`;
  return sql<boolean>`(assignments.reviewer_id = ${actor.id} OR (${interactionVisibleTo(actor)}))`;
}

export function scopeAssignments<O>(
  query: SelectQueryBuilder<DB, "assignments" | "interactions", O>,
  actor: Actor,
): SelectQueryBuilder<DB, "assignments" | "interactions", O> {
  return query.where(assignmentVisibleTo(actor));
}
