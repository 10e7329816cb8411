/**
 * An arbiter decides a dispute, question by question (issue 13 §6, docs/decisions/0022): keep the
 * answer, accept the proposal, or set another answer, each with a note. Only disputed questions
 * change; a decided answer never scores a question below its original unless the organisation
 * allows it; the outcome follows from the questions (outcomeOf). When any answer changes, a new
 * revision (cause `dispute`) is written, rescored with the version the evaluation is pinned to,
 * and made current exactly as a correction does (edit-evaluation.server.ts); when every answer is
 * kept, nothing about the evaluation changes and no revision is written. The dispute, its
 * questions, the revision, the evaluation row, the audit entry and the notifications (agent,
 * raiser, reviewer) commit in one transaction.
 *
 * Concurrency: the evaluation row is locked first (as raise, correct and void lock it), then the
 * dispute row; the state is read under the lock, so of two arbiters deciding at once one wins
 * and the other is refused with 409.
 *
 * Refusals, nothing written: 404 unseen; 403 not an arbiter, or the reviewer or the agent; 409
 * withdrawn, declined, awaiting the supervisor, already decided, taken by another arbiter; 422 a
 * disputed question left undecided or one decided twice or one not disputed, a note missing, an
 * answer the question does not allow, "another answer" that is the original or the proposal, a
 * lowering the organisation does not allow.
 */
import { sql } from "kysely";
import type { Database } from "../../lib/db.server";
import { DomainError, notFound } from "../../lib/errors";
import { assertMayArbitrate } from "../access/rules";
import { recordAudit } from "../audit/record-audit.server";
import { appendRevision } from "../evaluations/append-revision.server";
import { scoreCompleteAnswers, type RecordedScore } from "../evaluations/score-answers";
import { notify } from "../notifications/notify.server";
import { disputeEventData } from "../webhooks/dispute-event-data.server";
import { emitWebhookEvent } from "../webhooks/emit-webhook-event.server";
import { getOrganisationSettings } from "../organisation/get-organisation-settings.server";
import { answersSchema, isScoringQuestion, questionsInOrder, quotePrompt, validateAnswers, type Answer, type Answers } from "../scorecards/scorecard-definition.schema";
import type { Viewer } from "../users/roles";
import { answerPart, lowers, sameAnswer, withAnswer, type ProposedAnswer } from "./answer-change";
import { disputeStateLabels, outcomeOf, type DisputeOutcome } from "./dispute-states";
import { decideDisputeSchema, type DecideDisputeInput } from "./dispute.schema";
import { loadDispute, loadDisputeQuestions } from "./load-dispute.server";
import { parseInput } from "./parse-input";

export interface DisputeDecision {
  outcome: DisputeOutcome;
  /** The revision written, or null when every answer was kept. */
  revision: number | null;
  score: RecordedScore;
}

const outcomeWords: Record<DisputeOutcome, string> = { upheld: "upheld", partly_upheld: "partly upheld", rejected: "rejected" };

