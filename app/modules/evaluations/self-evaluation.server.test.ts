/**
 * Self-evaluation on real PostgreSQL (issue 13 §5, docs/decisions/0025): the organisation's
 * switch, the review's scorecard, the lock at release, questions hidden from agents, the
 * reviewer's blindness until they submit, the comparison's exact gaps, and that a
 * self-evaluation never passes for the review (My feedback, score badges, acknowledgement,
 * corrections).
 */
import { describe, expect, it } from "vitest";
import { fullMarks, reviewDefinition, reviewWorld } from "../../../test/evaluation-fixtures";
import { seedScorecard, seedUser } from "../../../test/factories";
import { withOrganisationSettings } from "../../../test/organisation-factories";
import { refusal } from "../../../test/refusal";
import { seedAcknowledgement, seedAssignment, seedCorrection, seedEvaluation, seedSelfEvaluation, seedVoid } from "../../../test/review-factories";
import { selfComparisonView } from "../../components/self-evaluation/comparison-view.server";
import { selfEvaluationPanelView } from "../../components/self-evaluation/self-evaluation-panel-view.server";
import { db } from "../../lib/db.server";
import { listMyFeedback } from "../feedback/list-my-feedback.server";
import { listScoreBadges } from "../feedback/list-score-badges.server";
import { setHiddenQuestions } from "../scorecards/set-hidden-questions.server";
import type { Viewer } from "../users/roles";
import { emptyFeedback } from "./feedback-document";
import { getEvaluation } from "./get-evaluation.server";
import { openEvaluation } from "./open-evaluation.server";
import { releaseEvaluation } from "./release-evaluation.server";
import { saveEvaluationDraft } from "./save-evaluation-draft.server";
import { startSelfEvaluation } from "./start-self-evaluation.server";
import { submitEvaluation } from "./submit-evaluation.server";

const ON = { self_evaluation_enabled: true };
const selfRows = (interactionId: string) => db().selectFrom("evaluations").select(["id", "status"]).where("interaction_id", "=", interactionId).where("kind", "=", "self").execute();
const seesIt = async (viewer: Viewer, evaluationId: string) => getEvaluation(db(), viewer, evaluationId).then(() => true, () => false);

// Self: greeting yes, identity yes, discovery 4, outcome next steps: opening 100, resolution (3/4 + 1/2)/2 = 62.5, overall 71.9.
const selfAnswers = { greeting: { value: true }, identity: { value: true }, discovery: { value: 4 }, outcome: { value: "next" } };
// Review: greeting no, identity yes, discovery 2, outcome resolved: opening 50, resolution (1/4 + 1)/2 = 62.5, overall (50 + 187.5)/4 = 59.4.
const reviewAnswers = { greeting: { value: false }, identity: { value: true }, discovery: { value: 2 }, outcome: { value: "resolved" } };

