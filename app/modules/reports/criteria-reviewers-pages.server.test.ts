/**
 * The Criteria and Reviewers pages and their CSVs through the route modules, on the
 * hand-computed world of test/criteria-fixtures.ts (November 2026, Support): every figure as
 * the page prints it, the CSV holding exactly the page's table, the drill-down links, and the
 * refusals (a supervisor's reviewers page 403, another team 404, a backwards range 422).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { criteriaWorld, type CriteriaWorld } from "../../../test/criteria-fixtures";
import { getRequest, thrown } from "../../../test/route-requests";
import { loader as criteriaCsvRoute } from "../../routes/reports.criteria[.csv]";
import { loader as criteriaRoute } from "../../routes/reports.criteria";
import { loader as reviewersCsvRoute } from "../../routes/reports.reviewers[.csv]";
import { loader as reviewersRoute } from "../../routes/reports.reviewers";
import type { Viewer } from "../users/roles";
import { reportTableCsv } from "./csv";
import { csatDifferenceColumns } from "./customer-columns";
import { cellOf, cellText, type ReportTableModel } from "./report-table";

let w: CriteriaWorld;
let filters: string;
beforeAll(async () => {
  w = await criteriaWorld("2026-11");
  filters = `period=month&from=2026-11-01&to=2026-11-30&scorecard=${w.support.id}`;
});

const args = async (viewer: Viewer, path: string) => ({ request: await getRequest(viewer, path), params: {}, context: {} });
/** The table as the page prints it: one line of cell texts per row. */
const printed = (table: ReportTableModel) => table.rows.map((row) => table.columns.map((column) => cellText(column, cellOf(row, column.key).value)));
/** The loader's answer when the filters read (the page's figures), else the test fails with what came. */
function okPage<T extends object>(answer: T): Extract<T, { ok: true }> {
  if ("ok" in answer && answer.ok === true) return answer as Extract<T, { ok: true }>;
  throw new Error(`The page refused: ${JSON.stringify(answer)}`);
}
/** The CSV's bytes as text, its byte-order mark kept (Response.text() drops it). */
const csvText = async (answer: Response) => Buffer.from(await answer.arrayBuffer()).toString("utf8");

// The fixture's conversations carry no CSAT: the difference columns are empty (their figures are
// tested in query-customer-kpis.server.test.ts on a fixture with CSAT).
const noCsat = ["–", "–", "–", "–", "–"];

describe("/reports/criteria", () => {
  it("prints every figure worst first, links each to the evaluations behind it, and its CSV is the same table", async () => {
    const page = okPage(await criteriaRoute(await args(w.lena, `/reports/criteria?${filters}`)));
    const name = w.support.name;
    expect(page.table.columns.map((c) => c.label)).toEqual(["Criterion", "Scorecard", "Mean %", "Mean low", "Mean high", "Failure rate", "Failure low", "Failure high", "N/A rate", "N/A low", "N/A high", "n", ...csatDifferenceColumns.map((c) => c.label)]);
    expect(printed(page.table)).toEqual([
      ["Outcome", name, "60.0", "-8.0", "128.0", "40.0%", "11.8%", "76.9%", "0.0%", "0.0%", "43.4%", "5", ...noCsat],
      ["Understood the issue", name, "85.0", "68.0", "102.0", "0.0%", "0.0%", "43.4%", "0.0%", "0.0%", "43.4%", "5", ...noCsat],
      ["Greeted the customer", name, "100.0", "100.0", "100.0", "0.0%", "0.0%", "43.4%", "0.0%", "0.0%", "43.4%", "5", ...noCsat],
      ["Verified identity", name, "100.0", "100.0", "100.0", "0.0%", "0.0%", "49.0%", "20.0%", "3.6%", "62.4%", "5", ...noCsat],
    ]);
    const outcome = page.table.rows[0]!;
    const outcomeKey = (page.table.rows[0]!.failureRate as { href: string }).href;
    expect(outcomeKey).toMatch(new RegExp(`^/reports/evaluations\\?period=month&from=2026-11-01&to=2026-11-30&scorecard=${w.support.id}&question=outcome%23[0-9a-f]{8}&outcome=fail$`));
    expect(cellOf(outcome, "n").href).toBe(outcomeKey.replace("&outcome=fail", ""));
    expect(page.worst).toMatchObject({ prompt: "Outcome", mean: 60 });
    // One point per month: the sparkline of each row.
    expect(page.trends.map((t) => t.values)).toEqual([[60], [85], [100], [100]]);

    const csv = await criteriaCsvRoute(await args(w.lena, `/reports/criteria.csv?${filters}`));
    expect(csv.status).toBe(200);
    expect(await csvText(csv)).toBe(reportTableCsv(page.table));
  });

  it("keeps a supervisor to their team and refuses another team's (404) and a backwards range (422)", async () => {
    const page = okPage(await criteriaRoute(await args(w.supervisorA, `/reports/criteria?${filters}`)));
    expect(printed(page.table).map((row) => [row[0], row[2], row[11]])).toEqual([
      ["Outcome", "66.7", "3"],
      ["Understood the issue", "91.7", "3"],
      ["Greeted the customer", "100.0", "3"],
      ["Verified identity", "100.0", "3"],
    ]);
    expect((await thrown(async () => criteriaRoute(await args(w.supervisorA, `/reports/criteria?${filters}&team=${w.teamB.id}`)))).status).toBe(404);
    const csv = await criteriaCsvRoute(await args(w.supervisorA, `/reports/criteria.csv?${filters}&team=${w.teamB.id}`));
    expect(csv.status).toBe(404);
    const backwards = await criteriaRoute(await args(w.lena, "/reports/criteria?from=2026-11-30&to=2026-11-01"));
    // A refused filter keeps the page (and what was typed) with the message, answered 422.
    expect(backwards).toMatchObject({ init: { status: 422 }, data: { ok: false, message: "The period ends before it starts: choose an end on or after the start", values: { from: "2026-11-30" } } });
  });
});

