/**
 * The "acknowledgement due" job's use case on real PostgreSQL: agents are told once per
 * evaluation and revision when their required acknowledgement falls due within a day (or is
 * overdue), however often the job runs — twice in a row or twice at once — and not at all when
 * it is acknowledged, optional, or not due yet.
 */
import { describe, expect, it } from "vitest";
import { db } from "../../lib/db.server";
import { addDays, localDateOf, startOfLocalDay } from "../../lib/time";
import { fullMarks, reviewDefinition } from "../../../test/evaluation-fixtures";
import { insertInteractionRows, seedScorecard, seedTeam, seedUser } from "../../../test/factories";
import { seedAcknowledgement, seedCorrection, seedEvaluation } from "../../../test/review-factories";
import { notifyAcknowledgementsDue } from "./notify-acknowledgements-due.server";

const HOUR = 3_600_000;

async function world(acknowledgement: { mode: "none" | "optional" | "required"; days?: number } = { mode: "required", days: 3 }) {
  const team = await seedTeam();
  const agent = await seedUser("agent", [team.id]);
  const qa = await seedUser("qa");
  const lead = await seedUser("qa_lead");
  const scorecard = await seedScorecard({ definition: reviewDefinition, acknowledgement });
  const [interactionId] = await insertInteractionRows([{ agentId: agent.id, teamId: team.id, startedAt: new Date("2026-11-10T10:00:00Z"), channel: "call" }]);
  const { id } = await seedEvaluation({ reviewer: qa, interactionId: interactionId!, scorecardId: scorecard.id, answers: fullMarks });
  const { released_at } = await db().selectFrom("evaluations").select("released_at").where("id", "=", id).executeTakeFirstOrThrow();
  // Released today (UTC, the zone of an organisation without settings): with 3 days it is due by the end of day 3 after.
  const dayStart = (n: number) => startOfLocalDay(addDays(localDateOf(released_at!, "UTC"), n), "UTC");
  return { agent, lead, evaluationId: id, dayStart };
}

const dueNotifications = (agentId: string) =>
  db().selectFrom("notifications").select(["title", "link", "dedupe_key"]).where("recipient_id", "=", agentId).where("kind", "=", "acknowledgement_due").orderBy("created_at").execute();

describe("acknowledgement due", () => {
  it("tells the agent once within the last day, not before, and never again for the same revision, even when overdue", async () => {
    const w = await world();
    expect(await notifyAcknowledgementsDue(db(), { now: new Date(w.dayStart(3).getTime() - HOUR) })).toBe(0);
    expect(await dueNotifications(w.agent.id)).toEqual([]);

    const dueDay = w.dayStart(3);
    expect(await notifyAcknowledgementsDue(db(), { now: new Date(dueDay.getTime() + HOUR) })).toBe(1);
    expect(await notifyAcknowledgementsDue(db(), { now: new Date(dueDay.getTime() + 2 * HOUR) })).toBe(0);
    expect(await notifyAcknowledgementsDue(db(), { now: new Date(w.dayStart(5).getTime()) })).toBe(0);
    const rows = await dueNotifications(w.agent.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.link).toBe(`/evaluations/${w.evaluationId}`);
    expect(rows[0]!.title).toMatch(/^Acknowledgement due by the end of \d{1,2} \w{3} \d{4}: Scorecard /);
  });

  it("says overdue when first told after the due day, and two runs at once tell once", async () => {
    const w = await world();
    const now = new Date(w.dayStart(6).getTime() + HOUR);
    const [a, b] = await Promise.all([notifyAcknowledgementsDue(db(), { now }), notifyAcknowledgementsDue(db(), { now })]);
    expect(a + b).toBe(1);
    expect((await dueNotifications(w.agent.id)).map((row) => row.title.split(":")[0])).toEqual(["Acknowledgement overdue"]);
  });

  it("tells again for a correction that asks again (a new revision), and not about an acknowledged one", async () => {
    const w = await world();
    const late = { now: new Date(w.dayStart(6).getTime()) };
    expect(await notifyAcknowledgementsDue(db(), late)).toBe(1);
    await seedAcknowledgement(w.agent, w.evaluationId);
    expect(await notifyAcknowledgementsDue(db(), late)).toBe(0);
    // A correction to a fail asks again, from its own time: due by the end of day 3 after it.
    await seedCorrection(w.lead, w.evaluationId, { answers: { ...fullMarks, identity: { value: false }, discovery: { value: 1 }, outcome: { value: "next" } }, reason: "Identity was not checked" });
    const { created_at } = await db().selectFrom("evaluation_revisions").select("created_at").where("evaluation_id", "=", w.evaluationId).orderBy("sequence", "desc").executeTakeFirstOrThrow();
    const afterCorrection = startOfLocalDay(addDays(localDateOf(created_at, "UTC"), 6), "UTC");
    expect(await notifyAcknowledgementsDue(db(), { now: afterCorrection })).toBe(1);
    expect(await notifyAcknowledgementsDue(db(), { now: afterCorrection })).toBe(0);
    const keys = (await dueNotifications(w.agent.id)).map((row) => row.dedupe_key);
    expect(new Set(keys).size).toBe(2);
  });

  it("leaves optional acknowledgements and scorecards that do not ask alone", async () => {
    const optional = await world({ mode: "optional" });
    const none = await world({ mode: "none" });
    expect(await notifyAcknowledgementsDue(db(), { now: new Date(Date.now() + 30 * 24 * HOUR) })).toBeGreaterThanOrEqual(0);
    expect(await dueNotifications(optional.agent.id)).toEqual([]);
    expect(await dueNotifications(none.agent.id)).toEqual([]);
  });
});
