/**
 * The coaching part of the API through the route modules, against real PostgreSQL (issue 15 §6):
 * GET /coaching/plans, /coaching/plans/{id} and /coaching/sessions with personal tokens of every
 * role, each scoped as the coaching pages (an agent their own, a supervisor their teams', QA leads
 * and admins every one, a QA specialist refused), 404 for a plan outside the scope, 422 for bad
 * filters, keyset paging, and the coach's private note never in what an agent's token reads.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db.server";
import { PLAN_NOW, criterionKey, seedBaselines, seedCoachingWorld, type CoachingWorld } from "../../../test/coaching-fixtures";
import { loader as plansRoute } from "../../routes/api.v1.coaching.plans";
import { loader as planRoute } from "../../routes/api.v1.coaching.plans.$id";
import { loader as sessionsRoute } from "../../routes/api.v1.coaching.sessions";
import { createApiToken } from "../api-tokens/create-api-token.server";
import { createCoachingPlan } from "../coaching/create-plan.server";
import { scheduleCoachingSession } from "../coaching/schedule-session.server";
import { addActionItem, setSessionState } from "../coaching/session-actions.server";
import type { Viewer } from "../users/roles";
import type { CoachingPlanDetailJson, CoachingPlanSummaryJson, CoachingSessionJson } from "./coaching-api.schema";
import { callRoute, type ApiAnswer } from "./test-support";

type PlanPage = { items: CoachingPlanSummaryJson[]; nextCursor: string | null } & ApiAnswer;
type SessionPage = { items: CoachingSessionJson[]; nextCursor: string | null } & ApiAnswer;

let world: CoachingWorld;
const tokens = new Map<string, string>();
let anaPlan: string;
let sofiaPlan: string;
let sessionId: string;

const token = async (user: Viewer) => {
  if (!tokens.has(user.id)) tokens.set(user.id, (await createApiToken(db(), user, `api ${user.role}`)).token);
  return tokens.get(user.id)!;
};
const plans = async (user: Viewer, query = "") => callRoute<PlanPage>(plansRoute, "GET", `/api/v1/coaching/plans${query}`, { token: await token(user) });
const plan = async (user: Viewer, id: string) => callRoute<CoachingPlanDetailJson & ApiAnswer>(planRoute, "GET", `/api/v1/coaching/plans/${id}`, { token: await token(user), params: { id } });
const sessions = async (user: Viewer, query = "") => callRoute<SessionPage>(sessionsRoute, "GET", `/api/v1/coaching/sessions${query}`, { token: await token(user) });

const PRIVATE_TEXT = "Private: thinking of a performance plan";
const SHARED_TEXT = "Shared: greet by name";
const doc = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

beforeAll(async () => {
  world = await seedCoachingWorld();
  await seedBaselines(world);
  const greeting = await criterionKey(world.scorecard.id, "greeting");
  const input = (agentId: string, title: string, dueOn: string) => ({ agentId, scorecardId: world.scorecard.id, title, dueOn, criteria: [{ questionKey: greeting, target: 80 }] });
  anaPlan = (await createCoachingPlan(db(), world.sam, input(world.ana.id, "Greeting", "2027-01-31"), PLAN_NOW)).id;
  await createCoachingPlan(db(), world.sam, input(world.nick.id, "Nick's plan", "2027-02-28"), PLAN_NOW);
  await createCoachingPlan(db(), world.lead, input(world.olga.id, "Olga's plan", "2027-03-31"), PLAN_NOW);
  sofiaPlan = (await createCoachingPlan(db(), world.stan, input(world.sofia.id, "Sofia's plan", "2027-01-15"), PLAN_NOW)).id;
  sessionId = (await scheduleCoachingSession(db(), world.sam, { agentId: world.ana.id, planId: anaPlan, date: "2026-12-03", time: "10:00", durationMinutes: 30 }, PLAN_NOW)).id;
  await addActionItem(db(), world.sam, sessionId, { text: "Greet by name", owner: "agent", dueOn: "2026-12-10" }, PLAN_NOW);
  await setSessionState(db(), world.sam, sessionId, { state: "held" }, PLAN_NOW);
  await scheduleCoachingSession(db(), world.sam, { agentId: world.ana.id, date: "2027-01-05", time: "09:00", durationMinutes: 45 }, PLAN_NOW);
  await scheduleCoachingSession(db(), world.stan, { agentId: world.sofia.id, planId: sofiaPlan, date: "2026-12-04", time: "10:00", durationMinutes: 30 }, PLAN_NOW);
  // The notes, as the sessions page's autosave writes them (one row per visibility).
  await db()
    .insertInto("coaching_session_notes")
    .values([
      { session_id: sessionId, visibility: "shared", body: JSON.stringify(doc(SHARED_TEXT)), updated_by: world.sam.id },
      { session_id: sessionId, visibility: "private", body: JSON.stringify(doc(PRIVATE_TEXT)), updated_by: world.sam.id },
    ])
    .execute();
});

describe("GET /api/v1/coaching/plans", () => {
  it("lists per role what the pages show: the agent their own, a supervisor their teams', leads and admins all; a QA token is refused", async () => {
    const titles = async (user: Viewer, query = "") => (await plans(user, query)).json.items.map((p) => p.title);
    expect(await titles(world.ana)).toEqual(["Greeting"]);
    expect(await titles(world.sam)).toEqual(["Greeting", "Nick's plan", "Olga's plan"]);
    expect(await titles(world.stan)).toEqual(["Sofia's plan"]);
    expect(await titles(world.lead)).toEqual(["Sofia's plan", "Greeting", "Nick's plan", "Olga's plan"]);
    expect(await titles(world.admin)).toHaveLength(4);
    const qa = await plans(world.qa);
    expect([qa.status, qa.json.error?.code]).toEqual([403, "forbidden"]);
    // Filters: agent (id or e-mail), team, status.
    expect(await titles(world.sam, `?agent=${world.nick.id}`)).toEqual(["Nick's plan"]);
    expect(await titles(world.lead, `?agent=${encodeURIComponent(world.olga.email)}`)).toEqual(["Olga's plan"]);
    expect(await titles(world.sam, `?agent=${world.sofia.id}`)).toEqual([]);
    expect(await titles(world.lead, `?team=${world.south.id}`)).toEqual(["Sofia's plan"]);
    expect(await titles(world.lead, "?status=completed")).toEqual([]);
    const first = (await plans(world.ana)).json.items[0]!;
    expect(first).toMatchObject({ id: anaPlan, status: "active", agent: { id: world.ana.id, name: "Ana Coached" }, owner: { id: world.sam.id }, dueOn: "2027-01-31", criteria: ["Greeted the customer"] });
  });

  it("pages with a cursor and refuses bad filters with 422 naming the field", async () => {
    const one = await plans(world.lead, "?limit=3");
    expect(one.json.items).toHaveLength(3);
    const two = await plans(world.lead, `?limit=3&cursor=${one.json.nextCursor}`);
    expect([two.json.items.map((p) => p.title), two.json.nextCursor]).toEqual([["Olga's plan"], null]);
    for (const [query, field] of [
      ["?status=open", "status"],
      ["?team=north", "team"],
      ["?limit=0", "limit"],
      ["?cursor=nonsense", "cursor"],
      ["?colour=red", "colour"],
    ] as const) {
      const answer = await plans(world.lead, query);
      expect([query, answer.status, Object.keys(answer.json.error?.fields ?? {})]).toEqual([query, 422, [field]]);
    }
  });
});

describe("GET /api/v1/coaching/plans/{id}", () => {
  it("returns criteria, the frozen baseline, the target and the effect to those who see the plan; 404 to everyone else", async () => {
    const answer = await plan(world.ana, anaPlan);
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ id: anaPlan, title: "Greeting", scorecard: { id: world.scorecard.id }, dueOn: "2027-01-31", afterWindow: { from: "2026-12-01" }, followUp: null });
    const [criterion] = answer.json.criteria;
    // 1 of 6 greeted in the baseline window (16.6667 %, t interval −26.1764 to 59.5097).
    expect(criterion).toMatchObject({ prompt: "Greeted the customer", target: 80, baseline: { n: 6, mean: 16.6667, low: -26.1764, high: 59.5097, from: "2026-09-02", to: "2026-11-30" } });
    expect(criterion!.effect).toMatchObject({ coached: null, peers: null, differenceInDifferences: null });
    expect(criterion!.effect.reading).toMatch(/^Not enough evaluations yet/);
    for (const user of [world.sam, world.lead, world.admin]) expect((await plan(user, anaPlan)).status).toBe(200);
    for (const user of [world.nick, world.stan]) {
      const refused = await plan(user, anaPlan);
      expect([refused.status, refused.json.error?.code]).toEqual([404, "not_found"]);
    }
    expect((await plan(world.sam, sofiaPlan)).status).toBe(404);
    expect((await plan(world.lead, "00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await plan(world.lead, "not-an-id")).status).toBe(404);
    expect((await plan(world.qa, anaPlan)).status).toBe(403);
  });
});

describe("GET /api/v1/coaching/sessions", () => {
  it("scopes sessions per role and never gives an agent's token the private note", async () => {
    const ana = await sessions(world.ana);
    expect(ana.status).toBe(200);
    expect(ana.json.items.map((s) => [s.startsAt, s.state, s.planId])).toEqual([
      ["2026-12-03T10:00:00.000Z", "held", anaPlan],
      ["2027-01-05T09:00:00.000Z", "scheduled", null],
    ]);
    const held = ana.json.items[0]!;
    expect(held.notes.shared).toMatchObject({ text: SHARED_TEXT });
    expect(held.notes.private).toBeNull();
    expect(JSON.stringify(ana.json)).not.toContain(PRIVATE_TEXT);
    expect(held.actionItems.map((i) => [i.text, i.owner, i.dueOn, i.doneAt])).toEqual([["Greet by name", "agent", "2026-12-10", null]]);

    for (const user of [world.sam, world.lead, world.admin]) {
      const seen = (await sessions(user, `?plan=${anaPlan}`)).json.items;
      expect(seen.map((s) => [s.id, s.notes.private?.text])).toEqual([[sessionId, PRIVATE_TEXT]]);
    }
    expect((await sessions(world.sam)).json.items).toHaveLength(2);
    expect((await sessions(world.stan)).json.items.map((s) => s.agent.name)).toEqual(["Sofia South"]);
    expect((await sessions(world.nick)).json.items).toEqual([]);
    expect((await sessions(world.stan, `?plan=${anaPlan}`)).json.items).toEqual([]);
    expect((await sessions(world.qa)).status).toBe(403);
  });

  it("filters by agent, state and time, pages with a cursor, and refuses bad filters with 422", async () => {
    const starts = async (query: string) => (await sessions(world.lead, query)).json.items.map((s) => s.startsAt);
    expect(await starts(`?agent=${world.sofia.id}`)).toEqual(["2026-12-04T10:00:00.000Z"]);
    expect(await starts("?state=scheduled")).toEqual(["2026-12-04T10:00:00.000Z", "2027-01-05T09:00:00.000Z"]);
    expect(await starts(`?from=${encodeURIComponent("2026-12-04T00:00:00Z")}&to=${encodeURIComponent("2027-01-01T00:00:00+01:00")}`)).toEqual(["2026-12-04T10:00:00.000Z"]);
    const first = await sessions(world.lead, "?limit=2");
    const next = await sessions(world.lead, `?limit=2&cursor=${first.json.nextCursor}`);
    expect([first.json.items.length, next.json.items.map((s) => s.startsAt), next.json.nextCursor]).toEqual([2, ["2027-01-05T09:00:00.000Z"], null]);
    for (const [query, field] of [
      ["?state=done", "state"],
      ["?plan=123", "plan"],
      ["?from=yesterday", "from"],
      ["?from=2027-01-02T00:00:00Z&to=2027-01-01T00:00:00Z", "to"],
      ["?limit=500", "limit"],
      ["?cursor=bad", "cursor"],
    ] as const) {
      const answer = await sessions(world.lead, query);
      expect([query, answer.status, Object.keys(answer.json.error?.fields ?? {})]).toEqual([query, 422, [field]]);
    }
  });
});
