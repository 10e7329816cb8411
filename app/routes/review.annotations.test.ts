/**
 * The annotations resource route of the review workspace, as the media panel calls it with
 * fetch: a real session and CSRF token on real PostgreSQL. The reviewer adds, edits and
 * deletes their own annotations on a draft; anyone else gets 404, a submitted evaluation
 * 409, bad input 422 (nothing written), a stale token 403.
 */
import { describe, expect, it } from "vitest";
import { db } from "../lib/db.server";
import { fullMarks, reviewWorld } from "../../test/evaluation-fixtures";
import { postRequest } from "../../test/route-requests";
import { evaluationInputSchema } from "../modules/evaluations/evaluation-input.schema";
import { openEvaluation } from "../modules/evaluations/open-evaluation.server";
import { submitEvaluation } from "../modules/evaluations/submit-evaluation.server";
import { action } from "./review.$evaluationId.annotations";

interface Body {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string>;
  annotation?: Record<string, unknown>;
}

async function post(viewer: { id: string }, evaluationId: string, fields: Record<string, string>, options: { csrf?: string } = {}) {
  const request = await postRequest(viewer, `/review/${evaluationId}/annotations`, fields, options);
  const response = await action({ request, params: { evaluationId }, context: {} });
  return { status: response.status, body: (await response.json()) as Body };
}

const region = { comment: "Long hold here", sentiment: "negative", questionId: "greeting", startMs: 1000, endMs: 4500 };
const span = { comment: "Nice phrasing", sentiment: "positive", segmentId: "s2", startOffset: 3, endOffset: 12, quote: "internet", startMs: 2500, endMs: 6000 };
const rows = (evaluationId: string) => db().selectFrom("annotations").selectAll().where("evaluation_id", "=", evaluationId).execute();

async function draft() {
  const w = await reviewWorld();
  const { evaluationId } = await openEvaluation(db(), w.qa, { interactionId: w.interactionId, scorecardId: w.scorecard.id });
  return { ...w, evaluationId };
}

