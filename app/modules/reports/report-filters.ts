/**
 * Report filters in the URL (issue 14 §3): every report page, its CSV and its drill-down read
 * the same query string, so a link carries the whole view. Names in the URL:
 *   period=week|month, from=YYYY-MM-DD, to=YYYY-MM-DD, team, agent, scorecard (ids),
 *   channel, queue, dateBasis=conversation|review.
 * Missing values take the defaults: the last 12 weeks (or 12 months when period=month) up to
 * today in the organisation's time zone, by conversation date. Validation is
 * `qualityQuerySchema`'s, so the page, the CSV and the API refuse the same input with the same
 * words; errors are keyed by the URL's names (`team`, not `teamId`).
 *
 * Parsing needs the clock and the zone and answers a result rather than throwing, so a page
 * can show the message beside the filter bar with what was typed kept.
 */
import { DomainError, fieldErrorsOf, type FieldErrors } from "../../lib/errors";
import { addDays, formatLocalDate, isoWeekday, localDateOf, type LocalDate } from "../../lib/time";
import { qualityQuerySchema, type QualityQuery } from "./query-quality.server";

export const reportPeriods = ["week", "month"] as const;
export type ReportPeriod = (typeof reportPeriods)[number];
export const dateBases = ["conversation", "review"] as const;
export type DateBasis = (typeof dateBases)[number];

/** How many periods the default range covers. */
export const DEFAULT_PERIODS = 12;

export interface ReportFilters {
  period: ReportPeriod;
  /** First day, YYYY-MM-DD, in the organisation's zone. */
  from: string;
  /** Last day, inclusive. */
  to: string;
  dateBasis: DateBasis;
  teamId?: string;
  agentId?: string;
  scorecardId?: string;
  channel?: string;
  queue?: string;
}

/** The filters as the URL spells them: what the filter bar shows and puts back, typed or not. */
export interface ReportFilterValues {
  period: string;
  from: string;
  to: string;
  dateBasis: string;
  team: string;
  agent: string;
  scorecard: string;
  channel: string;
  queue: string;
}

/** URL name ← field of ReportFilters / qualityQuerySchema. */
const urlNames: Record<string, keyof ReportFilterValues> = {
  period: "period",
  from: "from",
  to: "to",
  dateBasis: "dateBasis",
  teamId: "team",
  agentId: "agent",
  scorecardId: "scorecard",
  channel: "channel",
  queue: "queue",
};

export type ParsedReportFilters =
  | { ok: true; filters: ReportFilters; values: ReportFilterValues }
  | { ok: false; error: DomainError; values: ReportFilterValues };

/** The default range ending `today`: the last 12 weeks from a Monday, or the last 12 whole months from a 1st. */
export function defaultRange(today: LocalDate, period: ReportPeriod): { from: string; to: string } {
  if (period === "week") {
    const monday = addDays(today, 1 - isoWeekday(today));
    return { from: formatLocalDate(addDays(monday, -7 * (DEFAULT_PERIODS - 1))), to: formatLocalDate(today) };
  }
  const monthIndex = today.year * 12 + (today.month - 1) - (DEFAULT_PERIODS - 1);
  return { from: formatLocalDate({ year: Math.floor(monthIndex / 12), month: (monthIndex % 12) + 1, day: 1 }), to: formatLocalDate(today) };
}

const text = (params: URLSearchParams, name: string) => params.get(name)?.trim() ?? "";

/** The URL's values as typed (blank when absent), for putting them back in the filter bar. */
export function reportFilterValues(params: URLSearchParams): ReportFilterValues {
  return {
    period: text(params, "period"),
    from: text(params, "from"),
    to: text(params, "to"),
    dateBasis: text(params, "dateBasis"),
    team: text(params, "team"),
    agent: text(params, "agent"),
    scorecard: text(params, "scorecard"),
    channel: text(params, "channel"),
    queue: text(params, "queue"),
  };
}

