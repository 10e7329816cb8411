/**
 * The teams a viewer may pick on the team page and compare an agent with: every team for QA,
 * leads and admins; a supervisor's own teams; an agent's own teams (for their team's mean only).
 * Sorted by name, so "the first team" — a supervisor's default — is the same on every visit.
 */
import type { Database } from "../../lib/db.server";
import { interactionScope } from "../access/permissions";
import type { Viewer } from "../users/roles";

export interface ReportTeam {
  id: string;
  name: string;
}

export async function reportTeamsFor(db: Database, viewer: Viewer): Promise<ReportTeam[]> {
  const scope = interactionScope(viewer);
  let query = db.selectFrom("teams").select(["id", "name"]).orderBy("name").orderBy("id");
  if (scope.kind !== "all") {
    if (viewer.teamIds.length === 0) return [];
    query = query.where("id", "in", viewer.teamIds);
  }
  return query.execute();
}
