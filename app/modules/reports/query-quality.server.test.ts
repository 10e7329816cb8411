/**
 * Quality by group and period against a hand-computed fixture, from each source the query may
 * read (monthly roll-up, daily roll-up, review-date rows), scoped per role.
 * November 2026, one scorecard (released by hand):
 *   team A — agent a1: 71.9 (fail, 10 Nov), 90.6 (pass, 11 Nov); agent a2: 100 (pass, 12 Nov)
 *   team B — agent b1: 0 (identity failed: auto-fail, 12 Nov)
 * Only a1's 90.6 and b1's 0 are released.
 */
import { describe, expect, it } from "vitest";
import { db } from "../../lib/db.server";
import { insertInteractionRows, seedScorecard, seedTeam, seedUser } from "../../../test/factories";
import { correctedAnswers, failingAnswers, fullMarks, reviewDefinition } from "../../../test/evaluation-fixtures";
import { refusal } from "../../../test/refusal";
import { seedEvaluation } from "../../../test/review-factories";
import { releaseEvaluation } from "../evaluations/release-evaluation.server";
import { planSources, qualityQuerySchema, queryQuality } from "./query-quality.server";

/** The tables a query reads, with each one's day range. */
const plan = (query: Parameters<typeof qualityQuerySchema.parse>[0]) =>
  planSources(qualityQuerySchema.parse(query)).map((part) => `${part.source.table} ${part.from}..${part.to}`);

async function fixture() {
  const [teamA, teamB] = [await seedTeam(), await seedTeam()];
  const [a1, a2, b1] = [await seedUser("agent", [teamA.id]), await seedUser("agent", [teamA.id]), await seedUser("agent", [teamB.id])];
  const supervisorA = await seedUser("supervisor", [teamA.id]);
  const qa = await seedUser("qa");
  const lead = await seedUser("qa_lead");
  const scorecard = await seedScorecard({ definition: reviewDefinition, releaseMode: "manual" });
  const conversations = await insertInteractionRows([
    { agentId: a1.id, teamId: teamA.id, startedAt: new Date("2026-11-10T10:00:00Z"), channel: "call", queue: "billing" },
    { agentId: a1.id, teamId: teamA.id, startedAt: new Date("2026-11-11T10:00:00Z"), channel: "call", queue: "billing" },
    { agentId: a2.id, teamId: teamA.id, startedAt: new Date("2026-11-12T10:00:00Z"), channel: "chat" },
    { agentId: b1.id, teamId: teamB.id, startedAt: new Date("2026-11-12T10:00:00Z"), channel: "call", queue: "billing" },
  ]);
  const answers = [failingAnswers, correctedAnswers, fullMarks, { ...fullMarks, identity: { value: false } }];
  const ids: string[] = [];
  for (const [k, interactionId] of conversations.entries()) {
    ids.push((await seedEvaluation({ reviewer: qa, interactionId, scorecardId: scorecard.id, answers: answers[k] })).id);
  }
  await releaseEvaluation(db(), lead, ids[1] as string);
  await releaseEvaluation(db(), lead, ids[3] as string);
  return { teamA, teamB, a1, a2, b1, supervisorA, qa, lead, scorecard };
}

const november = { period: "month", from: "2026-11-01", to: "2026-11-30" } as const;

