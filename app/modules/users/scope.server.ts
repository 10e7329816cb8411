import { sql, type SelectQueryBuilder } from "kysely";
import type { DB } from "../../../db/types.generated";
import { interactionScope } from "./permissions";
import type { Viewer } from "./roles";

/**
 * Restricts any query over `interactions` to what the viewer may see. Every list
 * and load of interactions (and, later, of rows hanging off them) goes through
 * this, so scoping lives in the data layer rather than in each page.
 */
export function scopeInteractions<O>(
  query: SelectQueryBuilder<DB, "interactions", O>,
  viewer: Viewer,
): SelectQueryBuilder<DB, "interactions", O> {
  const scope = interactionScope(viewer);
  switch (scope.kind) {
    case "all":
      return query;
    case "teams":
      // A supervisor with no team sees nothing, not everything.
      return scope.teamIds.length === 0
        ? query.where(sql<boolean>`false`)
        : query.where("interactions.team_id", "in", scope.teamIds);
    case "own":
      return query.where("interactions.agent_id", "=", scope.agentId);
  }
}
