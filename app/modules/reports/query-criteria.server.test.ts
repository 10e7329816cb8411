/**
 * Criteria (issue 14 §3) against the hand-computed world of test/criteria-fixtures.ts:
 * every figure of every row, worst first, from each source the query may read, scoped per
 * role, and a void moving the figures.
 *
 * Support's questions over E1–E5 (q as %):
 *   greeting 100 ×5; identity 100 ×4 and one N/A; discovery 100, 100, 75, 75, 75;
 *   outcome 100, 100, 100, 0, 0.  Sales (E6 after the dispute): greeting 100, identity 0
 *   (critical), discovery 100, outcome 100.
 */
import { describe, expect, it } from "vitest";
import { criteriaWorld } from "../../../test/criteria-fixtures";
import { refusal } from "../../../test/refusal";
import { seedVoid } from "../../../test/review-factories";
import { db } from "../../lib/db.server";
import { criteriaQuerySchema, planCriteriaSources, queryCriteria, type Criterion } from "./query-criteria.server";

const november = { from: "2026-11-01", to: "2026-11-30" };
const brief = (c: Criterion) => [c.scorecardName.split(" ")[0], c.prompt, c.n, c.answered, c.mean === null ? null : Number(c.mean.mean.toFixed(4))];
const withoutTrend = (criteria: Criterion[]) => criteria.map(({ trend: _trend, ...rest }) => rest);
const plan = (query: object, scope?: "all" | "teams" | "own") => planCriteriaSources(criteriaQuerySchema.parse(query), scope).map((part) => `${part.source.table} ${part.from}..${part.to}`);

