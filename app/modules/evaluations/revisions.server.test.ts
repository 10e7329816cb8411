/**
 * Revisions, corrections and voids on real PostgreSQL (issue 13 §1, docs/decisions/0020): each
 * submitted state is a revision with its audit entry; a QA lead corrects (a new revision,
 * rescored with the pinned version) or voids (out of every figure, the conversation free to be
 * sampled again) with a reason; every refusal leaves everything as it was.
 */
import { describe, expect, it } from "vitest";
import { refusal } from "../../../test/refusal";
import { correctedAnswers, failingAnswers, fullMarks, submittedReviewWorld } from "../../../test/evaluation-fixtures";
import { seedEvaluation } from "../../../test/review-factories";
import { RUN_AT, samplingWorld } from "../../../test/sampling-fixtures";
import { db } from "../../lib/db.server";
import { seedData } from "../access/actor";
import { assignInteraction } from "../assignments/assign-interaction.server";
import { listScorecards } from "../scorecards/list-scorecards.server";
import { runSamplingRule } from "../sampling/run-sampling-rule.server";
import { samplingCoverage } from "../sampling/sampling-coverage.server";
import { editEvaluation } from "./edit-evaluation.server";
import { getEvaluation } from "./get-evaluation.server";
import { listInteractionEvaluations } from "./list-interaction-evaluations.server";
import { openEvaluation } from "./open-evaluation.server";
import { voidEvaluation } from "./void-evaluation.server";
import { listEvaluationHistory } from "./list-evaluation-history.server";
import { setHiddenQuestions } from "../scorecards/set-hidden-questions.server";


const revisionsOf = (evaluationId: string) =>
  db().selectFrom("evaluation_revisions").selectAll().where("evaluation_id", "=", evaluationId).orderBy("sequence").execute();
const auditOf = (evaluationId: string) =>
  db().selectFrom("audit_log").select(["action", "actor_id", "before", "after"]).where("entity_type", "=", "evaluation").where("entity_id", "=", evaluationId).orderBy("id").execute();
const evaluationRow = (id: string) => db().selectFrom("evaluations").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

