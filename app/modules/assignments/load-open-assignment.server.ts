import type { Database } from "../../lib/db.server";
import { DomainError, notFound } from "../../lib/errors";
import { can } from "../users/permissions";
import type { Viewer } from "../users/roles";

/**
 * An open assignment the viewer may act on, locked for the rest of the transaction. A
 * reviewer may act on their own; leads on anybody's. Somebody else's assignment is "not
 * found" to a reviewer, like any row outside their scope.
 */
export async function loadOpenAssignmentForUpdate(trx: Database, viewer: Viewer, assignmentId: string) {
  const assignment = await trx
    .selectFrom("assignments")
    .innerJoin("interactions", "interactions.id", "assignments.interaction_id")
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
  if (assignment.reviewer_id !== viewer.id && !can(viewer, "assignments:manage")) throw notFound("Assignment");
  // Their own, but their role no longer works a queue (it changed since the page loaded).
  if (!can(viewer, "reviews:work") && !can(viewer, "assignments:manage")) {
    throw new DomainError("forbidden", "Your role no longer includes review work, so this assignment cannot be changed. Ask a QA lead.");
  }
  if (assignment.status !== "open") {
    throw new DomainError("conflict", assignment.status === "done" ? "This assignment is already done." : "This assignment was already skipped.");
  }
  return assignment;
}