/**
 * Filters from the query string, defaults filled in. A bad value (an unknown period, a date
 * that is not one, a range that ends before it starts or is longer than a report covers, an id
 * that is not one) is an `invalid` DomainError with qualityQuerySchema's message, one per URL
 * field. Whether a team or agent is within the viewer's scope is the query's check (404).
 */
export function parseReportFilters(params: URLSearchParams, { now, timeZone }: { now: Date; timeZone: string }): ParsedReportFilters {
  const typed = reportFilterValues(params);
  const period = typed.period === "" ? "week" : typed.period;
  const defaults = defaultRange(localDateOf(now, timeZone), period === "month" ? "month" : "week");
  const candidate = {
    groupBy: "organisation",
    period,
    from: typed.from || defaults.from,
    to: typed.to || defaults.to,
    dateBasis: typed.dateBasis || "conversation",
    teamId: typed.team || undefined,
    agentId: typed.agent || undefined,
    scorecardId: typed.scorecard || undefined,
    channel: typed.channel || undefined,
    queue: typed.queue || undefined,
  };
  const parsed = qualityQuerySchema.safeParse(candidate);
  if (!parsed.success) {
    const fieldErrors: FieldErrors = fieldErrorsOf(parsed.error.issues, { root: "form", field: (path) => urlNames[path] ?? path });
    const message = [...new Set(parsed.error.issues.map((issue) => issue.message))].join("; ");
    return { ok: false, error: new DomainError("invalid", message, fieldErrors), values: typed };
  }
  const { groupBy: _groupBy, ...filters } = parsed.data;
  const values: ReportFilterValues = { ...typed, period: filters.period, from: filters.from, to: filters.to, dateBasis: filters.dateBasis };
  return { ok: true, filters: dropUndefined(filters), values };
}

function dropUndefined(filters: ReportFilters): ReportFilters {
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined)) as unknown as ReportFilters;
}

/** The filters as a query string, in a fixed order, blanks left out: what every report link carries. */
export function reportFiltersToSearchParams(filters: ReportFilters, extra: Record<string, string | undefined> = {}): URLSearchParams {
  const params = new URLSearchParams();
  params.set("period", filters.period);
  params.set("from", filters.from);
  params.set("to", filters.to);
  if (filters.dateBasis !== "conversation") params.set("dateBasis", filters.dateBasis);
  const optional: [string, string | undefined][] = [
    ["team", filters.teamId],
    ["agent", filters.agentId],
    ["scorecard", filters.scorecardId],
    ["channel", filters.channel],
    ["queue", filters.queue],
    ...Object.entries(extra),
  ];
  for (const [name, value] of optional) if (value !== undefined && value !== "") params.set(name, value);
  return params;
}

/** The drill-down page: every report figure links here with the filters that count exactly its n. */
export const DRILL_DOWN_PATH = "/reports/evaluations";

/** `path?filters&extra`: a link to another report page or the drill-down with the same filters. */
export function reportHref(path: string, filters: ReportFilters, extra: Record<string, string | undefined> = {}): string {
  return `${path}?${reportFiltersToSearchParams(filters, extra).toString()}`;
}

/** The last day of `periodStart`'s week or month, clamped to the filters' range: a point's own date range. */
export function periodRange(filters: ReportFilters, periodStart: string): { from: string; to: string } {
  const [year, month, day] = periodStart.split("-").map(Number) as [number, number, number];
  const start: LocalDate = { year, month, day };
  const end = filters.period === "week" ? addDays(start, 6) : addDays({ year: month === 12 ? year + 1 : year, month: month === 12 ? 1 : month + 1, day: 1 }, -1);
  const from = periodStart < filters.from ? filters.from : periodStart;
  const endText = formatLocalDate(end);
  return { from, to: endText > filters.to ? filters.to : endText };
}

/** The filters as queryQuality's input, grouped as asked. */
export function toQualityQuery(filters: ReportFilters, groupBy: QualityQuery["groupBy"]): QualityQuery {
  return { ...filters, groupBy };
}
