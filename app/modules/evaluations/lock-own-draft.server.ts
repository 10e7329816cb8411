import type { Database } from "../../lib/db.server";
import { DomainError, notFound } from "../../lib/errors";
import { can } from "../users/permissions";
import type { Viewer } from "../users/roles";
import { scopeEvaluations } from "./evaluation-scope.server";

/**
 * The viewer's own draft evaluation, locked until the transaction ends, before anything of it
 * is written (autosave, submit, annotations). The checks run in the order of the refusal rule
 * (docs/decisions/0003): an evaluation the viewer may not see is "not found" (404); one they
 * may see but may not change — their role no longer scores conversations (it changed since
 * the page loaded), or somebody else scores it — is "forbidden" (403); a submitted one is a
 * conflict (409). The role is read with the session on every request, so a demoted reviewer
 * is refused here and nothing is written.
 */
export async function lockOwnDraft(trx: Database, viewer: Viewer, evaluationId: string): Promise<void> {
  const row = await scopeEvaluations(trx.selectFrom("evaluations").innerJoin("interactions", "interactions.id", "evaluations.interaction_id"), viewer)
    .select(["evaluations.reviewer_id", "evaluations.status"])
    .where("evaluations.id", "=", evaluationId)
    .forUpdate("evaluations")
    .executeTakeFirst();
  if (!row) throw notFound("Evaluation");
  if (!can(viewer, "reviews:work")) {
    throw new DomainError("forbidden", "Your role no longer includes scoring conversations, so this evaluation cannot be changed. Ask a QA lead to reassign it.");
  }
  if (row.reviewer_id !== viewer.id) throw new DomainError("forbidden", "Only the reviewer who scores this evaluation can change it.");
  if (row.status !== "draft") throw new DomainError("locked", "This evaluation was already submitted; it can no longer change.");
}
