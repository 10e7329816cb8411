/**
 * The agent's supervisor endorses a dispute that waits for them (the organisation's supervisor
 * first line, docs/decisions/0022): it goes on to the arbiters (`open`), who are notified, and its
 * due time starts again from now, since the arbiters could not act on it before. An optional note.
 * 404 unseen (another team's), 403 not a supervisor, 409 not awaiting a supervisor, 422 a note
 * too long. The dispute row is locked, so an endorsement racing a withdrawal finds it withdrawn.
 */
import type { Database } from "../../lib/db.server";
import { DomainError } from "../../lib/errors";
import { assertCan } from "../access/refusals";
import { recordAudit } from "../audit/record-audit.server";
import { notify } from "../notifications/notify.server";
import { getOrganisationSettings } from "../organisation/get-organisation-settings.server";
import type { Viewer } from "../users/roles";
import { listArbiters } from "./dispute-people.server";
import { disputeStateLabels } from "./dispute-states";
import { supervisorNoteSchema } from "./dispute.schema";
import { disputeDueAt } from "./due-time";
import { loadDispute } from "./load-dispute.server";
import { parseInput } from "./parse-input";

const SUPERVISORS_ONLY = "Only the agent's supervisor endorses or declines a dispute before it reaches QA.";

export async function endorseDispute(db: Database, viewer: Viewer, disputeId: string, rawInput: unknown, now = new Date()): Promise<{ dueAt: Date }> {
  return db.transaction().execute(async (trx) => {
    const dispute = await loadDispute(trx, viewer, disputeId, { lock: true });
    assertCan(viewer, "disputes:endorse", SUPERVISORS_ONLY);
    assertAwaitingSupervisor(dispute.state);
    const { note } = parseInput(supervisorNoteSchema, rawInput);
    const settings = await getOrganisationSettings(trx);
    const dueAt = disputeDueAt(now, settings.disputeResolutionDays, settings);
    await trx
      .updateTable("disputes")
      .set({ state: "open", supervisor_id: viewer.id, supervisor_at: now, supervisor_note: note, due_at: dueAt, updated_at: now })
      .where("id", "=", dispute.id)
      .execute();
    const arbiters = await listArbiters(trx, { reviewerId: dispute.reviewerId, agentId: dispute.agentId });
    await notify(
      trx,
      arbiters.map((recipientId) => ({
        recipientId,
        kind: "dispute_raised" as const,
        title: `Dispute endorsed by ${viewer.name}: ready for an arbiter`,
        body: note,
        link: `/disputes/${dispute.id}`,
        evaluationId: dispute.evaluationId,
        createdAt: now,
      })),
    );
    await recordAudit(trx, { actorId: viewer.id, action: "dispute.endorsed", entityType: "dispute", entityId: dispute.id, after: { note, dueAt } });
    return { dueAt };
  });
}

export { SUPERVISORS_ONLY };

export function assertAwaitingSupervisor(state: keyof typeof disputeStateLabels): void {
  if (state !== "awaiting_supervisor") {
    throw new DomainError("conflict", `This dispute is no longer waiting for a supervisor (it is ${disputeStateLabels[state].toLowerCase()}).`);
  }
}