describe("starting a self-evaluation", () => {
  it("is refused with a clear message while the organisation has it turned off, and nothing is written", async () => {
    const w = await reviewWorld();
    await withOrganisationSettings({ self_evaluation_enabled: false }, async () => {
      const refused = await refusal(startSelfEvaluation(db(), w.agent, { interactionId: w.interactionId, scorecardId: w.scorecard.id }));
      expect([refused.status, refused.message]).toEqual([403, "Self-evaluation is turned off for your organisation. An admin can turn it on under Settings."]);
      expect(await selfRows(w.interactionId)).toEqual([]);
      expect(await selfEvaluationPanelView(db(), w.agent, w.interactionId)).toBeNull();
    });
  });

  it("is the agent's own: another agent gets 404, a supervisor or a QA specialist 403", async () => {
    const w = await reviewWorld();
    await withOrganisationSettings(ON, async () => {
      const request = { interactionId: w.interactionId, scorecardId: w.scorecard.id };
      expect((await refusal(startSelfEvaluation(db(), w.otherAgent, request))).status).toBe(404);
      expect((await refusal(startSelfEvaluation(db(), w.supervisor, request))).message).toBe("Only agents self-evaluate, and only their own conversations.");
      expect((await refusal(startSelfEvaluation(db(), w.qa, request))).status).toBe(403);
      expect(await selfRows(w.interactionId)).toEqual([]);
    });
  });

  it("uses the scorecard of the conversation's review assignment over the agent's pick, and asks for a pick only where there is none", async () => {
    const w = await reviewWorld();
    const other = await seedScorecard({ definition: reviewDefinition });
    await withOrganisationSettings(ON, async () => {
      await seedAssignment({ interactionId: w.interactionId, scorecardId: w.scorecard.id, reviewerId: w.qa.id, actor: w.lead });
      const started = await startSelfEvaluation(db(), w.agent, { interactionId: w.interactionId, scorecardId: other.id });
      expect((await getEvaluation(db(), w.agent, started.evaluationId)).scorecard.id).toBe(w.scorecard.id);
      // Starting again continues the same draft.
      expect(await startSelfEvaluation(db(), w.agent, { interactionId: w.interactionId })).toEqual(started);

      const unpicked = await refusal(startSelfEvaluation(db(), w.agent, { interactionId: w.secondId }));
      expect([unpicked.status, unpicked.fieldErrors]).toEqual([422, { scorecardId: "Pick a scorecard" }]);
      expect(await selfEvaluationPanelView(db(), w.agent, w.secondId)).toMatchObject({ state: "start", reviewScorecard: null });
      const picked = await startSelfEvaluation(db(), w.agent, { interactionId: w.secondId, scorecardId: other.id });
      expect((await getEvaluation(db(), w.agent, picked.evaluationId)).scorecard.id).toBe(other.id);
    });
  });
});

describe("the lock at release", () => {
  it("closes a draft and refuses a new one once the review is released to the agent; a submitted one stays readable", async () => {
    const w = await reviewWorld({ releaseMode: "manual" });
    await withOrganisationSettings(ON, async () => {
      const draft = await seedSelfEvaluation({ agent: w.agent, interactionId: w.interactionId, scorecardId: w.scorecard.id, submit: false });
      const done = await seedSelfEvaluation({ agent: w.agent, interactionId: w.secondId, scorecardId: w.scorecard.id, answers: selfAnswers });
      const first = await seedEvaluation({ reviewer: w.qa, interactionId: w.interactionId, scorecardId: w.scorecard.id, answers: reviewAnswers });
      const second = await seedEvaluation({ reviewer: w.qa, interactionId: w.secondId, scorecardId: w.scorecard.id, answers: reviewAnswers });
      // Submitted but not released: the agent still works on their draft.
      await saveEvaluationDraft(db(), w.agent, draft.id, { answers: { greeting: { value: true } }, feedback: emptyFeedback(), revision: 1 });
      await releaseEvaluation(db(), w.lead, first.id);
      await releaseEvaluation(db(), w.lead, second.id);

      const locked = await refusal(saveEvaluationDraft(db(), w.agent, draft.id, { answers: selfAnswers, feedback: emptyFeedback(), revision: 2 }));
      expect([locked.status, locked.code]).toEqual([409, "locked"]);
      expect((await refusal(submitEvaluation(db(), w.agent, draft.id, { answers: fullMarks, feedback: emptyFeedback(), revision: 2 }))).code).toBe("locked");
      expect((await refusal(startSelfEvaluation(db(), w.agent, { interactionId: w.interactionId }))).code).toBe("locked");
      expect(await selfEvaluationPanelView(db(), w.agent, w.interactionId)).toEqual({ state: "locked" });
      expect((await getEvaluation(db(), w.agent, draft.id)).answers).toEqual({ greeting: { value: true } });

      // The submitted one: read-only, and no longer a draft to save.
      expect(await startSelfEvaluation(db(), w.agent, { interactionId: w.secondId })).toEqual({ evaluationId: done.id, status: "submitted" });
      expect((await refusal(saveEvaluationDraft(db(), w.agent, done.id, { answers: fullMarks, feedback: emptyFeedback(), revision: 2 }))).status).toBe(409);
    });
  });
});