export async function decideDispute(db: Database, viewer: Viewer, disputeId: string, rawInput: DecideDisputeInput, now = new Date()): Promise<DisputeDecision> {
  return db.transaction().execute(async (trx) => {
    const seen = await loadDispute(trx, viewer, disputeId);
    const evaluation = await trx
      .selectFrom("evaluations")
      .leftJoin("evaluation_revisions as current", "current.id", "evaluations.current_revision_id")
      .select([
        "evaluations.status",
        "evaluations.revision",
        "evaluations.answers",
        "evaluations.score",
        "evaluations.passed",
        "evaluations.auto_failed",
        "evaluations.scorecard_version_id",
        "evaluations.current_revision_id",
        "current.sequence",
      ])
      .where("evaluations.id", "=", seen.evaluationId)
      .forUpdate("evaluations")
      .executeTakeFirst();
    if (!evaluation) throw notFound("Dispute");
    const dispute = await loadDispute(trx, viewer, disputeId, { lock: true });
    assertMayArbitrate(viewer, dispute);
    assertDecidable(viewer, dispute);
    if (evaluation.status !== "submitted" || evaluation.current_revision_id !== dispute.revisionId || evaluation.sequence === null) {
      throw new DomainError("conflict", "The evaluation changed since this dispute was raised, so the dispute no longer applies to it.");
    }

    const input = parseInput(decideDisputeSchema, rawInput);
    const settings = await getOrganisationSettings(trx);
    const disputed = await loadDisputeQuestions(trx, dispute.id);
    const questions = new Map(questionsInOrder(dispute.definition).map(({ question }) => [question.id, question]));
    const byQuestion = new Map(input.decisions.map((d, index) => [d.questionId, { ...d, index }]));
    const fieldErrors: Record<string, string> = {};
    input.decisions.forEach((d, index) => {
      if (!disputed.some((q) => q.question_id === d.questionId)) fieldErrors[`decisions.${index}.questionId`] = `Question "${d.questionId}" is not disputed here; only disputed questions change.`;
      else if (byQuestion.get(d.questionId)?.index !== index) fieldErrors[`decisions.${index}.questionId`] = "Each disputed question is decided once.";
    });
    const current = answersSchema.parse(evaluation.answers);
    const decided = disputed.map((row) => {
      const question = questions.get(row.question_id);
      const name = question ? quotePrompt(question.prompt) : `"${row.question_id}"`;
      const entry = byQuestion.get(row.question_id);
      if (!entry || !question || !isScoringQuestion(question)) {
        fieldErrors[`decisions.${row.position}.decision`] = `Decide ${name}: keep the answer, accept the proposal or set another answer.`;
        return null;
      }
      const at = `decisions.${entry.index}`;
      const original = (row.original_answer as Answer | null) ?? null;
      const proposed = row.proposed_answer as Answer;
      let answer: ProposedAnswer = answerPart(original);
      if (entry.decision === "accept") answer = answerPart(proposed);
      if (entry.decision === "other") {
        const check = answersSchema.safeParse({ [row.question_id]: entry.answer ?? {} });
        const part = check.success ? answerPart(check.data[row.question_id]) : null;
        const fit = part ? validateAnswers(dispute.definition, { [row.question_id]: part }) : null;
        if (!part || (part.value === undefined && part.na !== true)) fieldErrors[`${at}.answer`] = `Set the answer to ${name}.`;
        else if (fit && !fit.ok) fieldErrors[`${at}.answer`] = `${fit.issues.map((issue) => issue.message).join(" ")}.`;
        else if (sameAnswer(part, original)) fieldErrors[`${at}.answer`] = `${name}: that is the original answer; choose “Keep” instead.`;
        else if (sameAnswer(part, proposed)) fieldErrors[`${at}.answer`] = `${name}: that is the proposed answer; choose “Accept” instead.`;
        else answer = part;
      }
      if (!settings.disputeDecisionMayLower && lowers(question, original, answer)) {
        fieldErrors[`${at}.answer`] = `${name}: a decision cannot score this question below its original answer (an organisation setting).`;
      }
      return { row, entry, answer };
    });
    if (Object.keys(fieldErrors).length > 0) throw new DomainError("invalid", Object.values(fieldErrors).join(" "), fieldErrors);
    const decisions = decided.map((d) => d!);
    const outcome = outcomeOf(decisions.map((d) => d.entry.decision));

    const before = {
      revision: evaluation.sequence,
      answers: current,
      score: evaluation.score,
      passed: evaluation.passed === true,
      autoFailed: evaluation.auto_failed,
    };
    let after = before;
    let revision: { id: string; sequence: number } | null = null;
    if (outcome !== "rejected") {
      const answers: Answers = { ...current };
      for (const d of decisions) answers[d.row.question_id] = withAnswer(current[d.row.question_id], d.answer);
      const recorded = scoreCompleteAnswers(dispute.definition, answers, "deciding the dispute");
      revision = await appendRevision(trx, {
        evaluationId: dispute.evaluationId,
        scorecardVersionId: evaluation.scorecard_version_id,
        cause: "dispute",
        actorId: viewer.id,
        reason: input.note ? `Dispute ${outcomeWords[outcome]}: ${input.note}` : `Dispute ${outcomeWords[outcome]}`,
        answers,
        ...recorded,
      });
      await trx
        .updateTable("evaluations")
        .set({
          answers: JSON.stringify(answers),
          score: recorded.score,
          passed: recorded.passed,
          auto_failed: recorded.autoFailed,
          current_revision_id: revision.id,
          revision: evaluation.revision + 1,
          updated_at: sql`now()`,
        })
        .where("id", "=", dispute.evaluationId)
        .execute();
      after = { revision: revision.sequence, answers, ...recorded };
    }

    await trx
      .updateTable("disputes")
      .set({
        state: outcome,
        decided_by: viewer.id,
        decided_at: now,
        decision_note: input.note,
        decision_revision_id: revision?.id ?? null,
        taken_by: dispute.takenBy ?? viewer.id,
        ...(dispute.takenBy ? {} : { taken_at: now }),
        updated_at: now,
      })
      .where("id", "=", dispute.id)
      .execute();
    for (const d of decisions) {
      await trx
        .updateTable("dispute_questions")
        .set({ decision: d.entry.decision, decided_answer: JSON.stringify(d.answer), decision_note: d.entry.note })
        .where("dispute_id", "=", dispute.id)
        .where("question_id", "=", d.row.question_id)
        .execute();
    }
    await recordAudit(trx, {
      actorId: viewer.id,
      action: "evaluation.dispute_decided",
      entityType: "evaluation",
      entityId: dispute.evaluationId,
      before,
      after: { ...after, disputeId: dispute.id, outcome, decisions: decisions.map((d) => ({ questionId: d.row.question_id, decision: d.entry.decision })) },
    });
    const scoreText = after.score === null ? "" : ` The score is now ${after.score.toFixed(1)}.`;
    await notify(
      trx,
      [dispute.agentId, dispute.raisedBy, dispute.reviewerId].map((recipientId) => ({
        recipientId,
        kind: "dispute_decided" as const,
        title: `Dispute ${outcomeWords[outcome]} by ${viewer.name}`,
        body: outcome === "rejected" ? "Every answer was kept." : `A new revision of the evaluation was written.${scoreText}`,
        link: `/disputes/${dispute.id}`,
        evaluationId: dispute.evaluationId,
        createdAt: now,
      })),
    );
    await emitWebhookEvent(trx, "dispute.decided", await disputeEventData(trx, dispute.id, outcome), { now });
    return { outcome, revision: revision?.sequence ?? null, score: { score: after.score, passed: after.passed, autoFailed: after.autoFailed } };
  });
}

function assertDecidable(viewer: Viewer, dispute: { state: keyof typeof disputeStateLabels; takenBy: string | null }): void {
  switch (dispute.state) {
    case "open":
      return;
    case "in_review":
      if (dispute.takenBy === viewer.id) return;
      throw new DomainError("conflict", "Another arbiter is reviewing this dispute; only they decide it.");
    case "withdrawn":
      throw new DomainError("conflict", "This dispute was withdrawn by the person who raised it; there is nothing to decide.");
    case "awaiting_supervisor":
      throw new DomainError("conflict", "This dispute is waiting for the agent's supervisor; it can be decided once they endorse it.");
    case "declined":
      throw new DomainError("conflict", "This dispute was declined by the agent's supervisor; it never reached QA.");
    default:
      throw new DomainError("conflict", `This dispute was already decided: ${disputeStateLabels[dispute.state].toLowerCase()}.`);
  }
}
