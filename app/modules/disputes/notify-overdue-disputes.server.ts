/**
 * The scheduled job behind "dispute overdue" (issue 13 §6–7): every dispute past its due time
 * and still undecided is notified once — to its arbiter when one took it, otherwise to every
 * arbiter who may decide it. Idempotent: each notification carries the key
 * `dispute_overdue:<id>`, unique per recipient, so a second run, or two workers at once, write
 * nothing more. Returns how many notifications were written.
 */
import type { Database } from "../../lib/db.server";
import { notify, type NewNotification } from "../notifications/notify.server";
import { listArbiters } from "./dispute-people.server";

export async function notifyOverdueDisputes(db: Database, now = new Date()): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const overdue = await trx
      .selectFrom("disputes")
      .innerJoin("evaluations", "evaluations.id", "disputes.evaluation_id")
      .innerJoin("interactions", "interactions.id", "evaluations.interaction_id")
      .innerJoin("users as agent", "agent.id", "interactions.agent_id")
      .select(["disputes.id", "disputes.evaluation_id", "disputes.taken_by", "evaluations.reviewer_id", "interactions.agent_id", "agent.name as agent_name"])
      .where("disputes.state", "in", ["open", "in_review"])
      .where("disputes.due_at", "<=", now)
      .orderBy("disputes.due_at")
      .execute();
    const notifications: NewNotification[] = [];
    for (const dispute of overdue) {
      const recipients = dispute.taken_by ? [dispute.taken_by] : await listArbiters(trx, { reviewerId: dispute.reviewer_id, agentId: dispute.agent_id });
      for (const recipientId of recipients) {
        notifications.push({
          recipientId,
          kind: "dispute_overdue",
          title: `Dispute overdue: ${dispute.agent_name}’s evaluation`,
          link: `/disputes/${dispute.id}`,
          evaluationId: dispute.evaluation_id,
          dedupeKey: `dispute_overdue:${dispute.id}`,
          createdAt: now,
        });
      }
    }
    return (await notify(trx, notifications)).length;
  });
}
