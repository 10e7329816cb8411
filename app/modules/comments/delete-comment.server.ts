/**
 * Deleting one's own comment within ten minutes of posting it (issue 13 §4): it keeps its place
 * in the thread as "comment deleted" and loses its text; the audit log keeps what it said.
 */
import type { Database } from "../../lib/db.server";
import { recordAudit } from "../audit/record-audit.server";
import type { Viewer } from "../users/roles";
import { loadOwnCommentForChange } from "./own-comment.server";

export async function deleteComment(db: Database, viewer: Viewer, commentId: string, now = new Date()): Promise<{ evaluationId: string }> {
  return db.transaction().execute(async (trx) => {
    const comment = await loadOwnCommentForChange(trx, viewer, commentId, now);
    await trx.updateTable("evaluation_comments").set({ body: "", deleted_at: now }).where("id", "=", comment.id).execute();
    await recordAudit(trx, { actorId: viewer.id, action: "evaluation_comment.delete", entityType: "evaluation_comment", entityId: comment.id, before: { body: comment.body } }, now);
    return { evaluationId: comment.evaluationId };
  });
}
