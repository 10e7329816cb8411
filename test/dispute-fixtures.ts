/**
 * A released review to dispute, for the disputes tests: the review world of
 * evaluation-fixtures.ts with `failingAnswers` submitted (71.9, a fail; discovery 4 of 5,
 * outcome "Next steps") and released at once, on a scorecard that requires acknowledgement
 * within 3 days, and the form a raiser would send.
 */
import { db } from "../app/lib/db.server";
import type { RaiseDisputeInput } from "../app/modules/disputes/dispute.schema";
import { submittedReviewWorld } from "./evaluation-fixtures";

export async function disputeWorld() {
  const w = await submittedReviewWorld();
  await db().updateTable("scorecards").set({ acknowledgement: "required", acknowledgement_days: 3 }).where("id", "=", w.scorecard.id).execute();
  const row = await db().selectFrom("evaluations").select(["current_revision_id", "released_at"]).where("id", "=", w.evaluationId).executeTakeFirstOrThrow();
  if (!row.released_at || !row.current_revision_id) throw new Error("The review world's evaluation should be released at submit");
  return { ...w, revisionId: row.current_revision_id, releasedAt: row.released_at };
}

export const REASON = "Answer does not match the conversation";

/** Disputes "outcome" (proposing "Resolved") and "discovery" (proposing 5), the first with a transcript span as evidence. */
export function twoQuestions(revisionId: string): RaiseDisputeInput {
  return {
    revisionId,
    questions: [
      {
        questionId: "outcome",
        proposed: { value: "resolved" },
        reasonCode: REASON,
        reasonText: "The customer said the card works now.",
        evidence: { segmentId: "s2", startOffset: 4, endOffset: 20, quote: "card works now" },
      },
      { questionId: "discovery", proposed: { value: 5 }, reasonCode: REASON, reasonText: "I asked every question on the checklist.", evidence: { startMs: 12_000, endMs: 12_000 } },
    ],
  };
}
