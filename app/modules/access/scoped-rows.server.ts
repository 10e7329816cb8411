import { sql, type RawBuilder } from "kysely";
import type { Viewer } from "../users/roles";
import { interactionScope } from "./permissions";

/**
 * The interaction scope as a condition over any table or roll-up that carries team_id and
 * agent_id — the opening both report scopes share (report-scope.server.ts for quality,
 * customer-report-scope.server.ts for CSAT and handling time). QA, leads and admins: every
 * row; supervisors: their teams' (nothing while they lead none); agents: their own, narrowed
 * further by `ownAlso` where the caller adds a condition of its own (quality: released).
 */
export function rowsInInteractionScope(viewer: Viewer, alias: string, ownAlso?: (column: (name: string) => RawBuilder<unknown>) => RawBuilder<boolean>): RawBuilder<boolean> {
  const column = (name: string) => sql.ref(`${alias}.${name}`);
  const scope = interactionScope(viewer);
  switch (scope.kind) {
    case "all":
      return sql<boolean>`true`;
    case "teams":
      return scope.teamIds.length === 0 ? sql<boolean>`false` : sql<boolean>`${column("team_id")} IN (${sql.join(scope.teamIds)})`;
    case "own":
      return ownAlso ? sql<boolean>`(${column("agent_id")} = ${scope.agentId} AND ${ownAlso(column)})` : sql<boolean>`${column("agent_id")} = ${scope.agentId}`;
  }
}
