/**
 * GET /api/v1/disputes: the disputes queue of the pages (listDisputes: the same scope — the
 * arbiters every one, a reviewer those of their own work, a supervisor their teams', an agent
 * their own — and the same filters), oldest due first, keyset-paged on (due_at, id), as JSON.
 * No answers are listed, so nothing hidden from agents can be.
 */
import type { Database } from "../../lib/db.server";
import { DomainError } from "../../lib/errors";
import { encodeDueCursor } from "../assignments/due";
import { listDisputes } from "../disputes/list-disputes.server";
import type { Viewer } from "../users/roles";
import { disputeCursorSchema, type DisputeListQuery, type DisputeSummaryJson } from "./dispute-api.schema";

export async function listApiDisputes(db: Database, viewer: Viewer, query: DisputeListQuery, now = new Date()): Promise<{ items: DisputeSummaryJson[]; nextCursor: string | null }> {
  const cursor = disputeCursorSchema.safeParse(query.cursor);
  if (!cursor.success) {
    const message = "cursor must be the nextCursor of a previous page";
    throw new DomainError("invalid", `The query has an invalid field: cursor: ${message}.`, { cursor: message });
  }
  const { items, next } = await listDisputes(db, viewer, {
    status: query.status,
    overdueOnly: query.overdue === "true",
    scorecardId: query.scorecard,
    reviewerId: query.reviewer,
    teamId: query.team,
    after: cursor.data,
    limit: query.limit,
    now,
  });
  return {
    items: items.map((item) => ({
      id: item.id,
      evaluationId: item.evaluationId,
      state: item.state,
      raisedAt: item.raisedAt.toISOString(),
      dueAt: item.dueAt.toISOString(),
      overdue: item.overdue,
      agent: item.agentName,
      reviewer: item.reviewerName,
      raisedBy: item.raisedByName,
      takenBy: item.takenByName,
      scorecard: item.scorecardName,
      questionCount: item.questionCount,
    })),
    nextCursor: next ? encodeDueCursor(next) : null,
  };
}
