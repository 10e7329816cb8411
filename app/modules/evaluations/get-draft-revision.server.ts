/**
 * Where the server's copy of an evaluation stands, for a workspace page that is shown again
 * (Back, a restore from the back-forward cache) to compare with the copy it holds before it
 * lets the reviewer type: the revision, when it was saved, and whether it was submitted.
 * Scoped like getEvaluation: outside the viewer's scope it is "not found"; whoever may see
 * the evaluation may read where it stands (the workspace only asks for its own drafts).
 */
import type { Database } from "../../lib/db.server";
import { notFound } from "../../lib/errors";
import type { Viewer } from "../users/roles";
import { scopeEvaluations } from "../access/evaluation-scope.server";

export interface DraftRevision {
  revision: number;
  savedAt: Date;
  submitted: boolean;
}

export async function getDraftRevision(db: Database, viewer: Viewer, evaluationId: string): Promise<DraftRevision> {
  const row = await scopeEvaluations(db.selectFrom("evaluations").innerJoin("interactions", "interactions.id", "evaluations.interaction_id"), viewer)
    .select(["evaluations.revision", "evaluations.updated_at", "evaluations.status"])
    .where("evaluations.id", "=", evaluationId)
    .executeTakeFirst();
  if (!row) throw notFound("Evaluation");
  return { revision: row.revision, savedAt: row.updated_at, submitted: row.status !== "draft" };
}
