/**
 * Where the Reviewers report reads (decision 0037), and the two statements it runs there.
 *
 * - No team, agent, channel or queue filter and a viewer who sees every row (QA, leads, admins:
 *   the common case) → the reviewer roll-up (rollup_reviewer, by conversation or review day):
 *   the whole weeks or months inside the range from that grain, the partial ends day by day;
 *   the handling-time counts from whole months and days whatever the period (the median is over
 *   the range, and months are fewer rows than weeks).
 * - Otherwise → the rows: report_reviewer_evaluations, one narrow row per counting evaluation
 *   with its reviewer and handling minute, read through covering indexes by team (index-only)
 *   or by agent. Both give the same figures: the roll-up holds these rows' sums and their
 *   handling minutes counted.
 */
import { sql, type RawBuilder } from "kysely";
import { filterConditions, type BreakdownQuery } from "./breakdown-query.server";
import type { MinuteCount } from "./handling-median";
import { splitRange, type RangePart } from "./range-parts";

export type ReviewerSource = { kind: "rollup"; sums: RangePart[]; minutes: RangePart[] } | { kind: "rows" };

/** The roll-up when it holds every row the report counts (no finer filter, a viewer who sees all). */
export function planReviewerSource(query: BreakdownQuery, seesEverything: boolean): ReviewerSource {
  const finer = query.teamId !== undefined || query.agentId !== undefined || query.channel !== undefined || query.queue !== undefined;
  if (!seesEverything || finer) return { kind: "rows" };
  return { kind: "rollup", sums: splitRange(query, query.period), minutes: splitRange(query, "month") };
}

/** Sums per evaluation (rows aliased `r`, filtered by `rowsWhere`) or per roll-up key, with the reviewer, scorecard and day. */
export function sumsSource(source: ReviewerSource, query: BreakdownQuery, rowsWhere: RawBuilder<unknown>): RawBuilder<unknown> {
  if (source.kind === "rows") {
    const day = sql.ref(`r.${query.dateBasis === "review" ? "review_day" : "conversation_day"}`);
    return sql`
      SELECT r.reviewer_id, r.scorecard_id, ${day} AS day, 1 AS n, (r.score IS NULL)::int AS na, coalesce(r.score, 0) AS sum_score,
        coalesce(r.score * r.score, 0) AS sum_score_sq, r.passed::int AS passes, r.auto_failed::int AS auto_fails
      FROM report_reviewer_evaluations r
      WHERE ${rowsWhere}`;
  }
  return sql.join(
    source.sums.map(
      (part) => sql`
        SELECT s.reviewer_id, s.scorecard_id, s.period_start AS day, s.n, s.na, s.sum_score, s.sum_score_sq, s.passes, s.auto_fails
        FROM rollup_reviewer s WHERE ${rollupPart(query, part)}`,
    ),
    sql` UNION ALL `,
  );
}

/** Evaluations per handling minute (rounded to the nearest): one row per reviewer and minute, or per roll-up key with its minutes. */
export type MinutesRow = { reviewer_id: string; minute: number; count: number } | { reviewer_id: string; handling_minutes: Record<string, number> };

export function minutesStatement(source: ReviewerSource, query: BreakdownQuery, rowsWhere: RawBuilder<unknown>): RawBuilder<MinutesRow> {
  if (source.kind === "rows") {
    return sql`
      SELECT r.reviewer_id, r.handling_minute AS minute, count(*)::int AS count
      FROM report_reviewer_evaluations r
      WHERE ${rowsWhere}
      GROUP BY 1, 2`;
  }
  // The objects as they are: adding 40,000 minute counts in Node costs less than unpacking them in SQL.
  const parts = source.minutes.map((part) => sql`SELECT s.reviewer_id, s.handling_minutes FROM rollup_reviewer s WHERE ${rollupPart(query, part)}`);
  return sql<MinutesRow>`${sql.join(parts, sql` UNION ALL `)}`;
}

/** The minute counts of one reviewer, whichever shape the source gave. */
export function minuteCountsOf(rows: MinutesRow[], reviewerId: string): MinuteCount[] {
  return rows
    .filter((row) => row.reviewer_id === reviewerId)
    .flatMap((row) => ("handling_minutes" in row ? Object.entries(row.handling_minutes).map(([minute, count]) => ({ minute: Number(minute), count })) : [row]));
}

function rollupPart(query: BreakdownQuery, part: RangePart): RawBuilder<boolean> {
  const conditions = filterConditions({ ...query, from: part.from, to: part.to }, "s", "period_start");
  return sql.join([sql<boolean>`s.basis = ${query.dateBasis}`, sql<boolean>`s.grain = ${part.grain}`, ...conditions], sql` AND `);
}
