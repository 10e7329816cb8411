/**
 * An evaluation's comment thread as its people see it (issue 13 §4), oldest first: null when
 * the viewer does not take part in it (the page then shows no thread). A deleted comment is
 * there without its text; the viewer's own comments say until when they may be changed.
 */
import type { Database } from "../../lib/db.server";
import { DomainError } from "../../lib/errors";
import { loadThreadEvaluation } from "../access/comment-thread-scope.server";
import type { Viewer } from "../users/roles";
import { COMMENT_EDIT_WINDOW_MS, withinEditWindow } from "./comment.schema";

export interface ThreadComment {
  id: string;
  authorName: string;
  /** Null once deleted. */
  body: string | null;
  createdAt: Date;
  editedAt: Date | null;
  deleted: boolean;
  mine: boolean;
  /** Until when the viewer may still edit or delete it; null when they may not. */
  changeableUntil: Date | null;
}

export interface CommentThread {
  comments: ThreadComment[];
  /** Whether the viewer may post (the thread is closed on a void evaluation). */
  open: boolean;
}

export async function listComments(db: Database, viewer: Viewer, evaluationId: string, now = new Date()): Promise<CommentThread | null> {
  const evaluation = await loadThreadEvaluation(db, viewer, evaluationId).catch((error: unknown) => {
    if (error instanceof DomainError && error.code === "not_found") return null;
    throw error;
  });
  if (!evaluation) return null;
  const rows = await db
    .selectFrom("evaluation_comments")
    .innerJoin("users", "users.id", "evaluation_comments.author_id")
    .select(["evaluation_comments.id", "evaluation_comments.author_id", "evaluation_comments.body", "evaluation_comments.created_at", "evaluation_comments.edited_at", "evaluation_comments.deleted_at", "users.name"])
    .where("evaluation_comments.evaluation_id", "=", evaluationId)
    .orderBy("evaluation_comments.created_at")
    .orderBy("evaluation_comments.id")
    .execute();
  const open = evaluation.status !== "void";
  return {
    open,
    comments: rows.map((row) => {
      const mine = row.author_id === viewer.id;
      const deleted = row.deleted_at !== null;
      const changeable = mine && !deleted && open && withinEditWindow(row.created_at, now);
      return {
        id: row.id,
        authorName: row.name,
        body: deleted ? null : row.body,
        createdAt: row.created_at,
        editedAt: row.edited_at,
        deleted,
        mine,
        changeableUntil: changeable ? new Date(row.created_at.getTime() + COMMENT_EDIT_WINDOW_MS) : null,
      };
    }),
  };
}
