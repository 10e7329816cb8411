/**
 * The report answers of /api/v1/reports/* (issue 14 §6), each one of the pages' use cases
 * mapped to JSON: the same numbers as the pages, scoped and refused the same way.
 * Quality by organisation, team, agent or scorecard is queryQuality's; by question it is the
 * criteria's trend (mean q, q ≥ 0.5 as a pass, critical failures as auto-fails); by reviewer,
 * the reviewers' trend (whose visibility rules apply: leads and admins, a QA specialist alone).
 */
import type { Database } from "../../lib/db.server";
import { queryCriteria, type CriterionFigures } from "../reports/query-criteria.server";
import { csatDifferenceIndex } from "../reports/customer-columns";
import { queryCriterionCsatDifference, type CriterionCsatDifference } from "../reports/query-csat-difference.server";
import { queryQuality, type QualityPoint } from "../reports/query-quality.server";
import { queryReviewers } from "../reports/query-reviewers.server";
import type { MeanEstimate, RateEstimate } from "../reports/statistics";
import type { Viewer } from "../users/roles";
import {
  useCaseFilters,
  type CriterionItemJson,
  type QualityItemJson,
  type ReportApiFilters,
  type ReportGrouping,
  type ReviewerItemJson,
} from "./report-api.schema";

const meanOf = (estimate: MeanEstimate | null) => estimate?.mean ?? null;
const csatDifferenceJson = (row: CriterionCsatDifference | undefined) => ({
  difference: row?.difference?.difference ?? null,
  interval: row?.difference ? { low: row.difference.interval.low, high: row.difference.interval.high } : null,
  failedN: row?.failed.n ?? 0,
  passedN: row?.passed.n ?? 0,
});
const meanInterval = (estimate: MeanEstimate | null) => estimate?.interval ?? null;
const rateOf = (estimate: RateEstimate | null) => estimate?.rate ?? null;
const rateInterval = (estimate: RateEstimate | null) => estimate?.interval ?? null;

function pointJson(point: Pick<QualityPoint, "periodStart" | "n" | "score" | "passRate" | "autoFailRate">) {
  return {
    periodStart: point.periodStart,
    n: point.n,
    mean: meanOf(point.score),
    meanInterval: meanInterval(point.score),
    passRate: rateOf(point.passRate),
    passRateInterval: rateInterval(point.passRate),
    autoFailRate: rateOf(point.autoFailRate),
    autoFailRateInterval: rateInterval(point.autoFailRate),
  };
}

/** A criterion's figures as a quality point: pass = answered with q ≥ 0.5, auto-fail = critical failure. */
function criterionPoint(periodStart: string, figures: CriterionFigures) {
  const failures = figures.failureRate;
  const passRate: RateEstimate | null = failures && {
    n: failures.n,
    successes: failures.n - failures.successes,
    rate: 1 - failures.rate,
    interval: { low: 1 - failures.interval.high, high: 1 - failures.interval.low },
  };
  return pointJson({ periodStart, n: figures.n, score: figures.mean, passRate, autoFailRate: figures.criticalFailRate });
}

async function groupNames(db: Database, groupBy: "team" | "agent" | "scorecard", ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const table = { team: "teams", agent: "users", scorecard: "scorecards" } as const;
  const rows = await db.selectFrom(table[groupBy]).select(["id", "name"]).where("id", "in", ids).execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}

