import { sql } from "kysely";
import type { Database } from "../../lib/db.server";
import { recordAudit } from "../audit/record-audit.server";
import type { Viewer } from "../users/roles";
import { loadOpenAssignmentForUpdate } from "./load-open-assignment.server";

export { MAX_SKIP_REASON } from "./assignments.schema";

/**
 * Takes an open assignment out of the queue with a reason ("no audio", "wrong language").
 * The skipped row stays, so the interaction is not drawn again for the scorecard.
 */
export async function skipAssignment(db: Database, viewer: Viewer, assignmentId: string, reason: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await skipInTransaction(trx, viewer, assignmentId, reason);
  });
}

export async function skipInTransaction(trx: Database, viewer: Viewer, assignmentId: string, reason: string) {
  const assignment = await loadOpenAssignmentForUpdate(trx, viewer, assignmentId);
  await trx
    .updateTable("assignments")
    .set({ status: "skipped", skip_reason: reason, closed_at: sql`now()`, closed_by: viewer.id, updated_at: sql`now()` })
    .where("id", "=", assignmentId)
    .execute();
  await recordAudit(trx, { actorId: viewer.id, action: "assignment.skip", entityType: "assignment", entityId: assignmentId, after: { reason } });
  return assignment;
}
