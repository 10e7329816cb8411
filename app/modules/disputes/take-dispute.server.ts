/**
 * An arbiter takes an open dispute (`in_review`): from then on it is theirs to decide, the queue
 * shows who has it, and the raiser and the agent are told (docs/decisions/0022). 404 unseen;
 * 403 not an arbiter, or the reviewer or agent of the evaluation; 409 not open (awaiting the
 * supervisor, already taken, decided, withdrawn). The row lock makes two takes queue: the
 * second finds it in review and is refused.
 */
import type { Database } from "../../lib/db.server";
import { DomainError } from "../../lib/errors";
import { assertMayArbitrate } from "../access/rules";
import { recordAudit } from "../audit/record-audit.server";
import { notify } from "../notifications/notify.server";
import type { Viewer } from "../users/roles";
import { disputeStateLabels } from "./dispute-states";
import { loadDispute } from "./load-dispute.server";

export async function takeDispute(db: Database, viewer: Viewer, disputeId: string, now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const dispute = await loadDispute(trx, viewer, disputeId, { lock: true });
    assertMayArbitrate(viewer, dispute);
    if (dispute.state === "in_review") {
      throw new DomainError("conflict", dispute.takenBy === viewer.id ? "You are already reviewing this dispute." : "Another arbiter took this dispute first.");
    }
    if (dispute.state !== "open") throw new DomainError("conflict", `Only an open dispute can be taken; this one is ${disputeStateLabels[dispute.state].toLowerCase()}.`);
    await trx.updateTable("disputes").set({ state: "in_review", taken_by: viewer.id, taken_at: now, updated_at: now }).where("id", "=", dispute.id).execute();
    await notify(
      trx,
      [dispute.raisedBy, dispute.agentId].map((recipientId) => ({
        recipientId,
        kind: "dispute_assigned" as const,
        title: `${viewer.name} is reviewing your dispute`,
        link: `/disputes/${dispute.id}`,
        evaluationId: dispute.evaluationId,
        createdAt: now,
      })),
    );
    await recordAudit(trx, { actorId: viewer.id, action: "dispute.taken", entityType: "dispute", entityId: dispute.id, before: { state: "open" }, after: { state: "in_review" } });
  });
}
