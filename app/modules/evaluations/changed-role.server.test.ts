/**
 * A reviewer whose role changes while a draft is open (the role is read with the session on
 * every request): autosave, submit, annotations and queue skips are refused before anything is
 * written — 404 when the new role may not see the draft, 403 when it may see it but no longer
 * scores conversations — on real PostgreSQL.
 */
import { describe, expect, it } from "vitest";
import { db } from "../../lib/db.server";
import { fullMarks, reviewWorld } from "../../../test/evaluation-fixtures";
import { refusal } from "../../../test/refusal";
import { assignInteraction } from "../assignments/assign-interaction.server";
import { skipAssignment } from "../assignments/skip-assignment.server";
import type { Role, Viewer } from "../users/roles";
import { addAnnotation, deleteAnnotation, updateAnnotation } from "./annotate.server";
import { evaluationInputSchema } from "./evaluation-input.schema";
import { openEvaluation } from "./open-evaluation.server";
import { saveEvaluationDraft } from "./save-evaluation-draft.server";
import { submitEvaluation } from "./submit-evaluation.server";

const note = { comment: "Long hold", sentiment: null, questionId: null, startMs: 1000, endMs: 2000, segmentId: null, startOffset: null, endOffset: null, quote: null };

async function changeRole(viewer: Viewer, role: Role): Promise<Viewer> {
  await db().updateTable("users").set({ role }).where("id", "=", viewer.id).execute();
  return { ...viewer, role, teamIds: [] };
}

async function openDraft() {
  const w = await reviewWorld();
  const { evaluationId } = await openEvaluation(db(), w.qa, { interactionId: w.interactionId, scorecardId: w.scorecard.id });
  const { id: annotationId } = await addAnnotation(db(), w.qa, evaluationId, note);
  return { ...w, evaluationId, annotationId };
}

const stored = (evaluationId: string) =>
  Promise.all([
    db().selectFrom("evaluations").select(["status", "revision", "answers"]).where("id", "=", evaluationId).executeTakeFirstOrThrow(),
    db().selectFrom("annotations").select("comment").where("evaluation_id", "=", evaluationId).execute(),
  ]);

describe("a reviewer whose role changed", () => {
  it("is refused 403 by every draft write while the new role still sees the draft (admin), and nothing is written", async () => {
    const w = await openDraft();
    const before = await stored(w.evaluationId);
    const admin = await changeRole(w.qa, "admin");
    const input = evaluationInputSchema.parse({ answers: fullMarks, revision: 1, feedback: null });

    for (const attempt of [
      () => addAnnotation(db(), admin, w.evaluationId, { ...note, comment: "After the change" }),
      () => updateAnnotation(db(), admin, w.annotationId, { ...note, comment: "Edited after the change" }),
      () => deleteAnnotation(db(), admin, w.annotationId),
      () => saveEvaluationDraft(db(), admin, w.evaluationId, input),
      () => submitEvaluation(db(), admin, w.evaluationId, input),
    ]) {
      const error = await refusal(attempt());
      expect(error.status).toBe(403);
      expect(error.message).toMatch(/no longer includes scoring/);
    }
    expect(await stored(w.evaluationId)).toEqual(before);
  });

  it("is refused 404 when the new role may not see the draft (supervisor, agent), and nothing is written", async () => {
    for (const role of ["supervisor", "agent"] as const) {
      const w = await openDraft();
      const before = await stored(w.evaluationId);
      const demoted = await changeRole(w.qa, role);
      const input = evaluationInputSchema.parse({ answers: fullMarks, revision: 1, feedback: null });
      for (const attempt of [
        () => addAnnotation(db(), demoted, w.evaluationId, { ...note, comment: "After the change" }),
        () => updateAnnotation(db(), demoted, w.annotationId, { ...note, comment: "Edited after the change" }),
        () => deleteAnnotation(db(), demoted, w.annotationId),
        () => saveEvaluationDraft(db(), demoted, w.evaluationId, input),
        () => submitEvaluation(db(), demoted, w.evaluationId, input),
      ]) {
        expect((await refusal(attempt())).status, role).toBe(404);
      }
      expect(await stored(w.evaluationId)).toEqual(before);
    }
  });

  it("cannot skip the assignment still in their name: 403, and it stays open", async () => {
    const w = await reviewWorld();
    const { id } = await assignInteraction(db(), w.lead, {
      interactionId: w.interactionId,
      scorecardId: w.scorecard.id,
      reviewerId: w.qa.id,
      dueAt: new Date(Date.now() + 86_400_000),
    });
    const agent = await changeRole(w.qa, "agent");
    const error = await refusal(skipAssignment(db(), agent, id, "no audio"));
    expect(error.status).toBe(403);
    const row = await db().selectFrom("assignments").select(["status", "skip_reason"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "open", skip_reason: null });
  });

  it("someone else's submitted evaluation, which a QA specialist may see, is 403 to annotate", async () => {
    const w = await openDraft();
    await submitEvaluation(db(), w.qa, w.evaluationId, evaluationInputSchema.parse({ answers: fullMarks, revision: 1, feedback: null }));
    const error = await refusal(addAnnotation(db(), w.otherQa, w.evaluationId, note));
    expect(error.status).toBe(403);
    expect((await stored(w.evaluationId))[1]).toHaveLength(1);
  });
});
