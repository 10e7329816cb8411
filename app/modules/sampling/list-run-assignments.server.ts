/**
 * A page of the assignments a run made (replacements included), by agent and then in the
 * run's ranking, optionally one agent's. Keyset-paged over (agent name, rank key, id): the
 * cursor is the last assignment's id, whose place in the order is read again, so pages never
 * skip or repeat rows and no page costs more than reading the run's assignments through
 * `assignments_run_idx` (never OFFSET).
 */
import { sql } from "kysely";
import type { Database } from "../../lib/db.server";
import type { Actor } from "../access/actor";
import { assertCan } from "../access/refusals";

export interface RunAssignmentRow {
  id: string;
  interactionId: string;
  agentName: string;
  customerName: string | null;
  channel: "call" | "chat" | "email";
  startedAt: Date;
  reviewerName: string;
  status: "open" | "done" | "skipped";
  skipReason: string | null;
  dueAt: Date;
}

export interface RunAssignmentsQuery {
  agentId?: string;
  /** The last assignment of the previous page. */
  after?: string;
  limit: number;
}

export async function listRunAssignments(
  db: Database,
  actor: Actor,
  runId: string,
  query: RunAssignmentsQuery,
): Promise<{ items: RunAssignmentRow[]; next: string | null }> {
  assertCan(actor, "sampling:manage");
  const order = sql`(agent.name, coalesce(assignments.rank_key, ''), assignments.id)`;
  let q = db
    .selectFrom("assignments")
    .innerJoin("interactions", "interactions.id", "assignments.interaction_id")
    .innerJoin("users as agent", "agent.id", "interactions.agent_id")
    .innerJoin("users as reviewer", "reviewer.id", "assignments.reviewer_id")
    .select([
      "assignments.id",
      "assignments.interaction_id",
      "assignments.status",
      "assignments.skip_reason",
      "assignments.due_at",
      "agent.name as agent_name",
      "interactions.customer_name",
      "interactions.channel",
      "interactions.started_at",
      "reviewer.name as reviewer_name",
    ])
    .where("assignments.run_id", "=", runId)
    .orderBy("agent.name")
    .orderBy(sql`coalesce(assignments.rank_key, '')`)
    .orderBy("assignments.id")
    .limit(query.limit + 1);
  if (query.agentId) q = q.where("interactions.agent_id", "=", query.agentId);
  if (query.after) {
    q = q.where(
      sql<boolean>`${order} > (
        SELECT c_agent.name, coalesce(c.rank_key, ''), c.id
        FROM assignments c
        JOIN interactions c_interaction ON c_interaction.id = c.interaction_id
        JOIN users c_agent ON c_agent.id = c_interaction.agent_id
        WHERE c.id = ${query.after} AND c.run_id = ${runId})`,
    );
  }
  const rows = await q.execute();
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((row) => ({
      id: row.id,
      interactionId: row.interaction_id,
      agentName: row.agent_name,
      customerName: row.customer_name,
      channel: row.channel as RunAssignmentRow["channel"],
      startedAt: row.started_at,
      reviewerName: row.reviewer_name,
      status: row.status as RunAssignmentRow["status"],
      skipReason: row.skip_reason,
      dueAt: row.due_at,
    })),
    next: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