describe("quality by group and period", () => {
  it("gives n, the mean with its t interval, pass and auto-fail rates with Wilson intervals — the same from every source", async () => {
    const f = await fixture();
    const base = { ...november, scorecardId: f.scorecard.id };
    const monthlyAnswer = await queryQuality(db(), f.lead, { ...base, groupBy: "organisation" });
    expect(plan({ ...base, groupBy: "organisation" })).toEqual(["rollup_monthly 2026-11-01..2026-11-30"]);
    expect(monthlyAnswer).toHaveLength(1);
    const [all] = monthlyAnswer;
    // (71.9 + 90.6 + 100 + 0) / 4 = 65.625; sd 45.2821; t(3) = 3.1824 → ±72.0539.
    expect(all?.n).toBe(4);
    expect(all?.periodStart).toBe("2026-11-01");
    expect(all?.score?.mean).toBeCloseTo(65.625, 4);
    expect(all?.score?.sd).toBeCloseTo(45.2821, 4);
    expect(all?.score?.halfWidth).toBeCloseTo(72.0539, 4);
    // Passes 2 of 4: Wilson 0.1500 to 0.8500; auto-fails 1 of 4: 0.0456 to 0.6994.
    expect(all?.passRate?.rate).toBe(0.5);
    expect(all?.passRate?.interval.low).toBeCloseTo(0.15, 4);
    expect(all?.passRate?.interval.high).toBeCloseTo(0.85, 4);
    expect(all?.autoFailRate?.rate).toBe(0.25);
    expect(all?.autoFailRate?.interval.low).toBeCloseTo(0.0456, 4);
    expect(all?.autoFailRate?.interval.high).toBeCloseTo(0.6994, 4);

    // A range not on month boundaries reads the team-daily roll-up, a channel filter the daily
    // one; the review date reads the rows.
    const teamDaily = await queryQuality(db(), f.lead, { ...base, groupBy: "organisation", from: "2026-11-02" });
    expect(plan({ ...base, groupBy: "organisation", from: "2026-11-02" })).toEqual(["rollup_team_daily 2026-11-02..2026-11-30"]);
    expect(teamDaily).toEqual(monthlyAnswer);
    expect(plan({ ...base, groupBy: "organisation", channel: "call" })).toEqual(["rollup_daily 2026-11-01..2026-11-30"]);
    const byReview = await queryQuality(db(), f.lead, { ...base, groupBy: "organisation", dateBasis: "review", from: "2026-01-01", to: "2027-12-31" });
    expect(byReview.reduce((total, point) => total + point.n, 0)).toBe(4);

    const byTeam = await queryQuality(db(), f.lead, { ...base, groupBy: "team" });
    const teamA = byTeam.find((point) => point.groupId === f.teamA.id);
    const teamB = byTeam.find((point) => point.groupId === f.teamB.id);
    // Team A: 87.5, sd 14.3042, t(2) = 4.3027 → ±35.5336; team B one evaluation: a mean, no interval.
    expect(teamA?.score?.mean).toBeCloseTo(87.5, 4);
    expect(teamA?.score?.halfWidth).toBeCloseTo(35.5336, 4);
    expect(teamB).toMatchObject({ n: 1, score: { mean: 0, interval: null }, autoFailRate: { rate: 1 } });

    const weekly = await queryQuality(db(), f.lead, { ...base, groupBy: "agent", period: "week", channel: "call" });
    // Calls only, weeks starting Monday 9 November: a1 71.9 and 90.6, b1 0.
    expect(weekly.map((point) => [point.groupId, point.periodStart, point.n, point.score?.mean])).toEqual(
      [
        [f.a1.id, "2026-11-09", 2, 81.25],
        [f.b1.id, "2026-11-09", 1, 0],
      ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    );
  });

  it("reads whole weeks and months from their roll-ups and only the partial ends day by day, by conversation or review date — the same figures", async () => {
    const f = await fixture();
    const base = { groupBy: "organisation", scorecardId: f.scorecard.id } as const;
    expect(plan({ ...base, period: "month", from: "2026-10-15", to: "2026-12-10" })).toEqual([
      "rollup_team_daily 2026-10-15..2026-10-31",
      "rollup_monthly 2026-11-01..2026-11-30",
      "rollup_team_daily 2026-12-01..2026-12-10",
    ]);
    // Weeks start on Monday (PostgreSQL's date_trunc): 4 Nov is a Wednesday, 20 Nov a Friday.
    expect(plan({ ...base, period: "week", from: "2026-11-04", to: "2026-11-20" })).toEqual([
      "rollup_team_daily 2026-11-04..2026-11-08",
      "rollup_team_weekly 2026-11-09..2026-11-15",
      "rollup_team_daily 2026-11-16..2026-11-20",
    ]);
    expect(plan({ ...base, period: "week", from: "2026-11-10", to: "2026-11-12" })).toEqual(["rollup_team_daily 2026-11-10..2026-11-12"]);
    expect(plan({ ...base, period: "month", dateBasis: "review", from: "2026-10-15", to: "2026-11-30" })).toEqual([
      "rollup_review_team_daily 2026-10-15..2026-10-31",
      "rollup_review_monthly 2026-11-01..2026-11-30",
    ]);
    expect(plan({ ...base, period: "week", dateBasis: "review", from: "2026-11-09", to: "2026-11-22" })).toEqual(["rollup_review_team_weekly 2026-11-09..2026-11-22"]);
    expect(plan({ ...base, groupBy: "agent", period: "week", dateBasis: "review", from: "2026-11-09", to: "2026-11-22" })).toEqual(["report_evaluations 2026-11-09..2026-11-22"]);

    // All four in the week of 9 November, whole or not; (71.9 + 90.6 + 100 + 0) / 4 = 65.625.
    const week = (from: string, to: string) => queryQuality(db(), f.lead, { ...base, period: "week", from, to });
    const whole = await week("2026-11-09", "2026-11-15");
    expect(whole.map((point) => [point.periodStart, point.n, point.score?.mean])).toEqual([["2026-11-09", 4, 65.625]]);
    expect(await week("2026-11-04", "2026-11-20")).toEqual(whole);
    // From the 11th (a partial week read day by day): 90.6, 100 and 0.
    const partial = await week("2026-11-11", "2026-11-30");
    expect(partial.map((point) => [point.periodStart, point.n])).toEqual([["2026-11-09", 3]]);
    expect(partial[0]?.score?.mean).toBeCloseTo(63.5333, 4);
    expect(await queryQuality(db(), f.lead, { ...base, period: "month", from: "2026-10-15", to: "2026-12-10" })).toEqual(
      await queryQuality(db(), f.lead, { ...base, period: "month", from: "2026-11-01", to: "2026-11-30" }),
    );
    // By review date: the team-level roll-ups and the rows (an agent grouping) count the same.
    for (const period of ["week", "month"] as const) {
      const range = { period, dateBasis: "review", from: "2026-01-07", to: "2027-12-31" } as const;
      const byOrganisation = await queryQuality(db(), f.lead, { ...base, ...range });
      const byAgent = await queryQuality(db(), f.lead, { ...base, ...range, groupBy: "agent" });
      expect(byOrganisation.reduce((total, point) => total + point.n, 0)).toBe(4);
      expect(byAgent.reduce((total, point) => total + point.n, 0)).toBe(4);
    }
  });

  it("keeps each viewer to their scope: a supervisor their team, an agent their own released evaluations", async () => {
    const f = await fixture();
    const base = { ...november, scorecardId: f.scorecard.id };
    const supervised = await queryQuality(db(), f.supervisorA, { ...base, groupBy: "team" });
    expect(supervised.map((point) => [point.groupId, point.n])).toEqual([[f.teamA.id, 3]]);
    expect((await refusal(queryQuality(db(), f.supervisorA, { ...base, groupBy: "agent", teamId: f.teamB.id }))).code).toBe("not_found");
    expect((await refusal(queryQuality(db(), f.supervisorA, { ...base, groupBy: "agent", agentId: f.b1.id }))).code).toBe("not_found");
    expect((await queryQuality(db(), f.supervisorA, { ...base, groupBy: "agent", agentId: f.a2.id })).map((point) => point.n)).toEqual([1]);

    // a1 has two evaluations; one is released to them.
    const own = await queryQuality(db(), f.a1, { ...base, groupBy: "agent" });
    expect(own.map((point) => [point.groupId, point.n, point.score?.mean])).toEqual([[f.a1.id, 1, 90.6]]);
    expect((await refusal(queryQuality(db(), f.a1, { ...base, groupBy: "agent", agentId: f.a2.id }))).code).toBe("not_found");
    // Grouped by team over whole months an agent still reads a per-agent source: their own only.
    const ownTeam = await queryQuality(db(), f.a1, { ...base, groupBy: "team" });
    expect(ownTeam.map((point) => [point.groupId, point.n])).toEqual([[f.teamA.id, 1]]);
  });

  it("refuses a period that ends before it starts, a range past the limit and an unknown grouping, with messages", async () => {
    const f = await fixture();
    const backwards = await refusal(queryQuality(db(), f.lead, { groupBy: "team", period: "month", from: "2026-11-30", to: "2026-11-01" }));
    expect(backwards).toMatchObject({ code: "invalid", message: "The period ends before it starts: choose an end on or after the start" });
    const tooLong = await refusal(queryQuality(db(), f.lead, { groupBy: "team", period: "month", from: "2024-01-01", to: "2026-11-30" }));
    expect(tooLong.message).toBe("A report covers at most 800 days; this range has 1065");
    const unknown = await refusal(queryQuality(db(), f.lead, { groupBy: "question", period: "day", from: "2026-11-01", to: "2026-11-30" }));
    expect(unknown.message).toBe("Group by organisation, team, agent or scorecard; The period is week or month");
  });
});
