/**
 * Plans the viewer may see (issue 15 §1, §4): the team coaching page (active and overdue first),
 * "My coaching" (the agent's own), the API. Scoped in the query; filters by agent, team and
 * status; keyset-paged for the API.
 */
import { sql } from "kysely";
import { z } from "zod";
import type { Database } from "../../lib/db.server";
import { formatLocalDate, localDateOf } from "../../lib/time";
import { coachingRowsVisibleTo } from "../access/coaching-scope.server";
import { getOrganisation } from "../users/get-organisation.server";
import type { Viewer } from "../users/roles";
import { parseInput } from "./parse";

export const listPlansSchema = z.object({
  agentId: z.uuid({ error: "Not an agent id" }).optional(),
  teamId: z.uuid({ error: "Not a team id" }).optional(),
  status: z.enum(["active", "completed", "cancelled", "all"], { error: "Status: active, completed, cancelled or all" }).default("all"),
  limit: z.coerce.number().int().min(1).max(500).default(200),
  /** The API's keyset: the last plan of the previous page in this list's order (active first, due day, id). */
  after: z.object({ closed: z.boolean(), dueOn: z.iso.date(), id: z.uuid() }).optional(),
});

export interface PlanListItem {
  id: string;
  title: string;
  status: "active" | "completed" | "cancelled";
  agent: { id: string; name: string };
  owner: { id: string; name: string };
  teamId: string | null;
  dueOn: string;
  overdue: boolean;
  criteria: string[];
  createdAt: Date;
  acknowledgedAt: Date | null;
}

export async function listCoachingPlans(db: Database, viewer: Viewer, rawFilters: unknown, now: Date): Promise<PlanListItem[]> {
  const filters = parseInput(listPlansSchema, rawFilters);
  const { timeZone } = await getOrganisation(db);
  const today = formatLocalDate(localDateOf(now, timeZone));
  let query = db
    .selectFrom("coaching_plans as p")
    .innerJoin("users as a", "a.id", "p.agent_id")
    .innerJoin("users as o", "o.id", "p.owner_id")
    .select([
      "p.id",
      "p.title",
      "p.status",
      "p.team_id",
      sql<string>`p.due_on::text`.as("dueOn"),
      "p.created_at",
      "p.acknowledged_at",
      "a.id as agentId",
      "a.name as agentName",
      "o.id as ownerId",
      "o.name as ownerName",
      sql<string[]>`(SELECT array_agg(c.prompt ORDER BY c.position) FROM coaching_plan_criteria c WHERE c.plan_id = p.id)`.as("criteria"),
    ])
    .where(coachingRowsVisibleTo(viewer, "p.agent_id"));
  if (filters.agentId) query = query.where("p.agent_id", "=", filters.agentId);
  if (filters.teamId) query = query.where("p.team_id", "=", filters.teamId);
  if (filters.status !== "all") query = query.where("p.status", "=", filters.status);
  if (filters.after) query = query.where(sql<boolean>`(p.status <> 'active', p.due_on, p.id) > (${filters.after.closed}, ${filters.after.dueOn}::date, ${filters.after.id}::uuid)`);
  const rows = await query
    .orderBy(sql`p.status = 'active'`, "desc")
    .orderBy("p.due_on")
    .orderBy("p.id")
    .limit(filters.limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    status: row.status as PlanListItem["status"],
    agent: { id: row.agentId, name: row.agentName },
    owner: { id: row.ownerId, name: row.ownerName },
    teamId: row.team_id,
    dueOn: row.dueOn,
    overdue: row.status === "active" && row.dueOn < today,
    criteria: row.criteria ?? [],
    createdAt: row.created_at,
    acknowledgedAt: row.acknowledged_at,
  }));
}
