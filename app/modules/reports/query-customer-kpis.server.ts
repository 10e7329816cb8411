/**
 * The customer's side beside quality (issue 14 §8, docs/decisions/0029): per group
 * (organisation, team, agent or scorecard) and period, the mean CSAT as a percentage of its
 * scale with its t interval and the number of CSAT responses, and the mean handling time (the
 * conversation's duration) with its interval and n. Same query and filters as queryQuality.
 *
 * What it counts: every conversation in the viewer's scope whose conversation date falls in the
 * range, reviewed or not — CSAT responses are conversations with a survey answer, never
 * evaluations. Two cases narrow it to reviewed conversations, because only a review ties a
 * conversation to them: a scorecard filter or grouping (the conversations with a counting review
 * on that scorecard), and the review-date toggle (conversations by their review's day). Those
 * read the report rows (scoped as quality is: agents count only reviews released to them); the
 * rest read the customer roll-ups kept by a trigger on interactions.
 *
 * queryCustomerTotals gives the same figures over the whole range per agent or team — the team
 * page's and the agent card's, beside queryScoreTotals — with the agent card's one exception to
 * the viewer's scope: an agent's team (`releasedTeam`, query-range-totals.server.ts).
 */
import { sql, type RawBuilder } from "kysely";
import type { z } from "zod";
import type { Database } from "../../lib/db.server";
import { DomainError, fieldErrorsOf } from "../../lib/errors";
import { customerRowsVisibleTo } from "../access/customer-report-scope.server";
import { interactionScope } from "../access/permissions";
import { assertReportFiltersVisible, reportRowsVisibleTo } from "../access/report-scope.server";
import type { Viewer } from "../users/roles";
import { qualityQuerySchema } from "./query-quality.server";
import type { RangeFilters, TotalsScope } from "./query-range-totals.server";
import { meanEstimate, sumsFromNumeric, type MeanEstimate } from "./statistics";

export interface CustomerKpiPoint {
  /** The group's id (team, agent or scorecard); null when grouped by organisation. */
  groupId: string | null;
  /** First day of the week (Monday) or month, YYYY-MM-DD. */
  periodStart: string;
  /** Conversations counted. */
  conversations: number;
  /** Conversations with a CSAT answer (the n of `csat`). */
  csatResponses: number;
  /** Mean CSAT in percent of the scale (0 = the lowest answer, 100 = the highest), with its t interval. */
  csat: MeanEstimate | null;
  /** Mean handling time in seconds, over the conversations with a known duration (its n), with its t interval. */
  handlingSeconds: MeanEstimate | null;
}

type Query = z.output<typeof qualityQuerySchema>;

interface Row {
  group_id: string | null;
  period_start: string;
  conversations: number;
  csat_n: number;
  csat_sum: string;
  csat_sum_sq: string;
  handled_n: number;
  handling_sum: string;
  handling_sum_sq: string;
}

/** Which source answers: the report rows when a review must tie the conversation in, else a customer roll-up. */
export function chooseCustomerSource(query: Query, ownOnly = false): "reviewed" | "rollup_customer_team_daily" | "rollup_customer_daily" {
  if (query.dateBasis === "review" || query.groupBy === "scorecard" || query.scorecardId !== undefined) return "reviewed";
  const teamLevel = !ownOnly && query.groupBy !== "agent" && query.agentId === undefined && query.channel === undefined && query.queue === undefined;
  return teamLevel ? "rollup_customer_team_daily" : "rollup_customer_daily";
}

export async function queryCustomerKpis(db: Database, viewer: Viewer, rawQuery: unknown): Promise<CustomerKpiPoint[]> {
  const parsed = qualityQuerySchema.safeParse(rawQuery);
  if (!parsed.success) throw new DomainError("invalid", parsed.error.issues.map((issue) => issue.message).join("; "), fieldErrorsOf(parsed.error.issues));
  const query = parsed.data;
  await assertReportFiltersVisible(db, viewer, query);
  return customerPoints(db, { viewer }, query, query.period);
}

/**
 * Per agent or team over the whole range (periodStart is the range's first day). The caller has
 * checked the filters against the viewer (assertReportFiltersVisible), as for queryScoreTotals;
 * `releasedTeam` counts a team's conversations for one of its agents (decision 0034).
 */
export async function queryCustomerTotals(db: Database, scope: TotalsScope, filters: RangeFilters, groupBy: "agent" | "team"): Promise<CustomerKpiPoint[]> {
  const points = await customerPoints(db, scope, { ...filters, groupBy, period: "month" }, "range");
  return points.filter((point) => point.groupId !== null);
}

async function customerPoints(db: Database, scope: TotalsScope, query: Query, period: Query["period"] | "range"): Promise<CustomerKpiPoint[]> {
  const source = chooseCustomerSource(query, "viewer" in scope && interactionScope(scope.viewer).kind === "own");
  const rows = source === "reviewed" ? await fromReviewed(db, scope, query, period) : await fromRollup(db, scope, query, period, source);
  return rows.map((row) => ({
    groupId: row.group_id,
    periodStart: row.period_start,
    conversations: row.conversations,
    csatResponses: row.csat_n,
    csat: meanEstimate(sumsFromNumeric(row.csat_n, row.csat_sum, row.csat_sum_sq)),
    handlingSeconds: inSeconds(meanEstimate(sumsFromNumeric(row.handled_n, row.handling_sum, row.handling_sum_sq))),
  }));
}

