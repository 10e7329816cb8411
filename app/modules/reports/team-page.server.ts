/**
 * The team page's whole answer from its URL — filters, the report, the table and each row's
 * sparkline — built once for the page (`/reports/team`) and its CSV (`/reports/team.csv`), so
 * both hold exactly the same figures (docs/decisions/0026's CSV route pattern). Bad filters
 * are an `invalid` DomainError with the filter's message; a team outside the scope is 404.
 */
import type { Database } from "../../lib/db.server";
import type { Viewer } from "../users/roles";
import { getTeamReport, type TeamReport } from "./get-team-report.server";
import { parseReportFilters, type ReportFilterValues } from "./report-filters";
import { roundedNumber, type ReportTableModel } from "./report-table";
import { teamTable, type TeamPageFilters } from "./team-table";

export interface TeamSparkline {
  agentId: string;
  values: (number | null)[];
  label: string;
}

export interface TeamPage {
  report: TeamReport;
  /** The filters every link carries, with the team shown; null when there is no team to show. */
  filters: TeamPageFilters | null;
  values: ReportFilterValues;
  table: ReportTableModel;
  sparklines: TeamSparkline[];
}

/** Every Monday from the first week of the range to the last, so a week without reviews is a gap. */
function weeksOf(from: string, to: string): string[] {
  const start = new Date(`${from}T00:00:00Z`);
  start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7));
  const weeks: string[] = [];
  for (const day = start; day.toISOString().slice(0, 10) <= to; day.setUTCDate(day.getUTCDate() + 7)) weeks.push(day.toISOString().slice(0, 10));
  return weeks;
}

export async function buildTeamPage(db: Database, viewer: Viewer, params: URLSearchParams, clock: { now: Date; timeZone: string }): Promise<TeamPage> {
  const parsed = parseReportFilters(params, clock);
  if (!parsed.ok) throw parsed.error;
  // The team page is about a team's agents: an agent filter in the URL has no meaning here.
  const { agentId: _agent, ...filters } = parsed.filters;
  const report = await getTeamReport(db, viewer, filters);
  const shown = report.team ? { ...filters, teamId: report.team.id } : null;
  const weeks = weeksOf(filters.from, filters.to);
  return {
    report,
    filters: shown,
    values: { ...parsed.values, agent: "", team: report.team?.id ?? parsed.values.team },
    table: shown ? teamTable(report, shown) : { caption: "Agents of the team", columns: [], rows: [] },
    sparklines: report.agents.map((agent) => {
      const byWeek = new Map(agent.trend.map((point) => [point.periodStart, point.mean]));
      const values = weeks.map((week) => byWeek.get(week) ?? null);
      const said = agent.trend.map((point) => (point.mean === null ? "none" : roundedNumber("score", point.mean).toFixed(1)));
      return { agentId: agent.agentId, values, label: said.length ? `Quality score by week: ${said.join(", ")}` : "No weekly scores" };
    }),
  };
}
