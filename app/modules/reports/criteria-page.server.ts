/**
 * The Criteria page and its CSV (issue 14 §3): the filters from the URL, queryCriteria's rows
 * as one table model — the page renders it and the CSV writes it, so both hold the same
 * numbers — each figure linking to the evaluations behind it, and each row's trend for its
 * sparkline.
 */
import type { Database } from "../../lib/db.server";
import type { DomainError } from "../../lib/errors";
import { getOrganisationSettings } from "../organisation/get-organisation-settings.server";
import type { Viewer } from "../users/roles";
import { queryCriteria, type Criterion } from "./query-criteria.server";
import { csatDifferenceCells, csatDifferenceColumns, csatDifferenceIndex } from "./customer-columns";
import { queryCriterionCsatDifference } from "./query-csat-difference.server";
import { DRILL_DOWN_PATH, parseReportFilters, reportHref, toQualityQuery, type ReportFilters, type ReportFilterValues } from "./report-filters";
import type { ReportTableModel } from "./report-table";

type CsatDifferenceLookup = ReturnType<typeof csatDifferenceIndex>;

export interface CriterionTrend {
  /** The row's criterion, for the sparkline's words. */
  prompt: string;
  values: (number | null)[];
}

export type CriteriaPage =
  | { ok: true; filters: ReportFilters; values: ReportFilterValues; table: ReportTableModel; trends: CriterionTrend[]; periods: string[]; worst: Criterion | null }
  | { ok: false; error: DomainError; values: ReportFilterValues };

const drill = (filters: ReportFilters, criterion: Criterion, outcome?: string) =>
  reportHref(DRILL_DOWN_PATH, { ...filters, scorecardId: criterion.scorecardId }, { question: criterion.questionKey, outcome });

/**
 * The table: one row per criterion, worst first, and beside its figures how the customers of
 * conversations that failed it rated them against those that passed it (issue 14 §8).
 */
export function criteriaTable(filters: ReportFilters, criteria: Criterion[], csatOf: CsatDifferenceLookup = () => undefined): ReportTableModel {
  return {
    caption: `Criteria, worst first, ${filters.from} to ${filters.to}`,
    columns: [
      { key: "criterion", label: "Criterion", format: "text" },
      { key: "scorecard", label: "Scorecard", format: "text" },
      { key: "mean", label: "Mean %", format: "score" },
      { key: "meanLow", label: "Mean low", format: "score" },
      { key: "meanHigh", label: "Mean high", format: "score" },
      { key: "failureRate", label: "Failure rate", format: "percent" },
      { key: "failureLow", label: "Failure low", format: "percent" },
      { key: "failureHigh", label: "Failure high", format: "percent" },
      { key: "naRate", label: "N/A rate", format: "percent" },
      { key: "naLow", label: "N/A low", format: "percent" },
      { key: "naHigh", label: "N/A high", format: "percent" },
      { key: "n", label: "n", format: "integer" },
      ...csatDifferenceColumns,
    ],
    rows: criteria.map((c) => ({
      criterion: c.current ? c.prompt : `${c.prompt} (before its scale changed)`,
      scorecard: c.scorecardName,
      mean: { value: c.mean?.mean ?? null, href: drill(filters, c, "answered") },
      meanLow: c.mean?.interval?.low ?? null,
      meanHigh: c.mean?.interval?.high ?? null,
      failureRate: { value: c.failureRate?.rate ?? null, href: drill(filters, c, "fail") },
      failureLow: c.failureRate?.interval.low ?? null,
      failureHigh: c.failureRate?.interval.high ?? null,
      naRate: { value: c.naRate?.rate ?? null, href: drill(filters, c, "na") },
      naLow: c.naRate?.interval.low ?? null,
      naHigh: c.naRate?.interval.high ?? null,
      n: { value: c.n, href: drill(filters, c) },
      ...csatDifferenceCells(csatOf(c.scorecardId, c.questionKey)),
    })),
  };
}

export async function loadCriteriaPage(db: Database, viewer: Viewer, params: URLSearchParams, now: Date): Promise<CriteriaPage> {
  const { timeZone } = await getOrganisationSettings(db);
  const parsed = parseReportFilters(params, { now, timeZone });
  if (!parsed.ok) return parsed;
  const [{ criteria }, csatDifferences] = await Promise.all([
    queryCriteria(db, viewer, parsed.filters),
    queryCriterionCsatDifference(db, viewer, toQualityQuery(parsed.filters, "organisation")),
  ]);
  const periods = [...new Set(criteria.flatMap((c) => c.trend.map((t) => t.periodStart)))].sort();
  const trends = criteria.map((c) => {
    const byPeriod = new Map(c.trend.map((t) => [t.periodStart, t.mean?.mean ?? null]));
    return { prompt: c.prompt, values: periods.map((period) => byPeriod.get(period) ?? null) };
  });
  return { ok: true, filters: parsed.filters, values: parsed.values, table: criteriaTable(parsed.filters, criteria, csatDifferenceIndex(csatDifferences)), trends, periods, worst: criteria[0] ?? null };
}

/** The CSV: the page's own table. A refused filter throws, for csvDownload to answer with its status. */
export async function criteriaCsv(db: Database, viewer: Viewer, params: URLSearchParams, now: Date): Promise<{ table: ReportTableModel; fileName: string }> {
  const page = await loadCriteriaPage(db, viewer, params, now);
  if (!page.ok) throw page.error;
  return { table: page.table, fileName: `criteria-${page.filters.from}-to-${page.filters.to}` };
}
