/**
 * Questions hidden from the agent (a note for the supervisor), as Remix calls the pages, on
 * real PostgreSQL: a QA lead marks a text question hidden on the scorecard page; the agent's
 * evaluation page then has neither the question, nor its answer, comment or linked annotation,
 * while the supervisor and QA still see everything. Scored questions cannot be hidden.
 */
import { describe, expect, it } from "vitest";
import { db } from "../lib/db.server";
import { addAnnotation } from "../modules/evaluations/annotate.server";
import { annotationInputSchema } from "../modules/evaluations/annotation.schema";
import { evaluationInputSchema } from "../modules/evaluations/evaluation-input.schema";
import { openEvaluation } from "../modules/evaluations/open-evaluation.server";
import { submitEvaluation } from "../modules/evaluations/submit-evaluation.server";
import { fullMarks, reviewWorld } from "../../test/evaluation-fixtures";
import { getRequest, postRequest, returned, thrown } from "../../test/route-requests";
import { loader as evaluationLoader } from "./evaluations.$evaluationId";
import { action as scorecardAction, loader as scorecardLoader } from "./scorecards.$scorecardId";

const NOTE = "Coach on hold etiquette before the next review";

const loadEvaluation = async (viewer: { id: string }, evaluationId: string) =>
  evaluationLoader({ request: await getRequest(viewer, `/evaluations/${evaluationId}`), params: { evaluationId }, context: {} });
const loadScorecard = async (viewer: { id: string }, scorecardId: string) =>
  scorecardLoader({ request: await getRequest(viewer, `/scorecards/${scorecardId}`), params: { scorecardId }, context: {} });
const saveVisibility = async (viewer: { id: string }, scorecardId: string, hidden: string[]) =>
  scorecardAction({ request: await postRequest(viewer, `/scorecards/${scorecardId}`, { intent: "visibility", hidden }), params: { scorecardId }, context: {} });

/** A released evaluation whose text question "note" holds a note for the supervisor, with a comment and a linked annotation. */
async function released() {
  const w = await reviewWorld({ releaseMode: "immediate" });
  const { evaluationId } = await openEvaluation(db(), w.qa, { interactionId: w.interactionId, scorecardId: w.scorecard.id });
  await addAnnotation(db(), w.qa, evaluationId, annotationInputSchema.parse({ comment: "Hold without asking", questionId: "note", startMs: 1000, endMs: 4000 }));
  await addAnnotation(db(), w.qa, evaluationId, annotationInputSchema.parse({ comment: "Warm greeting", questionId: "greeting", startMs: 0, endMs: 900 }));
  const answers = { ...fullMarks, greeting: { value: true, comment: "Used the name" }, note: { value: NOTE, comment: "Private: second time this month" } };
  await submitEvaluation(db(), w.qa, evaluationId, evaluationInputSchema.parse({ answers, revision: 1 }));
  return { ...w, evaluationId, answers };
}

describe("questions hidden from the agent", () => {
  it("keeps a hidden answer, its comment and its annotations out of the agent's page data, and only the agent's", async () => {
    const w = await released();
    expect(await thrown(() => saveVisibility(w.lead, w.scorecard.id, ["note"]))).toEqual({ status: 302, location: `/scorecards/${w.scorecard.id}?done=visibility` });

    const agentPage = await loadEvaluation(w.agent, w.evaluationId);
    const everything = JSON.stringify(agentPage);
    expect(everything).not.toContain(NOTE);
    expect(everything).not.toContain("second time this month");
    expect(everything).not.toContain("Hold without asking");
    expect(Object.keys(agentPage.evaluation.answers).sort()).toEqual(["discovery", "greeting", "identity", "outcome"]);
    expect(agentPage.evaluation.definition.sections.flatMap((s) => s.questions.map((q) => q.id))).toEqual(["greeting", "identity", "discovery", "outcome"]);
    expect(agentPage.media.questions.map((q) => q.id)).toEqual(["greeting", "identity", "discovery", "outcome"]);
    expect(agentPage.media.annotations.map((a) => a.comment)).toEqual(["Warm greeting"]);
    // The scored question, its comment and the score stay as they were.
    expect(agentPage.evaluation.answers.greeting).toEqual({ value: true, comment: "Used the name" });
    expect(agentPage.evaluation.score).toBe(100);

    for (const viewer of [w.supervisor, w.qa, w.lead]) {
      const page = await loadEvaluation(viewer, w.evaluationId);
      expect(page.evaluation.answers.note).toEqual({ value: NOTE, comment: "Private: second time this month" });
      expect(page.media.annotations.map((a) => a.comment).sort()).toEqual(["Hold without asking", "Warm greeting"]);
    }

    // Shown again once it is no longer hidden: nothing was removed from the evaluation.
    await thrown(() => saveVisibility(w.lead, w.scorecard.id, []));
    expect((await loadEvaluation(w.agent, w.evaluationId)).evaluation.answers.note).toEqual({ value: NOTE, comment: "Private: second time this month" });
  });

  it("lists the scorecard's questions with what may be hidden, and refuses to hide a scored question", async () => {
    const w = await released();
    await thrown(() => saveVisibility(w.lead, w.scorecard.id, ["note"]));
    const page = await loadScorecard(w.lead, w.scorecard.id);
    expect(page.questions.map(({ id, scoring, hidden }) => ({ id, scoring, hidden }))).toEqual([
      { id: "greeting", scoring: true, hidden: false },
      { id: "identity", scoring: true, hidden: false },
      { id: "discovery", scoring: true, hidden: false },
      { id: "outcome", scoring: true, hidden: false },
      { id: "note", scoring: false, hidden: true },
    ]);

    const refused = returned(await saveVisibility(w.lead, w.scorecard.id, ["note", "greeting"]));
    expect(refused.status).toBe(422);
    expect(refused.message).toBe(
      '"Greeted the customer" is scored, so it cannot be hidden from the agent: a score and its explanation always stay visible. Only text and tags questions can be hidden.',
    );
    const unknown = returned(await saveVisibility(w.lead, w.scorecard.id, ["nothing-here"]));
    expect(unknown).toMatchObject({ status: 422, message: 'This scorecard has no question with id "nothing-here".' });
    // Nothing changed: "note" is still the only hidden question.
    expect((await loadScorecard(w.lead, w.scorecard.id)).questions.filter((q) => q.hidden).map((q) => q.id)).toEqual(["note"]);
    expect((await thrown(() => saveVisibility(w.qa, w.scorecard.id, [])))).toMatchObject({ status: 403 });
  });
});
