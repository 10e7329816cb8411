/**
 * The team page's hand-computed fixture (issue 14 §3), shared by the integration tests and the
 * e2e spec: one scorecard (reviewDefinition, released by hand), November 2026.
 *
 * Team A — scores (greeting, discovery, outcome q):
 *   a1: 100 (2 Nov, released), 100 (3 Nov), 87.5 (10 Nov, greeting missed, released)
 *   a2: 71.9 (2 Nov, released), 50 (3 Nov, greeting missed, released), 71.9 (10 Nov)
 *   a3: 90.6 (10 Nov): one evaluation, no interval — unranked
 *   a4: 25, 25, 25 (2, 3, 10 Nov; discovery 1 of 5, unresolved; the first released)
 * Team B — b1: 100, 71.9 (both released): never on team A's page.
 *
 * The figures, worked out from the scores (t quantiles from statistics.ts):
 *   a1 95.8333 ± 17.9277 [77.9056, 113.7611]; a2 64.6 ± 31.4094 [33.1906, 96.0094]; a4 25 ± 0.
 *   Ranks: a1 1–2, a2 1–2 (they overlap), a4 3 (both lie wholly above it), a3 unranked.
 *   Team A 64.69 ± 22.2808 over 10. Released to agents: 5 (mean 66.88).
 *   Weakest: a1 greeting 66.6667 vs 80; a2 greeting 66.6667 vs 80, outcome 50 vs 55;
 *   a4 discovery 0 vs 57.5, outcome 0 vs 55.
 *   More reviews for ±5: a1 8, a2 25, a4 0.
 *
 * The customer's side (issue 14 §8; calls, CSAT on 1–5 as % of the scale; handling time in s),
 * per conversation in the plan's order:
 *   a1: 100 % 120 s, 75 % 180 s, no CSAT 240 s → CSAT 87.5 ± 158.8276 (2 responses), 180 ± 149.0483 s
 *   a2: 50 % 300 s, 0 % 600 s, 25 % 300 s → CSAT 25 ± 62.1034 (3), 400 ± 430.2653 s
 *   a3: no CSAT, 60 s; a4: 100 %, 100 %, no CSAT, 60 s each → CSAT 100 ± 0 (2), 60 ± 0 s
 *   Team A: CSAT 64.2857 ± 37.4180 over 7 responses [26.8677, 101.7038];
 *           handling 198 ± 123.1578 s over 10 conversations [74.8422, 321.1578]
 *   b1: 0 % 30 s, no CSAT 90 s.
 *   From 10 November only, team A has 1 CSAT response and 4 conversations: under 5, so an agent
 *   sees neither team mean.
 */
import { db } from "../app/lib/db.server";
import { releaseEvaluation } from "../app/modules/evaluations/release-evaluation.server";
import type { Answer } from "../app/modules/scorecards/scorecard-definition.schema";
import { correctedAnswers, failingAnswers, fullMarks, reviewDefinition } from "./evaluation-fixtures";
import { insertInteractionRows, seedScorecard, seedTeam, seedUser } from "./factories";
import { seedEvaluation } from "./review-factories";

const noGreeting = { ...fullMarks, greeting: { value: false } }; // 87.5
const fifty = { ...failingAnswers, greeting: { value: false }, discovery: { value: 3 } }; // opening 50, resolution 50
const low = { ...fullMarks, discovery: { value: 1 }, outcome: { value: "none" } }; // 25

type Key = "a1" | "a2" | "a3" | "a4" | "b1";
const day = (date: number) => new Date(`2026-11-${String(date).padStart(2, "0")}T10:00:00Z`);

export async function teamReportWorld(names: Partial<Record<Key | "supervisorA" | "teamA" | "teamB", string>> = {}) {
  const [teamA, teamB] = [await seedTeam(names.teamA), await seedTeam(names.teamB)];
  const agents = {
    a1: await seedUser("agent", [teamA.id], { name: names.a1 }),
    a2: await seedUser("agent", [teamA.id], { name: names.a2 }),
    a3: await seedUser("agent", [teamA.id], { name: names.a3 }),
    a4: await seedUser("agent", [teamA.id], { name: names.a4 }),
    b1: await seedUser("agent", [teamB.id], { name: names.b1 }),
  };
  const supervisorA = await seedUser("supervisor", [teamA.id], { name: names.supervisorA });
  const supervisorB = await seedUser("supervisor", [teamB.id]);
  const qa = await seedUser("qa");
  const lead = await seedUser("qa_lead");
  const scorecard = await seedScorecard({ definition: reviewDefinition, releaseMode: "manual" });
  // Agent, day, answers, released, CSAT (1–5) or null, handling time in seconds.
  const plan: [Key, number, Record<string, Answer>, boolean, number | null, number][] = [
    ["a1", 2, fullMarks, true, 5, 120],
    ["a1", 3, fullMarks, false, 4, 180],
    ["a1", 10, noGreeting, true, null, 240],
    ["a2", 2, failingAnswers, true, 3, 300],
    ["a2", 3, fifty, true, 1, 600],
    ["a2", 10, failingAnswers, false, 2, 300],
    ["a3", 10, correctedAnswers, false, null, 60],
    ["a4", 2, low, true, 5, 60],
    ["a4", 3, low, false, 5, 60],
    ["a4", 10, low, false, null, 60],
    ["b1", 2, fullMarks, true, 1, 30],
    ["b1", 3, failingAnswers, true, null, 90],
  ];
  const interactions = await insertInteractionRows(
    plan.map(([key, date, , , , seconds]) => ({ agentId: agents[key].id, teamId: key === "b1" ? teamB.id : teamA.id, startedAt: day(date), channel: "call", durationMs: seconds * 1000 })),
  );
  for (const [k, [, , , , csat]] of plan.entries()) {
    if (csat !== null) await db().updateTable("interactions").set({ csat_score: csat, csat_scale: "1-5", csat_source: "field" }).where("id", "=", interactions[k] as string).execute();
  }
  const evaluations: Record<Key, string[]> = { a1: [], a2: [], a3: [], a4: [], b1: [] };
  for (const [k, [key, , answers, released]] of plan.entries()) {
    const { id } = await seedEvaluation({ reviewer: qa, interactionId: interactions[k] as string, scorecardId: scorecard.id, answers });
    if (released) await releaseEvaluation(db(), lead, id);
    evaluations[key].push(id);
  }
  return { teamA, teamB, ...agents, supervisorA, supervisorB, qa, lead, scorecard, evaluations };
}

export const novemberFilters = { from: "2026-11-01", to: "2026-11-30", dateBasis: "conversation" } as const;
