/**
 * Disputes on real PostgreSQL (issue 13 §6, docs/decisions/0022): every transition with what it
 * writes (the dispute, the revision and score, the audit entry, the notifications), and every
 * refusal with nothing written.
 */
import { describe, expect, it } from "vitest";
import { REASON, disputeWorld, twoQuestions } from "../../../test/dispute-fixtures";
import { correctedAnswers, failingAnswers, fullMarks } from "../../../test/evaluation-fixtures";
import { seedUser } from "../../../test/factories";
import { withOrganisationSettings } from "../../../test/organisation-factories";
import { refusal } from "../../../test/refusal";
import { seedAcknowledgement, seedCorrection, seedVoid } from "../../../test/review-factories";
import { db } from "../../lib/db.server";
import { getAcknowledgement } from "../feedback/get-acknowledgement.server";
import { declineDispute } from "./decline-dispute.server";
import { decideDispute } from "./decide-dispute.server";
import { endorseDispute } from "./endorse-dispute.server";
import { getDispute } from "./get-dispute.server";
import { raiseDispute } from "./raise-dispute.server";
import { takeDispute } from "./take-dispute.server";
import { withdrawDispute } from "./withdraw-dispute.server";

const disputeRow = (id: string) => db().selectFrom("disputes").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const evaluationRow = (id: string) => db().selectFrom("evaluations").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const revisionsOf = (evaluationId: string) => db().selectFrom("evaluation_revisions").selectAll().where("evaluation_id", "=", evaluationId).orderBy("sequence").execute();
/** The dispute's notifications about an evaluation (its release is notified too, by the release itself). */
const notificationsOf = (evaluationId: string) =>
  db()
    .selectFrom("notifications")
    .select(["recipient_id", "kind", "link"])
    .where("evaluation_id", "=", evaluationId)
    .where("kind", "like", "dispute_%")
    .orderBy("created_at")
    .orderBy("kind")
    .orderBy("recipient_id")
    .execute();
const auditActions = async (entityId: string) =>
  (await db().selectFrom("audit_log").select("action").where("entity_id", "=", entityId).orderBy("id").execute()).map((row) => row.action);
/** Everything a refused call must leave as it was. */
const snapshot = async (evaluationId: string) => ({
  disputes: await db().selectFrom("disputes").selectAll().where("evaluation_id", "=", evaluationId).orderBy("id").execute(),
  questions: await db().selectFrom("dispute_questions").innerJoin("disputes", "disputes.id", "dispute_questions.dispute_id").selectAll("dispute_questions").where("disputes.evaluation_id", "=", evaluationId).orderBy("question_id").execute(),
  evaluation: await evaluationRow(evaluationId),
  revisions: await revisionsOf(evaluationId),
  notifications: await notificationsOf(evaluationId),
  audit: await db().selectFrom("audit_log").select(["id"]).orderBy("id", "desc").limit(1).execute(),
});
const acceptOutcomeKeepDiscovery = {
  decisions: [
    { questionId: "outcome", decision: "accept" as const, note: "The customer confirms it at 02:10." },
    { questionId: "discovery", decision: "keep" as const, note: "One checklist question was skipped." },
  ],
};

