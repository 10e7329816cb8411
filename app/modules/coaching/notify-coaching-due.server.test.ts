/**
 * The coaching job's use cases on real PostgreSQL (issue 15 §2, §5): a session reminder a day
 * ahead to the agent and the coach, and an action item's owner told on its due day — each once,
 * however often the job runs (twice in a row or twice at once); nothing for a cancelled session,
 * one scheduled at short notice, a done item or an item of a cancelled plan.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db.server";
import { PLAN_NOW, criterionKey, seedCoachingWorld, type CoachingWorld } from "../../../test/coaching-fixtures";
import { closeCoachingPlan } from "./close-plan.server";
import { createCoachingPlan } from "./create-plan.server";
import { notifyActionItemsDue } from "./notify-action-items-due.server";
import { notifySessionReminders } from "./notify-session-reminders.server";
import { scheduleCoachingSession } from "./schedule-session.server";
import { addActionItem, completeActionItem, setSessionState } from "./session-actions.server";

let world: CoachingWorld;
let planId: string;
const at = (iso: string) => new Date(iso);

const noticesOf = (kind: "coaching_session_reminder" | "coaching_action_item_due", recipientId: string) =>
  db().selectFrom("notifications").select(["title", "link"]).where("kind", "=", kind).where("recipient_id", "=", recipientId).orderBy("title").execute();

async function newPlan(title: string, agentId = world.ana.id) {
  const greeting = await criterionKey(world.scorecard.id, "greeting");
  return (await createCoachingPlan(db(), world.sam, { agentId, scorecardId: world.scorecard.id, title, dueOn: "2027-06-30", criteria: [{ questionKey: greeting, target: 80 }] }, PLAN_NOW)).id;
}

beforeAll(async () => {
  world = await seedCoachingWorld();
  planId = await newPlan("Greeting");
});

describe("session reminders", () => {
  it("reminds the agent and the coach once, a day ahead; not a cancelled session, nor one scheduled at short notice", async () => {
    // The organisation's zone is UTC: 10:00 on 5 Dec is 10:00Z.
    const session = await scheduleCoachingSession(db(), world.sam, { agentId: world.ana.id, planId, date: "2026-12-05", time: "10:00", durationMinutes: 30 }, PLAN_NOW);
    const cancelled = await scheduleCoachingSession(db(), world.sam, { agentId: world.ana.id, planId, date: "2026-12-05", time: "14:00", durationMinutes: 30 }, PLAN_NOW);
    await setSessionState(db(), world.sam, cancelled.id, { state: "cancelled" }, PLAN_NOW);
    // Scheduled the evening before: the "scheduled" notification was the agent's notice.
    await scheduleCoachingSession(db(), world.sam, { agentId: world.ana.id, date: "2026-12-05", time: "11:00", durationMinutes: 30 }, at("2026-12-04T20:00:00Z"));

    expect(await notifySessionReminders(db(), { now: at("2026-12-04T09:00:00Z") })).toBe(0);
    expect(await notifySessionReminders(db(), { now: at("2026-12-04T10:05:00Z") })).toBe(2);
    expect(await notifySessionReminders(db(), { now: at("2026-12-04T11:05:00Z") })).toBe(0);
    const [a, b] = await Promise.all([notifySessionReminders(db(), { now: at("2026-12-05T08:00:00Z") }), notifySessionReminders(db(), { now: at("2026-12-05T08:00:00Z") })]);
    expect(a + b).toBe(0);
    expect(await notifySessionReminders(db(), { now: at("2026-12-05T10:30:00Z") })).toBe(0);

    expect(await noticesOf("coaching_session_reminder", world.ana.id)).toEqual([
      { title: "Reminder: coaching session with Sam Supervisor, 5 Dec 2026, 10:00, 30 minutes", link: `/coaching/plans/${planId}` },
    ]);
    expect(await noticesOf("coaching_session_reminder", world.sam.id)).toEqual([
      { title: "Reminder: coaching session with Ana Coached, 5 Dec 2026, 10:00, 30 minutes", link: `/coaching/plans/${planId}` },
    ]);
    const rows = await db().selectFrom("coaching_sessions").select(["id", "reminded_at"]).where("agent_id", "=", world.ana.id).execute();
    expect(rows.filter((r) => r.reminded_at !== null).map((r) => [r.id, r.reminded_at?.toISOString()])).toEqual([[session.id, "2026-12-04T10:05:00.000Z"]]);
  });

  it("tells two runs at once only once", async () => {
    await scheduleCoachingSession(db(), world.sam, { agentId: world.nick.id, date: "2026-12-20", time: "09:00", durationMinutes: 45 }, PLAN_NOW);
    const now = at("2026-12-19T12:00:00Z");
    const [a, b] = await Promise.all([notifySessionReminders(db(), { now }), notifySessionReminders(db(), { now })]);
    expect(a + b).toBe(2);
    expect((await noticesOf("coaching_session_reminder", world.nick.id)).map((n) => n.link)).toEqual(["/my/coaching"]);
  });
});

describe("action items due", () => {
  it("tells each open item's owner once on its due day; a done item, an undated one and a cancelled plan's tell nobody", async () => {
    const { id: sessionId } = await scheduleCoachingSession(db(), world.sam, { agentId: world.olga.id, planId: await newPlan("Olga's plan", world.olga.id), date: "2026-12-02", time: "09:00", durationMinutes: 30 }, PLAN_NOW);
    const plan = (await db().selectFrom("coaching_sessions").select("plan_id").where("id", "=", sessionId).executeTakeFirstOrThrow()).plan_id!;
    await addActionItem(db(), world.sam, sessionId, { text: "Greet by name", owner: "agent", dueOn: "2026-12-06" }, PLAN_NOW);
    await addActionItem(db(), world.sam, sessionId, { text: "Send two good calls", owner: "coach", dueOn: "2026-12-06" }, PLAN_NOW);
    await addActionItem(db(), world.sam, sessionId, { text: "Read the script", owner: "agent" }, PLAN_NOW);
    const done = await addActionItem(db(), world.sam, sessionId, { text: "Already done", owner: "agent", dueOn: "2026-12-06" }, PLAN_NOW);
    await completeActionItem(db(), world.olga, done.id, PLAN_NOW);

    expect(await notifyActionItemsDue(db(), { now: at("2026-12-05T23:59:00Z") })).toBe(0);
    expect(await notifyActionItemsDue(db(), { now: at("2026-12-06T00:10:00Z") })).toBe(2);
    expect(await notifyActionItemsDue(db(), { now: at("2026-12-06T12:00:00Z") })).toBe(0);
    expect(await notifyActionItemsDue(db(), { now: at("2026-12-09T12:00:00Z") })).toBe(0);
    expect(await noticesOf("coaching_action_item_due", world.olga.id)).toEqual([{ title: "Coaching action item due today: Greet by name", link: `/coaching/plans/${plan}` }]);
    expect(await noticesOf("coaching_action_item_due", world.sam.id)).toEqual([{ title: "Coaching action item due today: Send two good calls", link: `/coaching/plans/${plan}` }]);
  });

  it("says overdue when first seen after its due day; two runs at once tell once; a cancelled plan's items tell nobody", async () => {
    const standalone = await scheduleCoachingSession(db(), world.sam, { agentId: world.nick.id, date: "2026-12-02", time: "11:00", durationMinutes: 30 }, PLAN_NOW);
    await addActionItem(db(), world.sam, standalone.id, { text: "Shadow a senior agent", owner: "agent", dueOn: "2026-12-10" }, PLAN_NOW);
    const cancelledPlan = await newPlan("Cancelled", world.nick.id);
    const onCancelled = await scheduleCoachingSession(db(), world.sam, { agentId: world.nick.id, planId: cancelledPlan, date: "2026-12-02", time: "12:00", durationMinutes: 30 }, PLAN_NOW);
    await addActionItem(db(), world.sam, onCancelled.id, { text: "Never mind", owner: "agent", dueOn: "2026-12-10" }, PLAN_NOW);
    await closeCoachingPlan(db(), world.sam, cancelledPlan, { outcome: "cancelled", reason: "Moved queue" }, PLAN_NOW);

    const now = at("2026-12-12T08:00:00Z");
    const [a, b] = await Promise.all([notifyActionItemsDue(db(), { now }), notifyActionItemsDue(db(), { now })]);
    expect(a + b).toBe(1);
    expect(await noticesOf("coaching_action_item_due", world.nick.id)).toEqual([{ title: "Coaching action item overdue (due 2026-12-10): Shadow a senior agent", link: "/my/coaching" }]);
  });
});
