/**
 * Where the server's copy of an evaluation stands, for a workspace page that is shown again
 * (Back, a restore from the back-forward cache) to compare with the copy it holds before it
 * lets the reviewer type: the revision, when it was saved, and whether it was submitted.
 * Scoped like getEvaluation: outside the viewer's scope it is "not found".
 */
import type { Database } from "../../lib/db.server";
import { notFound } from "../../lib/errors";
import type { Viewer } from "../users/roles";
import { scopeEvaluations } from "./evaluation-scope.server";

export interface DraftRevision {
  revision: number;
  savedAt: Date;
  submitted: boolean;
}

export async function getDraftRevision(db: Database, viewer: Viewer, evaluationId: string): Promise<DraftRevision> {
  const row = await scopeEvaluations(db.selectFrom("evaluations").innerJoin("interactions", "interactions.id", "evaluations.interaction_id"), viewer)
    .select(["evaluations.revision", "evaluations.updated_at", "evaluations.status", "evaluations.reviewer_id"])
    .where("evaluations.id", "=", evaluationId)
    .executeTakeFirst();
  // Only its reviewer works on a draft; anybody else asking is answered as for a missing one.
  if (!row || row.reviewer_id !== viewer.id) throw notFound("Evaluation");
  return { revision: row.revision, savedAt: row.updated_at, submitted: row.status !== "draft" };
}
