/**
 * The agent card's criteria table as a report table model (report-table.ts): one function for
 * the HTML table and the CSV. Per criterion the agent's mean (points) with its interval and n,
 * the team's mean — with its interval for everyone but the agent, who sees the mean alone —
 * and the difference. The agent's n links to the evaluations behind it. Pure: no I/O.
 */
import type { AgentCard } from "./get-agent-card.server";
import { DRILL_DOWN_PATH, reportHref, type ReportFilters } from "./report-filters";
import type { ReportTableModel } from "./report-table";

export function agentCriteriaTable(card: AgentCard, filters: ReportFilters): ReportTableModel {
  const drill = (scorecardId: string, question: string) =>
    reportHref(DRILL_DOWN_PATH, { ...filters, agentId: card.agent.id, scorecardId }, { question, outcome: "answered" });
  return {
    caption: `${card.agent.name}: every criterion against ${card.team ? `the team ${card.team.name}` : "the team"}, ${filters.from} to ${filters.to}`,
    columns: [
      { key: "criterion", label: "Criterion", format: "text" },
      { key: "section", label: "Section", format: "text" },
      { key: "scorecard", label: "Scorecard", format: "text" },
      { key: "n", label: "n", format: "integer" },
      { key: "mean", label: "Mean", format: "score" },
      { key: "low", label: "95% low", format: "score" },
      { key: "high", label: "95% high", format: "score" },
      { key: "teamMean", label: "Team mean", format: "score" },
      { key: "teamLow", label: "Team 95% low", format: "score" },
      { key: "teamHigh", label: "Team 95% high", format: "score" },
      { key: "difference", label: "Difference", format: "score" },
    ],
    rows: card.criteria.map((criterion) => {
      const href = criterion.label && criterion.agent ? drill(criterion.label.scorecardId, criterion.label.questionKey) : undefined;
      return {
        criterion: criterion.label?.prompt ?? criterion.key,
        section: criterion.label?.section ?? null,
        scorecard: criterion.label?.scorecardName ?? null,
        n: { value: criterion.agent?.n ?? 0, href },
        mean: { value: criterion.agent?.mean ?? null, href },
        low: criterion.agent?.interval?.low ?? null,
        high: criterion.agent?.interval?.high ?? null,
        teamMean: criterion.team?.mean ?? null,
        teamLow: criterion.team?.interval?.low ?? null,
        teamHigh: criterion.team?.interval?.high ?? null,
        difference: criterion.agent && criterion.team ? criterion.agent.mean - criterion.team.mean : null,
      };
    }),
  };
}
