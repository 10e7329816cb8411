import { sql, type RawBuilder, type SelectQueryBuilder } from "kysely";
import type { DB } from "../../../db/types.generated";
import type { Actor } from "./actor";
import { interactionScope } from "./permissions";

/**
 * The one interaction scope every other scope is built on (evaluations, annotations,
 * assignments): a condition over the `interactions` table that holds for the rows the viewer
 * may see — every interaction (QA, leads, admins, parts of Parley acting on their own), their
 * teams' (supervisors; none while they lead no team, not everything), or their own (agents).
 */
export function interactionVisibleTo(actor: Actor): RawBuilder<boolean> {
  if ("system" in actor) return sql<boolean>`true`;
  const scope = interactionScope(actor);
  switch (scope.kind) {
    case "all":
      return sql<boolean>`true`;
    case "teams":
      return scope.teamIds.length === 0 ? sql<boolean>`false` : sql<boolean>`interactions.team_id IN (${sql.join(scope.teamIds)})`;
    case "own":
      return sql<boolean>`interactions.agent_id = ${scope.agentId}`;
  }
}

/**
 * Restricts any query over `interactions` to what the viewer may see. Every list, load and
 * count of interactions goes through this, so scoping lives in the data layer rather than in
 * each page.
 */
export function scopeInteractions<O>(query: SelectQueryBuilder<DB, "interactions", O>, actor: Actor): SelectQueryBuilder<DB, "interactions", O> {
  return query.where(interactionVisibleTo(actor));
}
