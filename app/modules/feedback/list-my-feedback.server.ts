/**
 * "My feedback" (issue 13 §2): the released, non-void review evaluations of the agent's own
 * conversations, what waits for their acknowledgement first, then newest released first;
 * keyset-paged on (awaiting, released_at, id), never OFFSET. Visibility is the evaluation
 * scope, so nothing unreleased, void-hidden or of another agent can reach the page.
 */
import { sql } from "kysely";
import type { Database } from "../../lib/db.server";
import { DomainError } from "../../lib/errors";
import { scopeEvaluations } from "../access/evaluation-scope.server";
import type { Viewer } from "../users/roles";
import { acknowledgementOverdue, awaitingAcknowledgement } from "./acknowledgement-query.server";
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
  /** Awaiting, required, and past its due day in the organisation's zone. */
  acknowledgementOverdue: boolean;
}

export interface FeedbackPage {
  items: FeedbackItem[];
  next: FeedbackCursor | null;
}

export interface FeedbackQuery {
  after?: FeedbackCursor;
  limit: number;
  now: Date;
  /** The organisation's: due days end at its midnight. */
  timeZone: string;
}

const requireAgent = (viewer: Viewer) => {
  if (viewer.role !== "agent") throw new DomainError("forbidden", "My feedback lists the evaluations of an agent's own conversations.");
};

/** The agent's released evaluations (the evaluation scope), joined to their scorecards. */
function myReleasedEvaluations(db: Database, viewer: Viewer) {
  return scopeEvaluations(db.selectFrom("evaluations").innerJoin("interactions", "interactions.id", "evaluations.interaction_id"), viewer)
    .innerJoin("scorecards", "scorecards.id", "evaluations.scorecard_id")
    .where("evaluations.status", "=", "submitted")
    .where("evaluations.released_at", "is not", null);
}

export async function listMyFeedback(db: Database, viewer: Viewer, query: FeedbackQuery): Promise<FeedbackPage> {
  requireAgent(viewer);
  const awaiting = sql<number>`(CASE WHEN ${awaitingAcknowledgement} THEN 1 ELSE 0 END)`;
  // To the millisecond, as the cursor's Date holds it, so paging neither skips nor repeats a row.
  const releasedAt = sql<Date>`date_trunc('milliseconds', evaluations.released_at)`;
  let q = myReleasedEvaluations(db, viewer)
    .innerJoin("users as reviewer", "reviewer.id", "evaluations.reviewer_id")
    .select([
      "evaluations.id",
      "evaluations.interaction_id",
      "evaluations.score",
      "evaluations.passed",
      "evaluations.auto_failed",
      releasedAt.as("released_at"),
      "interactions.channel",
      "interactions.started_at",
      "scorecards.name as scorecard_name",
      "reviewer.name as reviewer_name",
      awaiting.as("awaiting"),
      acknowledgementOverdue(query.now, query.timeZone).as("overdue"),
    ])
    .orderBy(awaiting, "desc")
    .orderBy(releasedAt, "desc")
    .orderBy("evaluations.id", "desc")
    .limit(query.limit + 1);
  const after = query.after;
  if (after) {
    q = q.where((eb) => eb(eb.tuple(awaiting, releasedAt, eb.ref("evaluations.id")), "<", eb.tuple(after.awaiting, after.releasedAt, after.id)));
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
      releasedAt: row.released_at,
      awaitingAcknowledgement: Number(row.awaiting) === 1,
      acknowledgementOverdue: row.overdue,
    }),
  );
  const last = items.at(-1);
  return {
    items,
    next: rows.length > query.limit && last ? { awaiting: last.awaitingAcknowledgement ? 1 : 0, releasedAt: last.releasedAt, id: last.evaluationId } : null,
  };
}

/** What waits for the agent (their home): evaluations to acknowledge, and how many of them are overdue. */
export async function countMyWaitingFeedback(db: Database, viewer: Viewer, now: Date, timeZone: string): Promise<{ awaiting: number; overdue: number }> {
  requireAgent(viewer);
  const row = await myReleasedEvaluations(db, viewer)
    .select((eb) => [
      eb.fn.countAll<string>().filterWhere(awaitingAcknowledgement).as("awaiting"),
      eb.fn.countAll<string>().filterWhere(acknowledgementOverdue(now, timeZone)).as("overdue"),
    ])
    .executeTakeFirstOrThrow();
  return { awaiting: Number(row.awaiting), overdue: Number(row.overdue) };
}
