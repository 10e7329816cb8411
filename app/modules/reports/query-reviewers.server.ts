/**
 * Reviewers: per reviewer, their output (evaluations counted, and per day over the range), the
 * median time from opening an evaluation to submitting it, their mean score against their
 * peers' on the same scorecard (Welch's interval of the difference: lenient or strict when it
 * excludes 0), the dispute overturn rate, and their quality trend (docs/decisions/0028).
 *
 * Counted: the evaluations the report rows count (current submitted reviews, the filters and
 * date basis of every report), each under the reviewer who opened it (`evaluations.reviewer_id`,
 * which a correction or dispute decision does not change). Handling time is
 * `submitted_at − created_at`: opening creates the draft, the first submit stamps submitted_at,
 * and neither moves afterwards. Overturns: of the questions disputed on those evaluations and
 * decided (view dispute_question_outcomes, decision 0022), the share whose answer changed.
 *
 * Who sees it: a reviewer's figures are about a person's work, not a team's conversations, so
 * they need `reports:reviewers` (QA leads and admins); a QA specialist (who works a queue,
 * `reviews:work`) sees only their own row, compared with everyone's; supervisors and agents 403.
 * Reads the rows joined to evaluations: there is no roll-up by reviewer.
 */
import { sql } from "kysely";
import { z } from "zod";
import type { Database } from "../../lib/db.server";
import { notFound } from "../../lib/errors";
import { can } from "../access/permissions";
import { assertCan } from "../access/refusals";
import { assertReportFiltersVisible, reportRowsVisibleTo } from "../access/report-scope.server";
import type { Viewer } from "../users/roles";
import { breakdownFields, checkRange, filterConditions, parseReportQuery, rangeDays } from "./breakdown-query.server";
import type { QualityPoint } from "./query-quality.server";
import { meanEstimate, sumsFromNumeric, welchDifference, wilsonEstimate, type DifferenceEstimate, type MeanEstimate, type RateEstimate } from "./statistics";

export const reviewersQuerySchema = z.object({ ...breakdownFields, reviewerId: z.uuid({ error: "Not a reviewer id" }).optional() }).superRefine(checkRange);
export type ReviewersQuery = z.input<typeof reviewersQuerySchema>;

export type Leniency = "lenient" | "strict" | "in_line" | "too_few";

export interface ReviewerComparison {
  scorecardId: string;
  scorecardName: string;
  /** The reviewer's mean score on this scorecard (scored evaluations). */
  own: MeanEstimate | null;
  /** Everybody else's on the same scorecard, same filters. */
  peers: MeanEstimate | null;
  /** own − peers, Welch's 95 % interval; null below 2 scored evaluations on either side. */
  difference: DifferenceEstimate | null;
  /** lenient: the interval lies above 0; strict: below; in line: it spans 0; too few: no interval. */
  leniency: Leniency;
}

export interface ReviewerFigures {
  reviewerId: string;
  name: string;
  /** Evaluations counted. */
  n: number;
  /** n over the days of the range up to today; null when the range has not begun. */
  perDay: number | null;
  /** Median seconds from opening to submitting. */
  medianHandlingSeconds: number | null;
  score: MeanEstimate | null;
  passRate: RateEstimate | null;
  autoFailRate: RateEstimate | null;
  comparisons: ReviewerComparison[];
  /** Decided disputed questions on their evaluations, and how many were overturned. */
  disputedQuestions: number;
  overturnRate: RateEstimate | null;
  trend: QualityPoint[];
}

export interface ReviewersReport {
  period: "week" | "month";
  /** Days the per-day figures divide by: the range up to today in the organisation's zone. */
  days: number;
  /** True when the viewer sees only their own row (a QA specialist). */
  ownOnly: boolean;
  reviewers: ReviewerFigures[];
}

export function leniencyOf(difference: DifferenceEstimate | null): Leniency {
  if (!difference) return "too_few";
  if (difference.interval.low > 0) return "lenient";
  if (difference.interval.high < 0) return "strict";
  return "in_line";
}

/** Whether the viewer may read reviewers' figures at all, and whose: 403 for supervisors and agents. */
export function reviewerVisibility(viewer: Viewer): "all" | "own" {
  if (can(viewer, "reports:reviewers")) return "all";
  assertCan(viewer, "reviews:work", "Reviewers' figures are for QA leads and admins; QA specialists see their own.");
  return "own";
}

interface SumsColumns {
  n: number;
  scored: number;
  sum: string;
  sum_sq: string;
}

const scoreOf = (row: SumsColumns) => meanEstimate(sumsFromNumeric(row.scored, row.sum, row.sum_sq));

