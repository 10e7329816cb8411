/**
 * Coaching on the team page and the agent card (real session, real PostgreSQL), on the
 * fixture of test/team-report-fixtures.ts: each agent's active plan, next session and overdue
 * action items in the team table's coaching column, scoped as coaching is; "Start a coaching plan" only for
 * a viewer who may coach the agent.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { db } from "../lib/db.server";
import { getRequest } from "../../test/route-requests";
import { seedUser } from "../../test/factories";
import { teamReportWorld } from "../../test/team-report-fixtures";
import { coachingOfAgents } from "../modules/coaching/agents-coaching.server";
import { createCoachingPlan } from "../modules/coaching/create-plan.server";
import { scheduleCoachingSession } from "../modules/coaching/schedule-session.server";
import { scorecardCriteria } from "../modules/coaching/scorecard-criteria.server";
import { addActionItem, setSessionState } from "../modules/coaching/session-actions.server";
import { formatDateTime } from "../lib/time";
import { loader as cardLoader } from "./reports.agents.$agentId";
import { loader as teamLoader } from "./reports.team";

const november = "period=week&from=2026-11-01&to=2026-11-30";
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

const call = async <T,>(loader: (args: LoaderFunctionArgs) => Promise<T>, viewer: { id: string }, path: string, params: Record<string, string> = {}) =>
  loader({ request: await getRequest(viewer, path), params, context: {} });

async function coachedWorld() {
  const f = await teamReportWorld();
  const now = new Date();
  const [criterion] = (await scorecardCriteria(db(), f.scorecard.id))?.criteria ?? [];
  if (!criterion) throw new Error("expected a criterion");
  const plan = await createCoachingPlan(
    db(),
    f.supervisorA,
    { agentId: f.a1.id, scorecardId: f.scorecard.id, title: "Greet every caller", dueOn: day(30), criteria: [{ questionKey: criterion.questionKey, target: 90 }] },
    now,
  );
  const session = await scheduleCoachingSession(db(), f.supervisorA, { agentId: f.a1.id, planId: plan.id, date: day(-5), time: "10:00", durationMinutes: 30 }, now);
  await addActionItem(db(), f.supervisorA, session.id, { text: "Use the caller's name", owner: "agent", dueOn: day(-2) }, now);
  await addActionItem(db(), f.supervisorA, session.id, { text: "Listen to two good calls", owner: "agent", dueOn: day(5) }, now);
  return { ...f, plan };
}

describe("coaching on the team page", () => {
  it("shows each agent's active plan and overdue action items to their supervisor, and nothing to QA", async () => {
    const f = await coachedWorld();
    const page = await call(teamLoader, f.supervisorA, `/reports/team?${november}`);
    if (!("ok" in page) || !page.ok) throw new Error("expected the team page");
    expect(page.coaching).toEqual({ [f.a1.id]: { plan: { id: f.plan.id, title: "Greet every caller", dueOn: day(30), overdue: false }, overdueItems: 1, nextSession: null } });
    const qa = await call(teamLoader, f.qa, `/reports/team?${november}&team=${f.teamA.id}`);
    if (!("ok" in qa) || !qa.ok) throw new Error("expected the team page");
    expect(qa.coaching).toBeNull();
    // The scoped query: another team's supervisor and a QA specialist see none of it; a lead all.
    expect(await coachingOfAgents(db(), f.supervisorB, [f.a1.id, f.a2.id], new Date())).toEqual(new Map());
    expect(await coachingOfAgents(db(), f.qa, [f.a1.id], new Date())).toEqual(new Map());
    expect((await coachingOfAgents(db(), f.lead, [f.a1.id, f.b1.id], new Date())).get(f.a1.id)?.overdueItems).toBe(1);
  });
});

describe("the next session on the team page", () => {
  it("is the earliest session still scheduled from now on, in the organisation's zone; not a past, cancelled or out-of-scope one", async () => {
    const f = await coachedWorld();
    const now = new Date();
    await scheduleCoachingSession(db(), f.supervisorA, { agentId: f.a1.id, date: day(9), time: "15:00", durationMinutes: 30 }, now);
    const next = await scheduleCoachingSession(db(), f.supervisorA, { agentId: f.a1.id, planId: f.plan.id, date: day(3), time: "09:30", durationMinutes: 45 }, now);
    const cancelled = await scheduleCoachingSession(db(), f.supervisorA, { agentId: f.a1.id, date: day(1), time: "08:00", durationMinutes: 30 }, now);
    await setSessionState(db(), f.supervisorA, cancelled.id, { state: "cancelled" }, now);
    const page = await call(teamLoader, f.supervisorA, `/reports/team?${november}`);
    if (!("ok" in page) || !page.ok) throw new Error("expected the team page");
    const row = await db().selectFrom("coaching_sessions").select("starts_at").where("id", "=", next.id).executeTakeFirstOrThrow();
    // The organisation's zone is UTC here: 09:30 on the day.
    expect(page.coaching?.[f.a1.id]?.nextSession).toEqual({ id: next.id, planId: f.plan.id, startsAt: row.starts_at.toISOString(), when: formatDateTime(row.starts_at, "UTC") });
    expect(page.coaching?.[f.a1.id]?.nextSession?.when).toMatch(/09:30$/);
    expect((await coachingOfAgents(db(), f.supervisorB, [f.a1.id], now)).get(f.a1.id)).toBeUndefined();
  });
});

describe("Start a coaching plan on the agent card", () => {
  it("is offered to the agent's supervisor and a QA lead, not to QA, an admin or the agent", async () => {
    const f = await teamReportWorld();
    const admin = await seedUser("admin");
    const coachHref = async (viewer: { id: string }) => {
      const card = await call(cardLoader, viewer, `/reports/agents/${f.a2.id}?${november}`, { agentId: f.a2.id });
      if (!("ok" in card) || !card.ok) throw new Error("expected the card");
      return card.coachHref;
    };
    expect(await coachHref(f.supervisorA)).toBe(`/coaching/plans/new?agent=${f.a2.id}`);
    expect(await coachHref(f.lead)).toBe(`/coaching/plans/new?agent=${f.a2.id}`);
    expect(await coachHref(f.qa)).toBeNull();
    expect(await coachHref(admin)).toBeNull();
    expect(await coachHref(f.a2)).toBeNull();
  });
});
