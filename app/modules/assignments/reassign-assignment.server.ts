import { sql } from "kysely";
import type { Database } from "../../lib/db.server";
import { DomainError } from "../../lib/errors";
import { recordAudit } from "../audit/record-audit.server";
import { assertCan } from "../access/refusals";
import type { Viewer } from "../users/roles";
import { loadOpenAssignmentForUpdate } from "./load-open-assignment.server";
import { assertReviewerMayTake } from "./reviewer-checks.server";

/** Moves an open assignment to another reviewer (qa_lead, admin); caps are the lead's call here. Returns who has it now. */
export async function reassignAssignment(db: Database, viewer: Viewer, assignmentId: string, reviewerId: string): Promise<{ reviewerName: string }> {
  return db.transaction().execute(async (trx) => {
    const assignment = await loadOpenAssignmentForUpdate(trx, viewer, assignmentId);
    assertCan(viewer, "assignments:manage", "Only QA leads and admins reassign work.");
    if (assignment.reviewer_id === reviewerId) {
      throw new DomainError("invalid", "It is already assigned to that reviewer.", { reviewerId: "Choose another reviewer" });
    }
    const reviewer = await assertReviewerMayTake(trx, reviewerId, assignment.agent_id);
    await trx.updateTable("assignments").set({ reviewer_id: reviewerId, updated_at: sql`now()` }).where("id", "=", assignmentId).execute();
    await recordAudit(trx, {
      actorId: viewer.id,
      action: "assignment.reassign",
      entityType: "assignment",
      entityId: assignmentId,
      before: { reviewerId: assignment.reviewer_id },
      after: { reviewerId },
    });
    return { reviewerName: reviewer.name };
  });
}
