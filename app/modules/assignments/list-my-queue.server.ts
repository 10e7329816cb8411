/**
 * "My queue": a reviewer's open assignments, due soonest first, keyset-paged on
 * (due_at, id) over `assignments_reviewer_queue_idx`, with the counts shown above it.
 */
import { sql } from "kysely";
import type { Database } from "../../lib/db.server";
import type { Viewer } from "../users/roles";

export interface QueueItem {
  id: string;
  interactionId: string;
  channel: "call" | "chat" | "email";
  startedAt: Date;
  durationMs: number;
  agentName: string;
  queue: string | null;
  scorecardName: string;
  /** The rule that drew it, or the name it had when it was deleted; null for manual work. */
  ruleName: string | null;
  ruleDeleted: boolean;
  runId: string | null;
  dueAt: Date;
  overdue: boolean;
}

export interface QueueCounts {
  open: number;
  overdue: number;
  dueWithinDay: number;
  doneLast7Days: number;
}

export async function listMyQueue(
  db: Database,
  viewer: Viewer,
  query: { after?: { dueAt: Date; id: string }; limit: number; now?: Date },
): Promise<{ items: QueueItem[]; next: { dueAt: Date; id: string } | null; counts: QueueCounts }> {
  const now = query.now ?? new Date();
  let q = db
    .selectFrom("assignments")
    .innerJoin("interactions", "interactions.id", "assignments.interaction_id")
    .innerJoin("users as agent", "agent.id", "interactions.agent_id")
    .innerJoin("scorecards", "scorecards.id", "assignments.scorecard_id")
    .leftJoin("sampling_rules", "sampling_rules.id", "assignments.rule_id")
    .select([
      "assignments.id",
      "assignments.interaction_id",
      "assignments.due_at",
      "assignments.run_id",
      "interactions.channel",
      "interactions.started_at",
      "interactions.duration_ms",
      "interactions.queue",
      "agent.name as agent_name",
      "scorecards.name as scorecard_name",
      "sampling_rules.name as rule_name",
      "assignments.deleted_rule_name",
    ])
    .where("assignments.reviewer_id", "=", viewer.id)
    .where("assignments.status", "=", "open")
    .orderBy("assignments.due_at")
    .orderBy("assignments.id")
    .limit(query.limit + 1);
  const after = query.after;
  if (after) q = q.where((eb) => eb(eb.refTuple("assignments.due_at", "assignments.id"), ">", eb.tuple(after.dueAt, after.id)));

  const [rows, counts] = await Promise.all([q.execute(), queueCounts(db, viewer.id, now)]);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      id: row.id,
      interactionId: row.interaction_id,
      channel: row.channel as QueueItem["channel"],
      startedAt: row.started_at,
      durationMs: row.duration_ms,
      agentName: row.agent_name,
      queue: row.queue,
      scorecardName: row.scorecard_name,
      ruleName: row.rule_name ?? row.deleted_rule_name,
      ruleDeleted: row.rule_name === null && row.deleted_rule_name !== null,
      runId: row.run_id,
      dueAt: row.due_at,
      overdue: row.due_at.getTime() < now.getTime(),
    })),
    next: rows.length > query.limit && last ? { dueAt: last.due_at, id: last.id } : null,
    counts,
  };
}

async function queueCounts(db: Database, reviewerId: string, now: Date): Promise<QueueCounts> {
  const dayAhead = new Date(now.getTime() + 24 * 3_600_000);
  const weekAgo = new Date(now.getTime() - 7 * 24 * 3_600_000);
  const row = await db
    .selectFrom("assignments")
    .select([
      sql<number>`count(*) FILTER (WHERE status = 'open')::int`.as("open"),
      sql<number>`count(*) FILTER (WHERE status = 'open' AND due_at < ${now})::int`.as("overdue"),
      sql<number>`count(*) FILTER (WHERE status = 'open' AND due_at >= ${now} AND due_at < ${dayAhead})::int`.as("dueWithinDay"),
      sql<number>`count(*) FILTER (WHERE status = 'done' AND closed_at >= ${weekAgo})::int`.as("doneLast7Days"),
    ])
    .where("reviewer_id", "=", reviewerId)
    .where((eb) => eb.or([eb("status", "=", "open"), eb.and([eb("status", "=", "done"), eb("closed_at", ">=", weekAgo)])]))
    .executeTakeFirstOrThrow();
  return row;
}
