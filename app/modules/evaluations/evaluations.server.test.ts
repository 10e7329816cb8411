import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { refusal } from "../../../test/refusal";
import { db } from "../../lib/db.server";
import { fullMarks, reviewWorld } from "../../../test/evaluation-fixtures";
import { assignInteraction } from "../assignments/assign-interaction.server";
import { addAnnotation, deleteAnnotation, updateAnnotation } from "./annotate.server";
import { annotationInputSchema } from "./annotation.schema";
import { evaluationInputSchema } from "./evaluation-input.schema";
import { getEvaluation } from "./get-evaluation.server";
import { listInteractionEvaluations } from "./list-interaction-evaluations.server";
import { openEvaluation } from "./open-evaluation.server";
import { releaseEvaluation } from "./release-evaluation.server";
import { saveEvaluationDraft } from "./save-evaluation-draft.server";
import { submitEvaluation } from "./submit-evaluation.server";


const input = (answers: unknown, revision: number, feedbackText?: string) =>
  evaluationInputSchema.parse({
    answers,
    revision,
    feedback: feedbackText ? { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: feedbackText }] }] } : null,
  });
const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000);

describe("opening, autosaving and submitting an evaluation", () => {
  it("autosaves a draft, refuses a stale save with 409 without changing it, and reopens the same draft", async () => {
    const w = await reviewWorld();
    const { evaluationId } = await openEvaluation(db(), w.qa, { interactionId: w.interactionId, scorecardId: w.scorecard.id });
    expect(await openEvaluation(db(), w.qa, { interactionId: w.interactionId, scorecardId: w.scorecard.id })).toEqual({ evaluationId });

    const first = await saveEvaluationDraft(db(), w.qa, evaluationId, input({ greeting: { value: true, comment: "Warm" } }, 1, "Good start"));
    expect(first.revision).toBe(2);
    const stale = await refusal(saveEvaluationDraft(db(), w.qa, evaluationId, input({ greeting: { value: false } }, 1)));
    expect(stale.status).toBe(409);
    const view = await getEvaluation(db(), w.qa, evaluationId);
    expect(view).toMatchObject({ status: "draft", revision: 2, editable: true, answers: { greeting: { value: true, comment: "Warm" } } });
    expect(view.feedback.content).toHaveLength(1);

    // Answers that do not fit their question are refused, naming the field.
    const bad = await refusal(saveEvaluationDraft(db(), w.qa, evaluationId, input({ discovery: { value: 9 } }, 2)));
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.fieldErrors)).toEqual(["answers.discovery"]);
    // Another reviewer cannot touch it.
    expect((await refusal(saveEvaluationDraft(db(), w.otherQa, evaluationId, input({}, 2)))).status).toBe(404);
  });

  it("submits: checks required answers, records the server's score, completes the assignment, audits and offers the next item", async () => {
    const w = await reviewWorld();
    const first = await assignInteraction(db(), w.lead, { interactionId: w.interactionId, scorecardId: w.scorecard.id, reviewerId: w.qa.id, dueAt: inHours(2) });
    const second = await assignInteraction(db(), w.lead, { interactionId: w.secondId, scorecardId: w.scorecard.id, reviewerId: w.qa.id, dueAt: inHours(5) });
    const { evaluationId } = await openEvaluation(db(), w.qa, { assignmentId: first.id });

    const incomplete = await refusal(submitEvaluation(db(), w.qa, evaluationId, input({ greeting: { value: true } }, 1)));
    expect(incomplete.status).toBe(422);
    expect(incomplete.message).toContain("“Verified identity”");
    expect(Object.keys(incomplete.fieldErrors).sort()).toEqual(["answers.discovery", "answers.identity", "answers.outcome"]);

    // Opening, identity N/A: greeting no → 0. Resolution: scale 4 of 1–5 = 0.75, "next" 1 of 2 = 0.5 → 62.5.
    // Overall (1 × 0 + 3 × 62.5) / 4 = 46.875 → 46.9.
    const answers = { greeting: { value: false }, identity: { na: true }, discovery: { value: 4 }, outcome: { value: "next" } };
    const outcome = await submitEvaluation(db(), w.qa, evaluationId, input(answers, 1, "Thanks"));
    expect(outcome).toMatchObject({ score: 46.9, passed: false, autoFailed: false, released: true, next: { assignmentId: second.id, interactionId: w.secondId } });

    const row = await db().selectFrom("evaluations").selectAll().where("id", "=", evaluationId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "submitted", score: 46.9, passed: false, revision: 2 });
    expect(row.released_at).not.toBeNull();
    const assignment = await db().selectFrom("assignments").select(["status", "closed_by"]).where("id", "=", first.id).executeTakeFirstOrThrow();
    expect(assignment).toEqual({ status: "done", closed_by: w.qa.id });
    const audit = await db().selectFrom("audit_log").select(["action", "after"]).where("entity_id", "=", evaluationId).execute();
    // The entry records what was submitted, not only that it was: the answers and the server's score.
    expect(audit).toEqual([{ action: "evaluation.submit", after: { answers, score: 46.9, passed: false, autoFailed: false, released: true } }]);
    expect(audit[0]?.after).toMatchObject({ answers: row.answers });
    // …and as the evaluation's first revision, which is the current one.
    const revisions = await db().selectFrom("evaluation_revisions").selectAll().where("evaluation_id", "=", evaluationId).execute();
    expect(revisions).toEqual([
      expect.objectContaining({ id: row.current_revision_id, sequence: 1, cause: "submit", answers, score: 46.9, passed: false, auto_failed: false, actor_id: w.qa.id, reason: null, scorecard_version_id: w.scorecard.versionId }),
    ]);

    // Locked: no more saves or submits.
    expect((await refusal(saveEvaluationDraft(db(), w.qa, evaluationId, input(fullMarks, 2)))).status).toBe(409);
    expect((await getEvaluation(db(), w.qa, evaluationId)).editable).toBe(false);
  });

  it("a critical answer for the whole evaluation fails it at 0 whatever the rest", async () => {
    const w = await reviewWorld();
    const { evaluationId } = await openEvaluation(db(), w.qa, { interactionId: w.interactionId, scorecardId: w.scorecard.id });
    const outcome = await submitEvaluation(db(), w.qa, evaluationId, input({ ...fullMarks, identity: { value: false } }, 1));
    expect(outcome).toMatchObject({ score: 0, passed: false, autoFailed: true, next: null });
  });

  it("refuses self-review and scorecards without a published version", async () => {
    const w = await reviewWorld();
    const lead = w.lead;
    const [leadsOwn] = await db().insertInto("interactions").values({ channel: "chat", source: "t", external_id: `own-${lead.id}`, agent_id: lead.id, started_at: new Date(), duration_ms: 1000 }).returning("id").execute();
    expect((await refusal(openEvaluation(db(), lead, { interactionId: leadsOwn!.id, scorecardId: w.scorecard.id }))).status).toBe(403);
    expect((await refusal(openEvaluation(db(), w.agent, { interactionId: w.interactionId, scorecardId: w.scorecard.id }))).status).toBe(403);
  });
});

