/**
 * The filters of the per-question and per-reviewer reports (query-criteria, query-reviewers):
 * the same fields, messages and range rules as queryQuality's (period, from, to, date basis,
 * team, agent, scorecard, channel, queue), without a grouping — the grouping is the report's.
 * Kept beside queryQuality's schema rather than in it so neither report's change moves the other.
 */
import { sql, type RawBuilder } from "kysely";
import { z } from "zod";
import { DomainError, fieldErrorsOf } from "../../lib/errors";
import { MAX_REPORT_DAYS } from "./query-quality.server";

const day = z.iso.date({ error: "Use a date as YYYY-MM-DD" });

export const breakdownFields = {
  period: z.enum(["week", "month"], { error: "The period is week or month" }).default("month"),
  from: day,
  to: day,
  dateBasis: z.enum(["conversation", "review"], { error: "The date basis is conversation or review" }).default("conversation"),
  teamId: z.uuid({ error: "Not a team id" }).optional(),
  agentId: z.uuid({ error: "Not an agent id" }).optional(),
  scorecardId: z.uuid({ error: "Not a scorecard id" }).optional(),
  channel: z.string().min(1).optional(),
  queue: z.string().min(1).optional(),
};

/** The range rules every report shares: an end on or after the start, at most MAX_REPORT_DAYS days. */
export function checkRange(query: { from: string; to: string }, ctx: z.RefinementCtx): void {
  if (query.from > query.to) ctx.addIssue({ code: "custom", path: ["to"], message: "The period ends before it starts: choose an end on or after the start" });
  const days = rangeDays(query);
  if (days > MAX_REPORT_DAYS) ctx.addIssue({ code: "custom", path: ["from"], message: `A report covers at most ${MAX_REPORT_DAYS} days; this range has ${days}` });
}

export const rangeDays = ({ from, to }: { from: string; to: string }) => (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;

export const breakdownQuerySchema = z.object(breakdownFields).superRefine(checkRange);
export type BreakdownQuery = z.output<typeof breakdownQuerySchema>;

/** Parses with `schema`; bad input is a 422 whose message lists every problem (as queryQuality's). */
export function parseReportQuery<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new DomainError("invalid", parsed.error.issues.map((issue) => issue.message).join("; "), fieldErrorsOf(parsed.error.issues));
  return parsed.data;
}

/** The filter conditions over a report table or roll-up aliased `alias` (the day column named). */
export function filterConditions(query: BreakdownQuery, alias: string, dayColumn: string): RawBuilder<boolean>[] {
  const column = (name: string) => sql.ref(`${alias}.${name}`);
  const filters: RawBuilder<boolean>[] = [sql<boolean>`${column(dayColumn)} BETWEEN ${query.from}::date AND ${query.to}::date`];
  if (query.teamId) filters.push(sql<boolean>`${column("team_id")} = ${query.teamId}`);
  if (query.agentId) filters.push(sql<boolean>`${column("agent_id")} = ${query.agentId}`);
  if (query.scorecardId) filters.push(sql<boolean>`${column("scorecard_id")} = ${query.scorecardId}`);
  if (query.channel) filters.push(sql<boolean>`${column("channel")} = ${query.channel}`);
  if (query.queue) filters.push(sql<boolean>`${column("queue")} = ${query.queue}`);
  return filters;
}

export const isFirstOfMonth = (date: string) => date.endsWith("-01");
export const isLastOfMonth = (date: string) => {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.getUTCDate() === 1;
};
