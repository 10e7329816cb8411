/**
 * The demo's disputes (issue 13 point 11), raised, taken and decided through the dispute use
 * cases at the times they happened, after the review history (demo-evaluations.ts) is written:
 *
 * - decided, upheld: Diego Alvarez showed that he did greet the customer and give his name (the
 *   transcript's first turn); Leah accepted, so the review has a second revision (cause
 *   `dispute`) with the higher score, which Diego then acknowledged;
 * - decided, rejected: Jamal Wright argued that cancelling without verifying followed the
 *   process; Leah kept the answer, with a note;
 * - open and overdue: Sofia Rossi's greeting, raised ten days ago and never taken;
 * - in review: Tom Becker's identity check, taken by Leah three days ago;
 * - open: raised yesterday by Sam Patel on Marcus Chen's behalf about a chat's tone.
 *
 * Each evaluation is found by its conversation's slug. Acknowledging says "I have read it", not
 * "I agree", so the agents acknowledged these as usual; a decision that changes pass or fail
 * asks them again (the acknowledgement rule), and Diego acknowledges the upheld revision.
 */
import type { Database } from "../../app/lib/db.server";
import { decideDispute } from "../../app/modules/disputes/decide-dispute.server";
import { raiseDispute } from "../../app/modules/disputes/raise-dispute.server";
import { takeDispute } from "../../app/modules/disputes/take-dispute.server";
import { acknowledgeEvaluation } from "../../app/modules/feedback/acknowledge-evaluation.server";
import type { Answers } from "../../app/modules/scorecards/scorecard-definition.schema";
import type { Viewer } from "../../app/modules/users/roles";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const UPHELD_SLUG = "call-retention-pushy-agent-10d";
export const REJECTED_SLUG = "chat-retention-cancel-no-verify-earlier";
export const OVERDUE_DISPUTE_SLUG = "call-tech-no-dial-tone-rushed-10d";
export const IN_REVIEW_SLUG = "call-billing-payment-no-verification-10d";
export const ON_BEHALF_SLUG = "chat-billing-refund-status";
export const DISPUTED_SLUGS = [UPHELD_SLUG, REJECTED_SLUG, OVERDUE_DISPUTE_SLUG, IN_REVIEW_SLUG, ON_BEHALF_SLUG];

const MISMATCH = "Answer does not match the conversation";
const PROCESS = "Followed the documented process";
const CUSTOMER_CAUSED = "Customer or system caused it";

interface Disputed {
  id: string;
  revisionId: string;
  releasedAt: Date;
  answers: Answers;
}

async function evaluationOf(db: Database, slug: string): Promise<Disputed> {
  const row = await db
    .selectFrom("evaluations")
    .innerJoin("interactions", "interactions.id", "evaluations.interaction_id")
    .select(["evaluations.id", "evaluations.current_revision_id", "evaluations.released_at", "evaluations.answers"])
    .where("interactions.external_id", "=", slug)
    .where("evaluations.kind", "=", "review")
    .executeTakeFirstOrThrow();
  if (!row.released_at || !row.current_revision_id) throw new Error(`The demo dispute needs ${slug}'s review released`);
  return { id: row.id, revisionId: row.current_revision_id, releasedAt: row.released_at, answers: row.answers as Answers };
}

/** The greeting is the transcript's first turn in both demo calls that dispute it. */
const greetingEvidence = (text: string) => ({ segmentId: "s1", startOffset: 0, endOffset: text.length, quote: text });