describe("POST /review/:evaluationId/annotations", () => {
  it("adds, updates and deletes the reviewer's own annotations, answering the annotation as the page shows it", async () => {
    const w = await draft();
    const added = await post(w.qa, w.evaluationId, { intent: "add", annotation: JSON.stringify(region) });
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ ok: true, annotation: { ...region, authorId: w.qa.id, authorName: w.qa.name, segmentId: null, quote: null } });
    const id = added.body.annotation?.id as string;
    expect(new Date(added.body.annotation?.createdAt as string).getTime()).toBeGreaterThan(Date.now() - 60_000);

    const second = await post(w.qa, w.evaluationId, { intent: "add", annotation: JSON.stringify(span) });
    expect(second.body.annotation).toMatchObject({ segmentId: "s2", startOffset: 3, endOffset: 12, quote: "internet", sentiment: "positive", questionId: null });

    const updated = await post(w.qa, w.evaluationId, { intent: "update", annotationId: id, annotation: JSON.stringify({ ...region, comment: "Hold of 40 s", sentiment: null, questionId: null }) });
    expect(updated.status).toBe(200);
    expect(updated.body.annotation).toMatchObject({ id, comment: "Hold of 40 s", sentiment: null, questionId: null, startMs: 1000, endMs: 4500 });

    const deleted = await post(w.qa, w.evaluationId, { intent: "delete", annotationId: id });
    expect(deleted).toEqual({ status: 200, body: { ok: true } });
    expect((await rows(w.evaluationId)).map((row) => row.comment)).toEqual(["Nice phrasing"]);
  });

  it("answers 404 to another reviewer, for every intent, and changes nothing", async () => {
    const w = await draft();
    const { body } = await post(w.qa, w.evaluationId, { intent: "add", annotation: JSON.stringify(region) });
    const id = body.annotation?.id as string;

    const add = await post(w.otherQa, w.evaluationId, { intent: "add", annotation: JSON.stringify(span) });
    const update = await post(w.otherQa, w.evaluationId, { intent: "update", annotationId: id, annotation: JSON.stringify({ ...region, comment: "Mine now" }) });
    const remove = await post(w.otherQa, w.evaluationId, { intent: "delete", annotationId: id });
    for (const answer of [add, update, remove]) {
      expect(answer.status).toBe(404);
      expect(answer.body.ok).toBe(false);
      expect(answer.body.message).toMatch(/no evaluation or annotation/);
    }
    // An agent cannot even see the evaluation; an unknown id is as absent.
    expect((await post(w.agent, w.evaluationId, { intent: "delete", annotationId: id })).status).toBe(404);
    expect((await post(w.qa, w.evaluationId, { intent: "delete", annotationId: "00000000-0000-4000-8000-000000000000" })).status).toBe(404);
    expect((await post(w.qa, "not-a-uuid", { intent: "add", annotation: JSON.stringify(region) })).status).toBe(404);
    // The annotation belongs to this evaluation: another of the reviewer's drafts cannot name it.
    const { evaluationId: otherDraft } = await openEvaluation(db(), w.qa, { interactionId: w.secondId, scorecardId: w.scorecard.id });
    expect((await post(w.qa, otherDraft, { intent: "delete", annotationId: id })).status).toBe(404);
    expect((await rows(w.evaluationId)).map((row) => row.comment)).toEqual(["Long hold here"]);
  });

  it("answers 409 once the evaluation is submitted", async () => {
    const w = await draft();
    const { body } = await post(w.qa, w.evaluationId, { intent: "add", annotation: JSON.stringify(region) });
    await submitEvaluation(db(), w.qa, w.evaluationId, evaluationInputSchema.parse({ answers: fullMarks, revision: 1, feedback: null }));

    const add = await post(w.qa, w.evaluationId, { intent: "add", annotation: JSON.stringify(span) });
    expect(add.status).toBe(409);
    expect(add.body.message).toMatch(/submitted/);
    expect((await post(w.qa, w.evaluationId, { intent: "update", annotationId: body.annotation?.id as string, annotation: JSON.stringify(span) })).status).toBe(409);
    expect((await post(w.qa, w.evaluationId, { intent: "delete", annotationId: body.annotation?.id as string })).status).toBe(409);
    expect(await rows(w.evaluationId)).toHaveLength(1);
  });

  it("answers 422 with field messages for input that does not fit, and writes nothing", async () => {
    const w = await draft();
    const empty = await post(w.qa, w.evaluationId, { intent: "add", annotation: JSON.stringify({ ...region, comment: "  " }) });
    expect(empty.status).toBe(422);
    expect(empty.body.fieldErrors).toEqual({ comment: "Write a comment" });

    const backwards = await post(w.qa, w.evaluationId, { intent: "add", annotation: JSON.stringify({ ...region, startMs: 5000, endMs: 1000 }) });
    expect(backwards.status).toBe(422);
    expect(backwards.body.fieldErrors).toHaveProperty("endMs");

    const unanchored = await post(w.qa, w.evaluationId, { intent: "add", annotation: JSON.stringify({ comment: "Where?" }) });
    expect(unanchored.status).toBe(422);
    expect(unanchored.body.fieldErrors?.form).toMatch(/Anchor the comment/);
    expect(unanchored.body.message).toBe(unanchored.body.fieldErrors?.form);

    const notJson = await post(w.qa, w.evaluationId, { intent: "add", annotation: "{comment:" });
    expect(notJson.status).toBe(422);
    expect(notJson.body.fieldErrors?.form).toMatch(/could not be read/);

    const unknownQuestion = await post(w.qa, w.evaluationId, { intent: "add", annotation: JSON.stringify({ ...region, questionId: "nope" }) });
    expect(unknownQuestion.status).toBe(422);
    expect(unknownQuestion.body.fieldErrors).toEqual({ questionId: "Choose a question from the list" });

    expect((await post(w.qa, w.evaluationId, { intent: "rename" })).status).toBe(422);
    expect(await rows(w.evaluationId)).toEqual([]);
  });

  it("refuses a reviewer whose role changed since the workspace loaded, and writes nothing", async () => {
    const w = await draft();
    const { body } = await post(w.qa, w.evaluationId, { intent: "add", annotation: JSON.stringify(region) });
    const annotationId = body.annotation?.id as string;
    // 403 where the new role still sees the draft (an admin sees every draft of their own), 404 where it does not.
    for (const [role, status] of [["admin", 403], ["supervisor", 404], ["agent", 404]] as const) {
      await db().updateTable("users").set({ role }).where("id", "=", w.qa.id).execute();
      const add = await post(w.qa, w.evaluationId, { intent: "add", annotation: JSON.stringify(span) });
      expect(add.status, role).toBe(status);
      expect(add.body.ok).toBe(false);
      if (status === 403) expect(add.body.message).toMatch(/role no longer includes scoring/);
      expect((await post(w.qa, w.evaluationId, { intent: "update", annotationId, annotation: JSON.stringify(span) })).status, role).toBe(status);
      expect((await post(w.qa, w.evaluationId, { intent: "delete", annotationId })).status, role).toBe(status);
    }
    expect((await rows(w.evaluationId)).map((row) => row.comment)).toEqual(["Long hold here"]);
  });

  it("answers 403 to a stale CSRF token", async () => {
    const w = await draft();
    const stale = await post(w.qa, w.evaluationId, { intent: "add", annotation: JSON.stringify(region) }, { csrf: "stale-token" });
    expect(stale.status).toBe(403);
    expect(stale.body).toMatchObject({ ok: false, message: expect.stringMatching(/expired/) as unknown });
    expect(await rows(w.evaluationId)).toEqual([]);
  });
});