describe("raising a dispute", () => {
  it("the agent disputes two questions: open, due in 5 working days, each question with its original, proposal, reason and evidence; the arbiters are told", async () => {
    const w = await disputeWorld();
    const now = new Date("2026-12-04T17:00:00Z"); // a Friday
    await db().updateTable("evaluations").set({ released_at: new Date("2026-12-01T09:00:00Z") }).where("id", "=", w.evaluationId).execute();
    const raised = await raiseDispute(db(), w.agent, w.evaluationId, twoQuestions(w.revisionId), now);
    expect({ state: raised.state, dueAt: raised.dueAt }).toEqual({ state: "open", dueAt: new Date("2026-12-12T00:00:00Z") });
    expect(await disputeRow(raised.id)).toMatchObject({ evaluation_id: w.evaluationId, revision_id: w.revisionId, raised_by: w.agent.id, on_behalf: false, state: "open", raised_at: now });
    const questions = await db().selectFrom("dispute_questions").selectAll().where("dispute_id", "=", raised.id).orderBy("position").execute();
    expect(questions).toMatchObject([
      { question_id: "outcome", original_answer: { value: "next" }, proposed_answer: { value: "resolved" }, reason_code: REASON, segment_id: "s2", start_offset: 4, end_offset: 20, quote: "card works now", start_ms: null, decision: null },
      { question_id: "discovery", original_answer: { value: 4 }, proposed_answer: { value: 5 }, start_ms: 12_000, end_ms: 12_000, segment_id: null },
    ]);
    const told = await notificationsOf(w.evaluationId);
    const raisedTo = told.filter((n) => n.kind === "dispute_raised").map((n) => n.recipient_id);
    expect(raisedTo).toContain(w.lead.id);
    // Never the reviewer (a QA specialist, not in the pool), the agent or the supervisor.
    for (const person of [w.qa, w.agent, w.supervisor]) expect(raisedTo).not.toContain(person.id);
    expect(told.find((n) => n.recipient_id === w.lead.id)?.link).toBe(`/disputes/${raised.id}`);
    expect(await auditActions(raised.id)).toEqual(["dispute.raised"]);
  });

  it("a supervisor raises it for their agent: open at once, marked on their behalf", async () => {
    const w = await disputeWorld();
    const raised = await withOrganisationSettings({ dispute_supervisor_first_line: true }, () => raiseDispute(db(), w.supervisor, w.evaluationId, twoQuestions(w.revisionId)));
    expect(raised.state).toBe("open");
    expect(await disputeRow(raised.id)).toMatchObject({ raised_by: w.supervisor.id, on_behalf: true, supervisor_id: w.supervisor.id });
  });

  it("refuses, writing nothing: after the window, unreleased, void, a non-scoring question, an answer the question does not allow, the same answer, an unknown reason, a second open dispute, roles that do not dispute", async () => {
    const w = await disputeWorld();
    const base = twoQuestions(w.revisionId);
    const before = await snapshot(w.evaluationId);
    const expectRefusal = async (promise: Promise<unknown>, status: number, message: RegExp) => {
      const error = await refusal(promise);
      expect(error.status).toBe(status);
      expect(error.message).toMatch(message);
    };
    const fifteenDaysLater = new Date(w.releasedAt.getTime() + 15 * 86_400_000);
    await expectRefusal(raiseDispute(db(), w.agent, w.evaluationId, base, fifteenDaysLater), 409, /window to dispute this evaluation closed on .* \(14 days after its release\)/);
    const one = (question: { questionId: string; proposed: unknown; reasonCode?: string }) => ({ revisionId: w.revisionId, questions: [{ reasonCode: REASON, reasonText: "Because", ...question }] });
    await expectRefusal(raiseDispute(db(), w.agent, w.evaluationId, one({ questionId: "note", proposed: { value: "x" } })), 422, /"Note" does not count in the score, so it cannot be disputed/);
    await expectRefusal(raiseDispute(db(), w.agent, w.evaluationId, one({ questionId: "discovery", proposed: { value: 9 } })), 422, /answer a whole number from 1 to 5/);
    await expectRefusal(raiseDispute(db(), w.agent, w.evaluationId, one({ questionId: "greeting", proposed: { na: true } })), 422, /cannot be marked N\/A/);
    await expectRefusal(raiseDispute(db(), w.agent, w.evaluationId, one({ questionId: "discovery", proposed: { value: 4 } })), 422, /propose an answer other than the one given/);
    await expectRefusal(raiseDispute(db(), w.agent, w.evaluationId, one({ questionId: "discovery", proposed: { value: 5 }, reasonCode: "I disagree" })), 422, /Choose one of the organisation's reasons/);
    await expectRefusal(raiseDispute(db(), w.agent, w.evaluationId, { revisionId: w.revisionId, questions: [] }), 422, /at least one question/);
    await expectRefusal(raiseDispute(db(), w.qa, w.evaluationId, base), 403, /Only the agent, or their supervisor/);
    await expectRefusal(raiseDispute(db(), w.lead, w.evaluationId, base), 403, /Only the agent/);
    await expectRefusal(raiseDispute(db(), w.otherAgent, w.evaluationId, base), 404, /not found/);
    await expectRefusal(raiseDispute(db(), w.outsideSupervisor, w.evaluationId, base), 404, /not found/);
    expect(await snapshot(w.evaluationId)).toEqual(before);

    // A second open dispute.
    await raiseDispute(db(), w.agent, w.evaluationId, base);
    await expectRefusal(raiseDispute(db(), w.supervisor, w.evaluationId, base), 409, /already open/);
    expect((await snapshot(w.evaluationId)).disputes).toHaveLength(1);
  });

  it("refuses an unreleased review (409 to the supervisor who sees it, 404 to the agent who does not) and a void one", async () => {
    const w = await disputeWorld();
    await db().updateTable("evaluations").set({ released_at: null }).where("id", "=", w.evaluationId).execute();
    expect((await refusal(raiseDispute(db(), w.supervisor, w.evaluationId, twoQuestions(w.revisionId)))).message).toMatch(/not been released/);
    expect((await refusal(raiseDispute(db(), w.agent, w.evaluationId, twoQuestions(w.revisionId)))).status).toBe(404);
    await db().updateTable("evaluations").set({ released_at: w.releasedAt }).where("id", "=", w.evaluationId).execute();
    await seedVoid(w.lead, w.evaluationId, "Wrong conversation");
    const error = await refusal(raiseDispute(db(), w.agent, w.evaluationId, twoQuestions(w.revisionId)));
    expect({ status: error.status, message: error.message }).toEqual({ status: 409, message: "This evaluation is void: it no longer counts, so there is nothing to dispute." });
    expect(await db().selectFrom("disputes").select("id").where("evaluation_id", "=", w.evaluationId).execute()).toEqual([]);
  });
  it("a question hidden from agents is, to an agent, a question the scorecard does not have: the same 422 as an unknown id, nothing about the question", async () => {
    const w = await disputeWorld();
    await db().insertInto("scorecard_hidden_questions").values({ scorecard_id: w.scorecard.id, question_id: "note" }).execute();
    const before = await snapshot(w.evaluationId);
    const asking = (questionId: string) => ({ revisionId: w.revisionId, questions: [{ questionId, proposed: { value: "x" }, reasonCode: REASON, reasonText: "Because" }] });
    const shown = (error: { status: number; message: string; fieldErrors?: Record<string, string> }, questionId: string) => ({
      status: error.status,
      message: error.message.replaceAll(questionId, "<id>"),
      fieldErrors: Object.fromEntries(Object.entries(error.fieldErrors ?? {}).map(([field, message]) => [field, message.replaceAll(questionId, "<id>")])),
    });
    const hidden = await refusal(raiseDispute(db(), w.agent, w.evaluationId, asking("note")));
    const unknown = await refusal(raiseDispute(db(), w.agent, w.evaluationId, asking("no-such-question")));
    expect(shown(hidden, "note")).toEqual(shown(unknown, "no-such-question"));
    expect(shown(hidden, "note")).toEqual({
      status: 422,
      message: 'This scorecard has no question with id "<id>".',
      fieldErrors: { "questions.0.questionId": 'This scorecard has no question with id "<id>".' },
    });
    expect(hidden.message).not.toMatch(/Note|count in the score/);
    // Their supervisor, who sees hidden answers, is told why as before.
    expect((await refusal(raiseDispute(db(), w.supervisor, w.evaluationId, asking("note")))).message).toBe('"Note" does not count in the score, so it cannot be disputed.');
    expect(await snapshot(w.evaluationId)).toEqual(before);
  });
});

describe("the supervisor's first line", () => {
  it("an agent's dispute waits for their supervisor, who is told; endorsing sends it to the arbiters with a new due time", async () => {
    const w = await disputeWorld();
    await withOrganisationSettings({ dispute_supervisor_first_line: true }, async () => {
      const raised = await raiseDispute(db(), w.agent, w.evaluationId, twoQuestions(w.revisionId), new Date("2026-12-07T10:00:00Z"));
      expect(raised.state).toBe("awaiting_supervisor");
      let told = await notificationsOf(w.evaluationId);
      expect(told.map((n) => [n.recipient_id, n.kind])).toEqual([[w.supervisor.id, "dispute_raised"]]);
      // Arbiters cannot take it yet; another team's supervisor does not see it.
      expect((await refusal(takeDispute(db(), w.lead, raised.id))).status).toBe(409);
      expect((await refusal(endorseDispute(db(), w.outsideSupervisor, raised.id, {}))).status).toBe(404);
      expect((await refusal(endorseDispute(db(), w.lead, raised.id, {}))).status).toBe(403);

      const { dueAt } = await endorseDispute(db(), w.supervisor, raised.id, { note: "Worth a look" }, new Date("2026-12-09T10:00:00Z"));
      expect(dueAt).toEqual(new Date("2026-12-17T00:00:00Z")); // Wednesday + 5 working days → end of next Wednesday
      expect(await disputeRow(raised.id)).toMatchObject({ state: "open", supervisor_id: w.supervisor.id, supervisor_note: "Worth a look", due_at: dueAt });
      told = await notificationsOf(w.evaluationId);
      expect(told.filter((n) => n.recipient_id === w.lead.id).map((n) => n.kind)).toEqual(["dispute_raised"]);
      expect((await refusal(endorseDispute(db(), w.supervisor, raised.id, {}))).status).toBe(409);
      expect(await auditActions(raised.id)).toEqual(["dispute.raised", "dispute.endorsed"]);
    });
  });

  it("declining needs a note; the dispute ends as declined, which the agent sees, and never reaches QA", async () => {
    const w = await disputeWorld();
    await withOrganisationSettings({ dispute_supervisor_first_line: true }, async () => {
      const raised = await raiseDispute(db(), w.agent, w.evaluationId, twoQuestions(w.revisionId));
      expect((await refusal(declineDispute(db(), w.supervisor, raised.id, { note: " " }))).status).toBe(422);
      await declineDispute(db(), w.supervisor, raised.id, { note: "The recording shows the skipped step." });
      expect(await getDispute(db(), w.agent, raised.id)).toMatchObject({ state: "declined", supervisor: { note: "The recording shows the skipped step." }, names: { supervisor: w.supervisor.name } });
      expect((await notificationsOf(w.evaluationId)).filter((n) => n.kind === "dispute_decided").map((n) => n.recipient_id)).toEqual([w.agent.id]);
      expect((await refusal(decideDispute(db(), w.lead, raised.id, acceptOutcomeKeepDiscovery))).message).toMatch(/declined by the agent's supervisor/);
      // Declined is closed: the agent may dispute again.
      expect((await raiseDispute(db(), w.agent, w.evaluationId, twoQuestions(w.revisionId))).state).toBe("awaiting_supervisor");
    });
  });
});

describe("taking and deciding", () => {
  it("a lead takes it (the agent is told), accepts one proposal and keeps the other: partly upheld, revision 2 (cause dispute) rescored 71.9 → 90.6 and current, audited, agent, raiser and reviewer told", async () => {
    const w = await disputeWorld();
    const raised = await raiseDispute(db(), w.agent, w.evaluationId, twoQuestions(w.revisionId));
    await takeDispute(db(), w.lead, raised.id);
    expect(await disputeRow(raised.id)).toMatchObject({ state: "in_review", taken_by: w.lead.id });
    expect((await notificationsOf(w.evaluationId)).filter((n) => n.kind === "dispute_assigned").map((n) => n.recipient_id)).toEqual([w.agent.id]);

    const decision = await decideDispute(db(), w.lead, raised.id, { ...acceptOutcomeKeepDiscovery, note: "Listened to the call twice" });
    expect(decision).toEqual({ outcome: "partly_upheld", revision: 2, score: { score: 90.6, passed: true, autoFailed: false } });
    const [first, second] = await revisionsOf(w.evaluationId);
    expect(first).toMatchObject({ sequence: 1, cause: "submit", score: 71.9, answers: failingAnswers });
    expect(second).toMatchObject({ sequence: 2, cause: "dispute", score: 90.6, passed: true, answers: correctedAnswers, actor_id: w.lead.id, reason: "Dispute partly upheld: Listened to the call twice" });
    expect(await evaluationRow(w.evaluationId)).toMatchObject({ current_revision_id: second!.id, score: 90.6, passed: true, answers: correctedAnswers, revision: 3 });
    expect(await disputeRow(raised.id)).toMatchObject({ state: "partly_upheld", decided_by: w.lead.id, decision_revision_id: second!.id, decision_note: "Listened to the call twice" });
    const questions = await db().selectFrom("dispute_questions").select(["question_id", "decision", "decided_answer", "decision_note"]).where("dispute_id", "=", raised.id).orderBy("position").execute();
    expect(questions).toEqual([
      { question_id: "outcome", decision: "accept", decided_answer: { value: "resolved" }, decision_note: "The customer confirms it at 02:10." },
      { question_id: "discovery", decision: "keep", decided_answer: { value: 4 }, decision_note: "One checklist question was skipped." },
    ]);
    const audit = await db().selectFrom("audit_log").select(["action", "before", "after"]).where("entity_id", "=", w.evaluationId).where("action", "=", "evaluation.dispute_decided").executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      before: { revision: 1, score: 71.9, passed: false },
      after: { revision: 2, score: 90.6, passed: true, disputeId: raised.id, outcome: "partly_upheld", decisions: [{ questionId: "outcome", decision: "accept" }, { questionId: "discovery", decision: "keep" }] },
    });
    expect((await notificationsOf(w.evaluationId)).filter((n) => n.kind === "dispute_decided").map((n) => n.recipient_id).sort()).toEqual([w.agent.id, w.qa.id].sort());
    // The overturn view counts the accepted question only.
    const outcomes = await db().selectFrom("dispute_question_outcomes").select(["question_id", "overturned", "reviewer_id"]).where("dispute_id", "=", raised.id).orderBy("question_id").execute();
    expect(outcomes).toEqual([
      { question_id: "discovery", overturned: false, reviewer_id: w.qa.id },
      { question_id: "outcome", overturned: true, reviewer_id: w.qa.id },
    ]);
  });

  it("a dispute revision that flips pass/fail asks the agent to acknowledge again", async () => {
    const w = await disputeWorld();
    await seedAcknowledgement(w.agent, w.evaluationId, "Understood");
    expect((await getAcknowledgement(db(), w.agent, w.evaluationId, new Date(), "UTC")).state.kind).toBe("acknowledged");
    const raised = await raiseDispute(db(), w.agent, w.evaluationId, twoQuestions(w.revisionId));
    await decideDispute(db(), w.lead, raised.id, acceptOutcomeKeepDiscovery);
    expect((await getAcknowledgement(db(), w.agent, w.evaluationId, new Date(), "UTC")).state).toMatchObject({ kind: "awaiting", again: true });
  });

  it("all kept: rejected, no revision, the score stands; all accepted: upheld", async () => {
    const w = await disputeWorld();
    const raised = await raiseDispute(db(), w.agent, w.evaluationId, twoQuestions(w.revisionId));
    const kept = await decideDispute(db(), w.lead, raised.id, {
      decisions: [
        { questionId: "outcome", decision: "keep", note: "No" },
        { questionId: "discovery", decision: "keep", note: "No" },
      ],
    });
    expect(kept).toEqual({ outcome: "rejected", revision: null, score: { score: 71.9, passed: false, autoFailed: false } });
    expect(await revisionsOf(w.evaluationId)).toHaveLength(1);

    const again = await raiseDispute(db(), w.agent, w.evaluationId, twoQuestions(w.revisionId));
    const accepted = await decideDispute(db(), w.lead, again.id, {
      decisions: [
        { questionId: "outcome", decision: "accept", note: "Yes" },
        { questionId: "discovery", decision: "accept", note: "Yes" },
      ],
    });
    expect(accepted).toEqual({ outcome: "upheld", revision: 2, score: { score: 100, passed: true, autoFailed: false } });
    expect((await evaluationRow(w.evaluationId)).answers).toEqual(fullMarks);
  });

  it("another answer: never below the original unless the organisation allows it", async () => {
    const w = await disputeWorld();
    const raised = await raiseDispute(db(), w.agent, w.evaluationId, twoQuestions(w.revisionId));
    const lower = {
      decisions: [
        { questionId: "outcome", decision: "keep" as const, note: "Stands" },
        { questionId: "discovery", decision: "other" as const, answer: { value: 3 }, note: "Two questions were skipped" },
      ],
    };
    const before = await snapshot(w.evaluationId);
    const error = await refusal(decideDispute(db(), w.lead, raised.id, lower));
    expect({ status: error.status, fieldErrors: error.fieldErrors }).toEqual({
      status: 422,
      fieldErrors: { "decisions.1.answer": "\"Understood the issue\": a decision cannot score this question below its original answer (an organisation setting)." },
    });
    const same = { decisions: [lower.decisions[0]!, { ...lower.decisions[1]!, answer: { value: 5 } }] };
    expect((await refusal(decideDispute(db(), w.lead, raised.id, same))).message).toMatch(/that is the proposed answer; choose “Accept” instead/);
    const missing = { decisions: [lower.decisions[0]!] };
    expect((await refusal(decideDispute(db(), w.lead, raised.id, missing))).message).toMatch(/Decide "Understood the issue"/);
    expect(await snapshot(w.evaluationId)).toEqual(before);

    const decision = await withOrganisationSettings({ dispute_decision_may_lower: true }, () => decideDispute(db(), w.lead, raised.id, lower));
    // Resolution (2/4 + 1/2) / 2 = 0.5; overall (100 + 3 × 50) / 4 = 62.5.
    expect(decision).toEqual({ outcome: "partly_upheld", revision: 2, score: { score: 62.5, passed: false, autoFailed: false } });
  });

  it("arbiters: QA leads and the pool, never the reviewer nor the agent; one taker at a time", async () => {
    const w = await disputeWorld();
    await db().insertInto("dispute_arbiters").values([{ user_id: w.qa.id }, { user_id: w.otherQa.id }]).execute();
    try {
      const raised = await raiseDispute(db(), w.agent, w.evaluationId, twoQuestions(w.revisionId));
      const reviewer = await refusal(takeDispute(db(), w.qa, raised.id));
      expect({ status: reviewer.status, message: reviewer.message }).toEqual({ status: 403, message: "You scored this evaluation, so another arbiter decides its dispute." });
      expect((await refusal(decideDispute(db(), w.qa, raised.id, acceptOutcomeKeepDiscovery))).status).toBe(403);
      // A lead who reviewed it is refused too.
      await db().updateTable("evaluations").set({ reviewer_id: w.lead.id }).where("id", "=", w.evaluationId).execute();
      expect((await refusal(takeDispute(db(), w.lead, raised.id))).status).toBe(403);
      await db().updateTable("evaluations").set({ reviewer_id: w.qa.id }).where("id", "=", w.evaluationId).execute();
      expect((await refusal(takeDispute(db(), w.supervisor, raised.id))).status).toBe(403);

      await takeDispute(db(), w.otherQa, raised.id);
      expect((await refusal(takeDispute(db(), w.lead, raised.id))).message).toBe("Another arbiter took this dispute first.");
      expect((await refusal(decideDispute(db(), w.lead, raised.id, acceptOutcomeKeepDiscovery))).message).toMatch(/Another arbiter is reviewing/);
      expect((await decideDispute(db(), w.otherQa, raised.id, acceptOutcomeKeepDiscovery)).outcome).toBe("partly_upheld");
    } finally {
      await db().deleteFrom("dispute_arbiters").where("user_id", "in", [w.qa.id, w.otherQa.id]).execute();
    }
  });

  it("two arbiters deciding at once: one wins, the other gets 409, and one revision is written", async () => {
    const w = await disputeWorld();
    const secondLead = await seedUser("qa_lead");
    const raised = await raiseDispute(db(), w.agent, w.evaluationId, twoQuestions(w.revisionId));
    const allAccepted = { decisions: acceptOutcomeKeepDiscovery.decisions.map((d) => ({ ...d, decision: "accept" as const })) };
    const results = await Promise.allSettled([decideDispute(db(), w.lead, raised.id, acceptOutcomeKeepDiscovery), decideDispute(db(), secondLead, raised.id, allAccepted)]);
    const fulfilled = results.filter((r) => r.status === "fulfilled");
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    const loser = rejected[0]!.reason as { status: number; message: string };
    expect(loser.status).toBe(409);
    expect(loser.message).toMatch(/already decided/);
    expect(await revisionsOf(w.evaluationId)).toHaveLength(2);
    const winner = (await disputeRow(raised.id)).decided_by;
    expect([w.lead.id, secondLead.id]).toContain(winner);
    expect((await evaluationRow(w.evaluationId)).score).toBe(winner === w.lead.id ? 90.6 : 100);
  });
});

