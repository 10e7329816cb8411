/**
 * "My queue": a reviewer's open assignments, due soonest first, keyset-paged on
 * (due_at, id) over `assignments_reviewer_queue_idx`, with the counts shown above it.
 */
import { sql } from "kysely";
import type { Database } from "../../lib/db.server";
import type { Viewer } from "../users/roles";
import { openAssignmentsPage, toOpenAssignmentsPage, type OpenAssignmentBase } from "./open-assignments.server";

export interface QueueItem extends OpenAssignmentBase {
  durationMs: number;
  queue: string | null;
  runId: string | null;
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
  const q = openAssignmentsPage(db, query)
    .select(["assignments.run_id", "interactions.duration_ms", "interactions.queue"])
    .where("assignments.reviewer_id", "=", viewer.id);
  const [rows, counts] = await Promise.all([q.execute(), queueCounts(db, viewer.id, now)]);
  const page = toOpenAssignmentsPage(rows, query.limit, now, (row) => ({ durationMs: row.duration_ms, queue: row.queue, runId: row.run_id }));
  return { ...page, counts };
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
