/**
 * Per-criterion figures for coaching, read from the per-question daily roll-up (decision 0023):
 * for one agent, or for a team's agents without a coaching plan on the criterion (the peers of
 * the effect, docs/decisions/0031). Days are conversation days in the organisation's zone, as
 * the roll-up keys them. A criterion is a question_key (a question across versions while it
 * keeps its meaning). Counted: scored answers (N/A is no evidence either way); released or not
 * (coaches see every review of their agents).
 */
import { sql } from "kysely";
import type { Database } from "../../lib/db.server";
import { sumsFromNumeric, type Sums } from "../reports/statistics";
import { percentSums } from "./effect";

export interface FigureQuery {
  scorecardId: string;
  questionKeys: readonly string[];
  from: string;
  to: string;
}

/**
 * One agent; or a team's other agents — when `uncoached` is given, only those with no plan on the
 * criterion running at any time between its days (the whole span of the effect's two windows,
 * so the same agents count before and after).
 */
export type Who = { agentId: string } | { teamId: string; exceptAgentId: string; uncoached: { from: string; to: string } | null };

/** Σ, Σ² of q as percentages per criterion; a criterion with no evaluations has n = 0. */
export async function criterionSums(db: Database, query: FigureQuery, who: Who): Promise<Map<string, Sums>> {
  const result = new Map<string, Sums>(query.questionKeys.map((key) => [key, { n: 0, sum: 0, sumSquares: 0, centredSquares: 0 }]));
  if (query.questionKeys.length === 0 || query.from > query.to) return result;
  const whom =
    "agentId" in who
      ? sql`r.agent_id = ${who.agentId}`
      : who.uncoached === null
        ? sql`r.team_id = ${who.teamId} AND r.agent_id <> ${who.exceptAgentId}`
        : // The team's other agents with no plan on this criterion that was running in the windows.
          sql`r.team_id = ${who.teamId} AND r.agent_id <> ${who.exceptAgentId} AND NOT EXISTS (
            SELECT 1 FROM coaching_plans p JOIN coaching_plan_criteria c ON c.plan_id = p.id
            WHERE p.agent_id = r.agent_id AND c.question_key = r.question_key
              AND p.created_at::date <= ${who.uncoached.to}::date
              AND (p.closed_at IS NULL OR p.closed_at::date >= ${who.uncoached.from}::date))`;
  const rows = await sql<{ question_key: string; n: number; sum: string; sum_sq: string }>`
    SELECT r.question_key, sum(r.n - r.na)::int AS n, sum(r.sum_q)::text AS sum, sum(r.sum_q_sq)::text AS sum_sq
    FROM rollup_daily_questions r
    WHERE r.scorecard_id = ${query.scorecardId}
      AND r.question_key IN (${sql.join(query.questionKeys)})
      AND r.conversation_day BETWEEN ${query.from}::date AND ${query.to}::date
      AND ${whom}
    GROUP BY r.question_key`.execute(db);
  for (const row of rows.rows) result.set(row.question_key, percentSums(sumsFromNumeric(row.n, row.sum, row.sum_sq)));
  return result;
}
