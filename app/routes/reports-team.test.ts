/**
 * The team page's routes as Remix calls them (real session, real PostgreSQL) on the
 * hand-computed fixture of test/team-report-fixtures.ts: every drill-down link of an agent's
 * row and of a weakest criterion lists exactly the n the page shows, the CSV holds the page's
 * numbers, and a supervisor's CSV keeps to their team (another team's is 404).
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { bodyOf, getRequest, returned } from "../../test/route-requests";
import { teamReportWorld } from "../../test/team-report-fixtures";
import { cellOf, cellText, type ReportTableModel } from "../modules/reports/report-table";
import { loader as drillLoader } from "./reports.evaluations";
import { loader as teamLoader } from "./reports.team";
import { loader as csvLoader } from "./reports.team[.csv]";
import { loader as cardLoader } from "./reports.agents.$agentId";

const call = async <T,>(loader: (args: LoaderFunctionArgs) => Promise<T>, viewer: { id: string }, path: string, params: Record<string, string> = {}) =>
  loader({ request: await getRequest(viewer, path), params, context: {} });

const november = "period=week&from=2026-11-01&to=2026-11-30";

async function teamPage(viewer: { id: string }, query: string) {
  const loaded = await call(teamLoader, viewer, `/reports/team?${query}`);
  if (!("ok" in loaded) || !loaded.ok) throw new Error("expected the team page");
  return loaded;
}

function rowOf(table: ReportTableModel, name: string) {
  const row = table.rows.find((candidate) => cellOf(candidate, "agent").value === name);
  if (!row) throw new Error(`no row for ${name}`);
  return row;
}

/** The drill-down's total behind a link of the page. */
async function drilled(viewer: { id: string }, href: string | undefined): Promise<number> {
  if (!href) throw new Error("expected a link");
  expect(href.startsWith("/reports/evaluations?")).toBe(true);
  return (await call(drillLoader, viewer, href)).total;
}

describe("the team page's drill-down links", () => {
  it("lead each agent's n, pass rate and weakest criteria to exactly the evaluations behind them", async () => {
    const f = await teamReportWorld({ a1: "Ada One", a2: "Ben Two", a3: "Cy Three", a4: "Di Four" });
    const page = await teamPage(f.supervisorA, november);
    const { table } = page.page;

    const a1 = rowOf(table, "Ada One");
    expect(cellOf(a1, "n").value).toBe(3);
    expect(await drilled(f.supervisorA, cellOf(a1, "n").href)).toBe(3);
    expect(await drilled(f.supervisorA, cellOf(a1, "mean").href)).toBe(3);
    // Pass rate 100 %: all 3 passed.
    expect(await drilled(f.supervisorA, cellOf(a1, "passRate").href)).toBe(3);
    expect(cellOf(a1, "weakest").value).toBe("Greeted the customer: 66.7 vs team 80.0 (n 3)");
    expect(await drilled(f.supervisorA, cellOf(a1, "weakest").href)).toBe(3);

    const a2 = rowOf(table, "Ben Two");
    expect(await drilled(f.supervisorA, cellOf(a2, "n").href)).toBe(3);
    // Pass rate 0 of 3.
    expect(await drilled(f.supervisorA, cellOf(a2, "passRate").href)).toBe(0);
    expect(cellOf(a2, "nextWeakest").value).toBe("Outcome: 50.0 vs team 55.0 (n 3)");
    expect(await drilled(f.supervisorA, cellOf(a2, "nextWeakest").href)).toBe(3);

    const a3 = rowOf(table, "Cy Three");
    expect(await drilled(f.supervisorA, cellOf(a3, "n").href)).toBe(1);

    const a4 = rowOf(table, "Di Four");
    expect(await drilled(f.supervisorA, cellOf(a4, "passRate").href)).toBe(0);
    expect(cellOf(a4, "weakest").value).toBe("Understood the issue: 0.0 vs team 57.5 (n 3)");
    expect(await drilled(f.supervisorA, cellOf(a4, "weakest").href)).toBe(3);

    // The team's own figure, and by review date (every evaluation here was reviewed when seeded, today).
    expect(page.page.report.teamFigures?.n).toBe(10);
    const around = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    const byReview = await teamPage(f.supervisorA, `period=week&from=${around(-7)}&to=${around(7)}&dateBasis=review`);
    const reviewed = rowOf(byReview.page.table, "Ada One");
    expect(cellOf(reviewed, "n").href).toContain("dateBasis=review");
    expect(await drilled(f.supervisorA, cellOf(reviewed, "n").href)).toBe(3);
    expect(await drilled(f.supervisorA, cellOf(reviewed, "weakest").href)).toBe(3);
  });

  it("lead from the agent card's score and criteria to the evaluations behind them", async () => {
    const f = await teamReportWorld({ a1: "Ada One" });
    const page = await teamPage(f.supervisorA, november);
    const cardHref = cellOf(rowOf(page.page.table, "Ada One"), "agent").href ?? "";
    expect(cardHref).toBe(`/reports/agents/${f.a1.id}?${november}&team=${f.teamA.id}`);
    const card = await call(cardLoader, f.supervisorA, cardHref, { agentId: f.a1.id });
    if (!("ok" in card) || !card.ok) throw new Error("expected the card");
    expect(card.page.card.n).toBe(3);
    expect(await drilled(f.supervisorA, card.drillHref)).toBe(3);
    const greeting = card.page.table.rows.find((row) => cellOf(row, "criterion").value === "Greeted the customer");
    if (!greeting) throw new Error("expected the greeting criterion");
    expect(cellOf(greeting, "n").value).toBe(3);
    expect(await drilled(f.supervisorA, cellOf(greeting, "n").href)).toBe(3);
    // Each week of the trend drills to its own evaluations: 2 in the week of 2 November, 1 after.
    expect(card.page.trend.map((point) => point.n)).toEqual([2, 1]);
    expect(await Promise.all(card.page.trend.map((point) => drilled(f.supervisorA, point.href)))).toEqual([2, 1]);
  });
});

