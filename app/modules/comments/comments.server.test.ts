/**
 * Comment threads on real PostgreSQL (issue 13 §4): who takes part, the length limits, the
 * ten-minute window for edits and deletions (an explicit `now`), "comment deleted", the audit
 * entries, and notifications to exactly the others in the thread, in the comment's transaction.
 */
import { describe, expect, it } from "vitest";
import { db } from "../../lib/db.server";
import { DomainError } from "../../lib/errors";
import { fullMarks, reviewWorld } from "../../../test/evaluation-fixtures";
import { seedEvaluation, seedVoid } from "../../../test/review-factories";
import { seedUser } from "../../../test/factories";
import type { Viewer } from "../users/roles";
import { addComment } from "./add-comment.server";
import { deleteComment } from "./delete-comment.server";
import { editComment } from "./edit-comment.server";
import { listComments } from "./list-comments.server";

const MINUTE = 60_000;
const t0 = new Date("2026-12-02T10:00:00Z");
const at = (minutes: number) => new Date(t0.getTime() + minutes * MINUTE);

async function refusal(promise: Promise<unknown>): Promise<{ status: number; message: string; fieldErrors: Record<string, string> } | null> {
  try {
    await promise;
    return null;
  } catch (error) {
    if (error instanceof DomainError) return { status: error.status, message: error.message, fieldErrors: error.fieldErrors };
    throw error;
  }
}

async function thread(options: { releaseMode?: "immediate" | "manual" } = { releaseMode: "immediate" }) {
  const w = await reviewWorld(options);
  const admin = await seedUser("admin");
  const { id } = await seedEvaluation({ reviewer: w.qa, interactionId: w.interactionId, scorecardId: w.scorecard.id, answers: fullMarks });
  return { ...w, admin, evaluationId: id };
}

const commentNotifications = (evaluationId: string) =>
  db()
    .selectFrom("notifications")
    .select(["recipient_id", "title", "body", "link"])
    .where("evaluation_id", "=", evaluationId)
    .where("kind", "=", "comment_added")
    .orderBy("created_at")
    .execute();

const recipientsOf = async (evaluationId: string, commentId: string) =>
  (await commentNotifications(evaluationId)).filter((row) => row.link.endsWith(`#comment-${commentId}`)).map((row) => row.recipient_id).sort();

describe("who takes part in an evaluation's thread", () => {
  it("the agent, the reviewer, the agent's supervisor, QA leads and admins; not another QA specialist, another agent or another team's supervisor", async () => {
    const w = await thread();
    for (const person of [w.agent, w.qa, w.supervisor, w.lead, w.admin]) {
      expect(await listComments(db(), person, w.evaluationId)).toEqual({ open: true, comments: [] });
    }
    for (const person of [w.otherQa, w.otherAgent, w.outsideSupervisor]) {
      expect(await listComments(db(), person, w.evaluationId)).toBeNull();
      expect((await refusal(addComment(db(), person, w.evaluationId, { body: "Hello" })))?.status).toBe(404);
    }
  });

  it("an agent not before the evaluation is released to them", async () => {
    const w = await thread({ releaseMode: "manual" });
    expect(await listComments(db(), w.agent, w.evaluationId)).toBeNull();
    expect((await refusal(addComment(db(), w.agent, w.evaluationId, { body: "Hello" })))?.status).toBe(404);
    // The lead's comment before release tells the reviewer, not the agent who cannot open it yet.
    const { id } = await addComment(db(), w.lead, w.evaluationId, { body: "Worth releasing?" });
    expect(await recipientsOf(w.evaluationId, id)).toEqual([w.qa.id]);
  });
});

describe("posting", () => {
  it("keeps plain text with line breaks as written, trimmed, and audits it", async () => {
    const w = await thread();
    const body = "<b>Not bold</b>\r\nSecond line & more";
    const { id } = await addComment(db(), w.agent, w.evaluationId, { body: `  ${body}  ` }, t0);
    const listed = await listComments(db(), w.agent, w.evaluationId, at(1));
    expect(listed?.comments).toEqual([
      { id, authorName: w.agent.name, body: "<b>Not bold</b>\nSecond line & more", createdAt: t0, editedAt: null, deleted: false, mine: true, changeableUntil: at(10) },
    ]);
    const audit = await db().selectFrom("audit_log").select(["action", "actor_id", "after"]).where("entity_id", "=", id).execute();
    expect(audit).toEqual([{ action: "evaluation_comment.create", actor_id: w.agent.id, after: { evaluationId: w.evaluationId, body: "<b>Not bold</b>\nSecond line & more" } }]);
  });

  it("refuses an empty comment and one over 5,000 characters with a message, writing nothing", async () => {
    const w = await thread();
    const empty = await refusal(addComment(db(), w.agent, w.evaluationId, { body: "  \n " }));
    expect(empty).toMatchObject({ status: 422, message: "Write a comment before posting it: it is empty." });
    expect(empty?.fieldErrors.body).toBe("Write a comment before posting it: it is empty.");
    const long = await refusal(addComment(db(), w.agent, w.evaluationId, { body: "x".repeat(5001) }));
    expect(long).toMatchObject({ status: 422, message: "The comment is 5,001 characters; the limit is 5,000. Shorten it by 1 to post it." });
    expect(await addComment(db(), w.agent, w.evaluationId, { body: "x".repeat(5000) })).toHaveProperty("id");
    const rows = await db().selectFrom("evaluation_comments").select("id").where("evaluation_id", "=", w.evaluationId).execute();
    expect(rows).toHaveLength(1);
  });

  it("tells everyone else in the thread: the agent, the reviewer and each commenter, never the author, once each", async () => {
    const w = await thread();
    const first = await addComment(db(), w.agent, w.evaluationId, { body: "Why a 4 on discovery?" }, at(0));
    expect(await recipientsOf(w.evaluationId, first.id)).toEqual([w.qa.id]);
    const second = await addComment(db(), w.supervisor, w.evaluationId, { body: "Let us go through it on Friday." }, at(1));
    expect(await recipientsOf(w.evaluationId, second.id)).toEqual([w.agent.id, w.qa.id].sort());
    const third = await addComment(db(), w.qa, w.evaluationId, { body: "The second question was skipped." }, at(2));
    expect(await recipientsOf(w.evaluationId, third.id)).toEqual([w.agent.id, w.supervisor.id].sort());
    // The lead and the admin, who never commented, are not told.
    const all = await commentNotifications(w.evaluationId);
    expect(all).toHaveLength(5);
    expect(all.some((row) => row.recipient_id === w.lead.id || row.recipient_id === w.admin.id)).toBe(false);
    expect(all[0]).toMatchObject({ title: `${w.agent.name} commented on an evaluation you are in`, body: "Why a 4 on discovery?" });
  });

  it("is closed on a void evaluation (409), which still shows its thread", async () => {
    const w = await thread();
    await addComment(db(), w.agent, w.evaluationId, { body: "Before the void" });
    await seedVoid(w.lead, w.evaluationId, "Wrong conversation");
    expect((await refusal(addComment(db(), w.agent, w.evaluationId, { body: "After" })))?.status).toBe(409);
    expect((await listComments(db(), w.agent, w.evaluationId))?.open).toBe(false);
  });
});

