/**
 * The report part of a supervisor's and an agent's home (issue 14 §3, "each role's home leads
 * to its work"): a supervisor's is their first team's headline over the default range (the
 * team page's); an agent's is their own card's summary beside their latest feedback. Both over
 * the report filters' default range (the last 12 weeks), through the pages' own use cases.
 */
import type { Database } from "../../lib/db.server";
import type { Viewer } from "../users/roles";
import { getAgentCard } from "./get-agent-card.server";
import { getTeamReport } from "./get-team-report.server";
import { parseReportFilters } from "./report-filters";

export interface SupervisorHome {
  kind: "supervisor";
  team: { id: string; name: string } | null;
  from: string;
  to: string;
  n: number;
  mean: number | null;
  low: number | null;
  high: number | null;
  agents: number;
  /** Agents without an interval yet (fewer than two evaluations in the range). */
  unranked: number;
}

export interface AgentHome {
  kind: "agent";
  from: string;
  to: string;
  n: number;
  mean: number | null;
  low: number | null;
  high: number | null;
  moreReviews: number | null;
  trend: (number | null)[];
  teamMean: number | null;
  weakest: { prompt: string; mean: number; teamMean: number } | null;
}

export async function loadTeamHome(db: Database, viewer: Viewer, clock: { now: Date; timeZone: string }): Promise<SupervisorHome | AgentHome | null> {
  const parsed = parseReportFilters(new URLSearchParams(), clock);
  if (!parsed.ok) return null;
  const { agentId: _agent, teamId: _team, ...filters } = parsed.filters;
  if (viewer.role === "supervisor") {
    const report = await getTeamReport(db, viewer, filters);
    const score = report.teamFigures?.score ?? null;
    return {
      kind: "supervisor",
      team: report.team,
      from: filters.from,
      to: filters.to,
      n: report.teamFigures?.n ?? 0,
      mean: score?.mean ?? null,
      low: score?.interval?.low ?? null,
      high: score?.interval?.high ?? null,
      agents: report.agents.length,
      unranked: report.agents.filter((agent) => agent.rank === null).length,
    };
  }
  if (viewer.role === "agent") {
    const card = await getAgentCard(db, viewer, { ...filters, agentId: viewer.id, period: "week" }, clock.now);
    const weakest = card.weakest[0];
    return {
      kind: "agent",
      from: filters.from,
      to: filters.to,
      n: card.n,
      mean: card.score?.mean ?? null,
      low: card.score?.interval?.low ?? null,
      high: card.score?.interval?.high ?? null,
      moreReviews: card.moreReviews,
      trend: card.trend.map((point) => point.mean),
      teamMean: card.teamScore?.mean ?? null,
      weakest: weakest?.agent && weakest.team ? { prompt: weakest.label?.prompt ?? weakest.key, mean: weakest.agent.mean, teamMean: weakest.team.mean } : null,
    };
  }
  return null;
}
