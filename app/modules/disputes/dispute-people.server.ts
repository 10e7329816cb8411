/**
 * Who a dispute concerns besides its raiser: the arbiters who may decide it and the supervisors
 * of the agent's team. Read inside the transaction that notifies them.
 */
import type { Database } from "../../lib/db.server";

/** Active QA leads and arbiter-pool members, never the evaluation's reviewer nor its agent. */
export async function listArbiters(db: Database, exclude: { reviewerId: string; agentId: string }): Promise<string[]> {
  const rows = await db
    .selectFrom("users")
    .select("users.id")
    .where("users.active", "=", true)
    .where((eb) => eb.or([eb("users.role", "=", "qa_lead"), eb("users.id", "in", eb.selectFrom("dispute_arbiters").select("user_id"))]))
    .where("users.id", "not in", [exclude.reviewerId, exclude.agentId])
    .orderBy("users.id")
    .execute();
  return rows.map((row) => row.id);
}

/** Active supervisors of a team (none when the conversation has no team). */
export async function listTeamSupervisors(db: Database, teamId: string | null): Promise<string[]> {
  if (teamId === null) return [];
  const rows = await db
    .selectFrom("team_members")
    .innerJoin("users", "users.id", "team_members.user_id")
    .select("users.id")
    .where("team_members.team_id", "=", teamId)
    .where("team_members.kind", "=", "supervisor")
    .where("users.active", "=", true)
    .orderBy("users.id")
    .execute();
  return rows.map((row) => row.id);
}
