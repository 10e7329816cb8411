/**
 * One-on-one sessions on real PostgreSQL (issue 15 §2): scheduling in the organisation's zone
 * (a time the clocks skip is refused), states, the agent's acknowledgement of a held session,
 * action items; every refusal writes nothing.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db.server";
import { refusal } from "../../../test/refusal";
import { withOrganisationTimeZone } from "../../../test/factories";
import { PLAN_NOW, criterionKey, seedCoachingWorld, type CoachingWorld } from "../../../test/coaching-fixtures";
import { createCoachingPlan } from "./create-plan.server";
import { scheduleCoachingSession } from "./schedule-session.server";
import { getTeamCoaching } from "./team-coaching.server";
import { acknowledgeSession, addActionItem, completeActionItem, listSessions, setSessionState } from "./session-actions.server";

let world: CoachingWorld;
let planId: string;
const count = async (table: "coaching_sessions" | "coaching_action_items") =>
  Number((await db().selectFrom(table).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  world = await seedCoachingWorld();
  const greeting = await criterionKey(world.scorecard.id, "greeting");
  planId = (
    await createCoachingPlan(db(), world.sam, { agentId: world.ana.id, scorecardId: world.scorecard.id, title: "Greeting", dueOn: "2027-06-30", criteria: [{ questionKey: greeting, target: 80 }] }, PLAN_NOW)
  ).id;
});

describe("scheduling a session", () => {
  it("reads the date and time in the organisation's zone and refuses a time the clocks skip, writing nothing", async () => {
    await withOrganisationTimeZone("Europe/London", async () => {
      const before = await count("coaching_sessions");
      const skipped = await refusal(scheduleCoachingSession(db(), world.sam, { agentId: world.ana.id, planId, date: "2027-03-28", time: "01:30", durationMinutes: 30 }, PLAN_NOW));
      expect([skipped.status, skipped.message]).toEqual([
        422,
        "01:30 on 2027-03-28 does not exist in Europe/London: the clocks went forward from 01:00 to 02:00. Enter a time before 01:00 or from 02:00.",
      ]);
      for (const [input, status] of [
        [{ agentId: world.sofia.id, date: "2027-04-01", time: "09:00", durationMinutes: 30 }, 404],
        [{ agentId: world.ana.id, date: "2027-04-01", time: "25:00", durationMinutes: 30 }, 422],
        [{ agentId: world.ana.id, date: "2027-04-01", time: "09:00", durationMinutes: 500 }, 422],
        [{ agentId: world.nick.id, planId, date: "2027-04-01", time: "09:00", durationMinutes: 30 }, 422],
      ] as const) {
        expect((await refusal(scheduleCoachingSession(db(), world.sam, input, PLAN_NOW))).status).toBe(status);
      }
      expect(await count("coaching_sessions")).toBe(before);
      const { id } = await scheduleCoachingSession(db(), world.sam, { agentId: world.ana.id, planId, date: "2027-03-29", time: "09:30", durationMinutes: 45 }, PLAN_NOW);
      const row = await db().selectFrom("coaching_sessions").select(["starts_at", "duration_minutes", "state"]).where("id", "=", id).executeTakeFirstOrThrow();
      // 09:30 British Summer Time is 08:30 UTC.
      expect(row).toEqual({ starts_at: new Date("2027-03-29T08:30:00Z"), duration_minutes: 45, state: "scheduled" });
      const notice = await db().selectFrom("notifications").select("title").where("recipient_id", "=", world.ana.id).where("kind", "=", "coaching_session_scheduled").executeTakeFirstOrThrow();
      expect(notice.title).toMatch(/^Sam Supervisor scheduled a coaching session with you: .*45 minutes$/);
    });
  });
});

describe("a session's life", () => {
  let sessionId: string;
  beforeAll(async () => {
    sessionId = (await scheduleCoachingSession(db(), world.sam, { agentId: world.ana.id, planId, date: "2027-01-10", time: "10:00", durationMinutes: 30 }, PLAN_NOW)).id;
  });

  it("takes action items with text only, and lets each owner tick theirs", async () => {
    const before = await count("coaching_action_items");
    expect((await refusal(addActionItem(db(), world.sam, sessionId, { text: "  ", owner: "agent" }, PLAN_NOW))).message).toBe("Write what is to be done");
    expect((await refusal(addActionItem(db(), world.sam, sessionId, { text: "Listen", owner: "customer" }, PLAN_NOW))).status).toBe(422);
    expect((await refusal(addActionItem(db(), world.ana, sessionId, { text: "Listen", owner: "agent" }, PLAN_NOW))).status).toBe(403);
    expect((await refusal(addActionItem(db(), world.stan, sessionId, { text: "Listen", owner: "agent" }, PLAN_NOW))).status).toBe(404);
    expect(await count("coaching_action_items")).toBe(before);
    const agentItem = await addActionItem(db(), world.sam, sessionId, { text: "Greet by name on every call", owner: "agent", dueOn: "2027-01-05" }, PLAN_NOW);
    const coachItem = await addActionItem(db(), world.sam, sessionId, { text: "Share two good calls", owner: "coach", dueOn: "" }, new Date(PLAN_NOW.getTime() + 60_000));
    expect((await refusal(completeActionItem(db(), world.ana, coachItem.id, PLAN_NOW))).status).toBe(403);
    expect((await refusal(completeActionItem(db(), world.nick, agentItem.id, PLAN_NOW))).status).toBe(404);
    await completeActionItem(db(), world.ana, agentItem.id, PLAN_NOW);
    expect((await refusal(completeActionItem(db(), world.ana, agentItem.id, PLAN_NOW))).status).toBe(409);
    const [session] = await listSessions(db(), world.ana, { planId }, "2027-01-12");
    expect(session!.actionItems.map((i) => [i.text, i.owner, i.dueOn, i.doneAt !== null, i.overdue])).toEqual([
      ["Greet by name on every call", "agent", "2027-01-05", true, false],
      ["Share two good calls", "coach", null, false, false],
    ]);
  });

  it("is marked held once, emits coaching.session.held, and the agent acknowledges it with a comment", async () => {
    await db().insertInto("webhooks").values({ url: "https://receiver.example.test/session", secret: "s", events: ["coaching.session.held"] }).execute();
    expect((await refusal(acknowledgeSession(db(), world.ana, sessionId, {}, PLAN_NOW))).status).toBe(409);
    expect((await refusal(setSessionState(db(), world.ana, sessionId, { state: "held" }, PLAN_NOW))).status).toBe(403);
    expect((await refusal(setSessionState(db(), world.sam, sessionId, { state: "done" }, PLAN_NOW))).status).toBe(422);
    await setSessionState(db(), world.sam, sessionId, { state: "held" }, PLAN_NOW);
    expect((await refusal(setSessionState(db(), world.sam, sessionId, { state: "missed" }, PLAN_NOW))).status).toBe(409);
    const delivery = await db().selectFrom("webhook_deliveries").select("body").where("event_type", "=", "coaching.session.held").executeTakeFirstOrThrow();
    expect((JSON.parse(delivery.body) as { data: { session: unknown } }).data.session).toMatchObject({ id: sessionId, planId, agentId: world.ana.id, state: "held", durationMinutes: 30 });
    expect((await refusal(acknowledgeSession(db(), world.sam, sessionId, {}, PLAN_NOW))).status).toBe(403);
    await acknowledgeSession(db(), world.ana, sessionId, { comment: "Helpful, thanks" }, PLAN_NOW);
    expect((await refusal(acknowledgeSession(db(), world.ana, sessionId, {}, PLAN_NOW))).status).toBe(409);
    const sessions = await listSessions(db(), world.ana, { planId }, "2027-01-12");
    expect(sessions.find((s) => s.id === sessionId)).toMatchObject({ state: "held", acknowledgementComment: "Helpful, thanks" });
  });

  it("counts on the team coaching page: sessions held this month, overdue action items", async () => {
    await addActionItem(db(), world.sam, sessionId, { text: "Review the greeting script", owner: "agent", dueOn: "2027-01-15" }, PLAN_NOW);
    const team = await getTeamCoaching(db(), world.sam, {}, new Date("2027-01-20T12:00:00Z"));
    expect([team.heldThisMonth, team.overdueItems]).toEqual([1, 1]);
    const outside = await getTeamCoaching(db(), world.stan, {}, new Date("2027-01-20T12:00:00Z"));
    expect([outside.heldThisMonth, outside.overdueItems, outside.active.length]).toEqual([0, 0, 0]);
    const february = await getTeamCoaching(db(), world.sam, {}, new Date("2027-02-02T12:00:00Z"));
    expect(february.heldThisMonth).toBe(0);
  });

  it("shows sessions to those who see the plan and to nobody else", async () => {
    const seen = async (viewer: Parameters<typeof listSessions>[1]) => (await listSessions(db(), viewer, { planId }, "2027-01-12")).length;
    expect([await seen(world.admin), await seen(world.lead), await seen(world.qa), await seen(world.sam), await seen(world.stan), await seen(world.ana), await seen(world.nick)]).toEqual([2, 2, 0, 2, 0, 2, 0]);
  });
});
