/**
 * The quality overview (issue 14 §3, `/reports`): per week or month, the quality score with its
 * 95 % t interval, the pass rate and the auto-fail rate with Wilson intervals, n on every
 * point — for everything the viewer may see within the filters ("Total"), and per team or per
 * scorecard (the group toggle). One function builds the page's charts and its table, and the
 * CSV (`/reports/overview.csv`) calls it too: the download holds exactly the page's table.
 * Every figure links to the drill-down (`/reports/evaluations`) with the filters that count
 * exactly its n.
 *
 * Scoped by queryQuality (report-scope): QA, leads and admins all; a supervisor their teams;
 * an agent their own evaluations released to them — an agent gets no per-team or per-scorecard
 * groups, just their own "Total", and beside it their team's mean per period and over the range
 * (the agent card's rule, decision 0027: the mean alone, counted over the team's released
 * evaluations, only where it rests on at least TEAM_MEAN_MIN_N of them).
 */
import type { Database } from "../../lib/db.server";
import { interactionScope } from "../access/permissions";
import type { Viewer } from "../users/roles";
import { queryQuality, type QualityPoint } from "./query-quality.server";
import { queryCustomerKpis } from "./query-customer-kpis.server";
import { queryScoreByPeriod, queryScoreTotals } from "./query-range-totals.server";
import { TEAM_MEAN_MIN_N } from "./narrowing";
import { reportTeamsFor, type ReportTeam } from "./report-teams.server";
import { customerKpiCells, customerKpiColumns, customerKpiIndex } from "./customer-columns";
import { DRILL_DOWN_PATH, parseReportFilters, periodRange, reportHref, toQualityQuery, type ReportFilterValues, type ReportFilters } from "./report-filters";
import type { ReportRow, ReportTableModel } from "./report-table";
import type { MeanEstimate } from "./statistics";

export const overviewGroups = ["team", "scorecard"] as const;
export type OverviewGroup = (typeof overviewGroups)[number];

/** One point of a chart: what TrendChart draws (app/components/charts). */
export interface OverviewPoint {
  x: string;
  label: string;
  n: number;
  value: number | null;
  low: number | null;
  high: number | null;
  href: string;
}

/** The team's mean beside an agent's own: a bare mean, no count or interval (decision 0034). */
export interface TeamMeanPoint {
  x: string;
  label: string;
  n: null;
  value: number | null;
  low: null;
  high: null;
}

export interface QualityOverview {
  filters: ReportFilters;
  values: ReportFilterValues;
  group: OverviewGroup | null;
  /** The Total line of each measure, period by period. */
  /** teamScore: an agent's team mean per period beside their own (null elsewhere, and where it rests on too few). */
  charts: { score: OverviewPoint[]; passRate: OverviewPoint[]; autoFailRate: OverviewPoint[]; teamScore: TeamMeanPoint[] | null };
  table: ReportTableModel;
  /** Evaluations counted in the range (0: the empty state). */
  total: number;
  /** An agent's team and its mean over the range (null below TEAM_MEAN_MIN_N released evaluations); null for everyone else. */
  teamMean: { team: ReportTeam; mean: number | null } | null;
}

// Re-exported for the lead's home, which links its figures the same way.
export { DRILL_DOWN_PATH };

const monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A period as a chart axis reads it: "2 Nov" for a week, "Nov 2026" for a month. */
export function periodLabel(period: ReportFilters["period"], periodStart: string): string {
  const [year, month, day] = periodStart.split("-").map(Number) as [number, number, number];
  return period === "week" ? `${day} ${monthNames[month - 1]}` : `${monthNames[month - 1]} ${year}`;
}

/** A period as the table and the CSV name it: the week's Monday, or the month. */
const periodKey = (period: ReportFilters["period"], periodStart: string) => (period === "week" ? periodStart : periodStart.slice(0, 7));

