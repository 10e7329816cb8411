/**
 * "My feedback" (issue 13 §2): the released, non-void review evaluations of the agent's own
 * conversations, what waits for their acknowledgement first, then newest released first;
 * keyset-paged on (awaiting, released_at, id), never OFFSET. Visibility is the evaluation
 * scope, so nothing unreleased, void-hidden or of another agent can reach the page.
 */
import { sql } from "kysely";
import type { Database } from "../../lib/db.server";
import { DomainError } from "../../lib/errors";
import { scopeEvaluations } from "../evaluations/evaluation-scope.server";
import type { Viewer } from "../users/roles";
import type { FeedbackCursor } from "./feedback-cursor";

export interface FeedbackItem {
  evaluationId: string;
  interactionId: string;
  channel: "call" | "chat" | "email";
  conversationStartedAt: Date;
  scorecardName: string;
  reviewerName: string;
  score: number | null;
  passed: boolean;
  autoFailed: boolean;
  releasedAt: Date;
  awaitingAcknowledgement: boolean;
}

export interface FeedbackPage {
  items: FeedbackItem[];
  next: FeedbackCursor | null;
}

export async function listMyFeedback(db: Database, viewer: Viewer, query: { after?: FeedbackCursor; limit: number }): Promise<FeedbackPage> {
  if (viewer.role !== "agent") throw new DomainError("forbidden", "My feedback lists the evaluations of an agent's own conversations.");
  // Acknowledgement (issue 13 §3) is not asked for yet: nothing waits.
  const awaiting = sql<number>`cast(0 as integer)`;
  let q = scopeEvaluations(db.selectFrom("evaluations").innerJoin("interactions", "interactions.id", "evaluations.interaction_id"), viewer)
    .innerJoin("scorecards", "scorecards.id", "evaluations.scorecard_id")
    .innerJoin("users as reviewer", "reviewer.id", "evaluations.reviewer_id")
    .select([
      "evaluations.id",
      "evaluations.interaction_id",
      "evaluations.score",
      "evaluations.passed",
      "evaluations.auto_failed",
      "evaluations.released_at",
      "interactions.channel",
      "interactions.started_at",
      "scorecards.name as scorecard_name",
      "reviewer.name as reviewer_name",
      awaiting.as("awaiting"),
    ])
    .where("evaluations.status", "=", "submitted")
    .where("evaluations.released_at", "is not", null)
    .orderBy(awaiting, "desc")
    .orderBy("evaluations.released_at", "desc")
    .orderBy("evaluations.id", "desc")
    .limit(query.limit + 1);
  const after = query.after;
  if (after) {
    q = q.where((eb) => eb(eb.tuple(awaiting, eb.ref("evaluations.released_at"), eb.ref("evaluations.id")), "<", eb.tuple(after.awaiting, after.releasedAt, after.id)));
  }
  const rows = await q.execute();
  const items = rows.slice(0, query.limit).map(
    (row): FeedbackItem => ({
      evaluationId: row.id,
      interactionId: row.interaction_id,
      channel: row.channel as FeedbackItem["channel"],
      conversationStartedAt: row.started_at,
      scorecardName: row.scorecard_name,
      reviewerName: row.reviewer_name,
      score: row.score,
      passed: row.passed ?? false,
      autoFailed: row.auto_failed,
      releasedAt: row.released_at as Date,
      awaitingAcknowledgement: Number(row.awaiting) === 1,
    }),
  );
  const last = items.at(-1);
  return {
    items,
    next: rows.length > query.limit && last ? { awaiting: last.awaitingAcknowledgement ? 1 : 0, releasedAt: last.releasedAt, id: last.evaluationId } : null,
  };
}
