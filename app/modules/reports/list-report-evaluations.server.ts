/**
 * The drill-down (issue 14 §3, `/reports/evaluations`): the evaluations behind a report's
 * number. It reads the same rows the roll-ups are built from (report_evaluations and, for a
 * question, report_question_results), with the same filters and the same report scope, so its
 * count is the n of the number that linked here. Keyset-paged, newest first by the date basis.
 *
 * Beyond the report filters (report-filters.ts) the URL may name:
 * - `question`: a question key (`id#fingerprint`, what the criteria figures group by) or a
 *   question id (every meaning of it); only evaluations with a result for it count;
 * - `reviewer`: the reviewer's user id;
 * - `outcome`: without a question, of the evaluation — `pass`, `fail` (not passed), `autofail`;
 *   with a question, of its result — `pass` (q ≥ 0.5), `fail` (q < 0.5), `autofail` (critical
 *   failed), `na` (answered N/A), `answered` (not N/A). These are the roll-ups' own rules
 *   (decision 0023), so "pass rate 3 of 4" drills down to those 3.
 */
import { sql, type RawBuilder } from "kysely";
import { z } from "zod";
import type { Database } from "../../lib/db.server";
import { DomainError, fieldErrorsOf } from "../../lib/errors";
import { reportRowsVisibleTo, assertReportFiltersVisible } from "../access/report-scope.server";
import { dueCursorSchema, encodeDueCursor, type DueCursor } from "../assignments/due";
import type { Viewer } from "../users/roles";
import { parseReportFilters, type ReportFilterValues, type ReportFilters } from "./report-filters";

export const drillOutcomes = ["pass", "fail", "autofail", "na", "answered"] as const;
export type DrillOutcome = (typeof drillOutcomes)[number];

const blankToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);

const drillSchema = z
  .object({
    question: z.preprocess(blankToUndefined, z.string().max(200, { error: "Not a question of a scorecard" }).optional()),
    reviewer: z.preprocess(blankToUndefined, z.uuid({ error: "Not a reviewer id" }).optional()),
    outcome: z.preprocess(blankToUndefined, z.enum(drillOutcomes, { error: "The outcome is pass, fail, autofail, na or answered" }).optional()),
    // The cursor is a moment and an id, as the queue's (assignments/due.ts).
    after: dueCursorSchema,
  })
  .superRefine((value, ctx) => {
    if (!value.question && (value.outcome === "na" || value.outcome === "answered"))
      ctx.addIssue({ code: "custom", path: ["outcome"], message: "N/A and answered are outcomes of a question: name the question too" });
  });

export interface DrillDownQuery {
  filters: ReportFilters;
  values: ReportFilterValues & { question: string; reviewer: string; outcome: string };
  question?: string;
  reviewerId?: string;
  outcome?: DrillOutcome;
  after?: DueCursor;
}

/** The drill-down's query from the URL; bad input is an `invalid` DomainError, one message per URL field. */
export function parseDrillDown(params: URLSearchParams, clock: { now: Date; timeZone: string }): DrillDownQuery {
  const report = parseReportFilters(params, clock);
  const drill = drillSchema.safeParse({ question: params.get("question"), reviewer: params.get("reviewer"), outcome: params.get("outcome"), after: params.get("after") ?? undefined });
  const issues = [...(report.ok ? [] : [report.error]), ...(drill.success ? [] : [new DomainError("invalid", drill.error.issues.map((issue) => issue.message).join("; "), fieldErrorsOf(drill.error.issues))])];
  if (!report.ok || !drill.success) {
    throw new DomainError(
      "invalid",
      issues.map((issue) => issue.message).join("; "),
      Object.assign({}, ...issues.map((issue) => issue.fieldErrors)) as Record<string, string>,
    );
  }
  return {
    filters: report.filters,
    values: { ...report.values, question: params.get("question") ?? "", reviewer: params.get("reviewer") ?? "", outcome: params.get("outcome") ?? "" },
    question: drill.data.question,
    reviewerId: drill.data.reviewer,
    outcome: drill.data.outcome,
    after: drill.data.after,
  };
}

export interface DrillDownItem {
  evaluationId: string;
  interactionId: string;
  agentName: string;
  teamName: string | null;
  scorecardName: string;
  reviewerName: string;
  conversationAt: Date;
  reviewedAt: Date;
  score: number | null;
  passed: boolean;
  autoFailed: boolean;
  released: boolean;
  /** With a question: its q (0–1), null when N/A. */
  questionQ?: number | null;
}

export interface DrillDownPage {
  /** Every evaluation behind the number, over all pages: the number's n. */
  total: number;
  items: DrillDownItem[];
  next: DueCursor | null;
}