/** The group toggle from the URL; agents have none. */
export function overviewGroupOf(params: URLSearchParams, viewer: Viewer): OverviewGroup | null {
  if (interactionScope(viewer).kind === "own") return null;
  return params.get("group") === "scorecard" ? "scorecard" : "team";
}

/**
 * The overview for the URL's filters. Bad filters throw the `invalid` DomainError of
 * parseReportFilters; a team or agent outside the viewer's scope, not_found (queryQuality).
 */
export async function buildQualityOverview(db: Database, viewer: Viewer, params: URLSearchParams, { now, timeZone }: { now: Date; timeZone: string }): Promise<QualityOverview> {
  const parsed = parseReportFilters(params, { now, timeZone });
  if (!parsed.ok) throw parsed.error;
  const { filters } = parsed;
  const group = overviewGroupOf(params, viewer);
  const [totals, grouped, names, customerTotals, customerGrouped] = await Promise.all([
    queryQuality(db, viewer, toQualityQuery(filters, "organisation")),
    group ? queryQuality(db, viewer, toQualityQuery(filters, group)) : Promise.resolve([]),
    group ? groupNames(db, group) : Promise.resolve(new Map<string, string>()),
    // CSAT and handling time beside quality (decision 0029), for the same groups and periods.
    queryCustomerKpis(db, viewer, toQualityQuery(filters, "organisation")),
    group ? queryCustomerKpis(db, viewer, toQualityQuery(filters, group)) : Promise.resolve([]),
  ]);
  const team = group === null ? await agentTeamMeans(db, viewer, filters) : null;
  const customerOf = customerKpiIndex([...customerTotals.map((point) => ({ ...point, groupId: "total" })), ...customerGrouped]);
  const drill = (point: QualityPoint, groupId: string | null, outcome?: string) => {
    const range = periodRange(filters, point.periodStart);
    const scoped: ReportFilters = { ...filters, ...range };
    if (group === "team" && groupId) scoped.teamId = groupId;
    if (group === "scorecard" && groupId) scoped.scorecardId = groupId;
    return reportHref(DRILL_DOWN_PATH, scoped, { outcome });
  };
  const chartPoints = (pick: (point: QualityPoint) => { value: number; low: number | null; high: number | null } | null, outcome?: string) =>
    totals.map((point): OverviewPoint => {
      const figure = pick(point);
      return {
        x: point.periodStart,
        label: periodLabel(filters.period, point.periodStart),
        n: point.n,
        value: figure?.value ?? null,
        low: figure?.low ?? null,
        high: figure?.high ?? null,
        href: drill(point, null, outcome),
      };
    });
  const rateFigure = (rate: QualityPoint["passRate"]) => (rate ? { value: rate.rate, low: rate.interval.low, high: rate.interval.high } : null);
  const charts = {
    score: chartPoints((point) => (point.score ? { value: point.score.mean, low: point.score.interval?.low ?? null, high: point.score.interval?.high ?? null } : null)),
    passRate: chartPoints((point) => rateFigure(point.passRate), "pass"),
    autoFailRate: chartPoints((point) => rateFigure(point.autoFailRate), "autofail"),
    teamScore: team
      ? [...team.byPeriod.entries()].map(([x, value]): TeamMeanPoint => ({ x, label: periodLabel(filters.period, x), n: null, value, low: null, high: null }))
      : null,
  };

  const totalLabel = group === null ? "Your evaluations" : "Total";
  const row = (label: string, point: QualityPoint, groupId: string | null, linked: boolean): ReportRow => {
    const link = (outcome?: string) => (linked ? drill(point, groupId, outcome) : undefined);
    return {
      group: label,
      period: periodKey(filters.period, point.periodStart),
      n: { value: point.n, href: link() },
      mean: { value: point.score?.mean ?? null, href: link() },
      meanLow: point.score?.interval?.low ?? null,
      meanHigh: point.score?.interval?.high ?? null,
      passRate: { value: point.passRate?.rate ?? null, href: link("pass") },
      passLow: point.passRate?.interval.low ?? null,
      passHigh: point.passRate?.interval.high ?? null,
      autoFailRate: { value: point.autoFailRate?.rate ?? null, href: link("autofail") },
      autoFailLow: point.autoFailRate?.interval.low ?? null,
      autoFailHigh: point.autoFailRate?.interval.high ?? null,
      ...(team ? { teamMean: team.byPeriod.get(point.periodStart) ?? null } : {}),
      ...customerKpiCells(customerOf(groupId ?? (label === totalLabel ? "total" : null), point.periodStart)),
    };
  };
  const groupRows = grouped
    .map((point) => ({ point, name: point.groupId ? (names.get(point.groupId) ?? "Unknown") : "No team" }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.point.periodStart.localeCompare(b.point.periodStart))
    // Conversations without a team cannot be filtered to on their own: their row has no links.
    .map(({ point, name }) => row(name, point, point.groupId, point.groupId !== null));
  const table: ReportTableModel = {
    caption: `Quality by ${filters.period}${group ? ` and ${group}` : ""}, ${filters.from} to ${filters.to}`,
    columns: [
      { key: "group", label: group === "scorecard" ? "Scorecard" : group === "team" ? "Team" : "Evaluations", format: "text" },
      { key: "period", label: filters.period === "week" ? "Week starting" : "Month", format: "text" },
      { key: "n", label: "n", format: "integer" },
      { key: "mean", label: "Mean score", format: "score" },
      { key: "meanLow", label: "Score 95% low", format: "score" },
      { key: "meanHigh", label: "Score 95% high", format: "score" },
      { key: "passRate", label: "Pass rate", format: "percent" },
      { key: "passLow", label: "Pass 95% low", format: "percent" },
      { key: "passHigh", label: "Pass 95% high", format: "percent" },
      { key: "autoFailRate", label: "Auto-fail rate", format: "percent" },
      { key: "autoFailLow", label: "Auto-fail 95% low", format: "percent" },
      { key: "autoFailHigh", label: "Auto-fail 95% high", format: "percent" },
      ...(team ? [{ key: "teamMean", label: "Team mean", format: "score" as const }] : []),
      ...customerKpiColumns,
    ],
    rows: [...totals.map((point) => row(totalLabel, point, null, true)), ...groupRows],
  };
  const teamMean = team ? { team: team.team, mean: team.overRange } : null;
  return { filters, values: parsed.values, group, charts, table, total: totals.reduce((sum, point) => sum + point.n, 0), teamMean };
}

/**
 * An agent's team beside them: the filter's team, else their first; its mean per period and over
 * the range from its released evaluations, each only where it rests on TEAM_MEAN_MIN_N of them.
 */
async function agentTeamMeans(db: Database, viewer: Viewer, filters: ReportFilters) {
  const teams = await reportTeamsFor(db, viewer);
  const team = filters.teamId === undefined ? teams[0] : teams.find((candidate) => candidate.id === filters.teamId);
  if (!team) return null;
  const scope = { releasedTeam: team.id };
  const teamFilters = { ...filters, agentId: undefined, teamId: team.id };
  const [periods, [range]] = await Promise.all([queryScoreByPeriod(db, scope, teamFilters, "team", filters.period), queryScoreTotals(db, scope, teamFilters, "team")]);
  const shown = (score: MeanEstimate | null | undefined) => (score && score.n >= TEAM_MEAN_MIN_N ? score.mean : null);
  return { team, byPeriod: new Map(periods.map((point) => [point.periodStart, shown(point.score)])), overRange: shown(range?.score) };
}

async function groupNames(db: Database, group: OverviewGroup): Promise<Map<string, string>> {
  const rows = group === "team" ? await db.selectFrom("teams").select(["id", "name"]).execute() : await db.selectFrom("scorecards").select(["id", "name"]).execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}
