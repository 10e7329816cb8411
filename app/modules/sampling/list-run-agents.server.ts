/**
 * A page of a run's per-agent tallies: agents with a shortfall first (most short first), then
 * by name, so what needs the lead's attention is on page one. The tallies live in the run
 * row (`per_agent`, one entry per agent the run reports on: a few thousand at most), so a
 * page unpacks that one row and sorts it, bounded by the run, not by the interactions table.
 * Keyset-paged: the cursor is the last agent's id, whose place in the order is read again.
 */
import { sql } from "kysely";
import type { Database } from "../../lib/db.server";
import type { Actor } from "../access/actor";
import { assertCan } from "../access/refusals";
import type { AgentPlan } from "./plan-sample.server";

export interface RunAgentRow extends AgentPlan {
  agentName: string;
}

export interface RunAgentsQuery {
  /** Only the agents with a shortfall. */
  shortOnly?: boolean;
  /** The last agent of the previous page. */
  after?: string;
  limit: number;
}

export async function listRunAgents(db: Database, actor: Actor, runId: string, query: RunAgentsQuery): Promise<{ items: RunAgentRow[]; next: string | null }> {
  assertCan(actor, "sampling:manage");
  const short = query.shortOnly ? sql`WHERE t.shortfall > 0` : sql``;
  const after = query.after
    ? sql`${query.shortOnly ? sql`AND` : sql`WHERE`} (-t.shortfall, t.agent_name, t.agent_id) > (SELECT -c.shortfall, c.agent_name, c.agent_id FROM tallies c WHERE c.agent_id = ${query.after})`
    : sql``;
  const { rows } = await sql<{ agent_id: string; agent_name: string; matched: number; taken: number; wanted: number; drawn: number; shortfall: number }>`
    WITH tallies AS (
      SELECT a."agentId" AS agent_id, coalesce(u.name, 'Unknown agent') AS agent_name, a.matched, a.taken, a.wanted, a.drawn, a.shortfall
      FROM sampling_runs r
      CROSS JOIN LATERAL jsonb_to_recordset(r.per_agent) AS a("agentId" uuid, matched int, taken int, wanted int, drawn int, shortfall int)
      LEFT JOIN users u ON u.id = a."agentId"
      WHERE r.id = ${runId}
    )
    SELECT * FROM tallies t
    ${short} ${after}
    ORDER BY -t.shortfall, t.agent_name, t.agent_id
    LIMIT ${query.limit + 1}`.execute(db);
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((row) => ({
      agentId: row.agent_id,
      agentName: row.agent_name,
      matched: row.matched,
      taken: row.taken,
      wanted: row.wanted,
      drawn: row.drawn,
      shortfall: row.shortfall,
    })),
    next: rows.length > query.limit ? (page.at(-1)?.agent_id ?? null) : null,
  };
}
