/**
 * Manual assignment (qa_lead, admin): any interaction to a reviewer for a scorecard, from the
 * interaction page. Same rules as a run: never the reviewer's own conversation, one live
 * assignment per (interaction, scorecard), none once it has a submitted review for the
 * scorecard, under the scorecard's lock.
 */
import type { Database } from "../../lib/db.server";
import { DomainError, notFound } from "../../lib/errors";
import { scopeInteractions } from "../access/interaction-scope.server";
import { assertCan } from "../access/refusals";
import { recordAudit } from "../audit/record-audit.server";
import type { Viewer } from "../users/roles";
import { lockScorecardAssignments } from "./lock-scorecard.server";
import { assertReviewerMayTake, liveAssignmentConflict, submittedReviewConflict } from "./reviewer-checks.server";

export interface ManualAssignment {
  interactionId: string;
  scorecardId: string;
  reviewerId: string;
  dueAt: Date;
}

export async function assignInteraction(db: Database, actor: Viewer, input: ManualAssignment): Promise<{ id: string }> {
  return db.transaction().execute(async (trx) => {
    const interaction = await scopeInteractions(trx.selectFrom("interactions"), actor)
      .select(["interactions.agent_id"])
      .where("interactions.id", "=", input.interactionId)
      .executeTakeFirst();
    if (!interaction) throw notFound("Interaction");
    assertCan(actor, "assignments:manage", "Only QA leads and admins assign conversations for review.");
    await lockScorecardAssignments(trx, input.scorecardId);
    const scorecard = await trx
      .selectFrom("scorecards")
      .select("id")
      .where("id", "=", input.scorecardId)
      .where("archived_at", "is", null)
      .where((eb) =>
        eb.exists(eb.selectFrom("scorecard_versions").select("id").whereRef("scorecard_id", "=", "scorecards.id").where("status", "=", "published")),
      )
      .executeTakeFirst();
    if (!scorecard) throw new DomainError("invalid", "Choose a published scorecard.", { scorecardId: "Choose a published scorecard" });
    await assertReviewerMayTake(trx, input.reviewerId, interaction.agent_id);
    await liveAssignmentConflict(trx, input.interactionId, input.scorecardId);
    await submittedReviewConflict(trx, input.interactionId, input.scorecardId);
    if (input.dueAt.getTime() <= Date.now()) {
      throw new DomainError("invalid", "The due date must be in the future.", { dueAt: "Choose a time in the future" });
    }

    const { id } = await trx
      .insertInto("assignments")
      .values({
        interaction_id: input.interactionId,
        scorecard_id: input.scorecardId,
        reviewer_id: input.reviewerId,
        due_at: input.dueAt,
        created_by: actor.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "assignment.create",
      entityType: "assignment",
      entityId: id,
      after: { interactionId: input.interactionId, scorecardId: input.scorecardId, reviewerId: input.reviewerId, dueAt: input.dueAt },
    });
    return { id };
  });
}
