/**
 * Which criteria matter to customers (issue 14 §8, docs/decisions/0029): per question, the mean
 * CSAT of the conversations whose review failed it minus that of those whose review passed it,
 * in percentage points of the scale, with Welch's 95 % interval and the n of each side.
 *
 * A review's answer counts on the failed side when q < 0.5 (the roll-ups' definition of a pass is
 * q ≥ 0.5); N/A answers and conversations without a CSAT answer are left out. Each counting
 * review's answer is one observation with its conversation's CSAT. Filters as queryQuality
 * (period by conversation or review date, team, agent, scorecard, channel, queue), scoped as
 * quality is: agents count only reviews released to them. Reads the per-question report rows
 * (indexed by scorecard, question and day) joined to the conversations.
 */
import { sql, type RawBuilder } from "kysely";
import type { Database } from "../../lib/db.server";
import { DomainError, fieldErrorsOf } from "../../lib/errors";
import { assertReportFiltersVisible, reportRowsVisibleTo } from "../access/report-scope.server";
import type { Viewer } from "../users/roles";
import { qualityQuerySchema } from "./query-quality.server";
import { meanEstimate, sumsFromNumeric, welchDifference, type DifferenceEstimate, type MeanEstimate, type Sums } from "./statistics";

export interface CsatSide {
  /** Answers (reviews of the question) on this side whose conversation has a CSAT answer. */
  n: number;
  /** Their mean CSAT in percent of the scale, with its t interval. */
  csat: MeanEstimate | null;
}

export interface CriterionCsatDifference {
  scorecardId: string;
  /** The question across versions (docs/decisions/0023): its id and a fingerprint of what q means. */
  questionKey: string;
  questionId: string;
  failed: CsatSide;
  passed: CsatSide;
  /** failed − passed in percentage points, Welch's interval; null until each side has 2. */
  difference: DifferenceEstimate | null;
}

export async function queryCriterionCsatDifference(db: Database, viewer: Viewer, rawQuery: unknown): Promise<CriterionCsatDifference[]> {
  // The quality query's filters and their checks; grouping and period do not apply here.
  const input = typeof rawQuery === "object" && rawQuery !== null ? rawQuery : {};
  const parsed = qualityQuerySchema.safeParse({ ...input, groupBy: "organisation", period: "month" });
  if (!parsed.success) throw new DomainError("invalid", parsed.error.issues.map((issue) => issue.message).join("; "), fieldErrorsOf(parsed.error.issues));
  const query = parsed.data;
  await assertReportFiltersVisible(db, viewer, query);
  const column = (name: string) => sql.ref(`s.${name}`);
  const dayColumn = query.dateBasis === "review" ? "review_day" : "conversation_day";
  const filters: RawBuilder<boolean>[] = [
    sql`${column(dayColumn)} BETWEEN ${query.from}::date AND ${query.to}::date`,
    sql`NOT s.na`,
    sql`i.csat_percent IS NOT NULL`,
    reportRowsVisibleTo(viewer, "s"),
  ];
  if (query.teamId) filters.push(sql`${column("team_id")} = ${query.teamId}`);
  if (query.agentId) filters.push(sql`${column("agent_id")} = ${query.agentId}`);
  if (query.scorecardId) filters.push(sql`${column("scorecard_id")} = ${query.scorecardId}`);
  if (query.channel) filters.push(sql`${column("channel")} = ${query.channel}`);
  if (query.queue) filters.push(sql`${column("queue")} = ${query.queue}`);
  const result = await sql<{ scorecard_id: string; question_key: string; question_id: string; failed: boolean; n: number; sum: string; sum_sq: string }>`
    SELECT s.scorecard_id, s.question_key, min(s.question_id) AS question_id, s.q < 0.5 AS failed,
      count(*)::int AS n, sum(i.csat_percent)::text AS sum, sum(i.csat_percent * i.csat_percent)::text AS sum_sq
    FROM report_question_results s
    JOIN evaluations e ON e.id = s.evaluation_id
    JOIN interactions i ON i.id = e.interaction_id
    WHERE ${sql.join(filters, sql` AND `)}
    GROUP BY s.scorecard_id, s.question_key, s.q < 0.5
    ORDER BY s.scorecard_id, s.question_key`.execute(db);

  const byQuestion = new Map<string, CriterionCsatDifference & { sums: Partial<Record<"failed" | "passed", Sums>> }>();
  for (const row of result.rows) {
    const key = `${row.scorecard_id} ${row.question_key}`;
    const entry = byQuestion.get(key) ?? {
      scorecardId: row.scorecard_id,
      questionKey: row.question_key,
      questionId: row.question_id,
      failed: { n: 0, csat: null },
      passed: { n: 0, csat: null },
      difference: null,
      sums: {},
    };
    const side = row.failed ? "failed" : "passed";
    const sums = sumsFromNumeric(row.n, row.sum, row.sum_sq);
    entry.sums[side] = sums;
    entry[side] = { n: row.n, csat: meanEstimate(sums) };
    byQuestion.set(key, entry);
  }
  return [...byQuestion.values()].map(({ sums, ...entry }) => ({
    ...entry,
    difference: sums.failed && sums.passed ? welchDifference(sums.failed, sums.passed) : null,
  }));
}
