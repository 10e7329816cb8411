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
 * Reads the reviewer roll-up when no team, agent, channel or queue narrows it, else the rows
 * joined to evaluations (reviewer-sources.server.ts, decision 0037). The median handling time is
 * of the times rounded to the nearest minute (handling-median.ts).
 */
import { sql, type RawBuilder } from "kysely";
import { z } from "zod";
import type { Database } from "../../lib/db.server";
import { notFound } from "../../lib/errors";
import { can, interactionScope } from "../access/permissions";
import { assertCan } from "../access/refusals";
import { assertReportFiltersVisible, reportRowsVisibleTo } from "../access/report-scope.server";
import type { Viewer } from "../users/roles";
import { breakdownFields, checkRange, filterConditions, parseReportQuery, rangeDays } from "./breakdown-query.server";
import { medianHandlingSeconds } from "./handling-median";
import type { QualityPoint } from "./query-quality.server";
import { minuteCountsOf, minutesStatement, planReviewerSource, sumsSource, type ReviewerSource } from "./reviewer-sources.server";
import { meanEstimate, sumsFromNumeric, welchDifference, wilsonEstimate, type DifferenceEstimate, type MeanEstimate, type RateEstimate } from "./statistics";

export const reviewersQuerySchema = z.object({ ...breakdownFields, reviewerId: z.uuid({ error: "Not a reviewer id" }).optional() }).superRefine(checkRange);
export type ReviewersQuery = z.input<typeof reviewersQuerySchema>;
type ReviewersQueryParsed = z.output<typeof reviewersQuerySchema>;

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

/** One row of the grouped sums: a reviewer's totals, per scorecard (with the peers'), or per period. */
interface GroupedRow extends SumsColumns {
  /** GROUPING(scorecard, period): 3 the reviewer's totals, 1 per scorecard, 2 per period. */
  level: 1 | 2 | 3;
  reviewer_id: string;
  name: string;
  scorecard_id: string | null;
  scorecard_name: string | null;
  period_start: string | null;
  passes: number;
  auto_fails: number;
  peers_scored: number | null;
  peers_sum: string | null;
  peers_sum_sq: string | null;
}

const scoreOf = (row: SumsColumns) => meanEstimate(sumsFromNumeric(row.scored, row.sum, row.sum_sq));

export async function queryReviewers(db: Database, viewer: Viewer, rawQuery: unknown, now: Date): Promise<ReviewersReport> {
  const query = parseReportQuery(reviewersQuerySchema, rawQuery);
  const visibility = reviewerVisibility(viewer);
  await assertReportFiltersVisible(db, viewer, query);
  if (visibility === "own" && query.reviewerId !== undefined && query.reviewerId !== viewer.id) throw notFound("Reviewer");
  const dayColumn = query.dateBasis === "review" ? "review_day" : "conversation_day";
  const where = sql.join([...filterConditions(query, "r", dayColumn), reportRowsVisibleTo(viewer, "r")], sql` AND `);
  const source = planReviewerSource(query, interactionScope(viewer).kind === "all");
  const { days, reviewers } = await readReviewers(db, query, where, source, now);
  const shown = (reviewerId: string) => (visibility === "own" ? reviewerId === viewer.id : query.reviewerId === undefined || reviewerId === query.reviewerId);
  return { period: query.period, days, ownOnly: visibility === "own", reviewers: reviewers.filter((r) => shown(r.reviewerId)) };
}

/**
 * Every reviewer's figures from `source`; `rowsWhere` is the filters and scope over the report
 * rows aliased `r` (the rows source and the overturns read them). Apart from queryReviewers so a
 * test can read one report from both sources.
 */
