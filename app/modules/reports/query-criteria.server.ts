/**
 * Criteria: per question, how the scored conversations answered it — the mean q (as a
 * percentage, with its t interval), the failure rate and the N/A rate (Wilson intervals), n,
 * and the trend by week or month; worst first (docs/decisions/0023, 0028).
 *
 * A question is its `question_key` on its scorecard: the id the builder carries across versions
 * plus a fingerprint of what q means, so a question whose scale or points changed is a new row
 * from that version on. It is labelled with the prompt of the newest version that has that key.
 *
 * - n: answers counted, N/A included; answered = n − N/A;
 * - mean: Σq / answered × 100, raw q (no critical zeroing, DESIGN "Reports and roll-ups");
 * - failure rate: answers with q < 0.5 out of the answered (the roll-ups count q ≥ 0.5 as a pass);
 * - N/A rate: N/A out of n; critical-fail rate: critical failures out of n.
 *
 * Reads, like queryQuality, the cheapest source that answers exactly: rollup_monthly_questions
 * for whole months by month with nothing finer than team, rollup_daily_questions otherwise, the
 * rows (report_question_results) for the review-date toggle. Scoped in the query.
 */
import { sql, type RawBuilder } from "kysely";
import { z } from "zod";
import type { Database } from "../../lib/db.server";
import { interactionScope } from "../access/permissions";
import { assertReportFiltersVisible, reportRowsVisibleTo } from "../access/report-scope.server";
import { questionKey } from "./question-results";
import { isScoringQuestion, questionsInOrder, scorecardDefinitionSchema } from "../scorecards/scorecard-definition.schema";
import type { Viewer } from "../users/roles";
import { breakdownFields, checkRange, filterConditions, isFirstOfMonth, isLastOfMonth, parseReportQuery, type BreakdownQuery } from "./breakdown-query.server";
import { meanEstimate, sumsFromNumeric, wilsonEstimate, type MeanEstimate, type RateEstimate } from "./statistics";

export const criteriaQuerySchema = z.object(breakdownFields).superRefine(checkRange);
export type CriteriaQuery = z.input<typeof criteriaQuerySchema>;

/** The measures of one question over a period (or the whole range). */
export interface CriterionFigures {
  /** Answers counted, N/A included. */
  n: number;
  /** Answers with a value (n − N/A). */
  answered: number;
  /** Mean q as a percentage (0–100) with its t interval; null when every answer was N/A. */
  mean: MeanEstimate | null;
  /** q < 0.5 out of the answered. */
  failureRate: RateEstimate | null;
  /** N/A out of n. */
  naRate: RateEstimate | null;
  /** Critical failures out of n. */
  criticalFailRate: RateEstimate | null;
}

export interface CriterionTrendPoint extends CriterionFigures {
  /** First day of the week (Monday) or month, YYYY-MM-DD. */
  periodStart: string;
}

export interface Criterion extends CriterionFigures {
  scorecardId: string;
  scorecardName: string;
  /** The id the builder carries across versions (what the drill-down filters by). */
  questionId: string;
  /** The id plus the fingerprint of its meaning: one row of this report. */
  questionKey: string;
  prompt: string;
  sectionTitle: string;
  /** False for a question whose scale or points have since changed (an older key of the same id). */
  current: boolean;
  trend: CriterionTrendPoint[];
}

export interface CriteriaReport {
  period: "week" | "month";
  /** Worst first: lowest mean, then highest failure rate; all-N/A questions last. */
  criteria: Criterion[];
}

interface Source {
  table: string;
  dayColumn: string;
  n: string;
  na: string;
  sum: string;
  sumSq: string;
  passes: string;
  criticalFails: string;
}

