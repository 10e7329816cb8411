/**
 * The agent's supervisor declines a dispute that waits for them, with a note the agent reads: it
 * ends as `declined` and never reaches QA (docs/decisions/0022). The raiser and the agent are told.
 * Refusals as for an endorsement; the note is required (422).
 */
import type { Database } from "../../lib/db.server";
import { assertCan } from "../access/refusals";
import { recordAudit } from "../audit/record-audit.server";
import { notify } from "../notifications/notify.server";
import type { Viewer } from "../users/roles";
import { declineSchema } from "./dispute.schema";
import { assertAwaitingSupervisor, SUPERVISORS_ONLY } from "./endorse-dispute.server";
import { loadDispute } from "./load-dispute.server";
import { parseInput } from "./parse-input";

export async function declineDispute(db: Database, viewer: Viewer, disputeId: string, rawInput: unknown, now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const dispute = await loadDispute(trx, viewer, disputeId, { lock: true });
    assertCan(viewer, "disputes:endorse", SUPERVISORS_ONLY);
    assertAwaitingSupervisor(dispute.state);
    const { note } = parseInput(declineSchema, rawInput);
    await trx
      .updateTable("disputes")
      .set({ state: "declined", supervisor_id: viewer.id, supervisor_at: now, supervisor_note: note, updated_at: now })
      .where("id", "=", dispute.id)
      .execute();
    await notify(
      trx,
      [dispute.raisedBy, dispute.agentId].map((recipientId) => ({
        recipientId,
        kind: "dispute_decided" as const,
        title: `Your dispute was declined by ${viewer.name}`,
        body: note,
        link: `/disputes/${dispute.id}`,
        evaluationId: dispute.evaluationId,
        createdAt: now,
      })),
    );
    await recordAudit(trx, { actorId: viewer.id, action: "dispute.declined", entityType: "dispute", entityId: dispute.id, after: { note } });
  });
}
