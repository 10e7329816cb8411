/**
 * The raiser withdraws their dispute, from any state before a decision (docs/decisions/0022);
 * the evaluation can then be corrected, voided or disputed again. 404 unseen; 403 not the raiser
 * (the agent cannot withdraw what their supervisor raised for them, and vice versa); 409 already
 * declined, decided or withdrawn. Locked, so a withdrawal racing a decision is one or the other.
 */
import type { Database } from "../../lib/db.server";
import { DomainError } from "../../lib/errors";
import { assertRaisedBy } from "../access/rules";
import { recordAudit } from "../audit/record-audit.server";
import type { Viewer } from "../users/roles";
import { disputeStateLabels } from "./dispute-states";
import { loadDispute } from "./load-dispute.server";

export async function withdrawDispute(db: Database, viewer: Viewer, disputeId: string, now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const dispute = await loadDispute(trx, viewer, disputeId, { lock: true });
    assertRaisedBy(viewer, dispute);
    const state = dispute.state;
    if (state !== "awaiting_supervisor" && state !== "open" && state !== "in_review") {
      throw new DomainError("conflict", `This dispute can no longer be withdrawn: it is ${disputeStateLabels[state].toLowerCase()}.`);
    }
    await trx.updateTable("disputes").set({ state: "withdrawn", withdrawn_at: now, updated_at: now }).where("id", "=", dispute.id).execute();
    await recordAudit(trx, { actorId: viewer.id, action: "dispute.withdrawn", entityType: "dispute", entityId: dispute.id, before: { state } });
  });
}
