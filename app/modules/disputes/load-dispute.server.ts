/**
 * One dispute as the use cases that change it see it, through the dispute scope (404 for one the
 * viewer may not see, as for an id that does not exist), optionally locked until the transaction
 * ends, with what the rules need: the evaluation's reviewer and agent, the team, whether the
 * viewer is in the arbiter pool, and the scorecard version the evaluation is pinned to.
 */
import { z } from "zod";
import type { Database } from "../../lib/db.server";
import { notFound } from "../../lib/errors";
import { disputeVisibleTo, inArbiterPool } from "../access/dispute-scope.server";
import { scorecardDefinitionSchema } from "../scorecards/scorecard-definition.schema";
import type { Viewer } from "../users/roles";
import { asDisputeState } from "./dispute-states";

const idSchema = z.uuid();

export async function loadDispute(db: Database, viewer: Viewer, disputeId: string, { lock = false } = {}) {
  if (!idSchema.safeParse(disputeId).success) throw notFound("Dispute");
  let query = db
    .selectFrom("disputes")
    .innerJoin("evaluations", "evaluations.id", "disputes.evaluation_id")
    .innerJoin("interactions", "interactions.id", "evaluations.interaction_id")
    .innerJoin("scorecard_versions", "scorecard_versions.id", "evaluations.scorecard_version_id")
    .select([
      "disputes.id",
      "disputes.evaluation_id",
      "disputes.revision_id",
      "disputes.raised_by",
      "disputes.state",
      "disputes.due_at",
      "disputes.taken_by",
      "evaluations.reviewer_id",
      "evaluations.current_revision_id",
      "interactions.agent_id",
      "interactions.team_id",
      "scorecard_versions.definition",
    ])
    .select(inArbiterPool(viewer).as("in_arbiter_pool"))
    .where(disputeVisibleTo(viewer))
    .where("disputes.id", "=", disputeId);
  if (lock) query = query.forUpdate("disputes");
  const row = await query.executeTakeFirst();
  if (!row) throw notFound("Dispute");
  return {
    id: row.id,
    evaluationId: row.evaluation_id,
    revisionId: row.revision_id,
    raisedBy: row.raised_by,
    state: asDisputeState(row.state),
    dueAt: row.due_at,
    takenBy: row.taken_by,
    reviewerId: row.reviewer_id,
    currentRevisionId: row.current_revision_id,
    agentId: row.agent_id,
    teamId: row.team_id,
    inArbiterPool: row.in_arbiter_pool,
    definition: scorecardDefinitionSchema.parse(row.definition),
  };
}
export type LoadedDispute = Awaited<ReturnType<typeof loadDispute>>;

/** The disputed questions, in the order they were raised. */
export async function loadDisputeQuestions(db: Database, disputeId: string) {
  return db.selectFrom("dispute_questions").selectAll().where("dispute_id", "=", disputeId).orderBy("position").execute();
}
