/**
 * What the "Self-evaluate" panel on a conversation's page shows the agent (issue 13 §5,
 * docs/decisions/0025): nothing to anyone who does not self-evaluate or to an agent on somebody
 * else's conversation; otherwise their self-evaluation (to continue or read), why it cannot be
 * started (turned off, locked by the released review), or what to start it with — the review's
 * scorecard, else the published scorecards to pick from.
 */
import type { Database } from "../../lib/db.server";
import { can } from "../../modules/access/permissions";
import {
  requestedScorecardOf,
  reviewScorecardOf,
} from "../../modules/evaluations/start-self-evaluation.server";
import { selfEvaluationState } from "../../modules/evaluations/self-evaluation-state.server";
import { listPublishedScorecards } from "../../modules/scorecards/list-published-scorecards.server";
import type { Viewer } from "../../modules/users/roles";

export type SelfEvaluationPanel =
  | { state: "draft"; evaluationId: string }
  | { state: "submitted"; evaluationId: string }
  | { state: "off" }
  | { state: "locked" }
  | {
      state: "start";
      reviewScorecard: { id: string; name: string } | null;
      scorecards: { id: string; name: string }[];
    };

/** For a conversation the page already found through the viewer's scope. */
export async function selfEvaluationPanelView(
  db: Database,
  viewer: Viewer,
  interactionId: string,
): Promise<SelfEvaluationPanel | null> {
  if (!can(viewer, "evaluations:self")) return null;
  const own = await db
    .selectFrom("interactions")
    .select("id")
    .where("id", "=", interactionId)
    .where("agent_id", "=", viewer.id)
    .executeTakeFirst();
  if (!own) return null;
  const interaction = { id: interactionId };
  const existing = await db
    .selectFrom("evaluations")
    .select(["id", "status"])
    .where("interaction_id", "=", interaction.id)
    .where("kind", "=", "self")
    .where("reviewer_id", "=", viewer.id)
    .executeTakeFirst();
  if (existing && existing.status !== "draft")
    return { state: "submitted", evaluationId: existing.id };
  const state = await selfEvaluationState(db, interaction.id);
  if (!state.enabled) return existing ? { state: "off" } : null;
  if (state.reviewReleased) return { state: "locked" };
  if (existing) return { state: "draft", evaluationId: existing.id };
  // A rule's request names a scorecard too: the start use case takes it after the review's, so the panel offers no pick.
  const [reviewScorecardId, scorecards] = await Promise.all([
    reviewScorecardOf(db, interaction.id).then(
      async (id) => id ?? (await requestedScorecardOf(db, interaction.id)),
    ),
    listPublishedScorecards(db),
  ]);
  const reviewScorecard =
    scorecards.find((scorecard) => scorecard.id === reviewScorecardId) ?? null;
  return {
    state: "start",
    reviewScorecard: reviewScorecard && {
      id: reviewScorecard.id,
      name: reviewScorecard.name,
    },
    scorecards: scorecards.map(({ id, name }) => ({ id, name })),
  };
}
