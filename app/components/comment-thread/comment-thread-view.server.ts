/** What the evaluation page shows of its comment thread (issue 13 §4), times in the organisation's zone; null when the viewer is not in it. */
import type { Database } from "../../lib/db.server";
import { formatDateTime, formatHourMinute } from "../../lib/time";
import { MAX_COMMENT_CHARS } from "../../modules/comments/comment.schema";
import { listComments } from "../../modules/comments/list-comments.server";
import type { Viewer } from "../../modules/users/roles";

export interface CommentView {
  id: string;
  authorName: string;
  body: string | null;
  at: string;
  edited: boolean;
  deleted: boolean;
  mine: boolean;
  /** "14:32": until when the viewer may edit or delete it; null when they may not. */
  changeableUntil: string | null;
}

export interface CommentThreadView {
  evaluationId: string;
  comments: CommentView[];
  open: boolean;
  maxChars: number;
}

export async function commentThreadView(db: Database, viewer: Viewer, evaluationId: string, timeZone: string, now = new Date()): Promise<CommentThreadView | null> {
  const thread = await listComments(db, viewer, evaluationId, now);
  if (!thread) return null;
  return {
    evaluationId,
    open: thread.open,
    maxChars: MAX_COMMENT_CHARS,
    comments: thread.comments.map((comment) => ({
      id: comment.id,
      authorName: comment.authorName,
      body: comment.body,
      at: formatDateTime(comment.createdAt, timeZone),
      edited: comment.editedAt !== null,
      deleted: comment.deleted,
      mine: comment.mine,
      changeableUntil: comment.changeableUntil ? formatHourMinute(comment.changeableUntil, timeZone) : null,
    })),
  };
}
