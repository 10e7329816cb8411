/**
 * The team page's table as a report table model (report-table.ts): the HTML table and the CSV
 * are this one function's output, so they hold the same numbers. Every number links to the
 * evaluations behind it (`/reports/evaluations` with the page's filters, the agent and, for a
 * criterion, its scorecard and question). The sparkline is drawn beside the table's numbers
 * from the same report (TeamTable), not a CSV column: the weekly means are on the agent card.
 * The customer's columns (CSAT with its responses, handling time) are customer-columns.ts's, as
 * on the overview; they count conversations, not evaluations, and have no drill-down.
 * Pure: no I/O.
 */
import { customerKpiCells, customerKpiColumns } from "./customer-columns";
import type { AgentRow, TeamReport, WeakCriterion } from "./get-team-report.server";
import { formatRankRange } from "./rank-ranges";
import { DRILL_DOWN_PATH, reportHref, type ReportFilters } from "./report-filters";
import { roundedNumber, type ReportTableModel } from "./report-table";

/** Link filters: the page's, with its team, and never an agent filter of the URL's own. */
export type TeamPageFilters = ReportFilters & { teamId: string };

const points = (value: number) => roundedNumber("score", value).toFixed(1);

/**
 * "Greeted the customer: 66.7 vs team 80.0 (n 3)": the criterion, the agent's mean and the
 * team's, and the agent's scored answers — the n its link drills down to (outcome=answered).
 */
export function weakText(criterion: WeakCriterion): string {
  const name = criterion.label?.prompt ?? criterion.key;
  const own = criterion.agent ? points(criterion.agent.mean) : "–";
  const team = criterion.team ? points(criterion.team.mean) : "–";
  return `${name}: ${own} vs team ${team} (n ${criterion.agent?.n ?? 0})`;
}

/** The evaluations behind an agent's figure, or behind one of their criteria (answered, not N/A). */
export function agentDrillHref(filters: TeamPageFilters, agentId: string, extra: Record<string, string | undefined> = {}): string {
  return reportHref(DRILL_DOWN_PATH, { ...filters, agentId }, extra);
}

export function criterionDrillHref(filters: TeamPageFilters, agentId: string, criterion: WeakCriterion): string | undefined {
  if (!criterion.label) return undefined;
  return reportHref(DRILL_DOWN_PATH, { ...filters, agentId, scorecardId: criterion.label.scorecardId }, { question: criterion.label.questionKey, outcome: "answered" });
}

export function agentCardHref(filters: TeamPageFilters, agentId: string): string {
  const { agentId: _agent, ...rest } = filters;
  return reportHref(`/reports/agents/${agentId}`, rest);
}

export function teamTable(report: TeamReport, filters: TeamPageFilters): ReportTableModel {
  const weak = (agent: AgentRow, index: number) => {
    const criterion = agent.weakest[index];
    return criterion ? { value: weakText(criterion), href: criterionDrillHref(filters, agent.agentId, criterion) } : null;
  };
  return {
    caption: `Agents of ${report.team?.name ?? "the team"}, ${filters.from} to ${filters.to}: quality score with its 95% interval, pass rate, rank range and weakest criteria; CSAT and handling time`,
    columns: [
      { key: "agent", label: "Agent", format: "text" },
      { key: "n", label: "n", format: "integer" },
      { key: "mean", label: "Quality score", format: "score" },
      { key: "low", label: "Score 95% low", format: "score" },
      { key: "high", label: "Score 95% high", format: "score" },
      { key: "passRate", label: "Pass rate", format: "percent" },
      { key: "rank", label: "Rank range", format: "text" },
      { key: "moreReviews", label: "More reviews for ±5 points", format: "integer" },
      { key: "weakest", label: "Weakest criterion", format: "text" },
      { key: "nextWeakest", label: "Next weakest", format: "text" },
      ...customerKpiColumns,
    ],
    rows: report.agents.map((agent) => {
      const linked = agent.n > 0;
      return {
        agent: { value: agent.name, href: agentCardHref(filters, agent.agentId) },
        n: { value: agent.n, href: linked ? agentDrillHref(filters, agent.agentId) : undefined },
        mean: { value: agent.score?.mean ?? null, href: linked ? agentDrillHref(filters, agent.agentId) : undefined },
        low: agent.score?.interval?.low ?? null,
        high: agent.score?.interval?.high ?? null,
        passRate: { value: agent.passRate?.rate ?? null, href: linked ? agentDrillHref(filters, agent.agentId, { outcome: "pass" }) : undefined },
        rank: agent.rank ? formatRankRange(agent.rank) : agent.n > 0 ? "Unranked" : null,
        moreReviews: agent.moreReviews,
        weakest: weak(agent, 0),
        nextWeakest: weak(agent, 1),
        ...customerKpiCells(agent.customer ?? undefined),
      };
    }),
  };
}
