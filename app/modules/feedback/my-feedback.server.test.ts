/**
 * The agent's feedback on real PostgreSQL (issue 13 §2): My feedback lists exactly the
 * released, non-void review evaluations of the agent's own conversations, newest released
 * first, keyset-paged; score badges show a conversation's current evaluation only to those
 * who may see it (an agent once released, never a void one).
 */
import { describe, expect, it } from "vitest";
import { fullMarks, reviewWorld } from "../../../test/evaluation-fixtures";
import { insertInteractionRows } from "../../../test/factories";
import { refusal } from "../../../test/refusal";
import { seedEvaluation, seedVoid } from "../../../test/review-factories";
import { db } from "../../lib/db.server";
import { releaseEvaluation } from "../evaluations/release-evaluation.server";
import { listMyFeedback } from "./list-my-feedback.server";
import { listScoreBadges } from "./list-score-badges.server";

// Outcome "next": resolution (3/4 + 1/2) / 2 = 62.5; overall (100 + 3 × 62.5) / 4 = 71.875 → 71.9, a fail.
const failing = { ...fullMarks, discovery: { value: 4 }, outcome: { value: "next" } };

async function feedbackWorld() {
  const w = await reviewWorld({ releaseMode: "manual" });
  const more = await insertInteractionRows(
    [12, 13, 14, 15].map((hour) => ({ agentId: w.agent.id, teamId: w.team.id, startedAt: new Date(`2026-11-10T${hour}:00:00Z`), channel: "chat" as const })),
  );
  const conversations = [w.interactionId, w.secondId, ...more];
  const evaluate = (interactionId: string, answers = fullMarks) => seedEvaluation({ reviewer: w.qa, interactionId, scorecardId: w.scorecard.id, answers }).then((e) => e.id);
  return { ...w, conversations, evaluate };
}

describe("My feedback", () => {
  it("lists the agent's released, non-void evaluations, newest released first, and pages by keyset without losing or repeating one", async () => {
    const w = await feedbackWorld();
    const [a, b, c, d, unreleased, voided] = [
      await w.evaluate(w.conversations[0]!),
      await w.evaluate(w.conversations[1]!, failing),
      await w.evaluate(w.conversations[2]!),
      await w.evaluate(w.conversations[3]!),
      await w.evaluate(w.conversations[4]!),
      await w.evaluate(w.conversations[5]!),
    ];
    // Released in the order c, a, d, b, voided: the newest release comes first.
    for (const id of [c, a, d, b, voided]) await releaseEvaluation(db(), w.lead, id);
    await seedVoid(w.lead, voided, "Wrong scorecard for a chat");
    // Another agent's released evaluation never shows.
    const [otherConversation] = await insertInteractionRows([{ agentId: w.otherAgent.id, teamId: w.team.id, startedAt: new Date("2026-11-11T09:00:00Z") }]);
    await releaseEvaluation(db(), w.lead, await w.evaluate(otherConversation!));

    const first = await listMyFeedback(db(), w.agent, { limit: 3, now: new Date(), timeZone: "UTC" });
    expect(first.items.map((item) => item.evaluationId)).toEqual([b, d, a]);
    expect(first.items[0]).toMatchObject({ score: 71.9, passed: false, autoFailed: false, scorecardName: w.scorecard.name, reviewerName: w.qa.name, interactionId: w.conversations[1] });
    expect(first.next).not.toBeNull();
    const second = await listMyFeedback(db(), w.agent, { after: first.next!, limit: 3, now: new Date(), timeZone: "UTC" });
    expect(second.items.map((item) => item.evaluationId)).toEqual([c]);
    expect(second.next).toBeNull();
    expect([...first.items, ...second.items].map((item) => item.evaluationId)).not.toContain(unreleased);
  });

  it("is an agent's page: anyone else is refused", async () => {
    const w = await reviewWorld();
    expect((await refusal(listMyFeedback(db(), w.supervisor, { limit: 5, now: new Date(), timeZone: "UTC" }))).status).toBe(403);
  });

  it("is empty for an agent with nothing released", async () => {
    const w = await feedbackWorld();
    await w.evaluate(w.conversations[0]!);
    expect(await listMyFeedback(db(), w.agent, { limit: 5, now: new Date(), timeZone: "UTC" })).toEqual({ items: [], next: null });
  });
});

describe("score badges", () => {
  it("show each conversation's current evaluation to whoever may see it: the agent once released, never a void one", async () => {
    const w = await feedbackWorld();
    const [released, unreleased, voided] = [await w.evaluate(w.conversations[0]!, failing), await w.evaluate(w.conversations[1]!), await w.evaluate(w.conversations[2]!)];
    await releaseEvaluation(db(), w.lead, released);
    await seedVoid(w.lead, voided, "Duplicate review");
    const ids = w.conversations.slice(0, 4);

    const forAgent = await listScoreBadges(db(), w.agent, ids);
    expect(forAgent).toEqual({ [w.conversations[0]!]: { evaluationId: released, score: 71.9, passed: false, autoFailed: false, scorecardName: w.scorecard.name } });
    expect(Object.keys(await listScoreBadges(db(), w.otherAgent, ids))).toEqual([]);

    const forQa = await listScoreBadges(db(), w.qa, ids);
    expect(Object.keys(forQa).sort()).toEqual([w.conversations[0]!, w.conversations[1]!].sort());
    expect(forQa[w.conversations[1]!]).toMatchObject({ evaluationId: unreleased, score: 100, passed: true });
    expect(Object.keys(await listScoreBadges(db(), w.supervisor, ids)).sort()).toEqual(Object.keys(forQa).sort());
    expect(await listScoreBadges(db(), w.outsideSupervisor, ids)).toEqual({});
  });

  it("leave a draft out, even for its own reviewer", async () => {
    const w = await feedbackWorld();
    await seedEvaluation({ reviewer: w.qa, interactionId: w.conversations[0]!, scorecardId: w.scorecard.id, submit: false });
    expect(await listScoreBadges(db(), w.qa, [w.conversations[0]!])).toEqual({});
  });
});
