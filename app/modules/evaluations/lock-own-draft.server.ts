import type { Database } from "../../lib/db.server";
import { notFound } from "../../lib/errors";
import { scopeEvaluations } from "../access/evaluation-scope.server";
import { assertMayScore, assertMaySelfEvaluate } from "../access/rules";
import type { Viewer } from "../users/roles";
import { selfEvaluationState } from "./self-evaluation-state.server";

/**
 * The viewer's own draft evaluation, locked until the transaction ends, before anything of it
 * is written (autosave, submit, annotations). The refusal rule (docs/architecture.md
 * "Access"): an evaluation the viewer may not see is "not found" (404); one they may see but
 * may not change — their role no longer scores conversations (it changed since the page
 * loaded), or somebody else scores it — is "forbidden" (403); a submitted one is a conflict
 * (409). The role is read with the session on every request, so a demoted reviewer is refused
 * here and nothing is written. A self-evaluation is checked against the organisation's switch
 * and the review's release on every write too (rules.ts `assertMaySelfEvaluate`), so turning
 * it off or releasing the review stops a draft that is open in a tab.
 */
export async function lockOwnDraft(trx: Database, viewer: Viewer, evaluationId: string): Promise<{ kind: string }> {
  const row = await scopeEvaluations(trx.selectFrom("evaluations").innerJoin("interactions", "interactions.id", "evaluations.interaction_id"), viewer)
    .select(["evaluations.reviewer_id", "evaluations.status", "evaluations.kind", "evaluations.interaction_id", "interactions.agent_id"])
    .where("evaluations.id", "=", evaluationId)
    .forUpdate("evaluations")
    .executeTakeFirst();
  if (!row) throw notFound("Evaluation");
  if (row.kind === "self" && row.status === "draft") assertMaySelfEvaluate(viewer, row, await selfEvaluationState(trx, row.interaction_id));
  assertMayScore(viewer, row);
  return { kind: row.kind };
}
