/**
 * CSAT and handling time beside quality, and the CSAT difference per criterion, against a
 * hand-computed fixture (figures from scipy: t and Welch intervals to 4 decimals), scoped per role.
 * November 2026, one scorecard released by hand (only c1's review is released):
 *   team A — a1: c1 10 Nov CSAT 5/5 (100 %) 60 s, c2 11 Nov 4/5 (75 %) 120 s, c3 12 Nov no CSAT 180 s;
 *            a2: c4 12 Nov chat 7 on 0–10 (70 %) 300 s
 *   team B — b1: c5 12 Nov 2/5 (25 %) 90 s, c6 13 Nov 1/5 (0 %) 30 s
 * Every conversation is reviewed; the outcome question fails (q = 0) on c3, c4, c5 and passes on the rest.
 */
import { describe, expect, it } from "vitest";
import { db } from "../../lib/db.server";
import { insertInteractionRows, seedScorecard, seedTeam, seedUser } from "../../../test/factories";
import { fullMarks, reviewDefinition } from "../../../test/evaluation-fixtures";
import { refusal } from "../../../test/refusal";
import { seedEvaluation } from "../../../test/review-factories";
import { releaseEvaluation } from "../evaluations/release-evaluation.server";
import { qualityQuerySchema } from "./query-quality.server";
import { chooseCustomerSource, queryCustomerKpis } from "./query-customer-kpis.server";
import { queryCriterionCsatDifference } from "./query-csat-difference.server";

async function fixture() {
  const [teamA, teamB] = [await seedTeam(), await seedTeam()];
  const [a1, a2, b1] = [await seedUser("agent", [teamA.id]), await seedUser("agent", [teamA.id]), await seedUser("agent", [teamB.id])];
  const supervisorA = await seedUser("supervisor", [teamA.id]);
  const qa = await seedUser("qa");
  const lead = await seedUser("qa_lead");
  const scorecard = await seedScorecard({ definition: reviewDefinition, releaseMode: "manual" });
  const at = (day: number) => new Date(`2026-11-${day}T10:00:00Z`);
  const rows = [
    { agentId: a1.id, teamId: teamA.id, startedAt: at(10), channel: "call" as const, durationMs: 60_000, csat: [5, "1-5"] },
    { agentId: a1.id, teamId: teamA.id, startedAt: at(11), channel: "call" as const, durationMs: 120_000, csat: [4, "1-5"] },
    { agentId: a1.id, teamId: teamA.id, startedAt: at(12), channel: "call" as const, durationMs: 180_000, csat: null },
    { agentId: a2.id, teamId: teamA.id, startedAt: at(12), channel: "chat" as const, durationMs: 300_000, csat: [7, "0-10"] },
    { agentId: b1.id, teamId: teamB.id, startedAt: at(12), channel: "call" as const, durationMs: 90_000, csat: [2, "1-5"] },
    { agentId: b1.id, teamId: teamB.id, startedAt: at(13), channel: "call" as const, durationMs: 30_000, csat: [1, "1-5"] },
  ] as const;
  const ids = await insertInteractionRows(rows.map(({ csat: _csat, ...row }) => row));
  for (const [k, row] of rows.entries()) {
    if (row.csat) await db().updateTable("interactions").set({ csat_score: row.csat[0], csat_scale: row.csat[1], csat_source: "field" }).where("id", "=", ids[k] as string).execute();
  }
  const outcomeFails = [false, false, true, true, true, false];
  const evaluations: string[] = [];
  for (const [k, interactionId] of ids.entries()) {
    const answers = outcomeFails[k] ? { ...fullMarks, outcome: { value: "none" } } : fullMarks;
    evaluations.push((await seedEvaluation({ reviewer: qa, interactionId, scorecardId: scorecard.id, answers })).id);
  }
  await releaseEvaluation(db(), lead, evaluations[0] as string);
  return { teamA, teamB, a1, a2, b1, supervisorA, qa, lead, scorecard };
}

const november = { period: "month", from: "2026-11-01", to: "2026-11-30" } as const;
const figures = (estimate: { n: number; mean: number; sd: number | null; halfWidth: number | null } | null) =>
  estimate && { n: estimate.n, mean: round(estimate.mean), sd: estimate.sd === null ? null : round(estimate.sd), halfWidth: estimate.halfWidth === null ? null : round(estimate.halfWidth) };
const round = (value: number) => Math.round(value * 10_000) / 10_000;

