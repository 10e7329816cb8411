/**
 * Quality by group and period — the seam the report pages, CSV and API stand on
 * (docs/decisions/0023). Per group (organisation, team, agent or scorecard) and period (week
 * or month): n, the mean quality score with its t interval, the pass rate and the auto-fail
 * rate with Wilson intervals. One definition for every caller: the mean overall score of the
 * current revisions of submitted reviews (DESIGN.md "Scorecards and score math").
 *
 * Where it reads, the cheapest sources that answer exactly (planSources, decision 0035):
 * - nothing finer than team → the whole weeks or months inside the range from the team-level
 *   roll-up of that period (rollup_team_weekly, rollup_monthly; by review date
 *   rollup_review_team_weekly, rollup_review_monthly: a two-year organisation report reads
 *   thousands of rows), the partial ends from the team-level daily one (rollup_team_daily,
 *   rollup_review_team_daily);
 * - with an agent, channel or queue → rollup_daily by conversation date, the report rows
 *   (report_evaluations, indexed by agent) by review date.
 * Scoped in the query (access/report-scope.server.ts): the viewer's rows only.
 */
import { sql, type RawBuilder } from "kysely";
import { z } from "zod";
import type { Database } from "../../lib/db.server";
import { DomainError, fieldErrorsOf } from "../../lib/errors";
import { interactionScope } from "../access/permissions";
import { assertReportFiltersVisible, reportRowsVisibleTo } from "../access/report-scope.server";
import type { Viewer } from "../users/roles";
import { splitRange } from "./range-parts";
import { meanEstimate, sumsFromNumeric, wilsonEstimate, type MeanEstimate, type RateEstimate } from "./statistics";

/** The longest range one report covers: two years and a little, so "the last two years" fits. */
export const MAX_REPORT_DAYS = 800;

const day = z.iso.date({ error: "Use a date as YYYY-MM-DD" });

export const qualityQuerySchema = z
  .object({
    groupBy: z.enum(["organisation", "team", "agent", "scorecard"], { error: "Group by organisation, team, agent or scorecard" }),
    period: z.enum(["week", "month"], { error: "The period is week or month" }),
    from: day,
    to: day,
    dateBasis: z.enum(["conversation", "review"]).default("conversation"),
    teamId: z.uuid({ error: "Not a team id" }).optional(),
    agentId: z.uuid({ error: "Not an agent id" }).optional(),
    scorecardId: z.uuid({ error: "Not a scorecard id" }).optional(),
    channel: z.string().min(1).optional(),
    queue: z.string().min(1).optional(),
  })
  .superRefine((query, ctx) => {
    if (query.from > query.to) ctx.addIssue({ code: "custom", path: ["to"], message: "The period ends before it starts: choose an end on or after the start" });
    const days = (Date.parse(query.to) - Date.parse(query.from)) / 86_400_000 + 1;
    if (days > MAX_REPORT_DAYS) ctx.addIssue({ code: "custom", path: ["from"], message: `A report covers at most ${MAX_REPORT_DAYS} days; this range has ${days}` });
  });

export type QualityQuery = z.input<typeof qualityQuerySchema>;

export interface QualityPoint {
  /** The group's id (team, agent or scorecard); null when grouped by organisation. */
  groupId: string | null;
  /** First day of the week (Monday) or month, YYYY-MM-DD. */
  periodStart: string;
  /** Evaluations counted, including those whose score is N/A. */
  n: number;
  /** The mean over the n − N/A scored ones, with its t interval. */
  score: MeanEstimate | null;
  passRate: RateEstimate | null;
  autoFailRate: RateEstimate | null;
}

interface Source {
  table: string;
  dayColumn: string;
  n: string;
  na: string;
  sum: string;
  sumSq: string;
  passes: string;
  autoFails: string;
}

// Measures are trusted SQL over the source aliased `s`, never user input.
const monthly: Source = { table: "rollup_monthly", dayColumn: "month", n: "s.n", na: "s.na", sum: "s.sum_score", sumSq: "s.sum_score_sq", passes: "s.passes", autoFails: "s.auto_fails" };
const daily: Source = { ...monthly, table: "rollup_daily", dayColumn: "conversation_day" };
const teamDaily: Source = { ...daily, table: "rollup_team_daily" };
const teamWeekly: Source = { ...monthly, table: "rollup_team_weekly", dayColumn: "week" };
const reviewTeamDaily: Source = { ...monthly, table: "rollup_review_team_daily", dayColumn: "review_day" };
const reviewTeamWeekly: Source = { ...monthly, table: "rollup_review_team_weekly", dayColumn: "week" };
const reviewMonthly: Source = { ...monthly, table: "rollup_review_monthly", dayColumn: "month" };
// One row per evaluation: the measures are the row's own.
const rows: Source = {
  table: "report_evaluations",
  dayColumn: "review_day",
  n: "1",
  na: "(s.score IS NULL)::int",
  sum: "coalesce(s.score, 0)",
  sumSq: "coalesce(s.score * s.score, 0)",
  passes: "s.passed::int",
  autoFails: "s.auto_failed::int",
};

