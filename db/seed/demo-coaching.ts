/**
 * The demo's coaching (issue 15 §7), written through the coaching use cases at the times they
 * happened (each given its own backdated `now`), after the review history:
 *
 * - Sam Patel coaches Marcus Chen on empathy (Call quality), the criterion of his dip
 *   (demo-evaluations.ts): the plan starts in the dip's last days, so its baseline holds the
 *   dip and its "after" window the recovery, and the effect reads as an improvement over
 *   Billing's uncoached agents. Evidence: two dip calls (opportunities) and an earlier call
 *   (a strength). Two sessions held, each with a shared and a private note — the first
 *   acknowledged, the second still waiting for Marcus — and a third scheduled; action items on
 *   both held sessions, one of Marcus's overdue.
 * - Leah Morgan coaches Sofia Rossi on understanding the issue (Call quality), after her rushed
 *   no-dial-tone calls: one session held (with notes) and acknowledged, the next scheduled, the plan not yet
 *   acknowledged by Sofia.
 *
 * So every role signing in finds coaching waiting: Sam his plan and sessions (team coaching
 * page), Grace Liu Sofia's plan, Leah both, Marcus a plan, a session to acknowledge and his
 * action items, Sofia a plan to acknowledge. Deterministic: times are offsets from `now`.
 */
import type { Database } from "../../app/lib/db.server";
import { formatLocalDate, localDateOf } from "../../app/lib/time";
import { acknowledgeCoachingPlan } from "../../app/modules/coaching/acknowledge-plan.server";
import { addEvidence } from "../../app/modules/coaching/add-evidence.server";
import { createCoachingPlan } from "../../app/modules/coaching/create-plan.server";
import { saveSessionNote } from "../../app/modules/coaching/save-session-note.server";
import { scheduleCoachingSession } from "../../app/modules/coaching/schedule-session.server";
import { feedbackDocumentSchema } from "../../app/modules/evaluations/feedback-document";
import { scorecardCriteria } from "../../app/modules/coaching/scorecard-criteria.server";
import { acknowledgeSession, addActionItem, completeActionItem, setSessionState } from "../../app/modules/coaching/session-actions.server";
import { getOrganisation } from "../../app/modules/users/get-organisation.server";
import type { Viewer } from "../../app/modules/users/roles";
import { openEvaluation } from "../../app/modules/evaluations/open-evaluation.server";
import { submitEvaluation } from "../../app/modules/evaluations/submit-evaluation.server";
import { acknowledgeEvaluation } from "../../app/modules/feedback/acknowledge-evaluation.server";
import { openNotification } from "../../app/modules/notifications/open-notification.server";
import { callAnswers, DIP_AGENT, feedbackOf, loadDemoViewers, type Level } from "./demo-evaluations";
import type { DemoConversation } from "./seed-demo";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** When Marcus Chen's plan starts, in days before the seed's `now`: the dip's last days (DIP_DAYS_AGO). */
export const MARCUS_PLAN_DAYS_AGO = 23;
export const SOFIA_PLAN_DAYS_AGO = 12;

/** A session: when it starts (days from now, negative for the past, and the local time), and what became of it. */
interface DemoSession {
  daysFromNow: number;
  time: string;
  minutes: number;
  /** Days before it starts that it was scheduled. */
  scheduledDaysBefore: number;
  held: boolean;
  /** The coach's notes, written as the session ends: the shared one the agent reads, the private one he never does (a paragraph a line). */
  notes?: { shared: string[]; private: string[] };
  /** The agent's acknowledgement, hours after the session. */
  acknowledged?: { hoursAfter: number; comment?: string };
  items?: Array<{ text: string; owner: "agent" | "coach"; dueInDays: number; doneDaysFromNow?: number }>;
}

interface DemoPlan {
  agent: string;
  coach: string;
  questionId: string;
  title: string;
  target: number;
  daysAgo: number;
  dueInDays: number;
  /** Hours after the start that the agent acknowledged it; absent: not yet. */
  acknowledgedAfterHours?: number;
  evidence: Array<{ slug: string; kind: "strength" | "opportunity"; note: string }>;
  sessions: DemoSession[];
}

