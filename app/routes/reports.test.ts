/**
 * The report routes as Remix calls them (real session, real PostgreSQL) on the hand-computed
 * fixture: the overview page, its CSV and the drill-down, scoped per role, with bad filters
 * refused (a message on the page, 422 for the CSV) and a team outside the scope 404.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { getRequest, returned, thrown } from "../../test/route-requests";
import { fixtureWeeks, reportFixture } from "../../test/report-fixtures";
import { loader as overviewLoader } from "./reports._index";
import { loader as csvLoader } from "./reports.overview[.csv]";
import { loader as drillLoader } from "./reports.evaluations";
import { loader as layoutLoader } from "./reports";

const call = async <T,>(loader: (args: LoaderFunctionArgs) => Promise<T>, viewer: { id: string }, path: string) =>
  loader({ request: await getRequest(viewer, path), params: {}, context: {} });

const weeks = fixtureWeeks.toString();

describe("report routes", () => {
  it("the overview, its CSV and the drill-down agree for a lead, and the tabs are there", async () => {
    const f = await reportFixture();
    expect((await call(layoutLoader, f.lead, "/reports")).tabs.map((tab) => tab.label)).toEqual(["Overview", "Team", "Criteria", "Reviewers"]);
    const page = await call(overviewLoader, f.lead, `/reports?${weeks}`);
    if (!("ok" in page) || !page.ok) throw new Error("expected the overview");
    expect(page.overview.total).toBe(5);
    expect(page.csvHref).toBe(`/reports/overview.csv?${weeks}&group=team`);
    const csv = await call(csvLoader, f.lead, page.csvHref);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("Content-Disposition")).toBe('attachment; filename="quality-overview-2026-11-02-2026-11-15.csv"');
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines[2]).toBe("Total,2026-11-09,4,65.6,-6.4,137.7,50,15,85,25,4.6,69.9,4,0,,,,60,60,60");
    expect(lines).toHaveLength(1 + page.overview.table.rows.length);
    const drill = await call(drillLoader, f.lead, `/reports/evaluations?period=week&from=2026-11-09&to=2026-11-15&outcome=pass`);
    expect(drill.total).toBe(2);
  });

  it("keeps a supervisor to their team and an agent to their own, on the page, the CSV and the drill-down", async () => {
    const f = await reportFixture();
    const supervised = await call(overviewLoader, f.supervisorA, `/reports?${weeks}`);
    if (!("ok" in supervised) || !supervised.ok) throw new Error("expected the overview");
    expect(supervised.overview.table.rows.map((row) => row.group)).toEqual(["Total", "Total", f.teamA.name, f.teamA.name]);
    expect(supervised.options.teams.map((team) => team.id)).toEqual([f.teamA.id]);
    expect(supervised.options.agents.map((agent) => agent.id).sort()).toEqual([f.a1.id, f.a2.id].sort());
    expect((await thrown(() => call(overviewLoader, f.supervisorA, `/reports?${weeks}&team=${f.teamB.id}`))).status).toBe(404);
    const outside = await call(csvLoader, f.supervisorA, `/reports/overview.csv?${weeks}&team=${f.teamB.id}`);
    expect(outside.status).toBe(404);
    expect(await outside.text()).toBe("Team not found\n");
    const csv = await (await call(csvLoader, f.supervisorA, `/reports/overview.csv?${weeks}`)).text();
    expect(csv).not.toContain(f.teamB.name);
    expect((await thrown(() => call(drillLoader, f.supervisorA, `/reports/evaluations?${weeks}&agent=${f.b1.id}`))).status).toBe(404);
    expect((await call(drillLoader, f.supervisorA, `/reports/evaluations?${weeks}`)).total).toBe(4);

    const own = await call(overviewLoader, f.a1, `/reports?${weeks}`);
    if (!("ok" in own) || !own.ok) throw new Error("expected the overview");
    expect(own.overview.table.rows.map((row) => [row.group, row.period])).toEqual([["Your evaluations", "2026-11-09"]]);
    expect(own.options.teams).toEqual([]);
    expect(own.options.agents).toEqual([]);
    const ownCsv = (await (await call(csvLoader, f.a1, `/reports/overview.csv?${weeks}`)).text()).trim().split("\r\n");
    // The team mean after the auto-fail interval is empty: the team has fewer than 5 released evaluations.
    expect(ownCsv.slice(1)).toEqual(["Your evaluations,2026-11-09,1,90.6,,,100,20.7,100,0,0,79.3,,2,0,,,,60,60,60"]);
    const ownDrill = await call(drillLoader, f.a1, `/reports/evaluations?${weeks}`);
    expect(ownDrill.items.map((item) => item.evaluationId)).toEqual([f.evaluations.a1Pass]);
    expect((await call(layoutLoader, f.a1, "/reports")).tabs.map((tab) => tab.label)).toEqual(["Overview"]);
  });

  it("refuses bad filters with a message on the page (422), as a 422 CSV and a 422 drill-down", async () => {
    const f = await reportFixture();
    const page = returned(await call(overviewLoader, f.supervisorA, "/reports?period=day&from=2026-11-30&to=2026-11-01&team=x"));
    expect(page.status).toBe(422);
    expect(page.message).toBe("The period is week or month; Not a team id");
    expect(page.fieldErrors).toEqual({ period: "The period is week or month", team: "Not a team id" });
    const backwards = returned(await call(overviewLoader, f.supervisorA, "/reports?from=2026-11-30&to=2026-11-01"));
    expect(backwards.fieldErrors).toEqual({ to: "The period ends before it starts: choose an end on or after the start" });
    const csv = await call(csvLoader, f.supervisorA, "/reports/overview.csv?from=2024-01-01&to=2026-11-30");
    expect(csv.status).toBe(422);
    expect(await csv.text()).toBe("A report covers at most 800 days; this range has 1065\n");
    expect(await thrown(() => call(drillLoader, f.supervisorA, "/reports/evaluations?outcome=maybe"))).toMatchObject({
      status: 422,
      message: "The outcome is pass, fail, autofail, na or answered",
    });
    // An empty range: the page says so (no figures, no table).
    const empty = await call(overviewLoader, f.supervisorA, "/reports?from=2025-01-01&to=2025-03-31");
    expect("ok" in empty && empty.ok ? empty.overview.total : null).toBe(0);
  });
});