describe("who sees an evaluation", () => {
  it("drafts: only the reviewer; submitted: QA all, the supervisor of the team, the agent once released", async () => {
    const w = await reviewWorld({ releaseMode: "manual" });
    const { evaluationId } = await openEvaluation(db(), w.qa, { interactionId: w.interactionId, scorecardId: w.scorecard.id });
    for (const viewer of [w.otherQa, w.lead, w.supervisor, w.agent]) {
      expect((await refusal(getEvaluation(db(), viewer, evaluationId))).status).toBe(404);
    }
    await submitEvaluation(db(), w.qa, evaluationId, input(fullMarks, 1));
    for (const viewer of [w.otherQa, w.lead, w.supervisor]) expect((await getEvaluation(db(), viewer, evaluationId)).score).toBe(100);
    for (const viewer of [w.agent, w.otherAgent, w.outsideSupervisor]) {
      expect((await refusal(getEvaluation(db(), viewer, evaluationId))).status).toBe(404);
    }
    expect(await listInteractionEvaluations(db(), w.agent, w.interactionId)).toEqual([]);

    expect((await refusal(releaseEvaluation(db(), w.qa, evaluationId))).status).toBe(403);
    await releaseEvaluation(db(), w.lead, evaluationId);
    expect((await getEvaluation(db(), w.agent, evaluationId)).score).toBe(100);
    expect((await refusal(getEvaluation(db(), w.otherAgent, evaluationId))).status).toBe(404);
    expect((await listInteractionEvaluations(db(), w.agent, w.interactionId)).map((e) => e.id)).toEqual([evaluationId]);
    expect((await refusal(releaseEvaluation(db(), w.lead, evaluationId))).status).toBe(409);
  });
});

