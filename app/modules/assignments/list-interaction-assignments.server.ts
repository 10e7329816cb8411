import type { Database } from "../../lib/db.server";
import type { Viewer } from "../users/roles";
import { scopeAssignments } from "../access/assignment-scope.server";

export interface InteractionAssignment {
  id: string;
  scorecardName: string;
  reviewerName: string;
  /** The rule that drew it, or the name it had when it was deleted; null for manual work. */
  ruleName: string | null;
  ruleDeleted: boolean;
  status: "open" | "done" | "skipped";
  dueAt: Date;
  overdue: boolean;
  closedAt: Date | null;
  skipReason: string | null;
}

/**
 * Every assignment of one interaction (open first, then the newest), for the interaction
 * page. Goes through the viewer's assignment scope, so an interaction the viewer may not
 * see has no assignments for them rather than leaking who reviews it.
 */
export async function listInteractionAssignments(
  db: Database,
  viewer: Viewer,
  interactionId: string,
  { now = new Date() }: { now?: Date } = {},
): Promise<InteractionAssignment[]> {
  const rows = await scopeAssignments(db.selectFrom("assignments").innerJoin("interactions", "interactions.id", "assignments.interaction_id"), viewer)
    .innerJoin("scorecards", "scorecards.id", "assignments.scorecard_id")
    .innerJoin("users as reviewer", "reviewer.id", "assignments.reviewer_id")
    .leftJoin("sampling_rules", "sampling_rules.id", "assignments.rule_id")
    .select([
      "assignments.id",
      "assignments.status",
      "assignments.due_at",
      "assignments.closed_at",
      "assignments.skip_reason",
      "scorecards.name as scorecard_name",
      "reviewer.name as reviewer_name",
      "sampling_rules.name as rule_name",
      "assignments.deleted_rule_name",
    ])
    .where("interactions.id", "=", interactionId)
    .orderBy((eb) => eb.case().when("assignments.status", "=", "open").then(0).else(1).end())
    .orderBy("assignments.created_at", "desc")
    .orderBy("assignments.id")
    .execute();
  return rows.map((row) => {
    const status = row.status as InteractionAssignment["status"];
    return {
      id: row.id,
      scorecardName: row.scorecard_name,
      reviewerName: row.reviewer_name,
      ruleName: row.rule_name ?? row.deleted_rule_name,
      ruleDeleted: row.rule_name === null && row.deleted_rule_name !== null,
      status,
      dueAt: row.due_at,
      overdue: status === "open" && row.due_at.getTime() < now.getTime(),
      closedAt: row.closed_at,
      skipReason: row.skip_reason,
    };
  });
}
