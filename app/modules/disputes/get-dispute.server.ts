/**
 * One dispute as its page shows it (404 outside the dispute scope): who raised it for whom, its
 * state and due time, each disputed question with the original, proposed and decided answers, the
 * reasons, the evidence and the notes, the evaluation's current score, and what the viewer may do
 * to it now (take, decide, withdraw, endorse or decline) by the same rules the use cases apply.
 */
import type { Database } from "../../lib/db.server";
import { can } from "../access/permissions";
import { getOrganisationSettings } from "../organisation/get-organisation-settings.server";
import { isScoringQuestion, questionsInOrder, type Answer, type ScoringQuestion } from "../scorecards/scorecard-definition.schema";
import type { Viewer } from "../users/roles";
import { asDisputeState, type QuestionDecision } from "./dispute-states";
import { isOverdue } from "./due-time";
import { loadDispute, loadDisputeQuestions } from "./load-dispute.server";

export interface DisputeQuestionView {
  question: ScoringQuestion;
  original: Answer | null;
  proposed: Answer;
  reasonCode: string;
  reasonText: string;
  evidence: { startMs: number | null; endMs: number | null; segmentId: string | null; startOffset: number | null; endOffset: number | null; quote: string | null } | null;
  decision: QuestionDecision | null;
  decided: Answer | null;
  decisionNote: string | null;
}

export async function getDispute(db: Database, viewer: Viewer, disputeId: string, now = new Date()) {
  const loaded = await loadDispute(db, viewer, disputeId);
  const [row, questions, settings] = await Promise.all([
    db
      .selectFrom("disputes")
      .innerJoin("evaluations", "evaluations.id", "disputes.evaluation_id")
      .innerJoin("interactions", "interactions.id", "evaluations.interaction_id")
      .innerJoin("scorecards", "scorecards.id", "evaluations.scorecard_id")
      .innerJoin("users as agent", "agent.id", "interactions.agent_id")
      .innerJoin("users as reviewer", "reviewer.id", "evaluations.reviewer_id")
      .innerJoin("users as raiser", "raiser.id", "disputes.raised_by")
      .leftJoin("users as supervisor", "supervisor.id", "disputes.supervisor_id")
      .leftJoin("users as taker", "taker.id", "disputes.taken_by")
      .leftJoin("users as decider", "decider.id", "disputes.decided_by")
      .leftJoin("evaluation_revisions as disputed", "disputed.id", "disputes.revision_id")
      .leftJoin("evaluation_revisions as decision", "decision.id", "disputes.decision_revision_id")
      .select([
        "disputes.on_behalf",
        "disputes.raised_at",
        "disputes.supervisor_at",
        "disputes.supervisor_note",
        "disputes.taken_at",
        "disputes.decided_at",
        "disputes.decision_note",
        "disputes.withdrawn_at",
        "evaluations.interaction_id",
        "evaluations.score",
        "evaluations.passed",
        "evaluations.auto_failed",
        "scorecards.name as scorecard_name",
        "agent.name as agent_name",
        "reviewer.name as reviewer_name",
        "raiser.name as raiser_name",
        "supervisor.name as supervisor_name",
        "taker.name as taker_name",
        "decider.name as decider_name",
        "disputed.sequence as disputed_sequence",
        "disputed.score as disputed_score",
        "decision.sequence as decision_sequence",
      ])
      .where("disputes.id", "=", loaded.id)
      .executeTakeFirstOrThrow(),
    loadDisputeQuestions(db, loaded.id),
    getOrganisationSettings(db),
  ]);
  const definitions = new Map(questionsInOrder(loaded.definition).map(({ question }) => [question.id, question]));
  const state = asDisputeState(loaded.state);
  const arbiter = (can(viewer, "disputes:decide") || loaded.inArbiterPool) && viewer.id !== loaded.reviewerId && viewer.id !== loaded.agentId;
  const mine = state === "open" || (state === "in_review" && loaded.takenBy === viewer.id);
  return {
    id: loaded.id,
    evaluationId: loaded.evaluationId,
    interactionId: row.interaction_id,
    state,
    overdue: isOverdue({ state, dueAt: loaded.dueAt }, now),
    dueAt: loaded.dueAt,
    raisedAt: row.raised_at,
    onBehalf: row.on_behalf,
    names: {
      agent: row.agent_name,
      reviewer: row.reviewer_name,
      raiser: row.raiser_name,
      supervisor: row.supervisor_name,
      taker: row.taker_name,
      decider: row.decider_name,
    },
    supervisor: row.supervisor_at ? { at: row.supervisor_at, note: row.supervisor_note } : null,
    takenAt: row.taken_at,
    decidedAt: row.decided_at,
    decisionNote: row.decision_note,
    withdrawnAt: row.withdrawn_at,
    scorecardName: row.scorecard_name,
    disputedRevision: { sequence: row.disputed_sequence, score: row.disputed_score },
    decisionRevision: row.decision_sequence,
    current: { score: row.score, passed: row.passed === true, autoFailed: row.auto_failed },
    questions: questions.flatMap((q): DisputeQuestionView[] => {
      const question = definitions.get(q.question_id);
      if (!question || !isScoringQuestion(question)) return [];
      const timed = q.start_ms !== null || q.segment_id !== null;
      return [
        {
          question,
          original: (q.original_answer as Answer | null) ?? null,
          proposed: q.proposed_answer as Answer,
          reasonCode: q.reason_code,
          reasonText: q.reason_text,
          evidence: timed
            ? { startMs: q.start_ms, endMs: q.end_ms, segmentId: q.segment_id, startOffset: q.start_offset, endOffset: q.end_offset, quote: q.quote }
            : null,
          decision: (q.decision as QuestionDecision | null) ?? null,
          decided: (q.decided_answer as Answer | null) ?? null,
          decisionNote: q.decision_note,
        },
      ];
    }),
    decisionMayLower: settings.disputeDecisionMayLower,
    may: {
      take: arbiter && state === "open",
      decide: arbiter && mine,
      withdraw: loaded.raisedBy === viewer.id && (state === "awaiting_supervisor" || state === "open" || state === "in_review"),
      endorse: can(viewer, "disputes:endorse") && state === "awaiting_supervisor",
    },
  };
}
export type DisputeDetail = Awaited<ReturnType<typeof getDispute>>;
