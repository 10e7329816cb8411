import type { Database } from "../../lib/db.server";
import { notFound } from "../../lib/errors";
import { scopeAssignments } from "../access/assignment-scope.server";
import { assertMayWorkAssignment } from "../access/rules";
import type { Viewer } from "../users/roles";

/**
 * An open assignment the viewer may act on, locked for the rest of the transaction. A
 * reviewer may act on their own; leads on anybody's. Somebody else's assignment is "not
 * found" to a reviewer, like any row outside their scope (assignment-scope.server.ts); one
 * they see but may no longer change (their role changed) is 403, a closed one 409.
 */
export async function loadOpenAssignmentForUpdate(trx: Database, viewer: Viewer, assignmentId: string) {
  const assignment = await scopeAssignments(trx.selectFrom("assignments").innerJoin("interactions", "interactions.id", "assignments.interaction_id"), viewer)
    .select([
      "assignments.id",
      "assignments.status",
      "assignments.reviewer_id",
      "assignments.scorecard_id",
      "assignments.interaction_id",
      "assignments.run_id",
      "assignments.rule_id",
      "assignments.due_at",
      "interactions.agent_id",
    ])
    .where("assignments.id", "=", assignmentId)
    .forUpdate("assignments")
    .executeTakeFirst();
  if (!assignment) throw notFound("Assignment");
  assertMayWorkAssignment(viewer, assignment);
  return assignment;
}