export const demoPlans: DemoPlan[] = [
  {
    agent: "marcus.chen",
    coach: "sam.patel",
    questionId: "empathy",
    title: "Empathy on calls: name the feeling before the fix",
    target: 75,
    daysAgo: MARCUS_PLAN_DAYS_AGO,
    dueInDays: 19,
    acknowledgedAfterHours: 3,
    evidence: [
      { slug: "call-billing-autopay-failed", kind: "opportunity", note: "The fix was right, but the customer's frustration went unacknowledged for the whole call." },
      { slug: "call-billing-duplicate-charge-refund-15d", kind: "opportunity", note: "Straight into the refund: no word for the customer who was charged twice." },
      { slug: "call-billing-autopay-failed-earlier", kind: "strength", note: "Before the new billing screens: warm, named the worry, then fixed it. This is the Marcus we want back." },
    ],
    sessions: [
      {
        daysFromNow: -21,
        time: "14:00",
        minutes: 30,
        scheduledDaysBefore: 2,
        held: true,
        notes: {
          shared: [
            "We listened to the autopay call together. The fix was right; what was missing was a sentence for how the customer felt before the fix started.",
            "Practised: \"I can hear this has been really frustrating — let's get it sorted now.\" Use it, or your own words, on every call this week.",
          ],
          private: ["Marcus says the new billing screens have him heads-down; he is not dismissive, he is busy. Check with Quinn whether the screens slow everyone."],
        },
        acknowledged: { hoursAfter: 20, comment: "Helpful. I'll use the phrase we practised on every call this week." },
        items: [
          { text: "Name the customer's feeling before starting the fix, on every call", owner: "agent", dueInDays: 14, doneDaysFromNow: -8 },
          { text: "Listen to two of Marcus's calls with him and mark the moments", owner: "coach", dueInDays: 7, doneDaysFromNow: -15 },
        ],
      },
      {
        daysFromNow: -7,
        time: "14:00",
        minutes: 30,
        scheduledDaysBefore: 7,
        held: true,
        notes: {
          shared: ["Your follow-up calls since the plan all name the customer's feeling first — the reviews show it. Next: keep it when the call gets technical."],
          private: ["Clear recovery. If the next reviews hold, complete the plan at the due date rather than extend it."],
        },
        items: [
          { text: "Re-read the \"Difficult conversations\" article and bring one question", owner: "agent", dueInDays: 5 },
          { text: "Pick two recent calls for the next session", owner: "coach", dueInDays: 11 },
        ],
      },
      { daysFromNow: 5, time: "14:00", minutes: 30, scheduledDaysBefore: 12, held: false },
    ],
  },
  {
    agent: "sofia.rossi",
    coach: "leah.morgan",
    questionId: "discovery",
    title: "Diagnose before the fix: ask, test, then act",
    target: 80,
    daysAgo: SOFIA_PLAN_DAYS_AGO,
    dueInDays: 30,
    evidence: [{ slug: "call-tech-no-dial-tone-rushed-earlier", kind: "opportunity", note: "An engineer booked before the line test: the customer's questions were never asked." }],
    sessions: [
      {
        daysFromNow: -10,
        time: "11:00",
        minutes: 45,
        scheduledDaysBefore: 2,
        held: true,
        notes: {
          shared: ["Went through the no-dial-tone call: three questions before any booking — since when, which sockets, what the line test says."],
          private: ["Sofia knows the checks; she skips them when the queue is long. Talk to Grace about her queue at peak times."],
        },
        acknowledged: { hoursAfter: 4 },
        items: [{ text: "Run the line test before suggesting an engineer visit", owner: "agent", dueInDays: 7, doneDaysFromNow: -4 }],
      },
      { daysFromNow: 2, time: "11:00", minutes: 45, scheduledDaysBefore: 10, held: false },
    ],
  },
];