describe("annotations", () => {
  it("lets the reviewer add, edit and delete their own annotations on a draft, and locks them on submit", async () => {
    const w = await reviewWorld();
    const { evaluationId } = await openEvaluation(db(), w.qa, { interactionId: w.interactionId, scorecardId: w.scorecard.id });
    const region = annotationInputSchema.parse({ comment: "Long hold here", sentiment: "negative", questionId: "greeting", startMs: 1000, endMs: 4500 });
    const span = annotationInputSchema.parse({ comment: "Nice phrasing", sentiment: "positive", segmentId: "s2", startOffset: 3, endOffset: 12, quote: "internet" });
    const { id: regionId } = await addAnnotation(db(), w.qa, evaluationId, region);
    const { id: spanId } = await addAnnotation(db(), w.qa, evaluationId, span);
    expect((await refusal(addAnnotation(db(), w.qa, evaluationId, { ...region, questionId: "nope" }))).fieldErrors).toHaveProperty("questionId");
    expect((await refusal(addAnnotation(db(), w.otherQa, evaluationId, region))).status).toBe(404);

    await updateAnnotation(db(), w.qa, regionId, { ...region, comment: "Hold of 40 s without asking" });
    expect((await refusal(deleteAnnotation(db(), w.otherQa, spanId))).status).toBe(404);
    const view = await getEvaluation(db(), w.qa, evaluationId);
    expect(view.annotations.map((a) => [a.comment, a.startMs, a.segmentId])).toEqual([
      ["Hold of 40 s without asking", 1000, null],
      ["Nice phrasing", null, "s2"],
    ]);

    await submitEvaluation(db(), w.qa, evaluationId, input(fullMarks, 1));
    expect((await refusal(deleteAnnotation(db(), w.qa, spanId))).status).toBe(409);
    expect((await refusal(addAnnotation(db(), w.qa, evaluationId, region))).status).toBe(409);
    expect((await getEvaluation(db(), w.supervisor, evaluationId)).annotations).toHaveLength(2);
  });

  it("refuses annotations without an anchor or with a backwards range", () => {
    const issues = (value: unknown) => annotationInputSchema.safeParse(value).error?.issues.map((i) => i.message) ?? [];
    expect(issues({ comment: "x" })).toContain("Anchor the comment to a moment of the recording or to transcript text");
    expect(issues({ comment: "x", startMs: 500, endMs: 100 })).toContain("A time range needs a start and an end after it");
    expect(issues({ comment: "x", segmentId: "s1", startOffset: 5, endOffset: 5 })).toContain("A text selection needs its segment, a start and an end after it");
    expect(issues({ comment: " ", startMs: 0, endMs: 1 })).toContain("Write a comment");
  });
});

describe("scorecard versions", () => {
  it("refuses to change or delete a published version, in the database itself", async () => {
    const w = await reviewWorld();
    const change = sql`UPDATE scorecard_versions SET definition = '{"passMark": 0, "sections": []}' WHERE id = ${w.scorecard.versionId}`.execute(db());
    await expect(change).rejects.toThrow("published scorecard versions are immutable");
    await expect(sql`DELETE FROM scorecard_versions WHERE id = ${w.scorecard.versionId}`.execute(db())).rejects.toThrow("cannot be deleted");
  });
});
