/**
 * A dispute as `dispute.opened` and `dispute.decided` carry it: the evaluation (after the
 * decision's revision, for `decided`), the dispute's state and the disputed question ids —
 * not the reasons, proposals or notes, which are people's words and may concern questions
 * hidden from agents. Read inside the cause's transaction.
 */
import type { Database } from "../../lib/db.server";
import { evaluationEventData, publicLink } from "./evaluation-event-data.server";
import type { DisputeEventData } from "./webhook-events";

export async function disputeEventData(trx: Database, disputeId: string, outcome?: "upheld" | "partly_upheld" | "rejected"): Promise<DisputeEventData> {
  const dispute = await trx
    .selectFrom("disputes")
    .select(["id", "evaluation_id", "state", "raised_by", "raised_at", "decided_by", "decided_at"])
    .where("id", "=", disputeId)
    .executeTakeFirstOrThrow();
  const questions = await trx.selectFrom("dispute_questions").select("question_id").where("dispute_id", "=", disputeId).orderBy("question_id").execute();
  return {
    ...(await evaluationEventData(trx, dispute.evaluation_id)),
    dispute: {
      id: dispute.id,
      status: dispute.state,
      raisedBy: dispute.raised_by,
      questionIds: questions.map((q) => q.question_id),
      openedAt: dispute.raised_at.toISOString(),
      ...(outcome ? { outcome } : {}),
      ...(dispute.decided_by ? { decidedBy: dispute.decided_by } : {}),
      ...(dispute.decided_at ? { decidedAt: dispute.decided_at.toISOString() } : {}),
      url: publicLink(`/disputes/${dispute.id}`),
    },
  };
}