/** Per date basis and period: the roll-up of whole periods, and the daily one for the rest (team level). */
const teamLevel = {
  conversation: { week: teamWeekly, month: monthly, day: teamDaily },
  review: { week: reviewTeamWeekly, month: reviewMonthly, day: reviewTeamDaily },
} as const;

export interface SourcePart {
  source: Source;
  from: string;
  to: string;
}

/**
 * Where a report reads, as parts of its range (docs/decisions/0023, 0035): the whole weeks or
 * months inside the range from the team-level roll-up of that period, the partial ends from the
 * team-level daily one — by conversation or by review date; with an agent, channel or queue
 * (or for an agent, `ownOnly`, whose rows only the per-agent sources tell apart) the
 * agent-level daily roll-up, or the rows by review date.
 */
export function planSources(query: z.output<typeof qualityQuerySchema>, ownOnly = false): SourcePart[] {
  const teamKeys = !ownOnly && query.groupBy !== "agent" && query.agentId === undefined && query.channel === undefined && query.queue === undefined;
  if (!teamKeys) return [{ source: query.dateBasis === "review" ? rows : daily, from: query.from, to: query.to }];
  const level = teamLevel[query.dateBasis];
  return splitRange(query, query.period).map(({ grain, from, to }) => ({ source: level[grain], from, to }));
}

export async function queryQuality(db: Database, viewer: Viewer, rawQuery: unknown): Promise<QualityPoint[]> {
  const parsed = qualityQuerySchema.safeParse(rawQuery);
  if (!parsed.success) throw new DomainError("invalid", parsed.error.issues.map((issue) => issue.message).join("; "), fieldErrorsOf(parsed.error.issues));
  const query = parsed.data;
  await assertReportFiltersVisible(db, viewer, query);
  const parts = planSources(query, interactionScope(viewer).kind === "own");
  // Each part summed per group and period, then the parts added: numeric, so exact.
  const partQueries = parts.map(({ source, from, to }) => {
    const column = (name: string) => sql.ref(`s.${name}`);
    const measure = (expression: string) => sql.raw(expression);
    const group: RawBuilder<unknown> =
      query.groupBy === "organisation" ? sql<null>`NULL::uuid` : column({ team: "team_id", agent: "agent_id", scorecard: "scorecard_id" }[query.groupBy]);
    const filters: RawBuilder<boolean>[] = [sql`${column(source.dayColumn)} BETWEEN ${from}::date AND ${to}::date`, reportRowsVisibleTo(viewer, "s")];
    if (query.teamId) filters.push(sql`${column("team_id")} = ${query.teamId}`);
    if (query.agentId) filters.push(sql`${column("agent_id")} = ${query.agentId}`);
    if (query.scorecardId) filters.push(sql`${column("scorecard_id")} = ${query.scorecardId}`);
    if (query.channel) filters.push(sql`${column("channel")} = ${query.channel}`);
    if (query.queue) filters.push(sql`${column("queue")} = ${query.queue}`);
    return sql`
      SELECT ${group} AS group_id, date_trunc(${query.period}, ${column(source.dayColumn)})::date AS period_start,
        sum(${measure(source.n)}) AS n, sum(${measure(source.na)}) AS na, sum(${measure(source.sum)}) AS sum, sum(${measure(source.sumSq)}) AS sum_sq,
        sum(${measure(source.passes)}) AS passes, sum(${measure(source.autoFails)}) AS auto_fails
      FROM ${sql.table(source.table)} s
      WHERE ${sql.join(filters, sql` AND `)}
      GROUP BY 1, 2`;
  });
  const result = await sql<{ group_id: string | null; period_start: string; n: number; na: number; sum: string; sum_sq: string; passes: number; auto_fails: number }>`
    SELECT group_id, period_start::text AS period_start, sum(n)::int AS n, sum(na)::int AS na, sum(sum)::text AS sum, sum(sum_sq)::text AS sum_sq,
      sum(passes)::int AS passes, sum(auto_fails)::int AS auto_fails
    FROM (${sql.join(partQueries, sql` UNION ALL `)}) p
    GROUP BY 1, 2
    HAVING sum(n) > 0
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
