/**
 * The quality overview and its drill-down against the hand-computed fixture
 * (test/report-fixtures.ts), scoped per role; every linked number drills down to exactly n
 * evaluations.
 */
import { describe, expect, it } from "vitest";
import { db } from "../../lib/db.server";
import { reportFixture, fixtureWeeks, type ReportFixture } from "../../../test/report-fixtures";
import { refusal } from "../../../test/refusal";
import { seedVoid } from "../../../test/review-factories";
import { teamReportWorld } from "../../../test/team-report-fixtures";
import type { Viewer } from "../users/roles";
import { reportTableCsv } from "./csv";
import { listReportEvaluations, parseDrillDown } from "./list-report-evaluations.server";
import { buildQualityOverview, periodLabel } from "./quality-overview.server";
import { cellOf, cellText, type ReportTableModel } from "./report-table";

const clock = { now: new Date("2026-12-07T12:00:00Z"), timeZone: "UTC" };
const overviewOf = (viewer: Viewer, extra: Record<string, string> = {}) =>
  buildQualityOverview(db(), viewer, new URLSearchParams({ ...Object.fromEntries(fixtureWeeks), ...extra }), clock);

/** The table as the page shows it, one line per row. */
const shown = (table: ReportTableModel) => table.rows.map((row) => table.columns.map((column) => cellText(column, cellOf(row, column.key).value)).join(" | "));

async function drillTotal(viewer: Viewer, href: string) {
  const query = parseDrillDown(new URL(href, "http://parley.test").searchParams, clock);
  return (await listReportEvaluations(db(), viewer, query, { limit: 50 })).total;
}

/** Every linked cell of the table drills down to as many evaluations as the row's n (or its passes / auto-fails). */
async function expectDrillDownsMatch(viewer: Viewer, table: ReportTableModel, f: ReportFixture) {
  let checked = 0;
  for (const row of table.rows) {
    const n = cellOf(row, "n");
    if (!n.href) continue;
    expect(await drillTotal(viewer, n.href)).toBe(n.value);
    const pass = cellOf(row, "passRate");
    const autoFail = cellOf(row, "autoFailRate");
    expect(await drillTotal(viewer, pass.href ?? "")).toBe(Math.round(Number(pass.value) * Number(n.value)));
    expect(await drillTotal(viewer, autoFail.href ?? "")).toBe(Math.round(Number(autoFail.value) * Number(n.value)));
    checked += 1;
  }
  expect(checked).toBeGreaterThan(0);
  return f;
}

