/**
 * Reviewers (issue 14 §3) against the hand-computed world of test/criteria-fixtures.ts:
 * Quinn 100, 100, 90.6 (10, 20, 30 min), Rita 53.1, 53.1 (5, 15 min) on Support; Lena 0 on
 * Sales (8 min), whose greeting a dispute overturned and identity it kept. Who sees what.
 */
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { criteriaWorld } from "../../../test/criteria-fixtures";
import { refusal } from "../../../test/refusal";
import { seedVoid } from "../../../test/review-factories";
import { db } from "../../lib/db.server";
import { breakdownQuerySchema, filterConditions } from "./breakdown-query.server";
import { queryReviewers, readReviewers, type ReviewerFigures } from "./query-reviewers.server";
import { planReviewerSource } from "./reviewer-sources.server";

const now = new Date("2026-12-07T12:00:00Z");
const of = (reviewers: ReviewerFigures[], id: string) => reviewers.find((r) => r.reviewerId === id);

describe("reviewers", () => {
  it("gives output, per day, median handling time, the mean against peers on the same scorecard and the overturn rate", async () => {
    const w = await criteriaWorld("2026-11");
    const report = await queryReviewers(db(), w.lena, { from: "2026-11-01", to: "2026-11-30" }, now);
    expect(report).toMatchObject({ period: "month", days: 30, ownOnly: false });
    const quinn = of(report.reviewers, w.quinn.id);
    const rita = of(report.reviewers, w.rita.id);
    const lena = of(report.reviewers, w.lena.id);
    expect([quinn, rita, lena].map((r) => [r?.n, r?.perDay, r?.medianHandlingSeconds])).toEqual([
      [3, 0.1, 1200],
      [2, 2 / 30, 600],
      [1, 1 / 30, 480],
    ]);
    // Quinn 96.8667 (sd 5.4271, ±13.4816) against Rita's 53.1, 53.1 (no spread): +43.7667,
    // standard error √(29.4533 / 3) = 3.1333, Welch df 2, t 4.3027 → 30.2850 to 57.2483: lenient.
    const [quinnOnSupport] = quinn?.comparisons ?? [];
    expect(quinnOnSupport?.scorecardId).toBe(w.support.id);
    expect(quinnOnSupport?.own?.mean).toBeCloseTo(96.8667, 4);
    expect(quinnOnSupport?.peers).toMatchObject({ n: 2, mean: 53.1, sd: 0 });
    expect(quinnOnSupport?.difference?.difference).toBeCloseTo(43.7667, 4);
    expect(quinnOnSupport?.difference?.standardError).toBeCloseTo(3.1333, 4);
    expect(quinnOnSupport?.difference?.df).toBeCloseTo(2, 6);
    expect(quinnOnSupport?.difference?.interval.low).toBeCloseTo(30.285, 4);
    expect(quinnOnSupport?.difference?.interval.high).toBeCloseTo(57.2483, 4);
    expect(quinnOnSupport?.leniency).toBe("lenient");
    expect(rita?.comparisons.map((c) => [c.leniency, Number(c.difference?.difference.toFixed(4))])).toEqual([["strict", -43.7667]]);
    // Lena alone on Sales: nobody to compare with.
    expect(lena?.comparisons.map((c) => [c.scorecardId, c.own?.mean, c.peers, c.leniency])).toEqual([[w.sales.id, 0, null, "too_few"]]);
    // Passes: Quinn 3 of 3, Rita 0 of 2; Lena auto-failed 1 of 1.
    expect(quinn?.passRate?.rate).toBe(1);
    expect(quinn?.passRate?.interval.low).toBeCloseTo(0.4385, 4);
    expect(rita?.passRate?.rate).toBe(0);
    expect(lena?.autoFailRate?.rate).toBe(1);
    // Overturns: of Lena's two decided disputed questions one changed, Wilson 0.0945 to 0.9055.
    expect(lena?.disputedQuestions).toBe(2);
    expect(lena?.overturnRate?.rate).toBe(0.5);
    expect(lena?.overturnRate?.interval.low).toBeCloseTo(0.0945, 4);
    expect(lena?.overturnRate?.interval.high).toBeCloseTo(0.9055, 4);
    expect([quinn?.disputedQuestions, quinn?.overturnRate]).toEqual([0, null]);
    // Trend by week: Rita's E4 in the week of 9 November, E5 in the next.
    const weekly = await queryReviewers(db(), w.lena, { from: "2026-11-01", to: "2026-11-30", period: "week", reviewerId: w.rita.id }, now);
    expect(weekly.reviewers.map((r) => r.name)).toEqual([w.rita.name]);
    expect(weekly.reviewers[0]?.trend.map((t) => [t.periodStart, t.n, t.score?.mean])).toEqual([
      ["2026-11-09", 1, 53.1],
      ["2026-11-16", 1, 53.1],
    ]);
    // Per day counts the days of the range up to today: 1–7 December is 7 days.
    const december = await queryReviewers(db(), w.lena, { from: "2026-12-01", to: "2026-12-31" }, now);
    expect(december.days).toBe(7);
  });

  it("shows QA leads and admins everyone, a QA specialist only their own row; supervisors and agents are refused", async () => {
    const w = await criteriaWorld("2026-09");
    const september = { from: "2026-09-01", to: "2026-09-30", scorecardId: w.support.id };
    const admin = await queryReviewers(db(), w.admin, september, now);
    expect(admin.reviewers.map((r) => r.reviewerId).sort()).toEqual([w.quinn.id, w.rita.id].sort());
    const own = await queryReviewers(db(), w.quinn, september, now);
    expect(own.ownOnly).toBe(true);
    expect(own.reviewers.map((r) => [r.name, r.n, r.comparisons[0]?.leniency])).toEqual([[w.quinn.name, 3, "lenient"]]);
    expect((await refusal(queryReviewers(db(), w.quinn, { ...september, reviewerId: w.rita.id }, now))).code).toBe("not_found");
    for (const viewer of [w.supervisorA, w.a1]) {
      const refused = await refusal(queryReviewers(db(), viewer, september, now));
      expect(refused).toMatchObject({ code: "forbidden", message: "Reviewers' figures are for QA leads and admins; QA specialists see their own." });
    }
  });

  it("moves with a void: without E5 Rita has one review and no interval, so nobody is lenient or strict", async () => {
    const w = await criteriaWorld("2026-10");
    await seedVoid(w.lena, w.evaluations.e5, "Scored the wrong conversation");
    const report = await queryReviewers(db(), w.lena, { from: "2026-10-01", to: "2026-10-31", scorecardId: w.support.id }, now);
    expect(report.reviewers.map((r) => [r.name, r.n, r.medianHandlingSeconds, r.comparisons[0]?.leniency])).toEqual([
      [w.quinn.name, 3, 1200, "too_few"],
      [w.rita.name, 1, 300, "too_few"],
    ]);
  });
});