describe("CSAT and handling time by group and period", () => {
  it("gives mean CSAT (% of scale) with its CSAT responses and mean handling time, each with its t interval", async () => {
    const f = await fixture();
    const byTeam = await queryCustomerKpis(db(), f.lead, { ...november, groupBy: "team" });
    const teamA = byTeam.find((point) => point.groupId === f.teamA.id);
    const teamB = byTeam.find((point) => point.groupId === f.teamB.id);
    expect(chooseCustomerSource(qualityQuerySchema.parse({ ...november, groupBy: "team" }))).toBe("rollup_customer_team_daily");
    // Team A: 4 conversations, 3 CSAT answers (100, 75, 70): 81.6667, sd 16.0728, t(2) → ±39.9269;
    // handling 60, 120, 180, 300 s: 165, sd 102.4695, t(3) → ±163.0519.
    expect(teamA).toMatchObject({ periodStart: "2026-11-01", conversations: 4, csatResponses: 3 });
    expect(figures(teamA?.csat ?? null)).toEqual({ n: 3, mean: 81.6667, sd: 16.0728, halfWidth: 39.9269 });
    expect(figures(teamA?.handlingSeconds ?? null)).toEqual({ n: 4, mean: 165, sd: 102.4695, halfWidth: 163.0519 });
    // Team B: 25 and 0 → 12.5 ± 158.8276; 90 and 30 s → 60 ± 381.1861.
    expect(figures(teamB?.csat ?? null)).toEqual({ n: 2, mean: 12.5, sd: 17.6777, halfWidth: 158.8276 });
    expect(figures(teamB?.handlingSeconds ?? null)).toEqual({ n: 2, mean: 60, sd: 42.4264, halfWidth: 381.1861 });

    // Per agent (the daily roll-up), weekly: a1's week of 9 November — 100 and 75; 60, 120, 180 s.
    const weekly = await queryCustomerKpis(db(), f.lead, { ...november, period: "week", groupBy: "agent", teamId: f.teamA.id });
    expect(chooseCustomerSource(qualityQuerySchema.parse({ ...november, groupBy: "agent" }))).toBe("rollup_customer_daily");
    const a1 = weekly.find((point) => point.groupId === f.a1.id);
    expect(a1).toMatchObject({ periodStart: "2026-11-09", conversations: 3, csatResponses: 2 });
    expect(figures(a1?.csat ?? null)).toEqual({ n: 2, mean: 87.5, sd: 17.6777, halfWidth: 158.8276 });
    expect(figures(a1?.handlingSeconds ?? null)).toEqual({ n: 3, mean: 120, sd: 60, halfWidth: 149.0483 });
    // One CSAT answer: a mean and no interval.
    expect(weekly.find((point) => point.groupId === f.a2.id)?.csat).toEqual({ n: 1, mean: 70, sd: null, halfWidth: null, interval: null });

    // A scorecard narrows to the conversations reviewed on it (all six here), read from the report rows.
    const byScorecard = await queryCustomerKpis(db(), f.lead, { ...november, groupBy: "scorecard", scorecardId: f.scorecard.id });
    expect(chooseCustomerSource(qualityQuerySchema.parse({ ...november, groupBy: "scorecard" }))).toBe("reviewed");
    expect(byScorecard).toHaveLength(1);
    expect(byScorecard[0]).toMatchObject({ groupId: f.scorecard.id, conversations: 6, csatResponses: 5 });
    expect(figures(byScorecard[0]?.csat ?? null)).toEqual({ n: 5, mean: 54, sd: 40.5278, halfWidth: 50.3219 });
    expect(figures(byScorecard[0]?.handlingSeconds ?? null)).toEqual({ n: 6, mean: 130, sd: 97.9796, halfWidth: 102.8233 });
    // The same conversations by team, from the roll-up and from the rows, agree.
    const teamViaRows = await queryCustomerKpis(db(), f.lead, { ...november, groupBy: "team", scorecardId: f.scorecard.id, teamId: f.teamA.id });
    expect(teamViaRows).toEqual([teamA]);
  });

  it("keeps each viewer to their scope: a supervisor their team, an agent their own conversations", async () => {
    const f = await fixture();
    const supervised = await queryCustomerKpis(db(), f.supervisorA, { ...november, groupBy: "agent" });
    expect(supervised.map((point) => point.groupId).sort()).toEqual([f.a1.id, f.a2.id].sort());
    expect((await refusal(queryCustomerKpis(db(), f.supervisorA, { ...november, groupBy: "agent", teamId: f.teamB.id }))).code).toBe("not_found");
    expect((await refusal(queryCustomerKpis(db(), f.supervisorA, { ...november, groupBy: "agent", agentId: f.b1.id }))).code).toBe("not_found");

    // CSAT is the customer's, not a reviewer's: an agent sees it for all their conversations…
    const own = await queryCustomerKpis(db(), f.a1, { ...november, groupBy: "team" });
    expect(own.map((point) => [point.groupId, point.conversations, point.csatResponses])).toEqual([[f.teamA.id, 3, 2]]);
    expect((await refusal(queryCustomerKpis(db(), f.a1, { ...november, groupBy: "agent", agentId: f.a2.id }))).code).toBe("not_found");
    // …but through a scorecard only the reviews released to them count (c1's).
    const ownReviewed = await queryCustomerKpis(db(), f.a1, { ...november, groupBy: "agent", scorecardId: f.scorecard.id });
    expect(ownReviewed.map((point) => [point.groupId, point.conversations, point.csatResponses])).toEqual([[f.a1.id, 1, 1]]);
  });

  it("refuses the quality query's bad input with its messages", async () => {
    const f = await fixture();
    const backwards = await refusal(queryCustomerKpis(db(), f.lead, { groupBy: "team", period: "month", from: "2026-11-30", to: "2026-11-01" }));
    expect(backwards).toMatchObject({ code: "invalid", message: "The period ends before it starts: choose an end on or after the start" });
    const unknown = await refusal(queryCriterionCsatDifference(db(), f.lead, { from: "2024-01-01", to: "2026-11-30" }));
    expect(unknown.message).toBe("A report covers at most 800 days; this range has 1065");
  });
});

