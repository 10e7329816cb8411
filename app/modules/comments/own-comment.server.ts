/**
 * The comment its author is about to edit or delete, locked: 404 when the viewer does not take
 * part in its thread (or it does not exist), 403 when it is somebody else's or its ten minutes
 * are over, 409 when it was already deleted or its evaluation voided.
 */
import { z } from "zod";
import type { Database } from "../../lib/db.server";
import { DomainError, notFound } from "../../lib/errors";
import { assertThreadOpen, loadThreadEvaluation } from "../access/comment-thread-scope.server";
import { forbidden } from "../access/refusals";
import type { Viewer } from "../users/roles";
import { COMMENT_EDIT_WINDOW_MS, withinEditWindow } from "./comment.schema";

export interface OwnComment {
  id: string;
  evaluationId: string;
  body: string;
}

export async function loadOwnCommentForChange(trx: Database, viewer: Viewer, commentId: string, now: Date): Promise<OwnComment> {
  if (!z.uuid().safeParse(commentId).success) throw notFound("Comment");
  const comment = await trx
    .selectFrom("evaluation_comments")
    .select(["id", "evaluation_id", "author_id", "body", "created_at", "deleted_at"])
    .where("id", "=", commentId)
    .forUpdate()
    .executeTakeFirst();
  if (!comment) throw notFound("Comment");
  // Not in the thread: as if it did not exist.
  const evaluation = await loadThreadEvaluation(trx, viewer, comment.evaluation_id).catch((error: unknown) => {
    throw error instanceof DomainError && error.code === "not_found" ? notFound("Comment") : error;
  });
  if (comment.author_id !== viewer.id) throw forbidden("Only the person who wrote a comment can change or delete it.");
  if (comment.deleted_at) throw new DomainError("conflict", "This comment was already deleted.");
  assertThreadOpen(evaluation);
  if (!withinEditWindow(comment.created_at, now)) {
    throw forbidden(`A comment can be edited or deleted for ${COMMENT_EDIT_WINDOW_MS / 60_000} minutes after it is posted; this one's time is over. Post a new comment instead.`);
  }
  return { id: comment.id, evaluationId: comment.evaluation_id, body: comment.body };
}
