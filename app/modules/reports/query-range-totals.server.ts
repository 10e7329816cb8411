/**
 * Figures over a whole filter range, per agent or per team — what the team page and the agent
 * card put in a row, where queryQuality (query-quality.server.ts) gives them per week or month.
 * Same definition as queryQuality (docs/decisions/0023). By conversation date the scores read
 * the daily roll-up keyed by agent (`rollup_daily`), the questions the per-agent monthly roll-up
 * for the whole months inside the range and the daily question rows for its ends (decision
 * 0038); by review date, the report rows. Sums stay exact `numeric` text until statistics.ts turns them into a mean.
 *
 * Scope is a parameter, not only the viewer: an agent may see their team's mean (issue 14 §3,
 * "only the team's mean, and only when it rests on at least 5 evaluations"), which their own
 * scope cannot count. `releasedTeam` is that one exception, for a team the caller has checked
 * the agent belongs to; everything else reads through `reportRowsVisibleTo`.
 */
import { sql, type RawBuilder } from "kysely";
import type { Database } from "../../lib/db.server";
import { reportRowsVisibleTo } from "../access/report-scope.server";
import type { Viewer } from "../users/roles";
import { splitRange } from "./range-parts";
import { meanEstimate, sumsFromNumeric, wilsonEstimate, type MeanEstimate, type RateEstimate } from "./statistics";
import type { QuestionSums } from "./weakest-criteria";

export interface RangeFilters {
  from: string;
  to: string;
  dateBasis: "conversation" | "review";
  teamId?: string | undefined;
  agentId?: string | undefined;
  scorecardId?: string | undefined;
  channel?: string | undefined;
  queue?: string | undefined;
}

export type TotalsScope = { viewer: Viewer } | { releasedTeam: string };

export interface ScoreTotals {
  groupId: string;
  /** Evaluations counted, N/A scores included. */
  n: number;
  score: MeanEstimate | null;
  passRate: RateEstimate | null;
  autoFailRate: RateEstimate | null;
}

export interface QuestionTotals extends QuestionSums {
  groupId: string;
  scorecardId: string;
  questionKey: string;
}

/** A criterion's key: its scorecard and its question's report key (ids repeat across scorecards). */
export const criterionKey = (scorecardId: string, questionKey: string) => `${scorecardId}/${questionKey}`;

interface Source {
  table: string;
  day: string;
  measures: Record<string, string>;
}

// Measures are trusted SQL over the source aliased `s`, never user input.
const scoreSources: Record<RangeFilters["dateBasis"], Source> = {
  conversation: {
    table: "rollup_daily",
    day: "conversation_day",
    measures: { n: "s.n", na: "s.na", sum: "s.sum_score", sum_sq: "s.sum_score_sq", passes: "s.passes", auto_fails: "s.auto_fails" },
  },
  review: {
    table: "report_evaluations",
    day: "review_day",
    measures: {
      n: "1",
      na: "(s.score IS NULL)::int",
      sum: "coalesce(s.score, 0)",
      sum_sq: "coalesce(s.score * s.score, 0)",
      passes: "s.passed::int",
      auto_fails: "s.auto_failed::int",
    },
  },
};

const questionSources: Record<RangeFilters["dateBasis"], Source> = {
  conversation: {
    table: "rollup_daily_questions",
    day: "conversation_day",
    measures: { n: "s.n", na: "s.na", sum: "s.sum_q", sum_sq: "s.sum_q_sq", passes: "s.passes" },
  },
  review: {
    table: "report_question_results",
    day: "review_day",
    measures: { n: "1", na: "s.na::int", sum: "coalesce(s.q, 0)", sum_sq: "coalesce(s.q * s.q, 0)", passes: "coalesce((s.q >= 0.5)::int, 0)" },
  },
};

/** Whole months from the per-agent monthly roll-up (migration 20261217T130000, decision 0038). */
const agentMonthlyQuestions: Source = { ...questionSources.conversation, table: "rollup_agent_monthly_questions", day: "month" };

/**
 * Where question totals read, as parts of the range: by conversation date, the whole months
 * inside it from the per-agent monthly roll-up and the partial ends from the daily rows; by
 * review date, or with a channel or queue filter (not keys of the roll-up), the rows whole.
 */
export function questionTotalsParts(filters: RangeFilters): { source: Source; from: string; to: string }[] {
  if (filters.dateBasis === "review" || filters.channel || filters.queue) return [{ source: questionSources[filters.dateBasis], from: filters.from, to: filters.to }];
  return splitRange(filters, "month").map(({ grain, from, to }) => ({ source: grain === "month" ? agentMonthlyQuestions : questionSources.conversation, from, to }));
}

function conditions(scope: TotalsScope, filters: RangeFilters, source: Source): RawBuilder<boolean> {
  const column = (name: string) => sql.ref(`s.${name}`);
  const where: RawBuilder<boolean>[] = [
    sql<boolean>`${column(source.day)} BETWEEN ${filters.from}::date AND ${filters.to}::date`,
    "viewer" in scope ? reportRowsVisibleTo(scope.viewer, "s") : sql<boolean>`(${column("team_id")} = ${scope.releasedTeam} AND ${column("released")})`,
  ];
  if (filters.teamId) where.push(sql<boolean>`${column("team_id")} = ${filters.teamId}`);
  if (filters.agentId) where.push(sql<boolean>`${column("agent_id")} = ${filters.agentId}`);
  if (filters.scorecardId) where.push(sql<boolean>`${column("scorecard_id")} = ${filters.scorecardId}`);
  if (filters.channel) where.push(sql<boolean>`${column("channel")} = ${filters.channel}`);
  if (filters.queue) where.push(sql<boolean>`${column("queue")} = ${filters.queue}`);
  return sql<boolean>`${sql.join(where, sql` AND `)}`;
}