describe("criteria", () => {
  it("gives per question the mean with its interval, failure and N/A rates with Wilson intervals, n and the trend, worst first", async () => {
    const w = await criteriaWorld("2026-11");
    const query = { ...november, period: "week" };
    expect(plan(query)).toEqual(["rollup_org_daily_questions 2026-11-01..2026-11-01", "rollup_org_weekly_questions 2026-11-02..2026-11-29", "rollup_org_daily_questions 2026-11-30..2026-11-30"]);
    const { criteria } = await queryCriteria(db(), w.lena, query);
    const mine = criteria.filter((c) => c.scorecardId === w.support.id || c.scorecardId === w.sales.id);
    expect(mine.map(brief)).toEqual([
      ["Sales", "Verified identity", 1, 1, 0],
      ["Support", "Outcome", 5, 5, 60],
      ["Support", "Understood the issue", 5, 5, 85],
      ["Sales", "Greeted the customer", 1, 1, 100],
      ["Support", "Greeted the customer", 5, 5, 100],
      ["Sales", "Outcome", 1, 1, 100],
      ["Sales", "Understood the issue", 1, 1, 100],
      ["Support", "Verified identity", 5, 4, 100],
    ]);
    const [identity, outcome, discovery, , supportGreeting, , , supportIdentity] = mine;
    // Outcome: 100, 100, 100, 0, 0 → 60, sd √3000 = 54.7723, t(4) = 2.7764 → ±68.0087: −8.0087 to 128.0087, not clipped.
    expect(outcome?.mean?.sd).toBeCloseTo(54.7723, 4);
    expect(outcome?.mean?.halfWidth).toBeCloseTo(68.0087, 4);
    expect(outcome?.mean?.interval?.low).toBeCloseTo(-8.0087, 4);
    expect(outcome?.mean?.interval?.high).toBeCloseTo(128.0087, 4);
    // Fails 2 of 5: Wilson 0.1176 to 0.7693.
    expect(outcome?.failureRate?.rate).toBe(0.4);
    expect(outcome?.failureRate?.interval.low).toBeCloseTo(0.1176, 4);
    expect(outcome?.failureRate?.interval.high).toBeCloseTo(0.7693, 4);
    expect(outcome?.naRate?.rate).toBe(0);
    // Weeks from Monday 9 November: E1–E4 (100, 100, 100, 0) then E5 (0).
    expect(outcome?.trend.map((t) => [t.periodStart, t.n, t.mean?.mean])).toEqual([
      ["2026-11-09", 4, 75],
      ["2026-11-16", 1, 0],
    ]);
    // Discovery: 100, 100, 75, 75, 75 → 85, sd 13.6931 → ±17.0022 (67.9978 to 102.0022).
    expect(discovery?.mean?.halfWidth).toBeCloseTo(17.0022, 4);
    expect(discovery?.mean?.interval?.low).toBeCloseTo(67.9978, 4);
    expect(discovery?.mean?.interval?.high).toBeCloseTo(102.0022, 4);
    expect(discovery?.failureRate).toMatchObject({ rate: 0, interval: { low: 0 } });
    expect(discovery?.failureRate?.interval.high).toBeCloseTo(0.4345, 4);
    // Sales identity: one answer, failed and critical: a mean without an interval.
    expect(identity).toMatchObject({ n: 1, mean: { mean: 0, interval: null }, failureRate: { rate: 1 }, criticalFailRate: { rate: 1 }, questionId: "identity", current: true });
    expect(identity?.failureRate?.interval.low).toBeCloseTo(0.2065, 4);
    // Support identity: 4 answered of 5 (one N/A): N/A 1 of 5, Wilson 0.0362 to 0.6245; the mean of the four, exactly 100.
    expect(supportIdentity?.naRate?.rate).toBe(0.2);
    expect(supportIdentity?.naRate?.interval.low).toBeCloseTo(0.0362, 4);
    expect(supportIdentity?.naRate?.interval.high).toBeCloseTo(0.6245, 4);
    expect(supportIdentity?.mean).toMatchObject({ n: 4, mean: 100, sd: 0, interval: { low: 100, high: 100 } });
    expect(supportIdentity?.trend.map((t) => [t.periodStart, t.n, t.mean?.mean ?? null])).toEqual([
      ["2026-11-09", 4, 100],
      ["2026-11-16", 1, null],
    ]);
    expect(supportGreeting).toMatchObject({ sectionTitle: "Opening", failureRate: { rate: 0 }, naRate: { rate: 0 } });

    // Whole months by month read the monthly roll-up; the review date reads the rows: the same figures.
    const monthly = { ...november, period: "month" };
    expect(plan(monthly)).toEqual(["rollup_org_monthly_questions 2026-11-01..2026-11-30"]);
    const byMonth = (await queryCriteria(db(), w.lena, { ...monthly, scorecardId: w.support.id })).criteria;
    expect(withoutTrend(byMonth)).toEqual(withoutTrend(mine.filter((c) => c.scorecardId === w.support.id)));
    expect(byMonth.find((c) => c.questionId === "outcome")?.trend.map((t) => [t.periodStart, t.n])).toEqual([["2026-11-01", 5]]);
    expect(plan({ ...monthly, dateBasis: "review" })).toEqual(["rollup_review_org_monthly_questions 2026-11-01..2026-11-30"]);
    const byReview = (await queryCriteria(db(), w.lena, { ...monthly, dateBasis: "review", scorecardId: w.support.id })).criteria;
    expect(withoutTrend(byReview)).toEqual(withoutTrend(byMonth));

    // Filters: calls in the billing queue are E1, E3, E4 → outcome 100, 100, 0.
    const billing = (await queryCriteria(db(), w.lena, { ...november, scorecardId: w.support.id, queue: "billing" })).criteria;
    expect(billing.find((c) => c.questionId === "outcome")).toMatchObject({ n: 3, failureRate: { successes: 1 } });
    expect(billing.find((c) => c.questionId === "outcome")?.mean?.mean).toBeCloseTo(66.6667, 4);
  });

  it("reads the same figures from the organisation and team roll-ups with their partial ends, by conversation and by review day", async () => {
    const w = await criteriaWorld("2026-11");
    // Wednesday 11 to Monday 30 November: the partial week 11–15 holds E2–E4, the whole weeks E5 and E6.
    const range = { from: "2026-11-11", to: "2026-11-30", period: "week" };
    for (const dateBasis of ["conversation", "review"] as const) {
      // Organisation, Support: E2–E5 → outcome 100, 100, 0, 0; discovery 100, 75, 75, 75; identity one N/A.
      const organisation = (await queryCriteria(db(), w.lena, { ...range, dateBasis, scorecardId: w.support.id })).criteria;
      expect(organisation.map(brief)).toEqual([
        ["Support", "Outcome", 4, 4, 50],
        ["Support", "Understood the issue", 4, 4, 81.25],
        ["Support", "Greeted the customer", 4, 4, 100],
        ["Support", "Verified identity", 4, 3, 100],
      ]);
      expect(organisation[0]?.trend.map((t) => [t.periodStart, t.n, Number(t.mean?.mean.toFixed(4))])).toEqual([
        ["2026-11-09", 3, 66.6667],
        ["2026-11-16", 1, 0],
      ]);
      // Team A: E2 and E4 (Support, from the rows of the partial week), E6 (Sales, from the weekly roll-up).
      const team = (await queryCriteria(db(), w.lena, { ...range, dateBasis, teamId: w.teamA.id })).criteria;
      expect(team.map(brief)).toEqual([
        ["Sales", "Verified identity", 1, 1, 0],
        ["Support", "Outcome", 2, 2, 50],
        ["Support", "Understood the issue", 2, 2, 87.5],
        ["Sales", "Greeted the customer", 1, 1, 100],
        ["Support", "Greeted the customer", 2, 2, 100],
        ["Sales", "Outcome", 1, 1, 100],
        ["Sales", "Understood the issue", 1, 1, 100],
        ["Support", "Verified identity", 2, 2, 100],
      ]);
      expect(team.map((c) => c.trend.map((t) => t.periodStart).join(" "))).toEqual(["2026-11-16", "2026-11-09", "2026-11-09", "2026-11-16", "2026-11-09", "2026-11-16", "2026-11-16", "2026-11-09"]);
      // The supervisor of team A reads the team level for their teams: the same figures.
      expect((await queryCriteria(db(), w.supervisorA, { ...range, dateBasis })).criteria).toEqual(team);
      // By month (whole November from the team-level monthly roll-up): the same totals.
      const month = (await queryCriteria(db(), w.lena, { from: "2026-11-01", to: "2026-11-30", period: "month", dateBasis, teamId: w.teamA.id })).criteria;
      expect(month.find((c) => c.questionId === "outcome" && c.scorecardId === w.support.id)).toMatchObject({ n: 3, answered: 3 });
    }
  });

  it("chooses its sources: organisation roll-ups for who sees everything, team roll-ups with the rows at the ends for a team, the rows below", () => {
    const quarter = { from: "2026-09-01", to: "2026-11-30" };
    // 1 September is a Tuesday, 30 November a Monday: a partial week at each end.
    expect(plan({ ...quarter, period: "week" })).toEqual([
      "rollup_org_daily_questions 2026-09-01..2026-09-06",
      "rollup_org_weekly_questions 2026-09-07..2026-11-29",
      "rollup_org_daily_questions 2026-11-30..2026-11-30",
    ]);
    expect(plan({ ...quarter, period: "month", dateBasis: "review" })).toEqual(["rollup_review_org_monthly_questions 2026-09-01..2026-11-30"]);
    expect(plan({ ...quarter, period: "week", dateBasis: "review" })).toEqual([
      "rollup_review_org_daily_questions 2026-09-01..2026-09-06",
      "rollup_review_org_weekly_questions 2026-09-07..2026-11-29",
      "rollup_review_org_daily_questions 2026-11-30..2026-11-30",
    ]);
    const team = { ...quarter, teamId: "00000000-0000-4000-8000-000000000001" };
    expect(plan({ ...team, period: "week" })).toEqual([
      "report_question_results 2026-09-01..2026-09-06",
      "rollup_team_weekly_questions 2026-09-07..2026-11-29",
      "report_question_results 2026-11-30..2026-11-30",
    ]);
    expect(plan({ ...team, period: "month" })).toEqual(["rollup_monthly_questions 2026-09-01..2026-11-30"]);
    expect(plan({ ...team, period: "month", dateBasis: "review" })).toEqual(["rollup_review_team_monthly_questions 2026-09-01..2026-11-30"]);
    expect(plan({ ...team, period: "week", dateBasis: "review" })[1]).toBe("rollup_review_team_weekly_questions 2026-09-07..2026-11-29");
    // A supervisor (their teams) reads the team level without a team filter.
    expect(plan({ ...quarter, period: "month" }, "teams")).toEqual(["rollup_monthly_questions 2026-09-01..2026-11-30"]);
    // A range with no whole period: its days alone.
    expect(plan({ from: "2026-11-10", to: "2026-11-12", period: "week" })).toEqual(["rollup_org_daily_questions 2026-11-10..2026-11-12"]);
    // An agent, channel or queue filter, or an agent viewer: the rows, by the date asked.
    expect(plan({ ...quarter, agentId: "00000000-0000-4000-8000-000000000002" })).toEqual(["report_question_results 2026-09-01..2026-11-30"]);
    expect(plan({ ...quarter, channel: "call", dateBasis: "review" })).toEqual(["report_question_results 2026-09-01..2026-11-30"]);
    expect(plan({ ...quarter, queue: "billing" }, "teams")).toEqual(["report_question_results 2026-09-01..2026-11-30"]);
    expect(plan(quarter, "own")).toEqual(["report_question_results 2026-09-01..2026-11-30"]);
    const rowsByReview = planCriteriaSources(criteriaQuerySchema.parse({ ...quarter, dateBasis: "review" }), "own")[0]?.source;
    expect(rowsByReview).toMatchObject({ table: "report_question_results", dayColumn: "review_day" });
  });

  it("keeps each viewer to their scope: a supervisor their team, an agent their own released evaluations", async () => {
    const w = await criteriaWorld("2026-09");
    const september = { from: "2026-09-01", to: "2026-09-30", scorecardId: w.support.id };
    // Team A's Support reviews: E1, E2, E4 → outcome 100, 100, 0.
    const supervised = (await queryCriteria(db(), w.supervisorA, september)).criteria;
    expect(supervised.map(brief)).toEqual([
      ["Support", "Outcome", 3, 3, 66.6667],
      ["Support", "Understood the issue", 3, 3, 91.6667],
      ["Support", "Greeted the customer", 3, 3, 100],
      ["Support", "Verified identity", 3, 3, 100],
    ]);
    expect((await refusal(queryCriteria(db(), w.supervisorA, { ...september, teamId: w.teamB.id }))).code).toBe("not_found");
    expect((await refusal(queryCriteria(db(), w.supervisorA, { ...september, agentId: w.b1.id }))).code).toBe("not_found");
    // a1 has E1 (released) and E4 (not): only E1 counts, full marks.
    const own = (await queryCriteria(db(), w.a1, september)).criteria;
    expect(own.map(brief)).toEqual([
      ["Support", "Greeted the customer", 1, 1, 100],
      ["Support", "Outcome", 1, 1, 100],
      ["Support", "Understood the issue", 1, 1, 100],
      ["Support", "Verified identity", 1, 1, 100],
    ]);
    expect((await queryCriteria(db(), w.a2, september)).criteria).toEqual([]);
    expect((await refusal(queryCriteria(db(), w.a1, { ...september, agentId: w.a2.id }))).code).toBe("not_found");
  });

  it("moves with a void: E5 voided leaves outcome 100, 100, 100, 0 and no N/A", async () => {
    const w = await criteriaWorld("2026-10");
    await seedVoid(w.lena, w.evaluations.e5, "Scored the wrong conversation");
    const { criteria } = await queryCriteria(db(), w.lena, { from: "2026-10-01", to: "2026-10-31", scorecardId: w.support.id });
    expect(criteria.map(brief)).toEqual([
      ["Support", "Outcome", 4, 4, 75],
      ["Support", "Understood the issue", 4, 4, 87.5],
      ["Support", "Greeted the customer", 4, 4, 100],
      ["Support", "Verified identity", 4, 4, 100],
    ]);
    expect(criteria.find((c) => c.questionId === "identity")?.naRate?.rate).toBe(0);
  });

  it("refuses a backwards period, a range past the limit and an unknown period or date basis, with messages", async () => {
    const w = await criteriaWorld("2026-08");
    const backwards = await refusal(queryCriteria(db(), w.lena, { from: "2026-11-30", to: "2026-11-01" }));
    expect(backwards).toMatchObject({ code: "invalid", message: "The period ends before it starts: choose an end on or after the start" });
    expect((await refusal(queryCriteria(db(), w.lena, { from: "2024-01-01", to: "2026-11-30" }))).message).toBe("A report covers at most 800 days; this range has 1065");
    expect((await refusal(queryCriteria(db(), w.lena, { ...november, period: "day", dateBasis: "opened" }))).message).toBe(
      "The period is week or month; The date basis is conversation or review",
    );
  });
});