export async function queryReviewers(db: Database, viewer: Viewer, rawQuery: unknown, now: Date): Promise<ReviewersReport> {
  const query = parseReportQuery(reviewersQuerySchema, rawQuery);
  const visibility = reviewerVisibility(viewer);
  await assertReportFiltersVisible(db, viewer, query);
  if (visibility === "own" && query.reviewerId !== undefined && query.reviewerId !== viewer.id) throw notFound("Reviewer");
  const dayColumn = query.dateBasis === "review" ? "review_day" : "conversation_day";
  const where = sql.join([...filterConditions(query, "r", dayColumn), reportRowsVisibleTo(viewer, "r")], sql` AND `);
  const counted = sql`report_evaluations r JOIN evaluations e ON e.id = r.evaluation_id`;
  const period = sql<string>`date_trunc(${query.period}, ${sql.ref(`r.${dayColumn}`)})::date::text`;
  const sums = sql`count(*)::int AS n, count(r.score)::int AS scored, coalesce(sum(r.score), 0)::text AS sum, coalesce(sum(r.score * r.score), 0)::text AS sum_sq,
    sum(r.passed::int)::int AS passes, sum(r.auto_failed::int)::int AS auto_fails`;

  const [totals, perScorecard, trend, overturns, today] = await Promise.all([
    sql<SumsColumns & { reviewer_id: string; name: string; passes: number; auto_fails: number; median_seconds: number | null }>`
      SELECT e.reviewer_id, u.name, ${sums},
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM e.submitted_at - e.created_at))::float8 AS median_seconds
      FROM ${counted} JOIN users u ON u.id = e.reviewer_id
      WHERE ${where}
      GROUP BY 1, 2 ORDER BY 2, 1`.execute(db),
    // Peers are everybody else on the same scorecard: the scorecard's sums less the reviewer's, exact in numeric.
    sql<SumsColumns & { reviewer_id: string; scorecard_id: string; scorecard_name: string; peers_scored: number; peers_sum: string; peers_sum_sq: string }>`
      WITH per AS (
        SELECT e.reviewer_id, r.scorecard_id, count(*)::int AS n, count(r.score)::int AS scored,
          coalesce(sum(r.score), 0) AS sum, coalesce(sum(r.score * r.score), 0) AS sum_sq
        FROM ${counted} WHERE ${where} GROUP BY 1, 2
      )
      SELECT per.reviewer_id, per.scorecard_id, sc.name AS scorecard_name, per.n, per.scored, per.sum::text AS sum, per.sum_sq::text AS sum_sq,
        (sum(per.scored) OVER w - per.scored)::int AS peers_scored,
        (sum(per.sum) OVER w - per.sum)::text AS peers_sum,
        (sum(per.sum_sq) OVER w - per.sum_sq)::text AS peers_sum_sq
      FROM per JOIN scorecards sc ON sc.id = per.scorecard_id
      WINDOW w AS (PARTITION BY per.scorecard_id)
      ORDER BY sc.name, per.scorecard_id`.execute(db),
    sql<SumsColumns & { reviewer_id: string; period_start: string; passes: number; auto_fails: number }>`
      SELECT e.reviewer_id, ${period} AS period_start, ${sums}
      FROM ${counted} WHERE ${where}
      GROUP BY 1, 2 ORDER BY 1, 2`.execute(db),
    sql<{ reviewer_id: string; decided: number; overturned: number }>`
      SELECT o.reviewer_id, count(*)::int AS decided, count(*) FILTER (WHERE o.overturned)::int AS overturned
      FROM dispute_question_outcomes o JOIN report_evaluations r ON r.evaluation_id = o.evaluation_id
      WHERE ${where}
      GROUP BY 1`.execute(db),
    sql<{ today: string }>`SELECT (${now}::timestamptz AT TIME ZONE coalesce((SELECT time_zone FROM organisation LIMIT 1), 'UTC'))::date::text AS today`.execute(db),
  ]);

  const todayText = today.rows[0]?.today ?? now.toISOString().slice(0, 10);
  const days = query.from > todayText ? 0 : rangeDays({ from: query.from, to: query.to < todayText ? query.to : todayText });
  const shown = (reviewerId: string) => (visibility === "own" ? reviewerId === viewer.id : query.reviewerId === undefined || reviewerId === query.reviewerId);

  const reviewers = totals.rows.filter((row) => shown(row.reviewer_id)).map((row): ReviewerFigures => {
    const disputes = overturns.rows.find((o) => o.reviewer_id === row.reviewer_id);
    return {
      reviewerId: row.reviewer_id,
      name: row.name,
      n: row.n,
      perDay: days > 0 ? row.n / days : null,
      medianHandlingSeconds: row.median_seconds,
      score: scoreOf(row),
      passRate: wilsonEstimate(row.passes, row.n),
      autoFailRate: wilsonEstimate(row.auto_fails, row.n),
      comparisons: perScorecard.rows
        .filter((c) => c.reviewer_id === row.reviewer_id)
        .map((c) => {
          const own = sumsFromNumeric(c.scored, c.sum, c.sum_sq);
          const peers = sumsFromNumeric(c.peers_scored, c.peers_sum, c.peers_sum_sq);
          const difference = welchDifference(own, peers);
          return { scorecardId: c.scorecard_id, scorecardName: c.scorecard_name, own: meanEstimate(own), peers: meanEstimate(peers), difference, leniency: leniencyOf(difference) };
        }),
      disputedQuestions: disputes?.decided ?? 0,
      overturnRate: wilsonEstimate(disputes?.overturned ?? 0, disputes?.decided ?? 0),
      trend: trend.rows
        .filter((t) => t.reviewer_id === row.reviewer_id)
        .map((t) => ({ groupId: t.reviewer_id, periodStart: t.period_start, n: t.n, score: scoreOf(t), passRate: wilsonEstimate(t.passes, t.n), autoFailRate: wilsonEstimate(t.auto_fails, t.n) })),
    };
  });
  return { period: query.period, days, ownOnly: visibility === "own", reviewers };
}