describe("correcting a submitted evaluation", () => {
  it("writes revision 2 (cause edit, reason, lead), rescored with the pinned version, makes it current and audits before and after", async () => {
    const w = await submittedReviewWorld();
    const outcome = await editEvaluation(db(), w.lead, w.evaluationId, { answers: correctedAnswers, reason: "The customer confirmed the fix by email", revision: 2 });
    expect(outcome).toEqual({ revision: 2, score: 90.6, passed: true, autoFailed: false });

    const [first, second] = await revisionsOf(w.evaluationId);
    expect(first).toMatchObject({ sequence: 1, cause: "submit", answers: failingAnswers, score: 71.9, passed: false, actor_id: w.qa.id, reason: null });
    expect(second).toMatchObject({ sequence: 2, cause: "edit", answers: correctedAnswers, score: 90.6, passed: true, auto_failed: false, actor_id: w.lead.id, reason: "The customer confirmed the fix by email", scorecard_version_id: w.scorecard.versionId });
    const row = await evaluationRow(w.evaluationId);
    expect(row).toMatchObject({ status: "submitted", current_revision_id: second!.id, score: 90.6, passed: true, answers: correctedAnswers, revision: 3 });

    const audit = await auditOf(w.evaluationId);
    expect(audit.map((entry) => entry.action)).toEqual(["evaluation.submit", "evaluation.edited"]);
    expect(audit[1]).toEqual({
      action: "evaluation.edited",
      actor_id: w.lead.id,
      before: { revision: 1, answers: failingAnswers, score: 71.9, passed: false, autoFailed: false },
      after: { revision: 2, answers: correctedAnswers, score: 90.6, passed: true, autoFailed: false, reason: "The customer confirmed the fix by email" },
    });
    // Pages and figures read the current revision.
    expect(await getEvaluation(db(), w.supervisor, w.evaluationId)).toMatchObject({ score: 90.6, passed: true, answers: correctedAnswers });
  });

  it("refuses: 404 unseen, 403 not a lead, 422 no reason / unfit or unchanged answers, 409 stale page or draft — and writes nothing", async () => {
    const w = await submittedReviewWorld();
    const good = { answers: correctedAnswers, reason: "Recheck", revision: 2 };
    const before = { revisions: await revisionsOf(w.evaluationId), audit: await auditOf(w.evaluationId), row: await evaluationRow(w.evaluationId) };

    // Another team's supervisor and another agent never see it.
    for (const viewer of [w.outsideSupervisor, w.otherAgent]) {
      expect((await refusal(editEvaluation(db(), viewer, w.evaluationId, good))).status).toBe(404);
      expect((await refusal(voidEvaluation(db(), viewer, w.evaluationId, { reason: "x", revision: 2 }))).status).toBe(404);
    }
    expect((await refusal(editEvaluation(db(), w.lead, "00000000-0000-4000-8000-000000000000", good))).status).toBe(404);
    for (const viewer of [w.qa, w.otherQa, w.supervisor, w.agent]) {
      const refused = await refusal(editEvaluation(db(), viewer, w.evaluationId, good));
      expect(refused.status).toBe(403);
      expect(refused.message).toBe("Only QA leads can correct or void an evaluation; this one cannot be corrected by you.");
      expect((await refusal(voidEvaluation(db(), viewer, w.evaluationId, { reason: "x", revision: 2 }))).status).toBe(403);
    }

    const noReason = await refusal(editEvaluation(db(), w.lead, w.evaluationId, { ...good, reason: "   " }));
    expect(noReason.status).toBe(422);
    expect(noReason.fieldErrors).toEqual({ reason: "Give the reason for this change" });
    expect((await refusal(voidEvaluation(db(), w.lead, w.evaluationId, { reason: "", revision: 2 }))).fieldErrors).toEqual({ reason: "Give the reason for this change" });
    const unfit = await refusal(editEvaluation(db(), w.lead, w.evaluationId, { ...good, answers: { ...correctedAnswers, discovery: { value: 9 } } }));
    expect(unfit.status).toBe(422);
    expect(unfit.fieldErrors).toEqual({ "answers.discovery": "\"Understood the issue\": answer a whole number from 1 to 5" });
    const incomplete = await refusal(editEvaluation(db(), w.lead, w.evaluationId, { ...good, answers: { greeting: { value: true } } }));
    expect(incomplete.message).toBe("Answer every required question before saving the correction: “Verified identity”, “Understood the issue”, “Outcome”.");
    const unchanged = await refusal(editEvaluation(db(), w.lead, w.evaluationId, { ...good, answers: failingAnswers }));
    expect(unchanged).toMatchObject({ status: 422, message: "These answers are the ones already in force: change at least one answer to correct the evaluation." });
    const stale = await refusal(editEvaluation(db(), w.lead, w.evaluationId, { ...good, revision: 1 }));
    expect(stale.status).toBe(409);
    expect(stale.message).toContain("changed after this page loaded");

    expect({ revisions: await revisionsOf(w.evaluationId), audit: await auditOf(w.evaluationId), row: await evaluationRow(w.evaluationId) }).toEqual(before);

    // A lead's own draft: 409 with a message; somebody else's draft: not even seen.
    const { evaluationId: ownDraft } = await openEvaluation(db(), w.lead, { interactionId: w.secondId, scorecardId: w.scorecard.id });
    const draft = await refusal(editEvaluation(db(), w.lead, ownDraft, { ...good, revision: 1 }));
    expect(draft).toMatchObject({ status: 409, message: "This evaluation is still a draft: it cannot be corrected until its reviewer submits it." });
    const { evaluationId: othersDraft } = await openEvaluation(db(), w.qa, { interactionId: w.secondId, scorecardId: w.scorecard.id });
    expect((await refusal(voidEvaluation(db(), w.lead, othersDraft, { reason: "x", revision: 1 }))).status).toBe(404);
    expect(await revisionsOf(ownDraft)).toEqual([]);
  });
});

describe("the history", () => {
  it("names each changed answer by its question, and leaves questions hidden from agents out of an agent's history", async () => {
    const w = await submittedReviewWorld();
    await setHiddenQuestions(db(), w.lead, w.scorecard.id, ["note"]);
    const answers = { ...correctedAnswers, note: { value: "Supervisor: coach on hold times" } };
    await editEvaluation(db(), w.lead, w.evaluationId, { answers, reason: "Outcome and a note", revision: 2 });

    const lead = await listEvaluationHistory(db(), w.lead, w.evaluationId);
    expect(lead.map((entry) => [entry.sequence, entry.cause, entry.actorName, entry.reason, entry.score, entry.current])).toEqual([
      [1, "submit", w.qa.name, null, 71.9, false],
      [2, "edit", w.lead.name, "Outcome and a note", 90.6, true],
    ]);
    expect(lead[1]!.changes.map((change) => [change.question.prompt, change.before, change.after])).toEqual([
      ["Outcome", { value: "next" }, { value: "resolved" }],
      ["Note", undefined, { value: "Supervisor: coach on hold times" }],
    ]);
    const agent = await listEvaluationHistory(db(), w.agent, w.evaluationId);
    expect(agent[1]!.changes.map((change) => change.question.id)).toEqual(["outcome"]);
    expect((await refusal(listEvaluationHistory(db(), w.otherAgent, w.evaluationId))).status).toBe(404);
  });
});