export async function readReviewers(
  db: Database,
  query: ReviewersQueryParsed,
  rowsWhere: RawBuilder<unknown>,
  source: ReviewerSource,
  now: Date,
): Promise<{ days: number; reviewers: ReviewerFigures[] }> {
  const [grouped, minutes, overturns, today] = await Promise.all([
    // Totals, per scorecard and per period in one pass over the source. Peers are everybody else
    // on the same scorecard: the scorecard's sums less the reviewer's, exact in numeric.
    sql<GroupedRow>`
      WITH g AS (
        SELECT s.reviewer_id, s.scorecard_id, s.period_start, GROUPING(s.scorecard_id, s.period_start) AS level,
          sum(s.n)::int AS n, (sum(s.n) - sum(s.na))::int AS scored, sum(s.sum_score) AS sum, sum(s.sum_score_sq) AS sum_sq,
          sum(s.passes)::int AS passes, sum(s.auto_fails)::int AS auto_fails
        FROM (SELECT source.*, date_trunc(${query.period}, source.day)::date AS period_start FROM (${sumsSource(source, query, rowsWhere)}) source) s
        GROUP BY GROUPING SETS ((s.reviewer_id), (s.reviewer_id, s.scorecard_id), (s.reviewer_id, s.period_start))
      )
      SELECT g.level, g.reviewer_id, u.name, g.scorecard_id, sc.name AS scorecard_name, g.period_start::text AS period_start,
        g.n, g.scored, g.sum::text AS sum, g.sum_sq::text AS sum_sq, g.passes, g.auto_fails,
        (sum(g.scored) OVER w - g.scored)::int AS peers_scored, (sum(g.sum) OVER w - g.sum)::text AS peers_sum, (sum(g.sum_sq) OVER w - g.sum_sq)::text AS peers_sum_sq
      FROM g JOIN users u ON u.id = g.reviewer_id LEFT JOIN scorecards sc ON sc.id = g.scorecard_id
      WINDOW w AS (PARTITION BY g.level, g.scorecard_id)
      ORDER BY g.level DESC, u.name, g.reviewer_id, sc.name, g.scorecard_id, g.period_start`.execute(db),
    minutesStatement(source, query, rowsWhere).execute(db),
    sql<{ reviewer_id: string; decided: number; overturned: number }>`
      SELECT o.reviewer_id, count(*)::int AS decided, count(*) FILTER (WHERE o.overturned)::int AS overturned
      FROM dispute_question_outcomes o JOIN report_evaluations r ON r.evaluation_id = o.evaluation_id
      WHERE ${rowsWhere}
      GROUP BY 1`.execute(db),
    sql<{ today: string }>`SELECT (${now}::timestamptz AT TIME ZONE coalesce((SELECT time_zone FROM organisation LIMIT 1), 'UTC'))::date::text AS today`.execute(db),
  ]);
  const totals = grouped.rows.filter((row) => row.level === 3);
  const perScorecard = grouped.rows.filter((row) => row.level === 1);
  const trend = grouped.rows.filter((row) => row.level === 2);

  const todayText = today.rows[0]?.today ?? now.toISOString().slice(0, 10);
  const days = query.from > todayText ? 0 : rangeDays({ from: query.from, to: query.to < todayText ? query.to : todayText });
  const reviewers = totals.map((row): ReviewerFigures => {
    const disputes = overturns.rows.find((o) => o.reviewer_id === row.reviewer_id);
    return {
      reviewerId: row.reviewer_id,
      name: row.name,
      n: row.n,
      perDay: days > 0 ? row.n / days : null,
      medianHandlingSeconds: medianHandlingSeconds(minuteCountsOf(minutes.rows, row.reviewer_id)),
      score: scoreOf(row),
      passRate: wilsonEstimate(row.passes, row.n),
      autoFailRate: wilsonEstimate(row.auto_fails, row.n),
      comparisons: perScorecard
        .filter((c) => c.reviewer_id === row.reviewer_id)
        .map((c) => {
          const own = sumsFromNumeric(c.scored, c.sum, c.sum_sq);
          const peers = sumsFromNumeric(c.peers_scored ?? 0, c.peers_sum ?? "0", c.peers_sum_sq ?? "0");
          const difference = welchDifference(own, peers);
          return { scorecardId: c.scorecard_id ?? "", scorecardName: c.scorecard_name ?? "", own: meanEstimate(own), peers: meanEstimate(peers), difference, leniency: leniencyOf(difference) };
        }),
      disputedQuestions: disputes?.decided ?? 0,
      overturnRate: wilsonEstimate(disputes?.overturned ?? 0, disputes?.decided ?? 0),
      trend: trend
        .filter((t) => t.reviewer_id === row.reviewer_id)
        .map((t) => ({ groupId: t.reviewer_id, periodStart: t.period_start ?? "", n: t.n, score: scoreOf(t), passRate: wilsonEstimate(t.passes, t.n), autoFailRate: wilsonEstimate(t.auto_fails, t.n) })),
    };
  });
  return { days, reviewers };
}
