/**
 * Opening the review workspace: finds the reviewer's draft evaluation or starts one, pinned to
 * the scorecard's latest published version. From a queue assignment (the assignee only) or
 * ad hoc from an interaction (any reviewer, never on their own conversation). Opening twice
 * returns the same draft, so a reload or a second tab continues the same work. Refusals in
 * the order of access/refusals.ts: an assignment or interaction outside the viewer's scope is
 * 404; a role that does not score, somebody else's queue item or one's own conversation 403.
 */
import type { Database } from "../../lib/db.server";
import { DomainError, notFound } from "../../lib/errors";
import { isUniqueViolation } from "../../lib/pg-errors";
import { scopeAssignments } from "../access/assignment-scope.server";
import { scopeInteractions } from "../access/interaction-scope.server";
import { assertCan } from "../access/refusals";
import { assertAssignedTo, assertNotOwnConversation } from "../access/rules";
import { lockScorecardAssignments } from "../assignments/lock-scorecard.server";
import { latestPublishedVersionId } from "../scorecards/latest-published-version.server";
import type { Viewer } from "../users/roles";

export type OpenRequest = { assignmentId: string } | { interactionId: string; scorecardId: string };

export async function openEvaluation(db: Database, viewer: Viewer, request: OpenRequest, now = new Date()): Promise<{ evaluationId: string }> {
  try {
    return await findOrStart(db, viewer, request, now);
  } catch (error) {
    // Another tab started the same draft a moment ago: continue that one.
    if (isUniqueViolation(error, "evaluations_one_draft_key") || isUniqueViolation(error, "evaluations_assignment_key")) {
      return findOrStart(db, viewer, request, now);
    }
    throw error;
  }
}

async function findOrStart(db: Database, viewer: Viewer, request: OpenRequest, now: Date): Promise<{ evaluationId: string }> {
  return db.transaction().execute(async (trx) => {
    let interactionId: string;
    let scorecardId: string;
    let assignmentId: string | null;
    if ("assignmentId" in request) {
      const assignment = await scopeAssignments(trx.selectFrom("assignments").innerJoin("interactions", "interactions.id", "assignments.interaction_id"), viewer)
        .select(["assignments.id", "assignments.interaction_id", "assignments.scorecard_id", "assignments.reviewer_id", "assignments.status", "interactions.agent_id"])
        .where("assignments.id", "=", request.assignmentId)
        .forUpdate("assignments")
        .executeTakeFirst();
      if (!assignment) throw notFound("Assignment");
      assertMayReview(viewer);
      assertNotOwnConversation(viewer, assignment);
      assertAssignedTo(viewer, assignment);
      ({ interaction_id: interactionId, scorecard_id: scorecardId } = assignment);
      assignmentId = assignment.id;
      const existing = await trx.selectFrom("evaluations").select("id").where("assignment_id", "=", assignment.id).executeTakeFirst();
      if (existing) return { evaluationId: existing.id };
      if (assignment.status !== "open") throw new DomainError("conflict", "This assignment was skipped; it has no evaluation.");
    } else {
      ({ interactionId, scorecardId } = request);
      const interaction = await visibleInteraction(trx, viewer, interactionId);
      assertMayReview(viewer);
      assertNotOwnConversation(viewer, interaction);
      // A draft started here makes the interaction taken for the scorecard: under the lock a
      // sampling run takes, so a run cannot read it as free and hand it to someone else now.
      await lockScorecardAssignments(trx, scorecardId);
      const mine = await trx
        .selectFrom("assignments")
        .select("id")
        .where("interaction_id", "=", interactionId)
        .where("scorecard_id", "=", scorecardId)
        .where("reviewer_id", "=", viewer.id)
        .where("status", "=", "open")
        .executeTakeFirst();
      assignmentId = mine?.id ?? null;
      const draft = await trx
        .selectFrom("evaluations")
        .select("id")
        .where("interaction_id", "=", interactionId)
        .where("scorecard_id", "=", scorecardId)
        .where("reviewer_id", "=", viewer.id)
        .where("status", "=", "draft")
        .executeTakeFirst();
      if (draft) return { evaluationId: draft.id };
    }

    const versionId = await latestPublishedVersionId(trx, scorecardId, "Choose a published scorecard");

    const { id } = await trx
      .insertInto("evaluations")
      .values({
        interaction_id: interactionId,
        scorecard_id: scorecardId,
        scorecard_version_id: versionId,
        reviewer_id: viewer.id,
        assignment_id: assignmentId,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { evaluationId: id };
  });
}

async function visibleInteraction(trx: Database, viewer: Viewer, interactionId: string): Promise<{ agent_id: string }> {
  const interaction = await scopeInteractions(trx.selectFrom("interactions"), viewer).select(["interactions.agent_id"]).where("interactions.id", "=", interactionId).executeTakeFirst();
  if (!interaction) throw notFound("Interaction");
  return interaction;
}

const assertMayReview = (viewer: Viewer) => assertCan(viewer, "reviews:work", "Only QA specialists and QA leads score interactions.");
