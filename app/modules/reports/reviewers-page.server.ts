/**
 * The Reviewers page and its CSVs (issue 14 §3): the filters from the URL and queryReviewers'
 * figures as two table models — output (evaluations, per day, median handling time, mean,
 * overturns) and the comparison with peers per scorecard (lenient / strict) — each rendered by
 * the page and written by the CSV route from the same model. Every count and mean drills down
 * to the reviewer's evaluations.
 */
import type { Database } from "../../lib/db.server";
import type { DomainError } from "../../lib/errors";
import { getOrganisationSettings } from "../organisation/get-organisation-settings.server";
import type { Viewer } from "../users/roles";
import { queryReviewers, type Leniency, type ReviewerFigures } from "./query-reviewers.server";
import { DRILL_DOWN_PATH, parseReportFilters, reportHref, type ReportFilters, type ReportFilterValues } from "./report-filters";
import type { ReportTableModel } from "./report-table";

export const leniencyLabels: Record<Leniency, string> = {
  lenient: "Lenient",
  strict: "Strict",
  in_line: "In line",
  too_few: "Too few to tell",
};

export type ReviewersPage =
  | { ok: true; filters: ReportFilters; values: ReportFilterValues; output: ReportTableModel; peers: ReportTableModel; days: number; ownOnly: boolean }
  | { ok: false; error: DomainError; values: ReportFilterValues };

const drill = (filters: ReportFilters, reviewerId: string, scorecardId?: string) =>
  reportHref(DRILL_DOWN_PATH, scorecardId ? { ...filters, scorecardId } : filters, { reviewer: reviewerId });

export function reviewerOutputTable(filters: ReportFilters, reviewers: ReviewerFigures[]): ReportTableModel {
  return {
    caption: `Reviewers' output, ${filters.from} to ${filters.to}`,
    columns: [
      { key: "reviewer", label: "Reviewer", format: "text" },
      { key: "n", label: "Evaluations", format: "integer" },
      { key: "perDay", label: "Per day", format: "score" },
      { key: "handling", label: "Median minutes to submit", format: "score" },
      { key: "mean", label: "Mean score", format: "score" },
      { key: "meanLow", label: "Mean low", format: "score" },
      { key: "meanHigh", label: "Mean high", format: "score" },
      { key: "disputed", label: "Disputed questions decided", format: "integer" },
      { key: "overturnRate", label: "Overturn rate", format: "percent" },
      { key: "overturnLow", label: "Overturn low", format: "percent" },
      { key: "overturnHigh", label: "Overturn high", format: "percent" },
    ],
    rows: reviewers.map((r) => ({
      reviewer: r.name,
      n: { value: r.n, href: drill(filters, r.reviewerId) },
      perDay: r.perDay,
      handling: r.medianHandlingSeconds === null ? null : r.medianHandlingSeconds / 60,
      mean: { value: r.score?.mean ?? null, href: drill(filters, r.reviewerId) },
      meanLow: r.score?.interval?.low ?? null,
      meanHigh: r.score?.interval?.high ?? null,
      disputed: r.disputedQuestions,
      overturnRate: r.overturnRate?.rate ?? null,
      overturnLow: r.overturnRate?.interval.low ?? null,
      overturnHigh: r.overturnRate?.interval.high ?? null,
    })),
  };
}

export function reviewerPeersTable(filters: ReportFilters, reviewers: ReviewerFigures[]): ReportTableModel {
  return {
    caption: `Each reviewer's mean against their peers on the same scorecard, ${filters.from} to ${filters.to}`,
    columns: [
      { key: "reviewer", label: "Reviewer", format: "text" },
      { key: "scorecard", label: "Scorecard", format: "text" },
      { key: "mean", label: "Their mean", format: "score" },
      { key: "n", label: "n", format: "integer" },
      { key: "peersMean", label: "Peers' mean", format: "score" },
      { key: "peersN", label: "Peers' n", format: "integer" },
      { key: "difference", label: "Difference", format: "score" },
      { key: "differenceLow", label: "Difference low", format: "score" },
      { key: "differenceHigh", label: "Difference high", format: "score" },
      { key: "verdict", label: "Verdict", format: "text" },
    ],
    rows: reviewers.flatMap((r) =>
      r.comparisons.map((c) => ({
        reviewer: r.name,
        scorecard: c.scorecardName,
        mean: { value: c.own?.mean ?? null, href: drill(filters, r.reviewerId, c.scorecardId) },
        n: { value: c.own?.n ?? 0, href: drill(filters, r.reviewerId, c.scorecardId) },
        peersMean: c.peers?.mean ?? null,
        peersN: c.peers?.n ?? 0,
        difference: c.difference?.difference ?? null,
        differenceLow: c.difference?.interval.low ?? null,
        differenceHigh: c.difference?.interval.high ?? null,
        verdict: leniencyLabels[c.leniency],
      })),
    ),
  };
}

export async function loadReviewersPage(db: Database, viewer: Viewer, params: URLSearchParams, now: Date): Promise<ReviewersPage> {
  const { timeZone } = await getOrganisationSettings(db);
  const parsed = parseReportFilters(params, { now, timeZone });
  if (!parsed.ok) return parsed;
  const report = await queryReviewers(db, viewer, parsed.filters, now);
  return {
    ok: true,
    filters: parsed.filters,
    values: parsed.values,
    output: reviewerOutputTable(parsed.filters, report.reviewers),
    peers: reviewerPeersTable(parsed.filters, report.reviewers),
    days: report.days,
    ownOnly: report.ownOnly,
  };
}

/** The CSV of one of the page's tables: `table=peers` for the comparison, else the output. */
export async function reviewersCsv(db: Database, viewer: Viewer, params: URLSearchParams, now: Date): Promise<{ table: ReportTableModel; fileName: string }> {
  const page = await loadReviewersPage(db, viewer, params, now);
  if (!page.ok) throw page.error;
  const peers = params.get("table") === "peers";
  return { table: peers ? page.peers : page.output, fileName: `reviewers-${peers ? "peers-" : ""}${page.filters.from}-to-${page.filters.to}` };
}