describe("CSAT difference per criterion", () => {
  it("gives failed minus passed with Welch's interval and each side's n", async () => {
    const f = await fixture();
    const rows = await queryCriterionCsatDifference(db(), f.lead, { ...november, scorecardId: f.scorecard.id });
    const outcome = rows.find((row) => row.questionId === "outcome");
    // Failed with CSAT: c4 70, c5 25 (c3 has none); passed: c1 100, c2 75, c6 0.
    // 47.5 − 58.3333 = −10.8333; se 37.5370, Welch df 2.9909 → −130.4980 to 108.8314.
    expect(outcome?.failed.n).toBe(2);
    expect(outcome?.passed.n).toBe(3);
    expect(figures(outcome?.failed.csat ?? null)).toEqual({ n: 2, mean: 47.5, sd: 31.8198, halfWidth: 285.8896 });
    expect(figures(outcome?.passed.csat ?? null)).toEqual({ n: 3, mean: 58.3333, sd: 52.0416, halfWidth: 129.2786 });
    expect(round(outcome?.difference?.difference ?? Number.NaN)).toBe(-10.8333);
    expect(round(outcome?.difference?.standardError ?? Number.NaN)).toBe(37.537);
    expect(round(outcome?.difference?.df ?? Number.NaN)).toBe(2.9909);
    expect(round(outcome?.difference?.interval.low ?? Number.NaN)).toBe(-130.498);
    expect(round(outcome?.difference?.interval.high ?? Number.NaN)).toBe(108.8314);
    // Nobody failed the greeting: one side only, no difference.
    const greeting = rows.find((row) => row.questionId === "greeting");
    expect(greeting).toMatchObject({ failed: { n: 0, csat: null }, passed: { n: 5 }, difference: null });
  });

  it("is scoped: a supervisor counts their team's reviews, an agent only reviews released to them", async () => {
    const f = await fixture();
    const supervised = await queryCriterionCsatDifference(db(), f.supervisorA, { ...november, scorecardId: f.scorecard.id });
    // Team A: failed c4 (70); passed c1 (100), c2 (75).
    expect(supervised.find((row) => row.questionId === "outcome")).toMatchObject({ failed: { n: 1 }, passed: { n: 2 }, difference: null });
    expect((await refusal(queryCriterionCsatDifference(db(), f.supervisorA, { ...november, teamId: f.teamB.id }))).code).toBe("not_found");
    const own = await queryCriterionCsatDifference(db(), f.a1, { ...november, scorecardId: f.scorecard.id });
    expect(own.find((row) => row.questionId === "outcome")).toMatchObject({ failed: { n: 0 }, passed: { n: 1, csat: { mean: 100 } } });
  });
});
