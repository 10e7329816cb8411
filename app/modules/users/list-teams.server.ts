import { sql } from "kysely";
import type { Database } from "../../lib/db.server";
import { assertCan } from "../access/refusals";
import type { Viewer } from "./roles";

export interface TeamSummary {
  id: string;
  name: string;
  agentCount: number;
  supervisors: string[];
}

/** Every team with its agents' count and supervisors: the people pages' (`users:read`). */
export async function listTeams(db: Database, viewer: Viewer): Promise<TeamSummary[]> {
  assertCan(viewer, "users:read");
  const rows = await db
    .selectFrom("teams")
    .leftJoin("team_members", "team_members.team_id", "teams.id")
    .leftJoin("users", (join) => join.onRef("users.id", "=", "team_members.user_id").on("users.active", "=", true))
    .select([
      "teams.id",
      "teams.name",
      sql<number>`count(users.id) filter (where team_members.kind = 'agent')::int`.as("agent_count"),
      sql<string[]>`coalesce(array_agg(users.name order by users.name) filter (where team_members.kind = 'supervisor' and users.id is not null), '{}')`.as(
        "supervisors",
      ),
    ])
    .groupBy(["teams.id", "teams.name"])
    .orderBy("teams.name")
    .execute();
  return rows.map((row) => ({ id: row.id, name: row.name, agentCount: row.agent_count, supervisors: row.supervisors }));
}
