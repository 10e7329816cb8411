import { sql, type RawBuilder } from "kysely";
import type { Database } from "../../lib/db.server";
import { notFound } from "../../lib/errors";
import type { Viewer } from "../users/roles";
import { interactionScope } from "./permissions";
import { assertCan } from "./refusals";
import { rowsInInteractionScope } from "./scoped-rows.server";

/**
 * The report scope (DESIGN.md "Reports and roll-ups"): a condition over any report table or
 * roll-up — they all carry team_id, agent_id and released — built on the interaction scope,
 * so a report never counts a conversation its viewer could not open. QA, leads and admins:
 * everything; supervisors: their teams' (nothing while they lead none); agents: their own,
 * and only what was released to them.
 */
export function reportRowsVisibleTo(viewer: Viewer, alias: string): RawBuilder<boolean> {
  return rowsInInteractionScope(viewer, alias, (column) => sql<boolean>`${column("released")}`);
}

/**
 * A report filtered to a team or an agent the viewer may not see answers 404, as a guessed
 * URL does everywhere: an agent may name only themselves, a supervisor their teams and their
 * teams' agents. Checked before anything is read; the role needs `reports:view` (403).
 */
export async function assertReportFiltersVisible(db: Database, viewer: Viewer, filters: { teamId?: string; agentId?: string }): Promise<void> {
  assertCan(viewer, "reports:view");
  const scope = interactionScope(viewer);
  if (scope.kind === "all") return;
  if (scope.kind === "own") {
    if (filters.teamId !== undefined && !viewer.teamIds.includes(filters.teamId)) throw notFound("Team");
    if (filters.agentId !== undefined && filters.agentId !== viewer.id) throw notFound("Agent");
    return;
  }
  if (filters.teamId !== undefined && !scope.teamIds.includes(filters.teamId)) throw notFound("Team");
  if (filters.agentId !== undefined) {
    const member = scope.teamIds.length
      ? await db.selectFrom("team_members").select("user_id").where("user_id", "=", filters.agentId).where("team_id", "in", scope.teamIds).executeTakeFirst()
      : undefined;
    if (!member) throw notFound("Agent");
  }
}
