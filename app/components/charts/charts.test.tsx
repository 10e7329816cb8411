/**
 * The charts render on the server: the SVG, its n labels, its tooltips and its table
 * alternative are in the HTML before any JavaScript runs.
 */
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Sparkline } from "./sparkline";
import { TrendChart, formatRate } from "./trend-chart";

const points = [
  { x: "2026-11-02", label: "2 Nov", n: 4, value: 65.625, low: -6.4289, high: 137.6789, href: "/reports/evaluations?from=2026-11-02" },
  { x: "2026-11-09", label: "9 Nov", n: 1, value: 0, low: null, high: null },
];

describe("charts", () => {
  it("renders a trend as SVG with a band, n under each period, tooltips and a table", () => {
    const html = renderToString(<TrendChart title="Quality score by week" series={[{ name: "All teams", points }]} />);
    expect(html).toContain('<svg viewBox="0 0 640 260"');
    expect(html).toContain('role="group"');
    expect(html).toMatch(/class="chart__band"|class="visx-area chart__band"|chart__whisker/);
    expect(html).toContain(">n 4<");
    expect(html).toContain(">n 1<");
    expect(html).toContain("<title>All teams, 2 Nov: 65.6 (95% -6.4 to 137.7), n = 4</title>");
    expect(html).toContain('href="/reports/evaluations?from=2026-11-02"');
    expect(html).toContain("<summary>Show as table</summary>");
    // The table row of the second week: n 1, mean 0.0, no interval.
    expect(html).toMatch(/<th scope="row">9 Nov<\/th><td class="num">1<\/td><td class="num">0.0<\/td><td class="num">–<\/td>/);
  });

  it("draws rates on their own scale and a second series with a legend", () => {
    const html = renderToString(
      <TrendChart
        title="Pass rate by week"
        domain={[0, 1]}
        format={formatRate}
        valueLabel="Pass rate"
        series={[
          { name: "Team A", points: [{ x: "2026-11-02", label: "2 Nov", n: 4, value: 0.5, low: 0.15, high: 0.85 }] },
          { name: "All teams", points: [{ x: "2026-11-02", label: "2 Nov", n: 9, value: 0.6, low: 0.31, high: 0.83 }] },
        ]}
      />,
    );
    expect(html).toContain("chart__legend");
    expect(html).toContain("<title>Team A, 2 Nov: 50.0% (95% 15.0% to 85.0%), n = 4</title>");
    expect(html).toContain("<td>All teams</td><td class=\"num\">9</td><td class=\"num\">60.0%</td>");
  });

  it("draws a team's bare mean beside an agent's own without its count", () => {
    const html = renderToString(
      <TrendChart
        title="Quality score by month"
        series={[
          { name: "Your evaluations", points: [{ x: "2026-11-01", label: "Nov 2026", n: 2, value: 93.75, low: 54.04, high: 133.46 }] },
          { name: "Team A mean", points: [{ x: "2026-11-01", label: "Nov 2026", n: null, value: 66.88, low: null, high: null }] },
        ]}
      />,
    );
    expect(html).toContain("<title>Team A mean, Nov 2026: 66.9</title>");
    expect(html).toContain("<td>Team A mean</td><td class=\"num\">–</td><td class=\"num\">66.9</td><td class=\"num\">–</td>");
    // The n under the axis is the agent's own.
    expect(html).toContain(">n 2<");
  });

  it("hides a sparkline from screen readers and says it in words", () => {
    const html = renderToString(<Sparkline values={[71.9, null, 90.6]} label="Quality by week: 71.9, none, 90.6" />);
    expect(html).toContain('aria-hidden="true"');
    expect(html).toContain('<span class="visually-hidden">Quality by week: 71.9, none, 90.6</span>');
    expect(html).toMatch(/<path[^>]*d="M/);
  });
});