describe("the filter bars of the team page and the agent card", () => {
  it("offer the shared scorecard, channel and queue choices", async () => {
    const f = await teamReportWorld();
    const page = await teamPage(f.supervisorA, november);
    expect(page.teams.map((team) => team.id)).toEqual([f.teamA.id]);
    expect(page.choices.scorecards.map((scorecard) => scorecard.id)).toContain(f.scorecard.id);
    expect(page.choices.channels.map((channel) => channel.id)).toContain("call");
    const own = await call(cardLoader, f.a1, `/reports/agents/${f.a1.id}?${november}`, { agentId: f.a1.id });
    if (!("ok" in own) || !own.ok) throw new Error("expected the card");
    expect(own.choices.scorecards.map((scorecard) => scorecard.id)).toContain(f.scorecard.id);
    expect(Object.keys(own.choices).sort()).toEqual(["channels", "queues", "scorecards"]);
    // A range the bar refuses keeps the choices beside its message.
    const refused = await call(teamLoader, f.supervisorA, "/reports/team?from=2026-11-30&to=2026-11-01");
    expect(returned(refused).status).toBe(422);
    expect(bodyOf<{ ok: boolean; choices: { scorecards: { id: string }[] } }>(refused).ok).toBe(false);
    expect(bodyOf<{ choices: { scorecards: { id: string }[] } }>(refused).choices.scorecards.map((scorecard) => scorecard.id)).toContain(f.scorecard.id);
  });
});

describe("the team CSV", () => {
  it("holds exactly the page's numbers", async () => {
    const f = await teamReportWorld({ a1: "Ada One", a2: "Ben Two", a3: "Cy Three", a4: "Di Four" });
    const page = await teamPage(f.supervisorA, november);
    expect(page.csvHref).toBe(`/reports/team.csv?${november}&team=${f.teamA.id}`);
    const response = await call(csvLoader, f.supervisorA, page.csvHref ?? "");
    expect(response.status).toBe(200);
    const lines = (await response.text()).trim().split("\r\n");
    expect(lines).toEqual([
      "Agent,n,Quality score,Score 95% low,Score 95% high,Pass rate,Rank range,More reviews for ±5 points,Weakest criterion,Next weakest," +
      "Conversations,CSAT responses,Mean CSAT (% of scale),CSAT 95% low,CSAT 95% high,Mean handling time (s),Handling 95% low (s),Handling 95% high (s)",
      "Ada One,3,95.8,77.9,113.8,100,1–2,8,Greeted the customer: 66.7 vs team 80.0 (n 3),,3,2,87.5,-71.3,246.3,180,31,329",
      "Cy Three,1,90.6,,,100,Unranked,,,,1,0,,,,60,,",
      "Ben Two,3,64.6,33.2,96,0,1–2,25,Greeted the customer: 66.7 vs team 80.0 (n 3),Outcome: 50.0 vs team 55.0 (n 3),3,3,25,-37.1,87.1,400,-30.3,830.3",
      "Di Four,3,25,25,25,0,3,0,Understood the issue: 0.0 vs team 57.5 (n 3),Outcome: 0.0 vs team 55.0 (n 3),3,2,100,100,100,60,60,60",
    ]);
    // Cell by cell, the page's table as it prints it (no cell here holds a comma).
    const { table } = page.page;
    expect(table.rows).toHaveLength(lines.length - 1);
    for (const [index, row] of table.rows.entries()) {
      const fields = lines[index + 1]?.split(",") ?? [];
      table.columns.forEach((column, at) => {
        const printed = cellText(column, cellOf(row, column.key).value);
        const field = fields[at] ?? "";
        if (column.format === "text") expect(field).toBe(printed === "–" ? "" : printed);
        else expect(field === "" ? "–" : Number(field)).toBe(printed === "–" ? "–" : Number(printed.replace("%", "")));
      });
    }
  });

  it("keeps a supervisor to their own team: another team's is 404 and never lists its agents", async () => {
    const f = await teamReportWorld({ b1: "Bea Outside" });
    const outside = await call(csvLoader, f.supervisorA, `/reports/team.csv?${november}&team=${f.teamB.id}`);
    expect(outside.status).toBe(404);
    expect(await outside.text()).toBe("Team not found\n");
    const own = await (await call(csvLoader, f.supervisorA, `/reports/team.csv?${november}`)).text();
    expect(own).not.toContain("Bea Outside");
    expect(own.trim().split("\r\n")).toHaveLength(5);
    // An agent filter in the URL is no way round it either.
    const agentFiltered = await (await call(csvLoader, f.supervisorA, `/reports/team.csv?${november}&agent=${f.b1.id}`)).text();
    expect(agentFiltered).not.toContain("Bea Outside");
  });
});
