import type { Database } from "../../lib/db.server";
import { DomainError } from "../../lib/errors";
import { reviewerRoles } from "./reviewer-loads.server";

/** The reviewer exists, is active, works a queue, and is not the conversation's agent; their name for the reply. */
export async function assertReviewerMayTake(db: Database, reviewerId: string, agentId: string): Promise<{ name: string }> {
  if (reviewerId === agentId) {
    throw new DomainError("invalid", "Reviewers never review their own conversations.", { reviewerId: "Choose somebody else" });
  }
  const reviewer = await db
    .selectFrom("users")
    .select("name")
    .where("id", "=", reviewerId)
    .where("active", "=", true)
    .where("role", "in", reviewerRoles)
    .executeTakeFirst();
  if (!reviewer) {
    throw new DomainError("invalid", "Choose an active QA specialist or QA lead.", { reviewerId: "Choose an active QA specialist or QA lead" });
  }
  return reviewer;
}

/** 409 naming who already has the interaction for this scorecard, if anybody does (a voided review is nobody's). */
export async function liveAssignmentConflict(db: Database, interactionId: string, scorecardId: string): Promise<void> {
  const live = await db
    .selectFrom("assignments")
    .innerJoin("users", "users.id", "assignments.reviewer_id")
    .select(["users.name", "assignments.status"])
    .where("assignments.interaction_id", "=", interactionId)
    .where("assignments.scorecard_id", "=", scorecardId)
    .where("assignments.status", "!=", "skipped")
    .where("assignments.voided_at", "is", null)
    .executeTakeFirst();
  if (live) {
    const what = live.status === "open" ? `is already assigned to ${live.name}` : `was already reviewed by ${live.name}`;
    throw new DomainError("conflict", `This interaction ${what} for that scorecard.`);
  }
}

/**
 * 409 when the interaction already has a submitted review for the scorecard: assigning it
 * again would have it reviewed twice (a sampling run skips it for the same reason).
 */
export async function submittedReviewConflict(db: Database, interactionId: string, scorecardId: string): Promise<void> {
  const reviewed = await db
    .selectFrom("evaluations")
    .innerJoin("users", "users.id", "evaluations.reviewer_id")
    .select(["users.name"])
    .where("evaluations.interaction_id", "=", interactionId)
    .where("evaluations.scorecard_id", "=", scorecardId)
    .where("evaluations.kind", "=", "review")
    .where("evaluations.status", "=", "submitted")
    .orderBy("evaluations.submitted_at")
    .executeTakeFirst();
  if (reviewed) {
    throw new DomainError(
      "conflict",
      `This interaction was already reviewed with that scorecard by ${reviewed.name}. Read that review, or choose another scorecard.`,
    );
  }
}