// Trusted SQL over the source aliased `s`, never user input.
const monthly: Source = { table: "rollup_monthly_questions", dayColumn: "month", n: "s.n", na: "s.na", sum: "s.sum_q", sumSq: "s.sum_q_sq", passes: "s.passes", criticalFails: "s.critical_fails" };
const daily: Source = { ...monthly, table: "rollup_daily_questions", dayColumn: "conversation_day" };
const rows: Source = {
  table: "report_question_results",
  dayColumn: "review_day",
  n: "1",
  na: "s.na::int",
  sum: "coalesce(s.q, 0)",
  sumSq: "coalesce(s.q * s.q, 0)",
  passes: "coalesce((s.q >= 0.5)::int, 0)",
  criticalFails: "s.critical_failed::int",
};

/** `ownOnly`: an agent, whose rows only the per-agent sources can tell apart. */
export function chooseCriteriaSource(query: BreakdownQuery, ownOnly = false): Source {
  if (query.dateBasis === "review") return rows;
  const monthlyKeys = !ownOnly && query.agentId === undefined && query.channel === undefined && query.queue === undefined;
  return monthlyKeys && query.period === "month" && isFirstOfMonth(query.from) && isLastOfMonth(query.to) ? monthly : daily;
}

interface SumsRow {
  n: number;
  na: number;
  sum: string;
  sum_sq: string;
  passes: number;
  critical_fails: number;
}

/**
 * A percentage from a q estimate: every figure × 100, the interval clipped to 0–100 — q cannot
 * leave [0, 1], so the part of a wide t interval beyond it says nothing (the half-width stays).
 */
function asPercent(estimate: MeanEstimate | null): MeanEstimate | null {
  if (!estimate) return null;
  const times = (value: number | null) => (value === null ? null : value * 100);
  return {
    n: estimate.n,
    mean: estimate.mean * 100,
    sd: times(estimate.sd),
    halfWidth: times(estimate.halfWidth),
    interval: estimate.interval && { low: Math.max(0, estimate.interval.low * 100), high: Math.min(100, estimate.interval.high * 100) },
  };
}

export function criterionFigures(row: SumsRow): CriterionFigures {
  const answered = row.n - row.na;
  return {
    n: row.n,
    answered,
    mean: asPercent(meanEstimate(sumsFromNumeric(answered, row.sum, row.sum_sq))),
    failureRate: wilsonEstimate(answered - row.passes, answered),
    naRate: wilsonEstimate(row.na, row.n),
    criticalFailRate: wilsonEstimate(row.critical_fails, row.n),
  };
}

/** Worst first: the lowest mean, then the most failures, then the prompt; questions never answered last. */
export function worstFirst(a: Criterion, b: Criterion): number {
  if (a.mean === null || b.mean === null) return a.mean === null ? (b.mean === null ? a.prompt.localeCompare(b.prompt) : 1) : -1;
  return a.mean.mean - b.mean.mean || (b.failureRate?.rate ?? 0) - (a.failureRate?.rate ?? 0) || a.prompt.localeCompare(b.prompt) || a.scorecardName.localeCompare(b.scorecardName) || a.questionKey.localeCompare(b.questionKey);
}

