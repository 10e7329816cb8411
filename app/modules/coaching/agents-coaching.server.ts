/**
 * Coaching beside the reports (issue 14 §3 meets issue 15): for the team page, each agent's
 * active coaching plan, their next session (in the organisation's zone) and their overdue
 * action items; for the agent card, whether the viewer
 * may start a plan for the agent. Scoped as every coaching read (coaching-scope.server.ts): a
 * supervisor sees their teams' agents' plans, QA leads and admins all, a QA specialist none —
 * so an agent outside the scope simply has no entry, never a plan of someone else's.
 */
import { sql } from "kysely";
import type { Database } from "../../lib/db.server";
import { formatDateTime, formatLocalDate, localDateOf } from "../../lib/time";
import { can } from "../access/permissions";
import { coachingRowsVisibleTo } from "../access/coaching-scope.server";
import { getOrganisation } from "../users/get-organisation.server";
import type { Viewer } from "../users/roles";

export interface AgentCoaching {
  /** The agent's active plan (the newest, should there be more than one). */
  plan: { id: string; title: string; dueOn: string; overdue: boolean } | null;
  /** Open action items past their due day, over all the agent's sessions. */
  overdueItems: number;
  /** The earliest session still scheduled from now on, on a plan or standalone; `when` in the organisation's zone. */
  nextSession: { id: string; planId: string | null; startsAt: string; when: string } | null;
}

/** Per agent id (of those given and in the viewer's coaching scope), their active plan and overdue items. */
export async function coachingOfAgents(db: Database, viewer: Viewer, agentIds: readonly string[], now: Date): Promise<Map<string, AgentCoaching>> {
  const result = new Map<string, AgentCoaching>();
  // The team's coaching is for those who oversee it (coaching:oversee); an agent's own is on My coaching.
  if (agentIds.length === 0 || !can(viewer, "coaching:oversee")) return result;
  const { timeZone } = await getOrganisation(db);
  const today = formatLocalDate(localDateOf(now, timeZone));
  const ids = [...new Set(agentIds)];
  const [plans, items, sessions] = await Promise.all([
    db
      .selectFrom("coaching_plans as p")
      .select(["p.id", "p.title", "p.agent_id", sql<string>`p.due_on::text`.as("dueOn"), sql<boolean>`p.due_on < ${today}::date`.as("overdue")])
      .where("p.status", "=", "active")
      .where("p.agent_id", "in", ids)
      .where(coachingRowsVisibleTo(viewer, "p.agent_id"))
      .orderBy("p.created_at", "desc")
      .execute(),
    db
      .selectFrom("coaching_action_items as i")
      .select(["i.agent_id", (eb) => eb.fn.countAll<string>().as("n")])
      .where("i.done_at", "is", null)
      .where(sql<boolean>`i.due_on < ${today}::date`)
      .where("i.agent_id", "in", ids)
      .where(coachingRowsVisibleTo(viewer, "i.agent_id"))
      .groupBy("i.agent_id")
      .execute(),
    db
      .selectFrom("coaching_sessions as s")
      .distinctOn("s.agent_id")
      .select(["s.id", "s.plan_id", "s.agent_id", "s.starts_at"])
      .where("s.state", "=", "scheduled")
      .where("s.starts_at", ">=", now)
      .where("s.agent_id", "in", ids)
      .where(coachingRowsVisibleTo(viewer, "s.agent_id"))
      .orderBy("s.agent_id")
      .orderBy("s.starts_at")
      .orderBy("s.id")
      .execute(),
  ]);
  const entry = (agentId: string) => {
    const found = result.get(agentId) ?? { plan: null, overdueItems: 0, nextSession: null };
    result.set(agentId, found);
    return found;
  };
  for (const plan of plans) {
    const found = entry(plan.agent_id);
    found.plan ??= { id: plan.id, title: plan.title, dueOn: plan.dueOn, overdue: plan.overdue };
  }
  for (const item of items) entry(item.agent_id).overdueItems = Number(item.n);
  for (const session of sessions) {
    entry(session.agent_id).nextSession = { id: session.id, planId: session.plan_id, startsAt: session.starts_at.toISOString(), when: formatDateTime(session.starts_at, timeZone) };
  }
  return result;
}

/** Whether the viewer may start a coaching plan for this agent: `coaching:manage` and the agent in their coaching scope. */
export async function mayCoachAgent(db: Database, viewer: Viewer, agentId: string): Promise<boolean> {
  if (!can(viewer, "coaching:manage")) return false;
  const agent = await db
    .selectFrom("users as u")
    .select("u.id")
    .where("u.id", "=", agentId)
    .where("u.role", "=", "agent")
    .where(coachingRowsVisibleTo(viewer, "u.id"))
    .executeTakeFirst();
  return agent !== undefined;
}
