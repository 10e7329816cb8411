/**
 * The team coaching page's figures (issue 15 §4): plans active and overdue, sessions held this
 * month, overdue action items, and the criteria
 * most coached with their measured effect — per criterion, how many plans coached it and how
 * their differences in differences fell: above zero (the interval clear of 0), unclear (the
 * interval spans 0), below zero, or not measurable yet. Counting plans by where their interval
 * lies, rather than averaging effects across plans, keeps each plan's own uncertainty in view.
 */
import { sql } from "kysely";
import type { Database } from "../../lib/db.server";
import { formatLocalDate, instantAt, localDateOf } from "../../lib/time";
import { assertCan } from "../access/refusals";
import { coachingRowsVisibleTo } from "../access/coaching-scope.server";
import { getOrganisation } from "../users/get-organisation.server";
import type { Viewer } from "../users/roles";
import { listCoachingPlans, type PlanListItem } from "./list-plans.server";
import { planEffects } from "./plan-effects.server";

export interface CoachedCriterion {
  questionKey: string;
  prompt: string;
  plans: number;
  improved: number;
  unclear: number;
  worse: number;
  notYet: number;
}

export interface TeamCoaching {
  /** Sessions marked held whose start is in this calendar month (organisation's zone). */
  heldThisMonth: number;
  /** Open action items past their due day. */
  overdueItems: number;
  active: PlanListItem[];
  overdue: number;
  recentlyClosed: PlanListItem[];
  criteria: CoachedCriterion[];
}

/** Most criteria shown; each costs four roll-up reads per plan. */
const MAX_CRITERIA = 8;
const MAX_PLANS_MEASURED = 60;

export async function getTeamCoaching(db: Database, viewer: Viewer, filters: { teamId?: string }, now: Date): Promise<TeamCoaching> {
  assertCan(viewer, "coaching:oversee");
  const plans = await listCoachingPlans(db, viewer, { ...filters, status: "all" }, now);
  const active = plans.filter((p) => p.status === "active");
  const recentlyClosed = plans.filter((p) => p.status !== "active").slice(0, 10);
  const { timeZone } = await getOrganisation(db);
  let rowsQuery = db
    .selectFrom("coaching_plan_criteria as c")
    .innerJoin("coaching_plans as p", "p.id", "c.plan_id")
    .select(["c.question_key", "c.prompt", "p.id", "p.scorecard_id", "p.agent_id", "p.team_id", "p.baseline_from", "p.baseline_to", "p.created_at", "p.closed_at"])
    .where("p.status", "<>", "cancelled")
    .where(coachingRowsVisibleTo(viewer, "p.agent_id"));
  if (filters.teamId) rowsQuery = rowsQuery.where("p.team_id", "=", filters.teamId);
  const rows = await rowsQuery.orderBy("p.created_at", "desc").limit(MAX_PLANS_MEASURED * 5).execute();
  const byKey = new Map<string, { prompt: string; rows: typeof rows }>();
  for (const row of rows) {
    const entry = byKey.get(row.question_key) ?? { prompt: row.prompt, rows: [] };
    entry.rows.push(row);
    byKey.set(row.question_key, entry);
  }
  const top = [...byKey.entries()].sort((a, b) => b[1].rows.length - a[1].rows.length || a[1].prompt.localeCompare(b[1].prompt)).slice(0, MAX_CRITERIA);
  const criteria: CoachedCriterion[] = [];
  for (const [questionKey, entry] of top) {
    const tally = { questionKey, prompt: entry.prompt, plans: entry.rows.length, improved: 0, unclear: 0, worse: 0, notYet: 0 };
    for (const row of entry.rows) {
      const { effects } = await planEffects(db, row, [questionKey], now, timeZone);
      const did = effects.get(questionKey)?.did;
      if (!did) tally.notYet++;
      else if (did.interval.low > 0) tally.improved++;
      else if (did.interval.high < 0) tally.worse++;
      else tally.unclear++;
    }
    criteria.push(tally);
  }
  const today = localDateOf(now, timeZone);
  const monthStart = instantAt({ ...today, day: 1 }, timeZone);
  const [held, overdueItems] = await Promise.all([
    db
      .selectFrom("coaching_sessions as s")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("s.state", "=", "held")
      .where("s.starts_at", ">=", monthStart)
      .where("s.starts_at", "<=", now)
      .where(coachingRowsVisibleTo(viewer, "s.agent_id"))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("coaching_action_items as i")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("i.done_at", "is", null)
      .where(sql<boolean>`i.due_on < ${formatLocalDate(today)}::date`)
      .where(coachingRowsVisibleTo(viewer, "i.agent_id"))
      .executeTakeFirstOrThrow(),
  ]);
  return { heldThisMonth: Number(held.n), overdueItems: Number(overdueItems.n), active, overdue: active.filter((p) => p.overdue).length, recentlyClosed, criteria };
}