describe("voiding a submitted evaluation", () => {
  it("marks it void with who and why, audits it, keeps its revisions, and refuses any later correction or void with 409", async () => {
    const w = await submittedReviewWorld();
    await editEvaluation(db(), w.lead, w.evaluationId, { answers: correctedAnswers, reason: "Rescored", revision: 2 });
    await voidEvaluation(db(), w.lead, w.evaluationId, { reason: "Scored against the wrong call", revision: 3 });

    const row = await evaluationRow(w.evaluationId);
    expect(row).toMatchObject({ status: "void", voided_by: w.lead.id, void_reason: "Scored against the wrong call", revision: 4 });
    expect(row.voided_at).toBeInstanceOf(Date);
    expect((await revisionsOf(w.evaluationId)).map((r) => r.cause)).toEqual(["submit", "edit"]);
    const audit = await auditOf(w.evaluationId);
    expect(audit.at(-1)).toEqual({
      action: "evaluation.voided",
      actor_id: w.lead.id,
      before: { status: "submitted", revision: 2, answers: correctedAnswers, score: 90.6, passed: true, autoFailed: false },
      after: { status: "void", reason: "Scored against the wrong call" },
    });

    // Still visible where it was, as void, and without a score in the interaction's list.
    const view = await getEvaluation(db(), w.agent, w.evaluationId);
    expect(view).toMatchObject({ status: "void", voided: { byName: w.lead.name, reason: "Scored against the wrong call" } });
    expect(await listInteractionEvaluations(db(), w.supervisor, w.interactionId)).toEqual([
      expect.objectContaining({ id: w.evaluationId, status: "void", score: null, passed: null, autoFailed: false }),
    ]);

    for (const attempt of [
      editEvaluation(db(), w.lead, w.evaluationId, { answers: fullMarks, reason: "Again", revision: 4 }),
      voidEvaluation(db(), w.lead, w.evaluationId, { reason: "Again", revision: 4 }),
    ]) {
      const refused = await refusal(attempt);
      expect(refused.status).toBe(409);
      expect(refused.message).toMatch(/^This evaluation is void: it no longer counts and cannot be (corrected|voided)\.$/);
    }
    expect(await auditOf(w.evaluationId)).toHaveLength(audit.length);
  });

  it("takes it out of the figures and lets the conversation be sampled and assigned again", async () => {
    const world = await samplingWorld({ agents: 1, perAgent: 1, reviewers: 1 });
    const rule = await world.createRule({ quota: { kind: "per_agent", n: 1 } });
    const run = async () => {
      const outcome = await runSamplingRule(db(), seedData, { ruleId: rule.id, runAt: RUN_AT, trigger: "manual" });
      if (outcome.status !== "completed") throw new Error("the run failed");
      return db().selectFrom("assignments").select(["id", "interaction_id"]).where("run_id", "=", outcome.runId).execute();
    };
    const [drawn] = await run();
    const interactionId = world.interactionsByAgent.get(world.agents[0]!.id)![0]!;
    expect(drawn?.interaction_id).toBe(interactionId);
    const reviewer = world.reviewers[0]!;
    const { id: evaluationId } = await seedEvaluation({ reviewer, interactionId, scorecardId: world.scorecard.id, assignmentId: drawn!.id, answers: { greeting: { value: true } } });

    // Reviewed: a second run has nothing to draw, the coverage and the scorecard count it, assigning it again is refused.
    expect(await run()).toEqual([]);
    expect((await samplingCoverage(db(), world.lead, { ruleId: rule.id, asOf: RUN_AT })).totals).toMatchObject({ matched: 1, reviewed: 1 });
    const counted = async () => (await listScorecards(db(), world.lead, { includeArchived: false })).find((s) => s.id === world.scorecard.id)?.evaluations;
    expect(await counted()).toBe(1);
    const assign = { interactionId, scorecardId: world.scorecard.id, reviewerId: reviewer.id, dueAt: new Date(Date.now() + 86_400_000) };
    expect((await refusal(assignInteraction(db(), world.lead, assign))).status).toBe(409);

    await voidEvaluation(db(), world.lead, evaluationId, { reason: "Wrong scorecard for this queue", revision: 2 });
    expect(await db().selectFrom("assignments").select(["status"]).where("id", "=", drawn!.id).where("voided_at", "is not", null).executeTakeFirst()).toEqual({ status: "done" });
    expect((await samplingCoverage(db(), world.lead, { ruleId: rule.id, asOf: RUN_AT })).totals).toMatchObject({ matched: 1, reviewed: 0 });
    expect(await counted()).toBe(0);
    const [again] = await run();
    expect(again?.interaction_id).toBe(interactionId);
    // Drawn again by the run, so a manual assignment now meets that live one.
    expect((await refusal(assignInteraction(db(), world.lead, assign))).message).toContain("is already assigned to");
  });
});
