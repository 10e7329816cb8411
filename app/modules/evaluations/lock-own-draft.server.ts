import type { Database } from "../../lib/db.server";
import { notFound } from "../../lib/errors";
import { scopeEvaluations } from "../access/evaluation-scope.server";
import { assertMayScore } from "../access/rules";
import type { Viewer } from "../users/roles";

/**
 * The viewer's own draft evaluation, locked until the transaction ends, before anything of it
 * is written (autosave, submit, annotations). The refusal rule (docs/architecture.md
 * "Access"): an evaluation the viewer may not see is "not found" (404); one they may see but
 * may not change — their role no longer scores conversations (it changed since the page
 * loaded), or somebody else scores it — is "forbidden" (403); a submitted one is a conflict
 * (409). The role is read with the session on every request, so a demoted reviewer is refused
 * here and nothing is written.
 */
export async function lockOwnDraft(trx: Database, viewer: Viewer, evaluationId: string): Promise<void> {
  const row = await scopeEvaluations(trx.selectFrom("evaluations").innerJoin("interactions", "interactions.id", "evaluations.interaction_id"), viewer)
    .select(["evaluations.reviewer_id", "evaluations.status"])
    .where("evaluations.id", "=", evaluationId)
    .forUpdate("evaluations")
    .executeTakeFirst();
  if (!row) throw notFound("Evaluation");
  assertMayScore(viewer, row);
}
