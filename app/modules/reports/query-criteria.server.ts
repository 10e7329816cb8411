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
 * Reads, like queryQuality, the cheapest sources that answer exactly (planCriteriaSources,
 * decision 0036): the question roll-ups of whole weeks or months, organisation- or team-level,
 * with the partial ends day by day; the rows (report_question_results) below team level.
 * Scoped in the query.
 */
import { sql, type RawBuilder } from "kysely";
import { z } from "zod";
import type { Database } from "../../lib/db.server";
import { interactionScope } from "../access/permissions";
import { assertReportFiltersVisible, reportRowsVisibleTo } from "../access/report-scope.server";
import { questionKey } from "./question-results";
import { isScoringQuestion, questionsInOrder, scorecardDefinitionSchema } from "../scorecards/scorecard-definition.schema";
import type { Viewer } from "../users/roles";
import { breakdownFields, checkRange, filterConditions, parseReportQuery, type BreakdownQuery } from "./breakdown-query.server";
import { splitRange } from "./range-parts";
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
const monthlyQuestions: Source = { table: "rollup_monthly_questions", dayColumn: "month", n: "s.n", na: "s.na", sum: "s.sum_q", sumSq: "s.sum_q_sq", passes: "s.passes", criticalFails: "s.critical_fails" };
const rollup = (table: string, dayColumn: string): Source => ({ ...monthlyQuestions, table, dayColumn });
// The question rows (report_evaluations ⨝ revision_question_results): one answer each.
const rows = (dayColumn: "conversation_day" | "review_day"): Source => ({
  table: "report_question_results",
  dayColumn,
  n: "1",
  na: "s.na::int",
  sum: "coalesce(s.q, 0)",
  sumSq: "coalesce(s.q * s.q, 0)",
  passes: "coalesce((s.q >= 0.5)::int, 0)",
  criticalFails: "s.critical_failed::int",
});

/** Per date basis: the roll-ups of whole weeks and months, and what answers the days of the partial ends. */
const organisationLevel = {
  conversation: { week: rollup("rollup_org_weekly_questions", "week"), month: rollup("rollup_org_monthly_questions", "month"), day: rollup("rollup_org_daily_questions", "conversation_day") },
  review: { week: rollup("rollup_review_org_weekly_questions", "week"), month: rollup("rollup_review_org_monthly_questions", "month"), day: rollup("rollup_review_org_daily_questions", "review_day") },
} as const;
// A team is about 1/50 of the rows: its partial ends read them through report_evaluations' indexes.
const teamLevel = {
  conversation: { week: rollup("rollup_team_weekly_questions", "week"), month: monthlyQuestions, day: rows("conversation_day") },
  review: { week: rollup("rollup_review_team_weekly_questions", "week"), month: rollup("rollup_review_team_monthly_questions", "month"), day: rows("review_day") },
} as const;

export interface CriteriaSourcePart {
  source: Source;
  from: string;
  to: string;
}

/**
 * Where the report reads, as parts of its range (decision 0036): for a viewer who sees everything
 * with no team filter, the organisation-level question roll-ups (whole weeks or months from the
 * weekly or monthly one, the partial ends from the daily one); with a team filter or a
 * supervisor's teams, the team-level ones with the partial ends from the rows; with an agent,
 * channel or queue, or for an agent (`scope` "own", whose rows only per-agent sources tell
 * apart), the rows. By conversation or by review day, as the query asks.
 */
export function planCriteriaSources(query: BreakdownQuery, scope: "all" | "teams" | "own" = "all"): CriteriaSourcePart[] {
  const agentLevel = scope === "own" || query.agentId !== undefined || query.channel !== undefined || query.queue !== undefined;
  const dayColumn = query.dateBasis === "review" ? "review_day" : "conversation_day";
  if (agentLevel) return [{ source: rows(dayColumn), from: query.from, to: query.to }];
  const level = (scope === "all" && query.teamId === undefined ? organisationLevel : teamLevel)[query.dateBasis];
  return splitRange(query, query.period).map(({ grain, from, to }) => ({ source: level[grain], from, to }));
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
 * A percentage from a q estimate: every figure × 100. The interval is not clipped to 0–100, as
 * on every other report (decisions 0034, 0038): one beyond the scale is the sign of too few or
 * too skewed answers, and the CSV and API agree with a recomputation from n, mean and sd.
 */
function asPercent(estimate: MeanEstimate | null): MeanEstimate | null {
  if (!estimate) return null;
  const times = (value: number | null) => (value === null ? null : value * 100);
  return {
    n: estimate.n,
    mean: estimate.mean * 100,
    sd: times(estimate.sd),
    halfWidth: times(estimate.halfWidth),
    interval: estimate.interval && { low: estimate.interval.low * 100, high: estimate.interval.high * 100 },
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
  const parts = planCriteriaSources(query, interactionScope(viewer).kind);
  const measure = (expression: string) => sql.raw(expression);
  // Each part summed per question and period, the parts added, then per question over the whole range: numeric, so exact.
  const partQueries = parts.map(({ source, from, to }) => {
    const where = sql.join([...filterConditions({ ...query, from, to }, "s", source.dayColumn), reportRowsVisibleTo(viewer, "s")], sql` AND `);
    const period: RawBuilder<string> = sql<string>`date_trunc(${query.period}, ${sql.ref(`s.${source.dayColumn}`)})::date`;
    return sql`
      SELECT s.scorecard_id, s.question_key, ${period} AS period_start,
        sum(${measure(source.n)}) AS n, sum(${measure(source.na)}) AS na, sum(${measure(source.sum)}) AS sum, sum(${measure(source.sumSq)}) AS sum_sq,
        sum(${measure(source.passes)}) AS passes, sum(${measure(source.criticalFails)}) AS critical_fails
      FROM ${sql.table(source.table)} s
      WHERE ${where}
      GROUP BY 1, 2, 3`;
  });
  const result = await sql<SumsRow & { scorecard_id: string; question_key: string; period_start: string | null }>`
    WITH p AS (
      SELECT scorecard_id, question_key, period_start::text AS period_start,
        sum(n)::int AS n, sum(na)::int AS na, sum(sum) AS sum, sum(sum_sq) AS sum_sq, sum(passes)::int AS passes, sum(critical_fails)::int AS critical_fails
      FROM (${sql.join(partQueries, sql` UNION ALL `)}) parts
      GROUP BY 1, 2, 3
      HAVING sum(n) > 0
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
