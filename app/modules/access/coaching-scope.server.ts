/**
 * Which coaching plans and sessions a viewer may see (DESIGN.md "Coaching", docs/decisions/0031),
 * and who may act on one they see:
 *
 * - QA leads and admins: every plan and session (leads own and change them; admins read);
 * - a supervisor: those of agents in the teams they lead now (a plan follows its agent's
 *   current team, so a supervisor who takes over a team takes over its plans);
 * - the agent: their own, and never the private notes (coachingPrivateNotesVisible);
 * - a QA specialist: none (coaching is the line's and QA leads' work, not the reviewers').
 *
 * A condition on the column naming the coached agent (`coaching_plans.agent_id`, `s.agent_id`,
 * or `users.id` when asking which agents a viewer may coach).
 */
import { sql, type RawBuilder } from "kysely";
import type { Database } from "../../lib/db.server";
import { DomainError, notFound } from "../../lib/errors";
import type { Viewer } from "../users/roles";
import { can } from "./permissions";
import { forbidden } from "./refusals";

export function coachingRowsVisibleTo(viewer: Viewer, agentColumn: string): RawBuilder<boolean> {
  const agent = sql.ref(agentColumn);
  switch (viewer.role) {
    case "admin":
    case "qa_lead":
      return sql<boolean>`true`;
    case "supervisor":
      return viewer.teamIds.length === 0
        ? sql<boolean>`false`
        : sql<boolean>`EXISTS (SELECT 1 FROM team_members tm WHERE tm.user_id = ${agent} AND tm.team_id IN (${sql.join(viewer.teamIds)}))`;
    case "agent":
      return sql<boolean>`${agent} = ${viewer.id}`;
    case "qa":
      return sql<boolean>`false`;
  }
}

/**
 * Private coach notes: the agent's supervisors, QA leads and admins — never the agent, whose
 * reads (page, data, export, API) select only the shared note row.
 */
export function seesPrivateCoachingNotes(viewer: Viewer): boolean {
  return can(viewer, "coaching:oversee");
}

/**
 * Whether the viewer may coach this agent at all: 404 for an agent outside their scope (a
 * supervisor's other teams, anyone for a QA specialist), 403 for a role that never coaches.
 */
export async function assertMayCoachAgent(db: Database, viewer: Viewer, agentId: string): Promise<{ id: string; name: string; teamId: string | null }> {
  const agent = await db
    .selectFrom("users as u")
    .select(["u.id", "u.name"])
    .select((eb) => eb.selectFrom("team_members as m").select("m.team_id").whereRef("m.user_id", "=", "u.id").where("m.kind", "=", "agent").orderBy("m.team_id").limit(1).as("teamId"))
    .where("u.id", "=", agentId)
    .where("u.role", "=", "agent")
    .where(coachingRowsVisibleTo(viewer, "u.id"))
    .executeTakeFirst();
  if (!agent) throw notFound("Agent");
  assertMayCoach(viewer);
  return { id: agent.id, name: agent.name, teamId: agent.teamId ?? null };
}

/** Owning and changing plans and sessions: `coaching:manage` (supervisors, QA leads). */
export function assertMayCoach(viewer: Viewer): void {
  if (!can(viewer, "coaching:manage")) {
    throw forbidden(viewer.role === "admin" ? "Admins read coaching plans; supervisors and QA leads run them." : "Only the agent's supervisors and QA leads coach.");
  }
}

/** The agent's own acknowledgement: only the plan's or session's agent. */
export function assertIsCoachedAgent(viewer: Viewer, row: { agent_id: string }): void {
  if (row.agent_id !== viewer.id) throw forbidden("Only the coached agent acknowledges.");
}

export const notActive = (what: string) => new DomainError("conflict", `This ${what} is no longer active; it cannot change.`);
