/** Editing one's own comment within ten minutes of posting it (issue 13 §4); audited with what it said before. */
import type { Database } from "../../lib/db.server";
import { recordAudit } from "../audit/record-audit.server";
import type { Viewer } from "../users/roles";
import { parseCommentBody } from "./add-comment.server";
import { loadOwnCommentForChange } from "./own-comment.server";

export async function editComment(db: Database, viewer: Viewer, commentId: string, input: { body?: unknown }, now = new Date()): Promise<{ evaluationId: string }> {
  return db.transaction().execute(async (trx) => {
    const comment = await loadOwnCommentForChange(trx, viewer, commentId, now);
    const body = parseCommentBody(input.body);
    if (body === comment.body) return { evaluationId: comment.evaluationId };
    await trx.updateTable("evaluation_comments").set({ body, edited_at: now }).where("id", "=", comment.id).execute();
    await recordAudit(trx, { actorId: viewer.id, action: "evaluation_comment.edit", entityType: "evaluation_comment", entityId: comment.id, before: { body: comment.body }, after: { body } }, now);
    return { evaluationId: comment.evaluationId };
  });
}