export async function queryCriteria(db: Database, viewer: Viewer, rawQuery: unknown): Promise<CriteriaReport> {
  const query = parseReportQuery(criteriaQuerySchema, rawQuery);
  await assertReportFiltersVisible(db, viewer, query);
  const source = chooseCriteriaSource(query, interactionScope(viewer).kind === "own");
  const measure = (expression: string) => sql.raw(expression);
  const where = sql.join([...filterConditions(query, "s", source.dayColumn), reportRowsVisibleTo(viewer, "s")], sql` AND `);
  const period: RawBuilder<string> = sql<string>`date_trunc(${query.period}, ${sql.ref(`s.${source.dayColumn}`)})::date::text`;
  // Sums per period, then per question over the whole range from them: numeric, so exact.
  const result = await sql<SumsRow & { scorecard_id: string; question_key: string; period_start: string | null }>`
    WITH p AS (
      SELECT s.scorecard_id, s.question_key, ${period} AS period_start,
        sum(${measure(source.n)})::int AS n, sum(${measure(source.na)})::int AS na,
        sum(${measure(source.sum)}) AS sum, sum(${measure(source.sumSq)}) AS sum_sq,
        sum(${measure(source.passes)})::int AS passes, sum(${measure(source.criticalFails)})::int AS critical_fails
      FROM ${sql.table(source.table)} s
      WHERE ${where}
      GROUP BY 1, 2, 3
      HAVING sum(${measure(source.n)}) > 0
    )
    SELECT scorecard_id, question_key, period_start, n, na, sum::text AS sum, sum_sq::text AS sum_sq, passes, critical_fails FROM p
    UNION ALL
    SELECT scorecard_id, question_key, NULL, sum(n)::int, sum(na)::int, sum(sum)::text, sum(sum_sq)::text, sum(passes)::int, sum(critical_fails)::int
    FROM p GROUP BY 1, 2
    ORDER BY 1, 2, 3`.execute(db);

  const labels = await questionLabels(db, [...new Set(result.rows.map((row) => row.scorecard_id))]);
  const byKey = new Map<string, Criterion>();
  const keyOf = (row: { scorecard_id: string; question_key: string }) => `${row.scorecard_id} ${row.question_key}`;
  for (const row of result.rows.filter((r) => r.period_start === null)) {
    const questionId = row.question_key.slice(0, row.question_key.lastIndexOf("#"));
    const label = labels.get(row.scorecard_id);
    const known = label?.byKey.get(row.question_key) ?? label?.byId.get(questionId);
    byKey.set(keyOf(row), {
      scorecardId: row.scorecard_id,
      scorecardName: label?.name ?? "",
      questionId,
      questionKey: row.question_key,
      prompt: known?.prompt ?? questionId,
      sectionTitle: known?.sectionTitle ?? "",
      current: label?.byId.get(questionId)?.key === row.question_key,
      ...criterionFigures(row),
      trend: [],
    });
  }
  for (const row of result.rows) {
    if (row.period_start !== null) byKey.get(keyOf(row))?.trend.push({ periodStart: row.period_start, ...criterionFigures(row) });
  }
  return { period: query.period, criteria: [...byKey.values()].sort(worstFirst) };
}

interface QuestionLabel {
  prompt: string;
  sectionTitle: string;
  key: string;
}

/** Per scorecard: its name, and each question's prompt by key and by id, from the newest version that has it. */
async function questionLabels(db: Database, scorecardIds: string[]) {
  const labels = new Map<string, { name: string; byKey: Map<string, QuestionLabel>; byId: Map<string, QuestionLabel> }>();
  if (scorecardIds.length === 0) return labels;
  const [scorecards, versions] = await Promise.all([
    db.selectFrom("scorecards").select(["id", "name"]).where("id", "in", scorecardIds).execute(),
    db.selectFrom("scorecard_versions").select(["scorecard_id", "definition"]).where("scorecard_id", "in", scorecardIds).where("status", "=", "published").orderBy("scorecard_id").orderBy("version", "desc").execute(),
  ]);
  for (const scorecard of scorecards) labels.set(scorecard.id, { name: scorecard.name, byKey: new Map(), byId: new Map() });
  for (const version of versions) {
    const label = labels.get(version.scorecard_id);
    const parsed = scorecardDefinitionSchema.safeParse(version.definition);
    if (!label || !parsed.success) continue;
    for (const { section, question } of questionsInOrder(parsed.data)) {
      if (!isScoringQuestion(question)) continue;
      const entry = { prompt: question.prompt, sectionTitle: section.title, key: questionKey(question) };
      if (!label.byKey.has(entry.key)) label.byKey.set(entry.key, entry);
      if (!label.byId.has(question.id)) label.byId.set(question.id, entry);
    }
  }
  return labels;
}
