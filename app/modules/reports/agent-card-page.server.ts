/**
 * The agent card's whole answer from its URL (`/reports/agents/:agentId?<filters>`): filters,
 * the card, its criteria table and its trend's chart points — built once for the page and its
 * CSV (`/reports/agents/:agentId/criteria.csv`), so both hold the same figures. Bad filters are
 * an `invalid` DomainError; an agent outside the viewer's scope is 404.
 */
import type { Database } from "../../lib/db.server";
import { DomainError } from "../../lib/errors";
import type { Viewer } from "../users/roles";
import { getAgentCard, type AgentCard } from "./get-agent-card.server";
import { DRILL_DOWN_PATH, parseReportFilters, periodRange, reportHref, type ReportFilters, type ReportFilterValues } from "./report-filters";
import type { ReportTableModel } from "./report-table";
import { periodLabel } from "./quality-overview.server";
import { agentCriteriaTable } from "./agent-card-table";

export interface CardChartPoint {
  x: string;
  label: string;
  n: number;
  value: number | null;
  low: number | null;
  high: number | null;
  href: string;
}

export interface AgentCardPage {
  card: AgentCard;
  filters: ReportFilters;
  values: ReportFilterValues;
  table: ReportTableModel;
  trend: CardChartPoint[];
}

export async function buildAgentCardPage(db: Database, viewer: Viewer, agentId: string, params: URLSearchParams, clock: { now: Date; timeZone: string }): Promise<AgentCardPage> {
  const parsed = parseReportFilters(params, clock);
  if (!parsed.ok) throw parsed.error;
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(agentId)) throw new DomainError("not_found", "Agent not found");
  const filters = { ...parsed.filters, agentId };
  const card = await getAgentCard(db, viewer, filters, clock.now);
  return {
    card,
    filters,
    // The agent is the path's, not a filter to choose in the bar.
    values: { ...parsed.values, agent: "" },
    table: agentCriteriaTable(card, filters),
    trend: card.trend.map((point) => ({
      x: point.periodStart,
      label: periodLabel(filters.period, point.periodStart),
      n: point.n,
      value: point.mean,
      low: point.interval?.low ?? null,
      high: point.interval?.high ?? null,
      href: reportHref(DRILL_DOWN_PATH, { ...filters, ...periodRange(filters, point.periodStart) }),
    })),
  };
}
