/**
 * Posting a comment in an evaluation's thread (issue 13 §4). Whoever takes part in the thread
 * may post (access/comment-thread-scope.server.ts: anyone else gets 404), not on a void
 * evaluation (409), 1–5,000 characters (422, nothing written). Everyone else in the thread — the
 * agent (once it is released to them), the reviewer and everyone who has commented — is
 * notified, and the audit log records it, in the same transaction as the comment.
 */
import type { Database } from "../../lib/db.server";
import { DomainError, fieldErrorsOf } from "../../lib/errors";
import { assertThreadOpen, loadThreadEvaluation, type ThreadEvaluation } from "../access/comment-thread-scope.server";
import { recordAudit } from "../audit/record-audit.server";
import { notify } from "../notifications/notify.server";
import type { Viewer } from "../users/roles";
import { commentBodySchema } from "./comment.schema";

/** The body checked, or a 422 naming the `body` field. */
export function parseCommentBody(body: unknown): string {
  const parsed = commentBodySchema.safeParse(body ?? "");
  if (!parsed.success) throw new DomainError("invalid", parsed.error.issues[0]?.message ?? "The comment cannot be posted.", fieldErrorsOf(parsed.error.issues, { root: "body" }));
  return parsed.data;
}

export async function addComment(db: Database, viewer: Viewer, evaluationId: string, input: { body?: unknown }, now = new Date()): Promise<{ id: string }> {
  return db.transaction().execute(async (trx) => {
    const evaluation = await loadThreadEvaluation(trx, viewer, evaluationId, { forUpdate: true });
    assertThreadOpen(evaluation);
    const body = parseCommentBody(input.body);
    const { id } = await trx
      .insertInto("evaluation_comments")
      .values({ evaluation_id: evaluationId, author_id: viewer.id, body, created_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actorId: viewer.id, action: "evaluation_comment.create", entityType: "evaluation_comment", entityId: id, after: { evaluationId, body } }, now);
    const recipients = await threadPeople(trx, evaluation, viewer.id);
    const excerpt = body.length > 280 ? `${body.slice(0, 279)}…` : body;
    await notify(
      trx,
      recipients.map((recipientId) => ({
        recipientId,
        kind: "comment_added" as const,
        title: `${viewer.name} commented on an evaluation you are in`,
        body: excerpt,
        link: `/evaluations/${evaluationId}#comment-${id}`,
        evaluationId,
        createdAt: now,
      })),
    );
    return { id };
  });
}

/** Everyone in the thread but the author: the agent once released, the reviewer, and every active commenter. */
async function threadPeople(trx: Database, evaluation: ThreadEvaluation, authorId: string): Promise<string[]> {
  const commenters = await trx
    .selectFrom("evaluation_comments")
    .innerJoin("users", "users.id", "evaluation_comments.author_id")
    .select("evaluation_comments.author_id")
    .distinct()
    .where("evaluation_comments.evaluation_id", "=", evaluation.id)
    .where("users.active", "=", true)
    .execute();
  const people = new Set([evaluation.reviewerId, ...commenters.map((row) => row.author_id)]);
  // The agent cannot open an evaluation before it is released to them, so is told only after.
  if (evaluation.released) people.add(evaluation.agentId);
  people.delete(authorId);
  return [...people];
}
