import type { Database } from "../../lib/db.server";
import { notFound } from "../../lib/errors";
import { coachingRowsVisibleTo } from "../access/coaching-scope.server";
import type { Viewer } from "../users/roles";

/** A plan the viewer may see, optionally locked for update; 404 otherwise (a guessed id answers as a missing one). */
export async function loadPlan(db: Database, viewer: Viewer, planId: string, options: { forUpdate?: boolean } = {}) {
  if (!/^[0-9a-f-]{36}$/i.test(planId)) throw notFound("Coaching plan");
  let query = db
    .selectFrom("coaching_plans")
    .selectAll("coaching_plans")
    .where("coaching_plans.id", "=", planId)
    .where(coachingRowsVisibleTo(viewer, "coaching_plans.agent_id"));
  if (options.forUpdate) query = query.forUpdate();
  const plan = await query.executeTakeFirst();
  if (!plan) throw notFound("Coaching plan");
  return plan;
}

export type PlanRow = Awaited<ReturnType<typeof loadPlan>>;