describe("questions hidden from agents", () => {
  it("are not on the self-evaluation form, are neither required nor accepted, and the score is the full definition's", async () => {
    const w = await reviewWorld();
    const definition = structuredClone(reviewDefinition);
    const resolution = definition.sections[1]!;
    resolution.questions = resolution.questions.map((question) => (question.id === "note" ? { ...question, required: true } : question));
    const scorecard = await seedScorecard({ definition, hiddenFromAgents: ["note"] });
    await withOrganisationSettings(ON, async () => {
      const { evaluationId } = await startSelfEvaluation(db(), w.agent, { interactionId: w.interactionId, scorecardId: scorecard.id });
      const form = await getEvaluation(db(), w.agent, evaluationId);
      expect(form.version.definition.sections.flatMap((section) => section.questions.map((question) => question.id))).toEqual(["greeting", "identity", "discovery", "outcome"]);
      const hiddenAnswer = await refusal(saveEvaluationDraft(db(), w.agent, evaluationId, { answers: { note: { value: "x" } }, feedback: emptyFeedback(), revision: 1 }));
      expect(hiddenAnswer.status).toBe(422);
      // The required hidden note does not hold the submit back; 71.9 as the full definition scores it.
      const outcome = await submitEvaluation(db(), w.agent, evaluationId, { answers: selfAnswers, feedback: emptyFeedback(), revision: 1 });
      expect(outcome).toMatchObject({ kind: "self", score: 71.9, passed: false, released: false });
      // A reviewer on the same scorecard must still answer it.
      const review = await openEvaluation(db(), w.qa, { interactionId: w.interactionId, scorecardId: scorecard.id });
      expect((await refusal(submitEvaluation(db(), w.qa, review.evaluationId, { answers: selfAnswers, feedback: emptyFeedback(), revision: 1 }))).status).toBe(422);
    });
  });
});

