/**
 * The dispute page's data in words (issue 13 §6): its state, who and when, each disputed question
 * with the original, proposed and decided answers as the reader sees them ("Yes", "Resolved",
 * "4 on 1 to 5"), the reason, the evidence (quoted, and the moment to play), and the notes.
 */
import { formatDateTime } from "../../lib/time";
import { disputeStateLabels } from "../../modules/disputes/dispute-states";
import type { DisputeDetail } from "../../modules/disputes/get-dispute.server";
import { answerSummary } from "../scorecard-form/answers";
import { evidenceLabel } from "./evidence-label";

const decisionLabels = { keep: "Kept the original answer", accept: "Accepted the proposal", other: "Set another answer" } as const;

export function disputePageView(d: DisputeDetail, timeZone: string) {
  const at = (date: Date | null) => (date ? formatDateTime(date, timeZone) : null);
  return {
    id: d.id,
    evaluationId: d.evaluationId,
    state: d.state,
    stateLabel: disputeStateLabels[d.state],
    overdue: d.overdue,
    dueAt: at(d.dueAt),
    raisedAt: at(d.raisedAt),
    onBehalf: d.onBehalf,
    names: d.names,
    supervisor: d.supervisor ? { at: at(d.supervisor.at), note: d.supervisor.note } : null,
    takenAt: at(d.takenAt),
    decidedAt: at(d.decidedAt),
    withdrawnAt: at(d.withdrawnAt),
    decisionNote: d.decisionNote,
    scorecardName: d.scorecardName,
    disputedRevision: d.disputedRevision,
    decisionRevision: d.decisionRevision,
    current: d.current,
    decisionMayLower: d.decisionMayLower,
    may: d.may,
    questions: d.questions.map((q) => ({
      id: q.question.id,
      prompt: q.question.prompt,
      question: q.question,
      original: answerSummary(q.question, q.original ?? undefined).text,
      proposed: answerSummary(q.question, q.proposed).text,
      decided: q.decided ? answerSummary(q.question, q.decided).text : null,
      decision: q.decision ? decisionLabels[q.decision] : null,
      decisionNote: q.decisionNote,
      reasonCode: q.reasonCode,
      reasonText: q.reasonText,
      evidence: q.evidence ? { label: evidenceLabel(q.evidence), quote: q.evidence.quote, playMs: q.evidence.startMs } : null,
    })),
  };
}
export type DisputePageView = ReturnType<typeof disputePageView>;