// Each test file has a database of its own, but its tests share it: only the first test's lead
// sees one fixture; the later ones use viewers scoped to their own fixture's teams.
describe("quality overview", () => {
  it("gives a lead every team's figures by week with intervals, n on every point, per team and per scorecard", async () => {
    const f = await reportFixture();
    const byTeam = await overviewOf(f.lead);
    expect(byTeam.total).toBe(5);
    expect(byTeam.group).toBe("team");
    const [teamA, teamB] = [f.teamA.name, f.teamB.name].sort() as [string, string];
    const rowsOf = (name: string, lines: string[]) => lines.map((line) => `${name} | ${line}`);
    // Team rows sorted by name; the fixture's team names sort by creation.
    const teamLines = {
      [f.teamA.name]: rowsOf(f.teamA.name, ["2026-11-02 | 1 | 100.0 | – | – | 100.0% | 20.7% | 100.0% | 0.0% | 0.0% | 79.3% | 1 | 0 | – | – | – | 60.0 | – | –", "2026-11-09 | 3 | 87.5 | 52.0 | 123.0 | 66.7% | 20.8% | 93.9% | 0.0% | 0.0% | 56.1% | 3 | 0 | – | – | – | 60.0 | 60.0 | 60.0"]),
      [f.teamB.name]: rowsOf(f.teamB.name, ["2026-11-09 | 1 | 0.0 | – | – | 0.0% | 0.0% | 79.3% | 100.0% | 20.7% | 100.0% | 1 | 0 | – | – | – | 60.0 | – | –"]),
    };
    expect(shown(byTeam.table)).toEqual([
      "Total | 2026-11-02 | 1 | 100.0 | – | – | 100.0% | 20.7% | 100.0% | 0.0% | 0.0% | 79.3% | 1 | 0 | – | – | – | 60.0 | – | –",
      "Total | 2026-11-09 | 4 | 65.6 | -6.4 | 137.7 | 50.0% | 15.0% | 85.0% | 25.0% | 4.6% | 69.9% | 4 | 0 | – | – | – | 60.0 | 60.0 | 60.0",
      ...(teamLines[teamA] ?? []),
      ...(teamLines[teamB] ?? []),
    ]);
    expect(byTeam.table.columns.map((column) => column.label)).toEqual([
      "Team",
      "Week starting",
      "n",
      "Mean score",
      "Score 95% low",
      "Score 95% high",
      "Pass rate",
      "Pass 95% low",
      "Pass 95% high",
      "Auto-fail rate",
      "Auto-fail 95% low",
      "Auto-fail 95% high",
      // CSAT and handling time beside quality (decision 0029): the fixture's conversations last 60 s and carry no CSAT.
      "Conversations",
      "CSAT responses",
      "Mean CSAT (% of scale)",
      "CSAT 95% low",
      "CSAT 95% high",
      "Mean handling time (s)",
      "Handling 95% low (s)",
      "Handling 95% high (s)",
    ]);
    // The charts: the Total line, n on each point.
    expect(byTeam.charts.score.map((point) => [point.label, point.n, point.value, point.low])).toEqual([
      ["2 Nov", 1, 100, null],
      ["9 Nov", 4, 65.625, expect.closeTo(-6.4289, 4) as unknown],
    ]);
    expect(byTeam.charts.passRate.map((point) => [point.n, point.value])).toEqual([
      [1, 1],
      [4, 0.5],
    ]);
    expect(byTeam.charts.autoFailRate[1]?.high).toBeCloseTo(0.6994, 4);
    await expectDrillDownsMatch(f.lead, byTeam.table, f);

    const byScorecard = await overviewOf(f.lead, { group: "scorecard" });
    expect(byScorecard.table.columns[0]?.label).toBe("Scorecard");
    expect(shown(byScorecard.table).filter((line) => !line.startsWith("Total")).map((line) => line.split(" | ").slice(0, 4).join(" | ")).sort()).toEqual(
      [`${f.chatScorecard.name} | 2026-11-02 | 1 | 100.0`, `${f.scorecard.name} | 2026-11-09 | 4 | 65.6`].sort(),
    );
    await expectDrillDownsMatch(f.lead, byScorecard.table, f);

    // By month, the whole of November: (71.9 + 90.6 + 100 + 0 + 100) / 5 = 72.5 ± 52.3001.
    const november = await buildQualityOverview(db(), f.lead, new URLSearchParams({ period: "month", from: "2026-11-01", to: "2026-11-30" }), clock);
    expect(shown(november.table)[0]).toBe("Total | 2026-11 | 5 | 72.5 | 20.2 | 124.8 | 60.0% | 23.1% | 88.2% | 20.0% | 3.6% | 62.4% | 5 | 0 | – | – | – | 60.0 | 60.0 | 60.0");
  });

  it("keeps a supervisor to their team and an agent to their own released evaluations, drill-downs included", async () => {
    const f = await reportFixture();
    const supervised = await overviewOf(f.supervisorA);
    expect(shown(supervised.table).map((line) => line.split(" | ").slice(0, 4).join(" | "))).toEqual([
      "Total | 2026-11-02 | 1 | 100.0",
      "Total | 2026-11-09 | 3 | 87.5",
      `${f.teamA.name} | 2026-11-02 | 1 | 100.0`,
      `${f.teamA.name} | 2026-11-09 | 3 | 87.5`,
    ]);
    await expectDrillDownsMatch(f.supervisorA, supervised.table, f);
    expect((await refusal(overviewOf(f.supervisorA, { team: f.teamB.id }))).code).toBe("not_found");
    expect((await refusal(overviewOf(f.supervisorA, { agent: f.b1.id }))).code).toBe("not_found");
    // The drill-down refuses another team the same way, and counts only the viewer's rows.
    const query = parseDrillDown(new URLSearchParams({ ...Object.fromEntries(fixtureWeeks), team: f.teamB.id }), clock);
    expect((await refusal(listReportEvaluations(db(), f.supervisorA, query, { limit: 50 }))).code).toBe("not_found");
    expect(await drillTotal(f.supervisorA, `/reports/evaluations?${fixtureWeeks.toString()}&outcome=autofail`)).toBe(0);

    const own = await overviewOf(f.a1, { group: "scorecard" });
    expect(own.group).toBeNull();
    // Quality counts the one evaluation released to a1; CSAT and handling time all their conversations (decision 0029).
    expect(shown(own.table)).toEqual(["Your evaluations | 2026-11-09 | 1 | 90.6 | – | – | 100.0% | 20.7% | 100.0% | 0.0% | 0.0% | 79.3% | – | 2 | 0 | – | – | – | 60.0 | 60.0 | 60.0"]);
    await expectDrillDownsMatch(f.a1, own.table, f);
    const ownList = await listReportEvaluations(db(), f.a1, parseDrillDown(fixtureWeeks, clock), { limit: 50 });
    expect(ownList.items.map((item) => item.evaluationId)).toEqual([f.evaluations.a1Pass]);
    expect((await refusal(overviewOf(f.a1, { agent: f.a2.id }))).code).toBe("not_found");
    // Their team's mean ("Team mean", "–" here) rests on 2 released evaluations: not shown.
    expect(own.teamMean).toEqual({ team: { id: f.teamA.id, name: f.teamA.name }, mean: null });
    expect(supervised.teamMean).toBeNull();
    expect(supervised.charts.teamScore).toBeNull();
  });

  it("shows an agent their team's mean beside their own, only where it rests on 5 released evaluations", async () => {
    const f = await teamReportWorld();
    // Team A's released evaluations in November: 100, 87.5, 71.9, 50, 25 → 66.88 (test/team-report-fixtures.ts).
    const monthly = await buildQualityOverview(db(), f.a1, new URLSearchParams({ period: "month", from: "2026-11-01", to: "2026-11-30" }), clock);
    expect(monthly.table.columns.map((column) => column.key)).toContain("teamMean");
    expect(shown(monthly.table)[0]?.split(" | ").slice(0, 4)).toEqual(["Your evaluations", "2026-11", "2", "93.8"]);
    expect(cellOf(monthly.table.rows[0] ?? {}, "teamMean").value).toBeCloseTo(66.88, 4);
    expect(monthly.teamMean).toEqual({ team: { id: f.teamA.id, name: f.teamA.name }, mean: expect.closeTo(66.88, 4) as number });
    expect(reportTableCsv(monthly.table)).toContain(",66.9,");
    // The score chart draws it beside theirs, as a bare mean.
    expect(monthly.charts.teamScore).toEqual([{ x: "2026-11-01", label: periodLabel("month", "2026-11-01"), n: null, value: expect.closeTo(66.88, 4) as number, low: null, high: null }]);
    // By week: 4 released in the week of 2 November, 1 in the week of 9 — neither week's is shown; the range's is.
    const weekly = await buildQualityOverview(db(), f.a1, new URLSearchParams({ period: "week", from: "2026-11-01", to: "2026-11-30" }), clock);
    expect(weekly.table.rows.map((row) => [cellOf(row, "period").value, cellOf(row, "teamMean").value])).toEqual([
      ["2026-11-02", null],
      ["2026-11-09", null],
    ]);
    expect(weekly.charts.teamScore?.map((point) => [point.x, point.value])).toEqual([
      ["2026-11-02", null],
      ["2026-11-09", null],
    ]);
    expect(weekly.teamMean?.mean).toBeCloseTo(66.88, 4);
    // A void leaves 4 released: no team mean at all.
    await seedVoid(f.lead, f.evaluations.a4[0] as string, "Scored against the wrong conversation");
    const after = await buildQualityOverview(db(), f.a1, new URLSearchParams({ period: "month", from: "2026-11-01", to: "2026-11-30" }), clock);
    expect(after.teamMean?.mean).toBeNull();
    expect(cellOf(after.table.rows[0] ?? {}, "teamMean").value).toBeNull();
  });

  it("exports exactly the page's table as CSV", async () => {
    const f = await reportFixture();
    const overview = await overviewOf(f.supervisorA);
    const lines = reportTableCsv(overview.table).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines).toEqual([
      "Team,Week starting,n,Mean score,Score 95% low,Score 95% high,Pass rate,Pass 95% low,Pass 95% high,Auto-fail rate,Auto-fail 95% low,Auto-fail 95% high,Conversations,CSAT responses,Mean CSAT (% of scale),CSAT 95% low,CSAT 95% high,Mean handling time (s),Handling 95% low (s),Handling 95% high (s)",
      "Total,2026-11-02,1,100,,,100,20.7,100,0,0,79.3,1,0,,,,60,,",
      "Total,2026-11-09,3,87.5,52,123,66.7,20.8,93.9,0,0,56.1,3,0,,,,60,60,60",
      `${f.teamA.name},2026-11-02,1,100,,,100,20.7,100,0,0,79.3,1,0,,,,60,,`,
      `${f.teamA.name},2026-11-09,3,87.5,52,123,66.7,20.8,93.9,0,0,56.1,3,0,,,,60,60,60`,
    ]);
  });

  it("shows mean CSAT with its responses and interval beside quality, in the page and the CSV", async () => {
    const f = await reportFixture();
    // Team A's week of 9 Nov: a1 answered 5 and 4 on 1–5, a2 7 on 0–10 → 100, 75, 70 %: 81.6667 ± 39.9269.
    const teamA = await db().selectFrom("interactions").select(["id", "agent_id", "started_at"]).where("team_id", "=", f.teamA.id).orderBy("started_at").execute();
    const answers = new Map([["2026-11-10", [5, "1-5"]], ["2026-11-11", [4, "1-5"]], ["2026-11-12", [7, "0-10"]]] as const);
    for (const row of teamA) {
      const answer = answers.get(row.started_at.toISOString().slice(0, 10) as "2026-11-10");
      if (answer) await db().updateTable("interactions").set({ csat_score: answer[0], csat_scale: answer[1], csat_source: "field" }).where("id", "=", row.id).execute();
    }
    const overview = await overviewOf(f.supervisorA);
    expect(shown(overview.table)[1]).toBe("Total | 2026-11-09 | 3 | 87.5 | 52.0 | 123.0 | 66.7% | 20.8% | 93.9% | 0.0% | 0.0% | 56.1% | 3 | 3 | 81.7 | 41.7 | 121.6 | 60.0 | 60.0 | 60.0");
    const csv = reportTableCsv(overview.table).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(csv[2]).toBe("Total,2026-11-09,3,87.5,52,123,66.7,20.8,93.9,0,0,56.1,3,3,81.7,41.7,121.6,60,60,60");
  });
});