describe("withdrawing, and the evaluation while a dispute is open", () => {
  it("the raiser withdraws (only they, only before a decision); a withdrawn dispute cannot be decided", async () => {
    const w = await disputeWorld();
    const raised = await raiseDispute(db(), w.agent, w.evaluationId, twoQuestions(w.revisionId));
    expect((await refusal(withdrawDispute(db(), w.supervisor, raised.id))).status).toBe(403);
    expect((await refusal(withdrawDispute(db(), w.otherAgent, raised.id))).status).toBe(404);
    await takeDispute(db(), w.lead, raised.id);
    await withdrawDispute(db(), w.agent, raised.id);
    const withdrawn = await disputeRow(raised.id);
    expect(withdrawn.state).toBe("withdrawn");
    expect(withdrawn.withdrawn_at).toBeInstanceOf(Date);
    const before = await snapshot(w.evaluationId);
    const error = await refusal(decideDispute(db(), w.lead, raised.id, acceptOutcomeKeepDiscovery));
    expect({ status: error.status, message: error.message }).toEqual({ status: 409, message: "This dispute was withdrawn by the person who raised it; there is nothing to decide." });
    expect((await refusal(withdrawDispute(db(), w.agent, raised.id))).status).toBe(409);
    expect(await snapshot(w.evaluationId)).toEqual(before);
    expect(await auditActions(raised.id)).toEqual(["dispute.raised", "dispute.taken", "dispute.withdrawn"]);
  });

  it("a correction or a void answers 409 while a dispute is open, and works again once it is decided", async () => {
    const w = await disputeWorld();
    const raised = await raiseDispute(db(), w.agent, w.evaluationId, twoQuestions(w.revisionId));
    const edit = await refusal(seedCorrection(w.lead, w.evaluationId, { answers: fullMarks, reason: "Recheck" }));
    expect({ status: edit.status, message: edit.message }).toEqual({ status: 409, message: "A dispute on this evaluation is open: it cannot be corrected until the dispute is decided, declined or withdrawn." });
    expect((await refusal(seedVoid(w.lead, w.evaluationId, "Wrong call"))).message).toMatch(/cannot be voided until the dispute/);
    await decideDispute(db(), w.lead, raised.id, acceptOutcomeKeepDiscovery);
    expect((await seedCorrection(w.lead, w.evaluationId, { answers: fullMarks, reason: "Recheck" })).revision).toBe(3);
  });
});
