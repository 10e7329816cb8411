/**
 * The agent, or their supervisor on their behalf, disputes a released review (issue 13 §6,
 * docs/decisions/0022): one or more scoring questions, each with the answer proposed, a reason
 * code from the organisation's list and text, and optional evidence. With the supervisor first
 * line on, an agent's dispute waits for their supervisor (`awaiting_supervisor`, the supervisors
 * are notified); otherwise — or when the supervisor raised it, which is their endorsement — it
 * goes to the arbiters (`open`, they are notified) with its due time in working days.
 *
 * Refusals, nothing written for any: 404 the evaluation is not visible (another agent's, one not
 * released to the agent); 403 a role that does not dispute; 409 not a review, void, not released,
 * the window closed, the page showed another revision, a dispute already open; 422 no questions,
 * a question twice, an unknown or non-scoring question, an answer the question does not allow or
 * the one already given, a reason code not in the list, text missing or too long. The evaluation
 * row is locked first, so two raises of one evaluation queue and the second finds the first.
 */
import type { Database } from "../../lib/db.server";
import { DomainError, fieldErrorsOf, notFound } from "../../lib/errors";
import { isUniqueViolation } from "../../lib/pg-errors";
import { formatDateTime } from "../../lib/time";
import { scopeEvaluations } from "../access/evaluation-scope.server";
import { assertCan } from "../access/refusals";
import { seesHiddenAnswers } from "../access/rules";
import { hiddenQuestionIds } from "../evaluations/hidden-answers";
import { listHiddenQuestionIds } from "../scorecards/list-question-visibility.server";
import { recordAudit } from "../audit/record-audit.server";
import { notify } from "../notifications/notify.server";
import { disputeEventData } from "../webhooks/dispute-event-data.server";
import { emitWebhookEvent } from "../webhooks/emit-webhook-event.server";
import { getOrganisationSettings } from "../organisation/get-organisation-settings.server";
import { answerFor, answersSchema, isScoringQuestion, questionsInOrder, quotePrompt, scorecardDefinitionSchema, validateAnswers } from "../scorecards/scorecard-definition.schema";
import type { Viewer } from "../users/roles";
import { answerPart, sameAnswer } from "./answer-change";
import { listArbiters, listTeamSupervisors } from "./dispute-people.server";
import { raiseDisputeSchema, type RaiseDisputeInput } from "./dispute.schema";
import { disputeDueAt, disputeWindowEndsAt } from "./due-time";

export interface RaisedDispute {
  id: string;
  state: "awaiting_supervisor" | "open";
  dueAt: Date;
}

const invalid = (fieldErrors: Record<string, string>) => new DomainError("invalid", Object.values(fieldErrors).join(" "), fieldErrors);

