/**
 * The session page's data, with every time in the organisation's zone. The private note is in
 * it only when the viewer may read it (getCoachingSession → readSessionNotes never selects it
 * for anybody else), and the agenda only for the coach side.
 */
import { formatDate, formatDateTime } from "../../lib/time";
import type { SessionAgenda } from "../../modules/coaching/build-session-agenda.server";
import type { SessionDetail } from "../../modules/coaching/get-session.server";
import type { SavedNote } from "../../modules/coaching/save-session-note.server";
import { emptyFeedback } from "../../modules/evaluations/feedback-document";
import type { Viewer } from "../../modules/users/roles";

const pct = (value: number | null) => (value === null ? "—" : `${Math.round(value)} %`);
const disputeStates: Record<string, string> = { awaiting_supervisor: "awaiting the supervisor", open: "open", in_review: "in review" };

const noteOf = (note: SavedNote | null, timeZone: string) => ({
  body: note?.body ?? emptyFeedback(),
  revision: note?.revision ?? 0,
  savedAt: note ? note.updatedAt.toISOString() : null,
  savedBy: note ? `${note.updatedBy}, ${formatDateTime(note.updatedAt, timeZone)}` : null,
});

function agendaView(agenda: SessionAgenda, timeZone: string) {
  const since = { "previous session": `the last session (${formatDateTime(agenda.window.from, timeZone)})`, "plan start": `the plan started (${formatDate(agenda.window.from, timeZone)})`, lookback: `${formatDate(agenda.window.from, timeZone)} (30 days before this session)` }[agenda.window.since];
  return {
    since,
    criteria: agenda.criteria.map((c) => ({
      questionKey: c.questionKey,
      prompt: c.prompt,
      target: c.target,
      baseline: c.baseline.n === 0 ? "no evaluations" : `${pct(c.baseline.mean)}, n = ${c.baseline.n}`,
      now: c.now.n === 0 ? "no evaluations yet" : `${pct(c.now.mean)}${c.now.low === null ? "" : ` (95 % ${pct(c.now.low)} to ${pct(c.now.high)})`}, n = ${c.now.n}`,
    })),
    lowEvaluations: agenda.lowEvaluations.map((e) => ({
      evaluationId: e.evaluationId,
      conversation: formatDate(e.conversationAt, timeZone),
      score: e.score === null ? "no score" : `scored ${e.score.toFixed(1)}`,
      reason: [e.passed ? null : "failed", ...e.belowTarget.map((prompt) => `below target on ${prompt}`)].filter(Boolean).join("; "),
    })),
    disputes: agenda.disputes.map((d) => ({ id: d.id, state: disputeStates[d.state] ?? d.state, raised: formatDate(d.raisedAt, timeZone) })),
    carriedItems: agenda.carriedItems.map((i) => ({ id: i.id, text: i.text, owner: i.owner === "agent" ? "the agent" : "the coach", dueOn: i.dueOn, overdue: i.overdue, from: formatDate(i.sessionStartsAt, timeZone) })),
    custom: agenda.custom,
  };
}

export function sessionPageData(detail: SessionDetail, viewer: Viewer) {
  const { session, timeZone } = detail;
  return {
    session: {
      id: session.id,
      when: formatDateTime(session.startsAt, timeZone),
      durationMinutes: session.durationMinutes,
      coachName: session.coachName,
      state: session.state,
      acknowledgedAt: session.acknowledgedAt ? formatDateTime(session.acknowledgedAt, timeZone) : null,
      acknowledgementComment: session.acknowledgementComment,
      items: session.actionItems.map((item) => ({ id: item.id, text: item.text, owner: item.owner, dueOn: item.dueOn, done: item.doneAt !== null, overdue: item.overdue })),
    },
    agentName: detail.agent.name,
    plan: detail.plan,
    coachSide: viewer.id !== detail.agent.id,
    notes: { shared: noteOf(detail.notes.shared, timeZone), private: detail.notes.seesPrivate ? noteOf(detail.notes.private, timeZone) : null },
    agenda: detail.agenda ? agendaView(detail.agenda, timeZone) : null,
    today: detail.today,
    timeZone,
    may: detail.may,
  };
}