export async function seedDemoDisputes(db: Database, viewer: (key: string) => Viewer, now: Date): Promise<number> {
  const lead = viewer("leah.morgan");

  // Upheld: raised the day after release, taken the next morning, accepted that afternoon.
  const upheld = await evaluationOf(db, UPHELD_SLUG);
  const diego = viewer("diego.alvarez");
  const raisedUpheld = await raiseDispute(
    db,
    diego,
    upheld.id,
    {
      revisionId: upheld.revisionId,
      questions: [
        {
          questionId: "greeting",
          proposed: { value: true },
          reasonCode: MISMATCH,
          reasonText: "I opened with the team name and my own name in the first two seconds.",
          evidence: { ...greetingEvidence("Northwind loyalty, this is Diego."), startMs: 0, endMs: 2194 },
        },
      ],
    },
    new Date(upheld.releasedAt.getTime() + DAY),
  );
  await takeDispute(db, lead, raisedUpheld.id, new Date(upheld.releasedAt.getTime() + 1.8 * DAY));
  await decideDispute(
    db,
    lead,
    raisedUpheld.id,
    { decisions: [{ questionId: "greeting", decision: "accept", note: "Confirmed at 0:00–0:02: team and name given. The rest of the review stands." }] },
    new Date(upheld.releasedAt.getTime() + 2 * DAY),
  );
  const { current_revision_id: upheldRevision } = await db.selectFrom("evaluations").select("current_revision_id").where("id", "=", upheld.id).executeTakeFirstOrThrow();
  await acknowledgeEvaluation(db, diego, upheld.id, { revisionId: upheldRevision as string, comment: "Thanks for checking the recording." }, new Date(upheld.releasedAt.getTime() + 2.5 * DAY));

  // Rejected: the chat scorecard's "resolved" kept, with the arbiter's reason.
  const rejected = await evaluationOf(db, REJECTED_SLUG);
  const raisedRejected = await raiseDispute(
    db,
    viewer("jamal.wright"),
    rejected.id,
    {
      revisionId: rejected.revisionId,
      questions: [
        {
          questionId: "resolved",
          proposed: { value: true },
          reasonCode: PROCESS,
          reasonText: "The customer asked to cancel and the account was cancelled the same day, as the retention guide says.",
          evidence: { segmentId: "s6", startOffset: 0, endOffset: 46, quote: "Makes sense. I found an account for Kevin Shaw" },
        },
      ],
    },
    new Date(rejected.releasedAt.getTime() + 0.5 * DAY),
  );
  await takeDispute(db, lead, raisedRejected.id, new Date(rejected.releasedAt.getTime() + 1.5 * DAY));
  await decideDispute(
    db,
    lead,
    raisedRejected.id,
    {
      decisions: [
        {
          questionId: "resolved",
          decision: "keep",
          note: "Cancelling is only correct after the account holder is verified; a name alone is not verification (retention guide §2).",
        },
      ],
    },
    new Date(rejected.releasedAt.getTime() + 2 * DAY),
  );

  // Open and overdue: raised ten days ago, five working days to resolve, never taken.
  const overdue = await evaluationOf(db, OVERDUE_DISPUTE_SLUG);
  await raiseDispute(
    db,
    viewer("sofia.rossi"),
    overdue.id,
    {
      revisionId: overdue.revisionId,
      questions: [
        {
          questionId: "greeting",
          proposed: { value: true },
          reasonCode: MISMATCH,
          reasonText: "Short, but I gave the company and my name.",
          evidence: { ...greetingEvidence("Northwind support, Sofia."), startMs: 0, endMs: 1742 },
        },
      ],
    },
    new Date(now.getTime() - 10 * DAY),
  );

  // In review: raised five days ago, taken by Leah three days ago.
  const inReview = await evaluationOf(db, IN_REVIEW_SLUG);
  const raisedInReview = await raiseDispute(
    db,
    viewer("tom.becker"),
    inReview.id,
    {
      revisionId: inReview.revisionId,
      questions: [
        {
          questionId: "verified-identity",
          proposed: { value: true },
          reasonCode: CUSTOMER_CAUSED,
          reasonText: "The caller had passed the phone PIN check in the IVR before reaching me, so I did not ask again.",
        },
      ],
    },
    new Date(now.getTime() - 5 * DAY),
  );
  await takeDispute(db, lead, raisedInReview.id, new Date(now.getTime() - 3 * DAY));

  // Open: Sam Patel raises it for Marcus Chen, half-way between the release and now.
  const onBehalf = await evaluationOf(db, ON_BEHALF_SLUG);
  await raiseDispute(
    db,
    viewer("sam.patel"),
    onBehalf.id,
    {
      revisionId: onBehalf.revisionId,
      questions: [
        {
          questionId: "tone",
          proposed: { value: 4 },
          reasonCode: MISMATCH,
          reasonText: "Marcus apologised for the missed refund and kept the customer informed at every step.",
          evidence: { segmentId: "s5", startOffset: 0, endOffset: 51, quote: "The router reached our warehouse on the 14th, but t" },
        },
      ],
    },
    new Date(onBehalf.releasedAt.getTime() + (now.getTime() - onBehalf.releasedAt.getTime()) / 2),
  );
  return DISPUTED_SLUGS.length;
}