/** Milliseconds to seconds: a mean, its spread and its interval scale alike. */
function inSeconds(estimate: MeanEstimate | null): MeanEstimate | null {
  if (!estimate) return null;
  const s = (value: number) => value / 1000;
  return {
    n: estimate.n,
    mean: s(estimate.mean),
    sd: estimate.sd === null ? null : s(estimate.sd),
    halfWidth: estimate.halfWidth === null ? null : s(estimate.halfWidth),
    interval: estimate.interval ? { low: s(estimate.interval.low), high: s(estimate.interval.high) } : null,
  };
}

function filtersOn(query: Query, column: (name: string) => RawBuilder<unknown>, dayColumn: string): RawBuilder<boolean>[] {
  const filters: RawBuilder<boolean>[] = [sql`${column(dayColumn)} BETWEEN ${query.from}::date AND ${query.to}::date`];
  if (query.teamId) filters.push(sql`${column("team_id")} = ${query.teamId}`);
  if (query.agentId) filters.push(sql`${column("agent_id")} = ${query.agentId}`);
  if (query.scorecardId) filters.push(sql`${column("scorecard_id")} = ${query.scorecardId}`);
  if (query.channel) filters.push(sql`${column("channel")} = ${query.channel}`);
  if (query.queue) filters.push(sql`${column("queue")} = ${query.queue}`);
  return filters;
}

/** A week's or month's first day, or the range's first day for totals over the whole range. */
function periodStart(query: Query, period: Query["period"] | "range", day: RawBuilder<unknown>): RawBuilder<string> {
  return period === "range" ? sql<string>`${query.from}::text` : sql<string>`date_trunc(${period}, ${day})::date::text`;
}

/**
 * The rows a scope may count: the viewer's (the customer scope over the roll-ups, the report
 * scope over the report rows), or an agent's team — its conversations, and through the report
 * rows only reviews released (what the agent's own quality figures count).
 */
function scopeOn(scope: TotalsScope, alias: string, reviewed: boolean): RawBuilder<boolean> {
  if ("viewer" in scope) return reviewed ? reportRowsVisibleTo(scope.viewer, alias) : customerRowsVisibleTo(scope.viewer, alias);
  const team = sql<boolean>`${sql.ref(`${alias}.team_id`)} = ${scope.releasedTeam}`;
  return reviewed ? sql<boolean>`(${team} AND ${sql.ref(`${alias}.released`)})` : team;
}

async function fromRollup(db: Database, scope: TotalsScope, query: Query, period: Query["period"] | "range", table: string): Promise<Row[]> {
  const column = (name: string) => sql.ref(`s.${name}`);
  const group: RawBuilder<unknown> = query.groupBy === "organisation" ? sql<null>`NULL::uuid` : column(query.groupBy === "team" ? "team_id" : "agent_id");
  const filters = [...filtersOn(query, column, "conversation_day"), scopeOn(scope, "s", false)];
  const result = await sql<Row>`
    SELECT ${group} AS group_id, ${periodStart(query, period, column("conversation_day"))} AS period_start,
      sum(s.conversations)::int AS conversations,
      sum(s.csat_n)::int AS csat_n, sum(s.csat_sum)::text AS csat_sum, sum(s.csat_sum_sq)::text AS csat_sum_sq,
      sum(s.handled_n)::int AS handled_n, sum(s.handling_sum_ms)::text AS handling_sum, sum(s.handling_sum_sq)::text AS handling_sum_sq
    FROM ${sql.table(table)} s
    WHERE ${sql.join(filters, sql` AND `)}
    GROUP BY 1, 2
    HAVING sum(s.conversations) > 0
    ORDER BY 1, 2`.execute(db);
  return result.rows;
}

/** Conversations with a counting review: each once per group and period, however many reviews it has there. */
async function fromReviewed(db: Database, scope: TotalsScope, query: Query, period: Query["period"] | "range"): Promise<Row[]> {
  const column = (name: string) => sql.ref(`s.${name}`);
  const dayColumn = query.dateBasis === "review" ? "review_day" : "conversation_day";
  const group: RawBuilder<unknown> =
    query.groupBy === "organisation" ? sql<null>`NULL::uuid` : column({ team: "team_id", agent: "agent_id", scorecard: "scorecard_id" }[query.groupBy]);
  const filters = [...filtersOn(query, column, dayColumn), scopeOn(scope, "s", true)];
  const result = await sql<Row>`
    SELECT c.group_id, c.period_start,
      count(*)::int AS conversations,
      count(i.csat_percent)::int AS csat_n, coalesce(sum(i.csat_percent), 0)::text AS csat_sum,
      coalesce(sum(i.csat_percent * i.csat_percent), 0)::text AS csat_sum_sq,
      count(*) FILTER (WHERE i.duration_ms > 0)::int AS handled_n,
      coalesce(sum(i.duration_ms::numeric) FILTER (WHERE i.duration_ms > 0), 0)::text AS handling_sum,
      coalesce(sum(i.duration_ms::numeric * i.duration_ms) FILTER (WHERE i.duration_ms > 0), 0)::text AS handling_sum_sq
    FROM (
      SELECT DISTINCT e.interaction_id, ${group} AS group_id, ${periodStart(query, period, column(dayColumn))} AS period_start
      FROM report_evaluations s JOIN evaluations e ON e.id = s.evaluation_id
      WHERE ${sql.join(filters, sql` AND `)}
    ) c
    JOIN interactions i ON i.id = c.interaction_id
    GROUP BY 1, 2
    ORDER BY 1, 2`.execute(db);
  return result.rows;
}
