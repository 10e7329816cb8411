/**
 * GET /api/v1/coaching/plans: the plans the token's user may see — listCoachingPlans, the query of
 * the coaching pages, so the scope is theirs (an agent their own, a supervisor their teams', QA
 * leads and admins every one) — active first, then by due day, keyset-paged on (closed, due day,
 * id). An agent filter names the agent by id or e-mail; one nobody knows lists nothing.
 */
import type { Database } from "../../lib/db.server";
import { DomainError } from "../../lib/errors";
import { listCoachingPlans } from "../coaching/list-plans.server";
import type { Viewer } from "../users/roles";
import type { CoachingPlanListQuery, CoachingPlanSummaryJson } from "./coaching-api.schema";
import { findUserId } from "./list-api-interactions.server";

const CURSOR_RE = /^([01])\|(\d{4}-\d{2}-\d{2})\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

function decodePlanCursor(cursor: string) {
  const match = CURSOR_RE.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!match) throw new DomainError("invalid", "cursor is not one this API gave out: pass nextCursor from the previous page unchanged.", { cursor: "Unknown cursor" });
  return { closed: match[1] === "1", dueOn: match[2]!, id: match[3]! };
}

const encodePlanCursor = (plan: { status: string; dueOn: string; id: string }) =>
  Buffer.from(`${plan.status === "active" ? 0 : 1}|${plan.dueOn}|${plan.id}`, "utf8").toString("base64url");

export async function listApiCoachingPlans(db: Database, viewer: Viewer, query: CoachingPlanListQuery, now: Date): Promise<{ items: CoachingPlanSummaryJson[]; nextCursor: string | null }> {
  const after = query.cursor ? decodePlanCursor(query.cursor) : undefined;
  const agentId = query.agent ? await findUserId(db, query.agent) : undefined;
  if (agentId === null) return { items: [], nextCursor: null };
  const plans = await listCoachingPlans(db, viewer, { agentId, teamId: query.team, status: query.status, limit: query.limit + 1, after }, now);
  const page = plans.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((plan) => ({
      id: plan.id,
      title: plan.title,
      status: plan.status,
      agent: plan.agent,
      owner: plan.owner,
      teamId: plan.teamId,
      dueOn: plan.dueOn,
      overdue: plan.overdue,
      criteria: plan.criteria,
      createdAt: plan.createdAt.toISOString(),
      acknowledgedAt: plan.acknowledgedAt?.toISOString() ?? null,
    })),
    nextCursor: plans.length > query.limit && last ? encodePlanCursor(last) : null,
  };
}