/**
 * Marcus Chen's calls since his plan started: copies of his two demo calls (`<slug>-followup-<n>d`)
 * on these days before `now`, reviewed a day later at his usual, recovered level. Without them
 * his after window would hold two reviews (the history leaves the last two weeks to the
 * sampling queue), too few for an effect.
 */
const FOLLOW_UP_DAYS_AGO = [20, 18, 16, 13, 11, 9, 6, 4];
const FOLLOW_UP_LEVELS: Level[] = ["excellent", "excellent", "good", "excellent", "excellent", "good", "excellent", "excellent"];
const FOLLOW_UP_BASES = ["call-billing-duplicate-charge-refund", "call-billing-autopay-failed"];

export function coachedAgentCalls(entries: readonly DemoConversation[]): DemoConversation[] {
  return FOLLOW_UP_DAYS_AGO.map((daysAgo, k) => {
    const base = FOLLOW_UP_BASES[k % FOLLOW_UP_BASES.length] as string;
    const original = entries.find((entry) => entry.slug === base);
    if (!original || original.agent !== DIP_AGENT) throw new Error(`The demo manifest needs ${DIP_AGENT}'s call ${base}`);
    return { ...original, base, slug: `${base}-followup-${daysAgo}d`, daysAgo };
  });
}

export interface SeededCoaching {
  plans: number;
  sessions: number;
  /** Reviews of the coached agent's calls since his plan started. */
  evaluations: number;
}

export async function seedDemoCoaching(db: Database, now: Date): Promise<SeededCoaching> {
  const viewers = await loadDemoViewers(db);
  const viewer = (key: string): Viewer => {
    const found = viewers.get(key);
    if (!found) throw new Error(`The demo organisation needs ${key}`);
    return found;
  };
  const { timeZone } = await getOrganisation(db);
  const dayOf = (instant: Date) => formatLocalDate(localDateOf(instant, timeZone));
  const at = (days: number, hours = 0) => new Date(now.getTime() + days * DAY + hours * HOUR);
  const { id: scorecardId } = await db.selectFrom("scorecards").select("id").where("name", "=", "Call quality").executeTakeFirstOrThrow();
  const criteria = (await scorecardCriteria(db, scorecardId))?.criteria ?? [];
  let sessions = 0;
  for (const plan of demoPlans) {
    const agent = viewer(plan.agent);
    const coach = viewer(plan.coach);
    const startedAt = at(-plan.daysAgo, 0);
    const questionKey = criteria.find((c) => c.questionId === plan.questionId)?.questionKey;
    if (!questionKey) throw new Error(`Call quality has no question ${plan.questionId}`);
    const { id: planId } = await createCoachingPlan(
      db,
      coach,
      { agentId: agent.id, scorecardId, title: plan.title, dueOn: dayOf(at(plan.dueInDays)), criteria: [{ questionKey, target: plan.target }] },
      startedAt,
    );
    for (const [k, evidence] of plan.evidence.entries()) {
      const { id: evaluationId } = await db
        .selectFrom("evaluations")
        .innerJoin("interactions", "interactions.id", "evaluations.interaction_id")
        .select("evaluations.id")
        .where("interactions.external_id", "=", evidence.slug)
        .where("evaluations.kind", "=", "review")
        .executeTakeFirstOrThrow();
      await addEvidence(db, coach, planId, { evaluationId, kind: evidence.kind, note: evidence.note }, new Date(startedAt.getTime() + (k + 1) * 5 * 60_000));
    }
    if (plan.acknowledgedAfterHours !== undefined) await acknowledgeCoachingPlan(db, agent, planId, new Date(startedAt.getTime() + plan.acknowledgedAfterHours * HOUR));
    for (const session of plan.sessions) {
      const startsDay = dayOf(at(session.daysFromNow, 0));
      const { id: sessionId } = await scheduleCoachingSession(
        db,
        coach,
        { agentId: agent.id, planId, date: startsDay, time: session.time, durationMinutes: session.minutes },
        // A few hours into the day it was planned, after the plan's start and acknowledgement.
        at(session.daysFromNow - session.scheduledDaysBefore, 4),
      );
      sessions++;
      if (!session.held) continue;
      const { starts_at: startsAt } = await db.selectFrom("coaching_sessions").select("starts_at").where("id", "=", sessionId).executeTakeFirstOrThrow();
      const after = (minutes: number) => new Date(startsAt.getTime() + minutes * 60_000);
      if (session.notes) {
        for (const visibility of ["shared", "private"] as const) {
          const body = feedbackDocumentSchema.parse({ type: "doc", content: session.notes[visibility].map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })) });
          await saveSessionNote(db, coach, sessionId, { visibility, body, baseRevision: 0 }, after(session.minutes));
        }
      }
      await setSessionState(db, coach, sessionId, { state: "held" }, after(session.minutes + 5));
      for (const [k, item] of (session.items ?? []).entries()) {
        const { id: itemId } = await addActionItem(
          db,
          coach,
          sessionId,
          { text: item.text, owner: item.owner, dueOn: dayOf(new Date(startsAt.getTime() + item.dueInDays * DAY)) },
          after(session.minutes + 6 + k),
        );
        if (item.doneDaysFromNow !== undefined) await completeActionItem(db, item.owner === "agent" ? agent : coach, itemId, at(item.doneDaysFromNow, 0));
      }
      if (session.acknowledged) {
        await acknowledgeSession(db, agent, sessionId, { comment: session.acknowledged.comment }, after(session.minutes + session.acknowledged.hoursAfter * 60));
      }
    }
  }
  const evaluations = await reviewCoachedAgentCalls(db, viewer, now);
  return { plans: demoPlans.length, sessions, evaluations };
}

