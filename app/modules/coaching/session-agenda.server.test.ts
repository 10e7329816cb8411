/**
 * A session's agenda on real PostgreSQL (issue 15 §2, docs/decisions/0032): the focus criteria
 * now against their baseline, low-scoring evaluations since the last session (failed, or a focus
 * criterion below its target), the agent's open disputes, open action items carried from earlier
 * sessions, and the coach's own items — added, reworded, moved and removed by the coach only.
 * The coaching world (test/coaching-fixtures.ts): Ana's reviews of 2–6 Dec score greeting
 * yes ×4 then no (the last, 6 Dec, fails at 68.75); discovery 3 of 5 (50 %) on all five.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db.server";
import { refusal } from "../../../test/refusal";
import { AFTER_NOW, PLAN_NOW, criterionKey, seedAfter, seedBaselines, seedCoachingWorld, type CoachingWorld } from "../../../test/coaching-fixtures";
import { raiseDispute } from "../disputes/raise-dispute.server";
import type { Viewer } from "../users/roles";
import { buildSessionAgenda } from "./build-session-agenda.server";
import { createCoachingPlan } from "./create-plan.server";
import { editSessionAgenda } from "./edit-session-agenda.server";
import { getCoachingSession } from "./get-session.server";
import { scheduleCoachingSession } from "./schedule-session.server";
import { addActionItem, completeActionItem, setSessionState } from "./session-actions.server";
import { applyAgendaEdit, MAX_AGENDA_ITEMS } from "./session-agenda";

let world: CoachingWorld;
let planId: string;
let sessionId: string;
let failedReview: string;

const schedule = async (date: string, time: string, withPlan = true) =>
  (await scheduleCoachingSession(db(), world.sam, { agentId: world.ana.id, ...(withPlan ? { planId } : {}), date, time, durationMinutes: 30 }, PLAN_NOW)).id;

beforeAll(async () => {
  world = await seedCoachingWorld();
  await seedBaselines(world);
  const greeting = await criterionKey(world.scorecard.id, "greeting");
  const discovery = await criterionKey(world.scorecard.id, "discovery");
  planId = (
    await createCoachingPlan(
      db(),
      world.sam,
      { agentId: world.ana.id, scorecardId: world.scorecard.id, title: "Greeting", dueOn: "2027-03-31", criteria: [{ questionKey: greeting, target: 80 }, { questionKey: discovery, target: 40 }] },
      PLAN_NOW,
    )
  ).id;
  await seedAfter(world);
  sessionId = await schedule("2026-12-10", "10:00");
  failedReview = (
    await db()
      .selectFrom("report_evaluations")
      .select("evaluation_id")
      .where("agent_id", "=", world.ana.id)
      .where("passed", "=", false)
      .where("conversation_at", ">", PLAN_NOW)
      .executeTakeFirstOrThrow()
  ).evaluation_id;
});

describe("the agenda built for the coach", () => {
  it("shows each focus criterion now against its baseline, and the reviews since the plan started that failed or missed a target", async () => {
    const agenda = await buildSessionAgenda(db(), world.sam, sessionId, AFTER_NOW);
    expect(agenda.window).toMatchObject({ from: PLAN_NOW, to: AFTER_NOW, since: "plan start" });
    expect(agenda.criteria.map((c) => [c.prompt, c.baseline.n, Math.round(c.baseline.mean ?? -1), c.now.n, Math.round(c.now.mean ?? -1), c.target, c.now.from, c.now.to])).toEqual([
      ["Greeted the customer", 6, 17, 5, 80, 80, "2026-12-01", "2026-12-10"],
      ["Understood the issue", 6, 50, 5, 50, 40, "2026-12-01", "2026-12-10"],
    ]);
    // Four of the five passed with greeting met and discovery (50 %) above its 40 % target: one is low.
    expect(agenda.lowEvaluations.map((e) => [e.evaluationId, e.passed, e.belowTarget])).toEqual([[failedReview, false, ["Greeted the customer"]]]);
    expect([agenda.disputes, agenda.carriedItems, agenda.custom]).toEqual([[], [], []]);
  });

  it("looks back to the last held session, carries its open action items (overdue flagged) and lists open disputes", async () => {
    const earlier = await schedule("2026-12-06", "09:00");
    await setSessionState(db(), world.sam, earlier, { state: "held" }, PLAN_NOW);
    await addActionItem(db(), world.sam, earlier, { text: "Greet by name", owner: "agent", dueOn: "2026-12-08" }, PLAN_NOW);
    const done = await addActionItem(db(), world.sam, earlier, { text: "Share two calls", owner: "coach" }, PLAN_NOW);
    await completeActionItem(db(), world.sam, done.id, PLAN_NOW);
    await addActionItem(db(), world.sam, sessionId, { text: "This session's own", owner: "agent" }, PLAN_NOW);
    const revision = await db().selectFrom("evaluations").select("current_revision_id").where("id", "=", failedReview).executeTakeFirstOrThrow();
    const dispute = await raiseDispute(db(), world.ana, failedReview, {
      revisionId: revision.current_revision_id!,
      questions: [{ questionId: "greeting", proposed: { value: true }, reasonCode: "Answer does not match the conversation", reasonText: "I greeted them." }],
    });

    const agenda = await buildSessionAgenda(db(), world.sam, sessionId, AFTER_NOW);
    expect(agenda.window).toMatchObject({ from: new Date("2026-12-06T09:00:00Z"), since: "previous session" });
    // The failed review's conversation (6 Dec 10:00) is after the earlier session began.
    expect(agenda.lowEvaluations.map((e) => e.evaluationId)).toEqual([failedReview]);
    expect(agenda.carriedItems.map((i) => [i.text, i.owner, i.dueOn, i.overdue])).toEqual([["Greet by name", "agent", "2026-12-08", true]]);
    expect(agenda.disputes.map((d) => [d.id, d.evaluationId])).toEqual([[dispute.id, failedReview]]);
  });

  it("on a standalone session, has no criteria and looks back 30 days", async () => {
    const standalone = await schedule("2026-11-20", "09:00", false);
    const agenda = await buildSessionAgenda(db(), world.lead, standalone, AFTER_NOW);
    expect(agenda.criteria).toEqual([]);
    expect(agenda.window).toMatchObject({ from: new Date("2026-10-21T09:00:00Z"), since: "lookback" });
    // Still scheduled, so the window runs to now: the five November reviews Ana failed (greeting
    // "no") and the one of 6 December.
    expect(agenda.lowEvaluations).toHaveLength(6);
  });

  it("is the coach side's only: the agent's page has no agenda, QA specialists and other teams see no session", async () => {
    expect((await refusal(buildSessionAgenda(db(), world.ana, sessionId, AFTER_NOW))).status).toBe(403);
    expect((await getCoachingSession(db(), world.ana, sessionId, AFTER_NOW)).agenda).toBeNull();
    expect((await getCoachingSession(db(), world.admin, sessionId, AFTER_NOW)).agenda).not.toBeNull();
    for (const viewer of [world.qa, world.stan, world.nick]) expect((await refusal(getCoachingSession(db(), viewer, sessionId, AFTER_NOW))).status).toBe(404);
  });
});

describe("the coach's own agenda items", () => {
  it("are added, reworded, moved and removed by the coach side only, in order", async () => {
    const items = async (viewer: Viewer, input: unknown) => (await editSessionAgenda(db(), viewer, sessionId, input, AFTER_NOW)).map((i) => i.text);
    expect(await items(world.sam, { op: "add", text: "How did the greeting feel?" })).toEqual(["How did the greeting feel?"]);
    expect(await items(world.lead, { op: "add", text: "  Next month's goal " })).toEqual(["How did the greeting feel?", "Next month's goal"]);
    for (const [viewer, status] of [
      [world.ana, 403],
      [world.admin, 403],
      [world.qa, 404],
      [world.stan, 404],
    ] as const) {
      expect((await refusal(editSessionAgenda(db(), viewer, sessionId, { op: "add", text: "x" }, AFTER_NOW))).status).toBe(status);
    }
    expect((await refusal(editSessionAgenda(db(), world.sam, sessionId, { op: "add", text: "  " }, AFTER_NOW))).message).toBe("Write the agenda item");
    const [first, second] = (await buildSessionAgenda(db(), world.sam, sessionId, AFTER_NOW)).custom;
    expect(await items(world.sam, { op: "move", itemId: second!.id, direction: "up" })).toEqual(["Next month's goal", "How did the greeting feel?"]);
    expect(await items(world.sam, { op: "edit", itemId: first!.id, text: "How does the greeting feel now?" })).toEqual(["Next month's goal", "How does the greeting feel now?"]);
    expect(await items(world.sam, { op: "remove", itemId: second!.id })).toEqual(["How does the greeting feel now?"]);
    expect((await refusal(editSessionAgenda(db(), world.sam, sessionId, { op: "remove", itemId: second!.id }, AFTER_NOW))).status).toBe(422);
    const audit = await db().selectFrom("audit_log").select("action").where("entity_id", "=", sessionId).where("action", "=", "coaching_session.agenda").execute();
    expect(audit).toHaveLength(5);
  });

  it("keeps at most 30, and moving past either end changes nothing (pure)", () => {
    const full = Array.from({ length: MAX_AGENDA_ITEMS }, (_, k) => ({ id: String(k), text: `item ${k}` }));
    expect(applyAgendaEdit(full, { op: "add", text: "one more" }, "new")).toEqual({ ok: false, message: "An agenda holds at most 30 items of your own", field: "text" });
    const two = full.slice(0, 2);
    expect(applyAgendaEdit(two, { op: "move", itemId: "0", direction: "up" }, "x")).toEqual({ ok: true, items: two });
  });
});