describe("blindness and the comparison", () => {
  it("hides the self-evaluation from the reviewer until they submit, then shows both side by side with exact gaps", async () => {
    const w = await reviewWorld({ releaseMode: "manual" });
    await withOrganisationSettings(ON, async () => {
      await seedAssignment({ interactionId: w.interactionId, scorecardId: w.scorecard.id, reviewerId: w.qa.id, actor: w.lead });
      const self = await seedSelfEvaluation({ agent: w.agent, interactionId: w.interactionId, answers: selfAnswers });
      // Nobody but the agent sees it while no review is submitted; the reviewer not while theirs is to do.
      expect(await seesIt(w.agent, self.id)).toBe(true);
      for (const viewer of [w.qa, w.otherQa, w.supervisor, w.lead]) expect(await seesIt(viewer, self.id)).toBe(false);
      const review = await seedEvaluation({ reviewer: w.qa, interactionId: w.interactionId, scorecardId: w.scorecard.id, submit: false });
      expect(await seesIt(w.qa, self.id)).toBe(false);
      await submitEvaluation(db(), w.qa, review.id, { answers: reviewAnswers, feedback: emptyFeedback(), revision: 1 });
      for (const viewer of [w.qa, w.otherQa, w.supervisor, w.lead]) expect(await seesIt(viewer, self.id)).toBe(true);
      expect(await seesIt(w.outsideSupervisor, self.id)).toBe(false);

      const comparison = await selfComparisonView(db(), w.qa, await getEvaluation(db(), w.qa, review.id));
      expect(comparison).toMatchObject({ sameScorecard: true, selfId: self.id, reviewId: review.id, selfScore: 71.9, reviewScore: 59.4, scoreGap: 12.5 });
      expect(comparison?.sameScorecard && comparison.rows.map((row) => [row.questionId, row.agent, row.reviewer, row.gap])).toEqual([
        ["greeting", "Yes", "No", 1],
        ["identity", "Yes", "Yes", 0],
        ["discovery", "4 on 1 to 5", "2 on 1 to 5", 2],
        ["outcome", "Next steps", "Resolved", -1],
        ["note", "Not answered", "Not answered", null],
      ]);
      // The agent: their own self-evaluation, but no comparison before the review is released.
      expect(await selfComparisonView(db(), w.agent, await getEvaluation(db(), w.agent, self.id))).toBeNull();
      await releaseEvaluation(db(), w.lead, review.id);
      expect(await selfComparisonView(db(), w.agent, await getEvaluation(db(), w.agent, self.id))).toMatchObject({ reviewId: review.id, scoreGap: 12.5 });
      expect(await selfComparisonView(db(), w.agent, await getEvaluation(db(), w.agent, review.id))).toMatchObject({ selfId: self.id, scoreGap: 12.5 });
    });
  });

  it("blinds a second reviewer who has a review of the conversation to do, even after the first review", async () => {
    const w = await reviewWorld();
    await withOrganisationSettings(ON, async () => {
      const self = await seedSelfEvaluation({ agent: w.agent, interactionId: w.interactionId, scorecardId: w.scorecard.id, answers: selfAnswers });
      await seedEvaluation({ reviewer: w.qa, interactionId: w.interactionId, scorecardId: w.scorecard.id, answers: reviewAnswers });
      const second = await seedScorecard({ definition: reviewDefinition });
      await seedAssignment({ interactionId: w.interactionId, scorecardId: second.id, reviewerId: w.otherQa.id, actor: w.lead });
      expect(await seesIt(w.otherQa, self.id)).toBe(false);
      expect(await seesIt(w.qa, self.id)).toBe(true);
    });
  });
});

describe("a self-evaluation never passes for the review", () => {
  it("is never released, listed in My feedback, badged, acknowledged, corrected or voided", async () => {
    const w = await reviewWorld();
    await withOrganisationSettings(ON, async () => {
      const self = await seedSelfEvaluation({ agent: w.agent, interactionId: w.interactionId, scorecardId: w.scorecard.id, answers: fullMarks });
      const row = await db().selectFrom("evaluations").select(["released_at", "score"]).where("id", "=", self.id).executeTakeFirstOrThrow();
      expect(row).toEqual({ released_at: null, score: 100 });
      // Submitted after the self-evaluation, released at once: the review, and only it, is the agent's feedback and the badge.
      const review = await seedEvaluation({ reviewer: w.qa, interactionId: w.interactionId, scorecardId: w.scorecard.id, answers: reviewAnswers });
      const feedback = await listMyFeedback(db(), w.agent, { limit: 20, now: new Date(), timeZone: "UTC" });
      expect(feedback.items.map((item) => [item.evaluationId, item.score])).toEqual([[review.id, 59.4]]);
      const lead = await seedUser("qa_lead");
      expect(await seesIt(lead, self.id)).toBe(true);
      for (const viewer of [lead, w.agent]) expect((await listScoreBadges(db(), viewer, [w.interactionId]))[w.interactionId]).toMatchObject({ evaluationId: review.id, score: 59.4 });
      expect((await refusal(seedAcknowledgement(w.agent, self.id))).status).toBe(403);
      const corrected = await refusal(seedCorrection(lead, self.id, { answers: fullMarks, reason: "Wrong" }));
      expect([corrected.status, corrected.message]).toEqual([409, "This is the agent's self-evaluation: it is theirs and cannot be corrected."]);
      expect((await refusal(seedVoid(lead, self.id, "No"))).status).toBe(409);
      // Hiding a question later does not reach back into what was submitted.
      await setHiddenQuestions(db(), lead, w.scorecard.id, ["note"]);
      expect((await getEvaluation(db(), w.agent, self.id)).score).toBe(100);
    });
  });
});