/** The filters as conditions on report_evaluations `s` (and the question's row `r`). */
function conditions(viewer: Viewer, query: DrillDownQuery): RawBuilder<boolean>[] {
  const { filters } = query;
  const day = filters.dateBasis === "review" ? sql.ref("s.review_day") : sql.ref("s.conversation_day");
  const where: RawBuilder<boolean>[] = [sql`${day} BETWEEN ${filters.from}::date AND ${filters.to}::date`, reportRowsVisibleTo(viewer, "s")];
  if (filters.teamId) where.push(sql`s.team_id = ${filters.teamId}`);
  if (filters.agentId) where.push(sql`s.agent_id = ${filters.agentId}`);
  if (filters.scorecardId) where.push(sql`s.scorecard_id = ${filters.scorecardId}`);
  if (filters.channel) where.push(sql`s.channel = ${filters.channel}`);
  if (filters.queue) where.push(sql`s.queue = ${filters.queue}`);
  if (query.reviewerId) where.push(sql`e.reviewer_id = ${query.reviewerId}`);
  if (query.question) {
    const column = query.question.includes("#") ? sql.ref("r.question_key") : sql.ref("r.question_id");
    where.push(sql`${column} = ${query.question}`);
    const outcome = {
      pass: sql<boolean>`NOT r.na AND r.q >= 0.5`,
      fail: sql<boolean>`NOT r.na AND r.q < 0.5`,
      autofail: sql<boolean>`r.critical_failed`,
      na: sql<boolean>`r.na`,
      answered: sql<boolean>`NOT r.na`,
    };
    if (query.outcome) where.push(outcome[query.outcome]);
  } else if (query.outcome) {
    const outcome = { pass: sql<boolean>`s.passed`, fail: sql<boolean>`NOT s.passed`, autofail: sql<boolean>`s.auto_failed`, na: sql<boolean>`false`, answered: sql<boolean>`false` };
    where.push(outcome[query.outcome]);
  }
  return where;
}

export async function listReportEvaluations(db: Database, viewer: Viewer, query: DrillDownQuery, { limit }: { limit: number }): Promise<DrillDownPage> {
  await assertReportFiltersVisible(db, viewer, query.filters);
  const moment = query.filters.dateBasis === "review" ? sql.ref("s.reviewed_at") : sql.ref("s.conversation_at");
  // A question's rows: one per evaluation and question key; a question id may have had two keys
  // over its versions, but one evaluation is scored with one version, so still one row each.
  const questionJoin = query.question ? sql`JOIN report_question_results r ON r.evaluation_id = s.evaluation_id` : sql``;
  const where = conditions(viewer, query);
  const from = sql`FROM report_evaluations s JOIN evaluations e ON e.id = s.evaluation_id ${questionJoin}`;
  const pageWhere = query.after
    ? [...where, sql<boolean>`(date_trunc('milliseconds', ${moment}), s.evaluation_id) < (${query.after.dueAt.toISOString()}::timestamptz, ${query.after.id}::uuid)`]
    : where;
  const [count, rows] = await Promise.all([
    sql<{ total: number }>`SELECT count(*)::int AS total ${from} WHERE ${sql.join(where, sql` AND `)}`.execute(db),
    sql<{
      evaluation_id: string;
      interaction_id: string;
      agent_name: string;
      team_name: string | null;
      scorecard_name: string;
      reviewer_name: string;
      conversation_at: Date;
      reviewed_at: Date;
      moment: Date;
      score: string | null;
      passed: boolean;
      auto_failed: boolean;
      released: boolean;
      q: string | null;
    }>`
      SELECT s.evaluation_id, e.interaction_id, agent.name AS agent_name, team.name AS team_name, scorecard.name AS scorecard_name,
        reviewer.name AS reviewer_name, s.conversation_at, s.reviewed_at, date_trunc('milliseconds', ${moment}) AS moment,
        s.score::text AS score, s.passed, s.auto_failed, s.released, ${query.question ? sql`r.q::text` : sql`NULL::text`} AS q
      ${from}
      JOIN users agent ON agent.id = s.agent_id
      JOIN users reviewer ON reviewer.id = e.reviewer_id
      JOIN scorecards scorecard ON scorecard.id = s.scorecard_id
      LEFT JOIN teams team ON team.id = s.team_id
      WHERE ${sql.join(pageWhere, sql` AND `)}
      ORDER BY date_trunc('milliseconds', ${moment}) DESC, s.evaluation_id DESC
      LIMIT ${limit + 1}`.execute(db),
  ]);
  const items = rows.rows.slice(0, limit).map(
    (row): DrillDownItem => ({
      evaluationId: row.evaluation_id,
      interactionId: row.interaction_id,
      agentName: row.agent_name,
      teamName: row.team_name,
      scorecardName: row.scorecard_name,
      reviewerName: row.reviewer_name,
      conversationAt: row.conversation_at,
      reviewedAt: row.reviewed_at,
      score: row.score === null ? null : Number(row.score),
      passed: row.passed,
      autoFailed: row.auto_failed,
      released: row.released,
      ...(query.question ? { questionQ: row.q === null ? null : Number(row.q) } : {}),
    }),
  );
  const last = rows.rows[limit - 1];
  return { total: count.rows[0]?.total ?? 0, items, next: rows.rows.length > limit && last ? { dueAt: new Date(last.moment), id: last.evaluation_id } : null };
}

export { encodeDueCursor as encodeDrillCursor };