describe("where the reviewers report reads (decision 0037)", () => {
  const parse = (raw: object) => breakdownQuerySchema.parse(raw);

  it("reads the reviewer roll-up without a team, agent, channel or queue filter: whole periods, the ends by day, the minutes by month", () => {
    expect(planReviewerSource(parse({ from: "2026-11-05", to: "2027-01-13", period: "week", scorecardId: "00000000-0000-4000-8000-000000000001" }), true)).toEqual({
      kind: "rollup",
      sums: [
        { grain: "day", from: "2026-11-05", to: "2026-11-08" },
        { grain: "week", from: "2026-11-09", to: "2027-01-10" },
        { grain: "day", from: "2027-01-11", to: "2027-01-13" },
      ],
      minutes: [
        { grain: "day", from: "2026-11-05", to: "2026-11-30" },
        { grain: "month", from: "2026-12-01", to: "2026-12-31" },
        { grain: "day", from: "2027-01-01", to: "2027-01-13" },
      ],
    });
    expect(planReviewerSource(parse({ from: "2024-12-01", to: "2026-11-30", period: "month", dateBasis: "review" }), true)).toEqual({
      kind: "rollup",
      sums: [{ grain: "month", from: "2024-12-01", to: "2026-11-30" }],
      minutes: [{ grain: "month", from: "2024-12-01", to: "2026-11-30" }],
    });
  });

  it("reads the rows with a team, agent, channel or queue, or for a viewer who does not see every row", () => {
    const november = { from: "2026-11-01", to: "2026-11-30" };
    const id = "00000000-0000-4000-8000-000000000001";
    for (const filter of [{ teamId: id }, { agentId: id }, { channel: "call" }, { queue: "billing" }]) {
      expect(planReviewerSource(parse({ ...november, ...filter }), true)).toEqual({ kind: "rows" });
    }
    expect(planReviewerSource(parse(november), false)).toEqual({ kind: "rows" });
  });

  it("gives the same figures from the roll-up as from the rows, by conversation and by review date, after a void", async () => {
    const w = await criteriaWorld("2026-08");
    await seedVoid(w.lena, w.evaluations.e3, "Scored the wrong conversation");
    for (const raw of [
      { from: "2026-08-01", to: "2026-08-31", period: "week" },
      { from: "2026-08-11", to: "2026-09-30", period: "month", dateBasis: "review" },
      { from: "2026-08-12", to: "2026-08-17", period: "week", scorecardId: w.support.id },
    ]) {
      const query = { ...parse(raw), reviewerId: undefined };
      const where = sql.join(filterConditions(query, "r", query.dateBasis === "review" ? "review_day" : "conversation_day"), sql` AND `);
      const rollup = planReviewerSource(query, true);
      expect(rollup.kind).toBe("rollup");
      const fromRollup = await readReviewers(db(), query, where, rollup, now);
      expect(fromRollup).toEqual(await readReviewers(db(), query, where, { kind: "rows" }, now));
      expect(fromRollup.reviewers.length).toBeGreaterThan(0);
    }
    // Without E3 Quinn has 10 and 20 minutes: the median is 15 minutes.
    const august = await readReviewers(db(), parse({ from: "2026-08-01", to: "2026-08-31" }), sql`r.conversation_day BETWEEN '2026-08-01' AND '2026-08-31'`, { kind: "rows" }, now);
    expect(august.reviewers.find((r) => r.reviewerId === w.quinn.id)?.medianHandlingSeconds).toBe(900);
  });

  it("takes the median of the handling times rounded to the nearest minute", async () => {
    const w = await criteriaWorld("2026-07");
    // Quinn's 10 and 20 minutes become 10 min 29 s and 20 min 31 s: rounded 10 and 21, with E3's 30.
    await sql`UPDATE evaluations SET created_at = submitted_at - interval '629 seconds' WHERE id = ${w.evaluations.e1}`.execute(db());
    await sql`UPDATE evaluations SET created_at = submitted_at - interval '1231 seconds' WHERE id = ${w.evaluations.e2}`.execute(db());
    await sql`SELECT report_rebuild()`.execute(db());
    const july = { from: "2026-07-01", to: "2026-07-31" };
    const fromRollup = await queryReviewers(db(), w.lena, july, now);
    const fromRows = await queryReviewers(db(), w.lena, { ...july, channel: "call" }, now);
    expect(of(fromRollup.reviewers, w.quinn.id)?.medianHandlingSeconds).toBe(21 * 60);
    // On calls only (E1 and E3): 10 and 30 minutes → 20.
    expect(of(fromRows.reviewers, w.quinn.id)?.medianHandlingSeconds).toBe(20 * 60);
  });
});
