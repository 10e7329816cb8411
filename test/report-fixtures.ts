/**
 * The reports' hand-computed fixture (quality overview, drill-down, lead's home). November
 * 2026, conversation dates, two scorecards with the same questions, released by hand:
 *   week of 2 Nov — team A, agent a2: 100 (pass, 3 Nov, on the second scorecard)
 *   week of 9 Nov — team A, agent a1: 71.9 (fail, 10 Nov), 90.6 (pass, 11 Nov);
 *                   agent a2: 100 (pass, 12 Nov); team B, agent b1: 0 (identity failed: auto-fail, 12 Nov)
 * Only a1's 90.6 and b1's 0 are released.
 */
import { db } from "../app/lib/db.server";
import { releaseEvaluation } from "../app/modules/evaluations/release-evaluation.server";
import { correctedAnswers, failingAnswers, fullMarks, reviewDefinition } from "./evaluation-fixtures";
import { insertInteractionRows, seedScorecard, seedTeam, seedUser } from "./factories";
import { seedEvaluation } from "./review-factories";

export async function reportFixture() {
  const [teamA, teamB] = [await seedTeam(), await seedTeam()];
  const [a1, a2, b1] = [await seedUser("agent", [teamA.id]), await seedUser("agent", [teamA.id]), await seedUser("agent", [teamB.id])];
  const supervisorA = await seedUser("supervisor", [teamA.id]);
  const qa = await seedUser("qa");
  const lead = await seedUser("qa_lead");
  const admin = await seedUser("admin");
  const scorecard = await seedScorecard({ definition: reviewDefinition, releaseMode: "manual" });
  const chatScorecard = await seedScorecard({ definition: reviewDefinition, releaseMode: "manual" });
  const conversations = await insertInteractionRows([
    { agentId: a1.id, teamId: teamA.id, startedAt: new Date("2026-11-10T10:00:00Z"), channel: "call", queue: "billing" },
    { agentId: a1.id, teamId: teamA.id, startedAt: new Date("2026-11-11T10:00:00Z"), channel: "call", queue: "billing" },
    { agentId: a2.id, teamId: teamA.id, startedAt: new Date("2026-11-12T10:00:00Z"), channel: "chat" },
    { agentId: b1.id, teamId: teamB.id, startedAt: new Date("2026-11-12T10:00:00Z"), channel: "call", queue: "billing" },
    { agentId: a2.id, teamId: teamA.id, startedAt: new Date("2026-11-03T10:00:00Z"), channel: "chat" },
  ]);
  const answers = [failingAnswers, correctedAnswers, fullMarks, { ...fullMarks, identity: { value: false } }, fullMarks];
  const ids: string[] = [];
  for (const [k, interactionId] of conversations.entries()) {
    const scorecardId = k === 4 ? chatScorecard.id : scorecard.id;
    ids.push((await seedEvaluation({ reviewer: qa, interactionId, scorecardId, answers: answers[k] })).id);
  }
  await releaseEvaluation(db(), lead, ids[1] as string);
  await releaseEvaluation(db(), lead, ids[3] as string);
  const scorecardNames = await db().selectFrom("scorecards").select(["id", "name"]).where("id", "in", [scorecard.id, chatScorecard.id]).execute();
  return {
    teamA,
    teamB,
    a1,
    a2,
    b1,
    supervisorA,
    qa,
    lead,
    admin,
    scorecard: { ...scorecard, name: scorecardNames.find((row) => row.id === scorecard.id)?.name ?? "" },
    chatScorecard: { ...chatScorecard, name: scorecardNames.find((row) => row.id === chatScorecard.id)?.name ?? "" },
    evaluations: { a1Fail: ids[0]!, a1Pass: ids[1]!, a2Pass: ids[2]!, b1AutoFail: ids[3]!, a2Early: ids[4]! },
  };
}

export type ReportFixture = Awaited<ReturnType<typeof reportFixture>>;

/** The fixture's two weeks, by conversation date. */
export const fixtureWeeks = new URLSearchParams({ period: "week", from: "2026-11-02", to: "2026-11-15" });