/** Each follow-up call reviewed by the two QA specialists in turn, released at once (calls), acknowledged a day later unless in the last six days. */
async function reviewCoachedAgentCalls(db: Database, viewer: (key: string) => Viewer, now: Date): Promise<number> {
  const agent = viewer(DIP_AGENT);
  const reviewers = [viewer("quinn.harper"), viewer("rosa.lindqvist")];
  const { id: scorecardId } = await db.selectFrom("scorecards").select("id").where("name", "=", "Call quality").executeTakeFirstOrThrow();
  const calls = await db
    .selectFrom("interactions")
    .select(["id", "external_id", "started_at"])
    .where("agent_id", "=", agent.id)
    .where("external_id", "like", "%-followup-%")
    .orderBy("started_at")
    .execute();
  for (const [k, call] of calls.entries()) {
    const reviewer = reviewers[k % reviewers.length] as Viewer;
    const level = FOLLOW_UP_LEVELS[k % FOLLOW_UP_LEVELS.length] as Level;
    const submittedAt = new Date(call.started_at.getTime() + DAY + 2 * HOUR);
    const { evaluationId } = await openEvaluation(db, reviewer, { interactionId: call.id, scorecardId }, new Date(submittedAt.getTime() - 25 * 60_000));
    await submitEvaluation(db, reviewer, evaluationId, { answers: callAnswers(level), feedback: feedbackOf(level, false), revision: 1 }, submittedAt);
    if (submittedAt.getTime() > now.getTime() - 6 * DAY) continue;
    const { current_revision_id } = await db.selectFrom("evaluations").select("current_revision_id").where("id", "=", evaluationId).executeTakeFirstOrThrow();
    await acknowledgeEvaluation(db, agent, evaluationId, { revisionId: current_revision_id as string }, new Date(submittedAt.getTime() + DAY));
    // Acknowledging, he had opened the notification of the release (as in demo-evaluations.ts).
    const released = await db.selectFrom("notifications").select("id").where("recipient_id", "=", agent.id).where("evaluation_id", "=", evaluationId).where("kind", "=", "evaluation_released").executeTakeFirst();
    if (released) await openNotification(db, agent, released.id);
  }
  return calls.length;
}