const totalOf = (source: Source, name: string, cast: "int" | "text" | "numeric") => sql.raw(`sum(${source.measures[name] ?? "0"})::${cast}`);

/** The quality score, pass rate and auto-fail rate over the range, one row per agent or team with evaluations. */
export async function queryScoreTotals(db: Database, scope: TotalsScope, filters: RangeFilters, groupBy: "agent" | "team"): Promise<ScoreTotals[]> {
  return (await scoreRows(db, scope, filters, groupBy, null)).map(({ periodStart: _period, ...totals }) => totals);
}

/**
 * The same per week or month (periodStart: the Monday or the 1st, as queryQuality's) — for an
 * agent's overview, where the team's mean beside theirs needs the `releasedTeam` scope.
 */
export async function queryScoreByPeriod(db: Database, scope: TotalsScope, filters: RangeFilters, groupBy: "agent" | "team", period: "week" | "month"): Promise<(ScoreTotals & { periodStart: string })[]> {
  return (await scoreRows(db, scope, filters, groupBy, period)) as (ScoreTotals & { periodStart: string })[];
}

async function scoreRows(db: Database, scope: TotalsScope, filters: RangeFilters, groupBy: "agent" | "team", period: "week" | "month" | null): Promise<(ScoreTotals & { periodStart: string | null })[]> {
  const source = scoreSources[filters.dateBasis];
  const group = sql.ref(`s.${groupBy}_id`);
  const periodStart = period === null ? sql<null>`NULL::text` : sql<string>`date_trunc(${period}, ${sql.ref(`s.${source.day}`)})::date::text`;
  const result = await sql<{ group_id: string; period_start: string | null; n: number; na: number; sum: string; sum_sq: string; passes: number; auto_fails: number }>`
    SELECT ${group} AS group_id, ${periodStart} AS period_start, ${totalOf(source, "n", "int")} AS n, ${totalOf(source, "na", "int")} AS na,
      ${totalOf(source, "sum", "text")} AS sum, ${totalOf(source, "sum_sq", "text")} AS sum_sq,
      ${totalOf(source, "passes", "int")} AS passes, ${totalOf(source, "auto_fails", "int")} AS auto_fails
    FROM ${sql.table(source.table)} s
    WHERE ${conditions(scope, filters, source)} AND ${group} IS NOT NULL
    GROUP BY 1, 2
    HAVING ${totalOf(source, "n", "int")} > 0
    ORDER BY 1, 2`.execute(db);
  return result.rows.map((row) => ({
    groupId: row.group_id,
    periodStart: row.period_start,
    n: row.n,
    score: meanEstimate(sumsFromNumeric(row.n - row.na, row.sum, row.sum_sq)),
    passRate: wilsonEstimate(row.passes, row.n),
    autoFailRate: wilsonEstimate(row.auto_fails, row.n),
  }));
}

/** Per question key (and its scorecard) over the range, one row per agent or team and question. */
export async function queryQuestionTotals(db: Database, scope: TotalsScope, filters: RangeFilters, groupBy: "agent" | "team"): Promise<QuestionTotals[]> {
  // Each part summed, then the parts added: numeric, so exact.
  const parts = questionTotalsParts(filters).map(({ source, from, to }) => {
    const group = sql.ref(`s.${groupBy}_id`);
    return sql`
      SELECT ${group} AS group_id, s.scorecard_id, s.question_key, ${totalOf(source, "n", "int")} AS n, ${totalOf(source, "na", "int")} AS na,
        ${totalOf(source, "sum", "numeric")} AS sum, ${totalOf(source, "sum_sq", "numeric")} AS sum_sq, ${totalOf(source, "passes", "int")} AS passes
      FROM ${sql.table(source.table)} s
      WHERE ${conditions(scope, { ...filters, from, to }, source)} AND ${group} IS NOT NULL
      GROUP BY 1, 2, 3`;
  });
  const result = await sql<{ group_id: string; scorecard_id: string; question_key: string; n: number; na: number; sum: string; sum_sq: string; passes: number }>`
    SELECT group_id, scorecard_id, question_key, sum(n)::int AS n, sum(na)::int AS na, sum(sum)::text AS sum, sum(sum_sq)::text AS sum_sq, sum(passes)::int AS passes
    FROM (${sql.join(parts, sql` UNION ALL `)}) p
    GROUP BY 1, 2, 3
    HAVING sum(n) > 0
    ORDER BY 1, 2, 3`.execute(db);
  return result.rows.map((row) => ({
    groupId: row.group_id,
    scorecardId: row.scorecard_id,
    questionKey: row.question_key,
    key: criterionKey(row.scorecard_id, row.question_key),
    n: row.n,
    na: row.na,
    sumQ: row.sum,
    sumQSquares: row.sum_sq,
    passes: row.passes,
  }));
}