export async function raiseDispute(db: Database, viewer: Viewer, evaluationId: string, rawInput: RaiseDisputeInput, now = new Date()): Promise<RaisedDispute> {
  return db.transaction().execute(async (trx) => {
    const row = await scopeEvaluations(trx.selectFrom("evaluations").innerJoin("interactions", "interactions.id", "evaluations.interaction_id"), viewer)
      .innerJoin("scorecard_versions", "scorecard_versions.id", "evaluations.scorecard_version_id")
      .innerJoin("users as agent", "agent.id", "interactions.agent_id")
      .leftJoin("evaluation_revisions as current", "current.id", "evaluations.current_revision_id")
      .select([
        "evaluations.kind",
        "evaluations.status",
        "evaluations.released_at",
        "evaluations.reviewer_id",
        "evaluations.current_revision_id",
        "evaluations.answers",
        "current.sequence",
        "interactions.agent_id",
        "interactions.team_id",
        "agent.name as agent_name",
        "scorecard_versions.definition",
        "scorecard_versions.scorecard_id",
      ])
      .where("evaluations.id", "=", evaluationId)
      .forUpdate("evaluations")
      .executeTakeFirst();
    if (!row) throw notFound("Evaluation");
    assertCan(viewer, "disputes:raise", "Only the agent, or their supervisor on their behalf, can dispute an evaluation.");
    if (row.kind !== "review") throw new DomainError("conflict", "Only a reviewer's evaluation can be disputed.");
    if (row.status === "void") throw new DomainError("conflict", "This evaluation is void: it no longer counts, so there is nothing to dispute.");
    if (row.status !== "submitted" || row.released_at === null || row.current_revision_id === null || row.sequence === null) {
      throw new DomainError("conflict", "This evaluation has not been released to the agent yet; it can be disputed once it is.");
    }
    const settings = await getOrganisationSettings(trx);
    const windowEnd = disputeWindowEndsAt(row.released_at, settings.disputeWindowDays, settings.timeZone);
    if (now.getTime() >= windowEnd.getTime()) {
      throw new DomainError(
        "conflict",
        `The window to dispute this evaluation closed on ${formatDateTime(windowEnd, settings.timeZone)} (${settings.disputeWindowDays} days after its release).`,
      );
    }

    const parsed = raiseDisputeSchema.safeParse(rawInput);
    if (!parsed.success) throw invalid(fieldErrorsOf(parsed.error.issues));
    const input = parsed.data;
    if (input.revisionId !== row.current_revision_id) {
      throw new DomainError("conflict", "This evaluation changed after your page loaded. What you wrote is still here: reload to read the current version, then dispute it.");
    }
    const open = await trx.selectFrom("disputes").select("state").where("evaluation_id", "=", evaluationId).where("state", "in", ["awaiting_supervisor", "open", "in_review"]).executeTakeFirst();
    if (open) throw new DomainError("conflict", "A dispute on this evaluation is already open; it can be disputed again once that one is decided or withdrawn.");

    const definition = scorecardDefinitionSchema.parse(row.definition);
    const answers = answersSchema.parse(row.answers);
    // A question hidden from this viewer is, to them, a question the scorecard does not have: the
    // refusal must not tell them it exists (let alone quote its prompt), so it reads as an unknown id.
    const hidden = seesHiddenAnswers(viewer) ? new Set<string>() : hiddenQuestionIds(definition, await listHiddenQuestionIds(trx, row.scorecard_id));
    const questions = new Map(
      questionsInOrder(definition)
        .filter(({ question }) => !hidden.has(question.id))
        .map(({ question }) => [question.id, question]),
    );
    const seen = new Set<string>();
    const fieldErrors: Record<string, string> = {};
    const rows = input.questions.map((item, index) => {
      const at = `questions.${index}`;
      const question = questions.get(item.questionId);
      if (!question) {
        fieldErrors[`${at}.questionId`] = `This scorecard has no question with id "${item.questionId}".`;
        return null;
      }
      const name = quotePrompt(question.prompt);
      if (seen.has(item.questionId)) fieldErrors[`${at}.questionId`] = `${name} is disputed twice; dispute each question once.`;
      seen.add(item.questionId);
      if (!isScoringQuestion(question)) {
        fieldErrors[`${at}.questionId`] = `${name} does not count in the score, so it cannot be disputed.`;
        return null;
      }
      const proposedCheck = answersSchema.safeParse({ [item.questionId]: item.proposed ?? {} });
      const proposed = proposedCheck.success ? answerPart(proposedCheck.data[item.questionId]) : null;
      if (!proposed || (proposed.value === undefined && proposed.na !== true)) {
        fieldErrors[`${at}.proposed`] = `Propose an answer to ${name}.`;
      } else {
        const fit = validateAnswers(definition, { [item.questionId]: proposed });
        if (!fit.ok) fieldErrors[`${at}.proposed`] = `${fit.issues.map((issue) => issue.message).join(" ")}.`;
        else if (sameAnswer(proposed, answerFor(answers, item.questionId))) fieldErrors[`${at}.proposed`] = `${name}: propose an answer other than the one given.`;
      }
      if (!settings.disputeReasonCodes.includes(item.reasonCode)) {
        fieldErrors[`${at}.reasonCode`] = `Choose one of the organisation's reasons (“${item.reasonCode}” is not one of them).`;
      }
      return { item, proposed, original: answerFor(answers, item.questionId) ?? null };
    });
    if (Object.keys(fieldErrors).length > 0) throw invalid(fieldErrors);

    const onBehalf = row.agent_id !== viewer.id;
    const state = settings.disputeSupervisorFirstLine && !onBehalf ? "awaiting_supervisor" : "open";
    const dueAt = disputeDueAt(now, settings.disputeResolutionDays, settings);
    let disputeId: string;
    try {
      const inserted = await trx
        .insertInto("disputes")
        .values({
          evaluation_id: evaluationId,
          revision_id: row.current_revision_id,
          raised_by: viewer.id,
          on_behalf: onBehalf,
          state,
          raised_at: now,
          due_at: dueAt,
          // A supervisor raising it for their agent has endorsed it by doing so.
          ...(onBehalf && settings.disputeSupervisorFirstLine ? { supervisor_id: viewer.id, supervisor_at: now } : {}),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      disputeId = inserted.id;
    } catch (error) {
      if (isUniqueViolation(error, "disputes_one_open_per_evaluation")) throw new DomainError("conflict", "A dispute on this evaluation is already open.");
      throw error;
    }
    await trx
      .insertInto("dispute_questions")
      .values(
        rows.map((entry, position) => {
          const { item, proposed, original } = entry!;
          const evidence = item.evidence;
          return {
            dispute_id: disputeId,
            question_id: item.questionId,
            position,
            original_answer: original === null ? null : JSON.stringify(answerPart(original)),
            proposed_answer: JSON.stringify(proposed),
            reason_code: item.reasonCode,
            reason_text: item.reasonText,
            start_ms: evidence?.startMs ?? null,
            end_ms: evidence?.endMs ?? null,
            segment_id: evidence?.segmentId ?? null,
            start_offset: evidence?.startOffset ?? null,
            end_offset: evidence?.endOffset ?? null,
            quote: evidence?.quote ?? null,
          };
        }),
      )
      .execute();

    const recipients =
      state === "awaiting_supervisor" ? await listTeamSupervisors(trx, row.team_id) : await listArbiters(trx, { reviewerId: row.reviewer_id, agentId: row.agent_id });
    const count = rows.length === 1 ? "one question" : `${rows.length} questions`;
    await notify(
      trx,
      recipients
        .filter((id) => id !== viewer.id)
        .map((recipientId) => ({
          recipientId,
          kind: "dispute_raised" as const,
          title: state === "awaiting_supervisor" ? `${row.agent_name} disputes ${count} of an evaluation: endorse or decline` : `Dispute raised on ${count} of ${row.agent_name}’s evaluation`,
          body: onBehalf ? `Raised by ${viewer.name} for ${row.agent_name}.` : null,
          link: `/disputes/${disputeId}`,
          evaluationId,
          createdAt: now,
        })),
    );
    await recordAudit(trx, {
      actorId: viewer.id,
      action: "dispute.raised",
      entityType: "dispute",
      entityId: disputeId,
      after: {
        evaluationId,
        revision: row.sequence,
        state,
        onBehalf,
        dueAt,
        questions: rows.map((entry) => ({ questionId: entry!.item.questionId, proposed: entry!.proposed, reasonCode: entry!.item.reasonCode })),
      },
    });
    await emitWebhookEvent(trx, "dispute.opened", await disputeEventData(trx, disputeId), { now });
    return { id: disputeId, state, dueAt };
  });
}
