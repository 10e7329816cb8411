/**
 * An agent starts (or continues) the self-evaluation of their own conversation (issue 13 §5,
 * docs/decisions/0025). The scorecard is the review's: that of the conversation's review
 * evaluation or review assignment, else that of a self-evaluation request a sampling rule sent;
 * only where none exists does the agent pick one of the published scorecards. One
 * self-evaluation per conversation: starting again returns it, draft or submitted. Refusals in the order of access/refusals.ts: a conversation the agent
 * may not see is 404; not an agent, not their own conversation, or self-evaluation turned off
 * is 403; a review already released to them is 409 (locked).
 */
import type { Database } from "../../lib/db.server";
import { DomainError, notFound } from "../../lib/errors";
import { isUniqueViolation } from "../../lib/pg-errors";
import { scopeInteractions } from "../access/interaction-scope.server";
import { assertMaySelfEvaluate } from "../access/rules";
import { latestPublishedVersionId } from "../scorecards/latest-published-version.server";
import type { Viewer } from "../users/roles";
import { selfEvaluationState } from "./self-evaluation-state.server";

export interface StartSelfEvaluation {
  interactionId: string;
  /** The agent's pick, used only when the conversation has no review scorecard yet. */
  scorecardId?: string;
}

export async function startSelfEvaluation(db: Database, viewer: Viewer, request: StartSelfEvaluation, now = new Date()): Promise<{ evaluationId: string; status: "draft" | "submitted" }> {
  try {
    return await findOrStart(db, viewer, request, now);
  } catch (error) {
    // Another tab started it a moment ago: continue that one.
    if (isUniqueViolation(error, "evaluations_one_self_key")) return findOrStart(db, viewer, request, now);
    throw error;
  }
}

/** The scorecard the conversation is (to be) reviewed with: its latest review, else its latest live review assignment. */
export async function reviewScorecardOf(db: Database, interactionId: string): Promise<string | null> {
  const review = await db
    .selectFrom("evaluations")
    .select("scorecard_id")
    .where("interaction_id", "=", interactionId)
    .where("kind", "=", "review")
    .where("status", "<>", "void")
    .orderBy("created_at", "desc")
    .limit(1)
    .executeTakeFirst();
  if (review) return review.scorecard_id;
  const assignment = await db
    .selectFrom("assignments")
    .select("scorecard_id")
    .where("interaction_id", "=", interactionId)
    .where("status", "in", ["open", "done"])
    .orderBy("created_at", "desc")
    .limit(1)
    .executeTakeFirst();
  return assignment?.scorecard_id ?? null;
}

/** The scorecard a self-evaluation rule asked the agent to use for this conversation, if one did. */
export async function requestedScorecardOf(db: Database, interactionId: string): Promise<string | null> {
  const row = await db.selectFrom("self_evaluation_requests").select("scorecard_id").where("interaction_id", "=", interactionId).executeTakeFirst();
  return row?.scorecard_id ?? null;
}

async function findOrStart(db: Database, viewer: Viewer, request: StartSelfEvaluation, now: Date): Promise<{ evaluationId: string; status: "draft" | "submitted" }> {
  return db.transaction().execute(async (trx) => {
    const interaction = await scopeInteractions(trx.selectFrom("interactions"), viewer)
      .select(["interactions.id", "interactions.agent_id"])
      .where("interactions.id", "=", request.interactionId)
      .executeTakeFirst();
    if (!interaction) throw notFound("Interaction");
    const existing = await trx
      .selectFrom("evaluations")
      .select(["id", "status", "reviewer_id"])
      .where("interaction_id", "=", interaction.id)
      .where("kind", "=", "self")
      .executeTakeFirst();
    // A submitted one can always be read again; starting or continuing a draft is checked.
    if (existing && existing.status !== "draft" && existing.reviewer_id === viewer.id) return { evaluationId: existing.id, status: "submitted" as const };
    assertMaySelfEvaluate(viewer, interaction, await selfEvaluationState(trx, interaction.id));
    if (existing) return { evaluationId: existing.id, status: "draft" as const };

    // The review's scorecard first (so the two compare), then that of a request a rule sent, then the agent's pick.
    const scorecardId = (await reviewScorecardOf(trx, interaction.id)) ?? (await requestedScorecardOf(trx, interaction.id)) ?? request.scorecardId;
    if (!scorecardId) {
      throw new DomainError("invalid", "Pick the scorecard to self-evaluate with.", { scorecardId: "Pick a scorecard" });
    }
    const versionId = await latestPublishedVersionId(trx, scorecardId, "Pick a published scorecard");
    const { id } = await trx
      .insertInto("evaluations")
      .values({ interaction_id: interaction.id, scorecard_id: scorecardId, scorecard_version_id: versionId, reviewer_id: viewer.id, kind: "self", created_at: now, updated_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { evaluationId: id, status: "draft" as const };
  });
}
