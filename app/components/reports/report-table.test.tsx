/**
 * One renderer for every report table: the model's cells with the page's rounding, and the
 * page's own columns (a sparkline, the team page's coaching column) where they are asked for.
 */
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { ReportTableModel } from "../../modules/reports/report-table";
import { ReportTable, sparklineColumn } from "./report-table";
import { TeamTable } from "./team-table";

const table: ReportTableModel = {
  caption: "Agents",
  columns: [
    { key: "agent", label: "Agent", format: "text" },
    { key: "mean", label: "Score", format: "score" },
    { key: "high", label: "High", format: "score" },
    { key: "passRate", label: "Pass rate", format: "percent" },
  ],
  rows: [
    { agent: "Ada", mean: 95.8333, high: 113.7611, passRate: 1 },
    { agent: "Cy", mean: 90.6, high: null, passRate: 1 },
  ],
};

const cells = (html: string) => [...html.matchAll(/<t([hd])[^>]*>(.*?)<\/t[hd]>/g)].map((match) => `${match[1]}:${match[2]?.replace(/<[^>]+>/g, "")}`);

describe("ReportTable", () => {
  it("draws the model's cells, the first heading its row, numbers right-aligned", () => {
    const html = renderToString(<ReportTable table={table} csvHref="/x.csv" />);
    expect(html).toContain('<table class="table table--report">');
    expect(html).toContain('<th scope="col" class="num">Score</th>');
    expect(cells(html)).toEqual(["h:Agent", "h:Score", "h:High", "h:Pass rate", "h:Ada", "d:95.8", "d:113.8", "d:100.0%", "h:Cy", "d:90.6", "d:–", "d:100.0%"]);
    expect(html).toContain('href="/x.csv"');
  });

  it("puts extra columns after the column they name, or at the end", () => {
    const html = renderToString(
      <ReportTable
        table={table}
        extraColumns={[
          { key: "note", label: "Note", render: (index) => `row ${index}` },
          sparklineColumn({ after: "agent", label: "Trend", trends: [{ label: "Ada weekly", values: [100, 87.5] }] }),
        ]}
      />,
    );
    expect(cells(html)).toEqual([
      ...["h:Agent", "h:Trend", "h:Score", "h:High", "h:Pass rate", "h:Note"],
      ...["h:Ada", "d:Ada weekly", "d:95.8", "d:113.8", "d:100.0%", "d:row 0"],
      ...["h:Cy", "d:", "d:90.6", "d:–", "d:100.0%", "d:row 1"],
    ]);
  });

  it("says so when there are no rows", () => {
    expect(renderToString(<ReportTable table={{ ...table, rows: [] }} empty="Nothing here." />)).toContain('<p class="empty-state">Nothing here.</p>');
  });
});

describe("TeamTable", () => {
  it("is ReportTable with the weekly sparkline after the interval and the page's columns at the end", () => {
    const agents = [
      { agentId: "a1", values: [100, 87.5], label: "Quality score by week: 100.0, 87.5" },
      { agentId: "a3", values: [null, null], label: "No weekly scores" },
    ];
    const html = renderToString(<TeamTable table={table} agents={agents} extraColumns={[{ key: "coaching", label: "Coaching", render: (agentId) => `plan of ${agentId}` }]} />);
    expect(html).toContain('<table class="table table--report team-table">');
    expect(html).toContain('<td class="team-table__trend">');
    expect(cells(html)).toEqual([
      ...["h:Agent", "h:Score", "h:High", "h:Trend by week", "h:Pass rate", "h:Coaching"],
      ...["h:Ada", "d:95.8", "d:113.8", "d:Quality score by week: 100.0, 87.5", "d:100.0%", "d:plan of a1"],
      ...["h:Cy", "d:90.6", "d:–", "d:–", "d:100.0%", "d:plan of a3"],
    ]);
  });
});
