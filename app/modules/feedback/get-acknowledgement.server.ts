/**
 * An evaluation's acknowledgement as its page shows it (issue 13 §3): the state by the rule
 * (acknowledgement-rule.ts) from its revisions and acknowledgements, and whether the viewer is
 * the agent who acknowledges it. Read through the evaluation scope, like the page itself.
 */
import type { Database } from "../../lib/db.server";
import { notFound } from "../../lib/errors";
import { scopeEvaluations } from "../access/evaluation-scope.server";
import type { Viewer } from "../users/roles";
import { acknowledgementState, type AcknowledgementMode, type AcknowledgementState } from "./acknowledgement-rule";

export interface AcknowledgementView {
  state: AcknowledgementState;
  mode: AcknowledgementMode;
  days: number | null;
  /** The revision an acknowledgement would be made against (the current one). */
  currentRevisionId: string | null;
  /** The viewer is the agent of the conversation: they acknowledge. */
  viewerAcknowledges: boolean;
}

export async function getAcknowledgement(db: Database, viewer: Viewer, evaluationId: string, now: Date, timeZone: string): Promise<AcknowledgementView> {
  const row = await scopeEvaluations(db.selectFrom("evaluations").innerJoin("interactions", "interactions.id", "evaluations.interaction_id"), viewer)
    .innerJoin("scorecards", "scorecards.id", "evaluations.scorecard_id")
    .select([
      "evaluations.status",
      "evaluations.kind",
      "evaluations.released_at",
      "evaluations.current_revision_id",
      "interactions.agent_id",
      "scorecards.acknowledgement",
      "scorecards.acknowledgement_days",
    ])
    .where("evaluations.id", "=", evaluationId)
    .executeTakeFirst();
  if (!row) throw notFound("Evaluation");
  const mode = row.acknowledgement as AcknowledgementMode;
  const counts = row.status === "submitted" && row.kind === "review";
  const [revisions, acknowledgements] = counts
    ? await Promise.all([
        db.selectFrom("evaluation_revisions").select(["id", "sequence", "passed", "created_at"]).where("evaluation_id", "=", evaluationId).execute(),
        db.selectFrom("evaluation_acknowledgements").select(["revision_id", "acknowledged_at", "comment"]).where("evaluation_id", "=", evaluationId).execute(),
      ])
    : [[], []];
  const state = acknowledgementState(
    {
      mode: counts ? mode : "none",
      days: row.acknowledgement_days,
      releasedAt: row.released_at,
      revisions: revisions.map((r) => ({ id: r.id, sequence: r.sequence, passed: r.passed, createdAt: r.created_at })),
      acknowledgements: acknowledgements.map((a) => ({ revisionId: a.revision_id, acknowledgedAt: a.acknowledged_at, comment: a.comment })),
    },
    now,
    timeZone,
  );
  return { state, mode, days: row.acknowledgement_days, currentRevisionId: row.current_revision_id, viewerAcknowledges: row.agent_id === viewer.id };
}