describe("editing and deleting one's own comment", () => {
  async function posted() {
    const w = await thread();
    const { id } = await addComment(db(), w.agent, w.evaluationId, { body: "First thought" }, t0);
    return { ...w, commentId: id };
  }
  const bodyOf = async (viewer: Viewer, evaluationId: string) => (await listComments(db(), viewer, evaluationId, at(0)))!.comments[0];

  it("edits within ten minutes (audited with before and after), and refuses at 10 minutes and a second (403, text unchanged)", async () => {
    const w = await posted();
    await editComment(db(), w.agent, w.commentId, { body: "Second thought" }, at(10));
    expect(await bodyOf(w.agent, w.evaluationId)).toMatchObject({ body: "Second thought", editedAt: at(10) });
    const late = await refusal(editComment(db(), w.agent, w.commentId, { body: "Third thought" }, new Date(at(10).getTime() + 1000)));
    expect(late?.status).toBe(403);
    expect(late?.message).toMatch(/for 10 minutes after it is posted/);
    expect((await bodyOf(w.agent, w.evaluationId))?.body).toBe("Second thought");
    const audit = await db().selectFrom("audit_log").select(["before", "after"]).where("entity_id", "=", w.commentId).where("action", "=", "evaluation_comment.edit").execute();
    expect(audit).toEqual([{ before: { body: "First thought" }, after: { body: "Second thought" } }]);
  });

  it("deletes within ten minutes: the comment stays as deleted without its text; the audit keeps it", async () => {
    const w = await posted();
    await deleteComment(db(), w.agent, w.commentId, at(9));
    expect(await bodyOf(w.qa, w.evaluationId)).toMatchObject({ id: w.commentId, body: null, deleted: true });
    const stored = await db().selectFrom("evaluation_comments").select(["body", "deleted_at"]).where("id", "=", w.commentId).executeTakeFirstOrThrow();
    expect(stored).toEqual({ body: "", deleted_at: at(9) });
    const audit = await db().selectFrom("audit_log").select("before").where("entity_id", "=", w.commentId).where("action", "=", "evaluation_comment.delete").execute();
    expect(audit).toEqual([{ before: { body: "First thought" } }]);
    expect((await refusal(deleteComment(db(), w.agent, w.commentId, at(9))))?.status).toBe(409);
    expect((await refusal(editComment(db(), w.agent, w.commentId, { body: "Back" }, at(9))))?.status).toBe(409);
  });

  it("refuses somebody else's comment (403) and a comment outside the viewer's threads (404); a late delete is 403", async () => {
    const w = await posted();
    expect((await refusal(editComment(db(), w.supervisor, w.commentId, { body: "Mine now" }, at(1))))?.status).toBe(403);
    expect((await refusal(deleteComment(db(), w.lead, w.commentId, at(1))))?.status).toBe(403);
    expect((await refusal(deleteComment(db(), w.otherQa, w.commentId, at(1))))?.status).toBe(404);
    expect((await refusal(deleteComment(db(), w.otherAgent, w.commentId, at(1))))?.status).toBe(404);
    expect((await refusal(deleteComment(db(), w.agent, "not-a-uuid", at(1))))?.status).toBe(404);
    expect((await refusal(deleteComment(db(), w.agent, w.commentId, at(11))))?.status).toBe(403);
    expect((await bodyOf(w.agent, w.evaluationId))?.body).toBe("First thought");
  });

  it("refuses an edit to empty or over the limit (422) within the window", async () => {
    const w = await posted();
    expect((await refusal(editComment(db(), w.agent, w.commentId, { body: "" }, at(1))))?.status).toBe(422);
    expect((await refusal(editComment(db(), w.agent, w.commentId, { body: "y".repeat(5001) }, at(1))))?.status).toBe(422);
    expect((await bodyOf(w.agent, w.evaluationId))?.body).toBe("First thought");
  });
});