describe("/reports/reviewers", () => {
  it("prints each reviewer's output and their mean against peers, with CSVs of both tables", async () => {
    const page = okPage(await reviewersRoute(await args(w.lars, `/reports/reviewers?${filters}`)));
    // 30 days: Quinn 3 → 0.1 a day, Rita 2 → 0.07 shown as 0.1; medians 20 and 10 minutes.
    expect(printed(page.output)).toEqual([
      [w.quinn.name, "3", "0.1", "20.0", "96.9", "83.4", "110.3", "0", "–", "–", "–"],
      [w.rita.name, "2", "0.1", "10.0", "53.1", "53.1", "53.1", "0", "–", "–", "–"],
    ]);
    expect(printed(page.peers)).toEqual([
      [w.quinn.name, w.support.name, "96.9", "3", "53.1", "2", "43.8", "30.3", "57.2", "Lenient"],
      [w.rita.name, w.support.name, "53.1", "2", "96.9", "3", "-43.8", "-57.2", "-30.3", "Strict"],
    ]);
    expect(cellOf(page.output.rows[0]!, "n").href).toBe(`/reports/evaluations?${filters}&reviewer=${w.quinn.id}`);
    const csv = await reviewersCsvRoute(await args(w.lars, `/reports/reviewers.csv?${filters}&table=peers`));
    expect(await csvText(csv)).toBe(reportTableCsv(page.peers));

    const sales = okPage(await reviewersRoute(await args(w.lars, "/reports/reviewers?period=month&from=2026-11-01&to=2026-11-30&scorecard=" + w.sales.id)));
    expect(printed(sales.output)).toEqual([[w.lena.name, "1", "0.0", "8.0", "0.0", "–", "–", "2", "50.0%", "9.5%", "90.5%"]]);
  });

  it("shows a QA specialist their own row and refuses supervisors (403)", async () => {
    const own = okPage(await reviewersRoute(await args(w.quinn, `/reports/reviewers?${filters}`)));
    expect(own.ownOnly).toBe(true);
    expect(printed(own.output).map((row) => row[0])).toEqual([w.quinn.name]);
    expect(await thrown(async () => reviewersRoute(await args(w.supervisorA, `/reports/reviewers?${filters}`)))).toMatchObject({ status: 403 });
    expect((await reviewersCsvRoute(await args(w.a1, `/reports/reviewers.csv?${filters}`))).status).toBe(403);
  });
});