export async function apiQualityReport(db: Database, viewer: Viewer, query: ReportApiFilters & { groupBy: ReportGrouping }, now: Date) {
  const filters = useCaseFilters(query);
  const range = { groupBy: query.groupBy, from: query.from, to: query.to, period: query.period };
  if (query.groupBy === "question") {
    const { criteria } = await queryCriteria(db, viewer, filters);
    const items: QualityItemJson[] = criteria.flatMap((criterion) =>
      criterion.trend.map((point) => ({
        groupId: criterion.questionKey,
        groupName: criterion.prompt,
        scorecardId: criterion.scorecardId,
        questionId: criterion.questionId,
        ...criterionPoint(point.periodStart, point),
      })),
    );
    return { ...range, items };
  }
  if (query.groupBy === "reviewer") {
    const { reviewers } = await queryReviewers(db, viewer, filters, now);
    const items: QualityItemJson[] = reviewers.flatMap((reviewer) =>
      reviewer.trend.map((point) => ({ groupId: reviewer.reviewerId, groupName: reviewer.name, reviewerId: reviewer.reviewerId, ...pointJson(point) })),
    );
    return { ...range, items };
  }
  const points = await queryQuality(db, viewer, { ...filters, groupBy: query.groupBy });
  const names = query.groupBy === "organisation" ? new Map<string, string>() : await groupNames(db, query.groupBy, [...new Set(points.flatMap((p) => (p.groupId ? [p.groupId] : [])))]);
  const items: QualityItemJson[] = points.map((point) => ({
    groupId: point.groupId,
    groupName: point.groupId ? (names.get(point.groupId) ?? null) : null,
    ...(query.groupBy === "agent" && point.groupId ? { agentId: point.groupId } : {}),
    ...(query.groupBy === "scorecard" && point.groupId ? { scorecardId: point.groupId } : {}),
    ...pointJson(point),
  }));
  return { ...range, items };
}

export async function apiCriteriaReport(db: Database, viewer: Viewer, query: ReportApiFilters) {
  const filters = useCaseFilters(query);
  const [{ criteria }, differences] = await Promise.all([queryCriteria(db, viewer, filters), queryCriterionCsatDifference(db, viewer, filters)]);
  const csatOf = csatDifferenceIndex(differences);
  const items: CriterionItemJson[] = criteria.map((c) => ({
    scorecardId: c.scorecardId,
    scorecardName: c.scorecardName,
    questionId: c.questionId,
    questionKey: c.questionKey,
    prompt: c.prompt,
    section: c.sectionTitle,
    current: c.current,
    n: c.n,
    answered: c.answered,
    mean: meanOf(c.mean),
    meanInterval: meanInterval(c.mean),
    failureRate: rateOf(c.failureRate),
    failureRateInterval: rateInterval(c.failureRate),
    naRate: rateOf(c.naRate),
    naRateInterval: rateInterval(c.naRate),
    criticalFailRate: rateOf(c.criticalFailRate),
    trend: c.trend.map((t) => ({ periodStart: t.periodStart, n: t.n, mean: meanOf(t.mean), meanInterval: meanInterval(t.mean), failureRate: rateOf(t.failureRate) })),
    csatDifference: csatDifferenceJson(csatOf(c.scorecardId, c.questionKey)),
  }));
  return { from: query.from, to: query.to, period: query.period, items };
}

export async function apiReviewersReport(db: Database, viewer: Viewer, query: ReportApiFilters & { reviewer?: string }, now: Date) {
  const report = await queryReviewers(db, viewer, { ...useCaseFilters(query), reviewerId: query.reviewer }, now);
  const items: ReviewerItemJson[] = report.reviewers.map((r) => ({
    reviewerId: r.reviewerId,
    name: r.name,
    n: r.n,
    perDay: r.perDay,
    medianHandlingSeconds: r.medianHandlingSeconds,
    mean: meanOf(r.score),
    meanInterval: meanInterval(r.score),
    passRate: rateOf(r.passRate),
    autoFailRate: rateOf(r.autoFailRate),
    comparisons: r.comparisons.map((c) => ({
      scorecardId: c.scorecardId,
      scorecardName: c.scorecardName,
      n: c.own?.n ?? 0,
      mean: meanOf(c.own),
      peersN: c.peers?.n ?? 0,
      peersMean: meanOf(c.peers),
      difference: c.difference?.difference ?? null,
      differenceInterval: c.difference?.interval ?? null,
      leniency: c.leniency,
    })),
    disputedQuestions: r.disputedQuestions,
    overturnRate: rateOf(r.overturnRate),
    overturnRateInterval: rateInterval(r.overturnRate),
  }));
  return { from: query.from, to: query.to, period: query.period, days: report.days, items };
}
