import { sql } from "kysely";
import type { Database } from "../../lib/db.server";
import { DomainError, notFound } from "../../lib/errors";
import { recordAudit } from "../audit/record-audit.server";
import { can } from "../users/permissions";
import type { Viewer } from "../users/roles";

/**
 * Releases a submitted evaluation to the agent (scorecards whose release mode is "manual"):
 * QA leads and admins. From then on the agent sees it on their own conversation.
 */
export async function releaseEvaluation(db: Database, viewer: Viewer, evaluationId: string): Promise<void> {
  if (!can(viewer, "scorecards:manage")) throw new DomainError("forbidden", "Only QA leads and admins release evaluations.");
  await db.transaction().execute(async (trx) => {
    const evaluation = await trx.selectFrom("evaluations").select(["status", "released_at"]).where("id", "=", evaluationId).forUpdate().executeTakeFirst();
    if (!evaluation) throw notFound("Evaluation");
    if (evaluation.status !== "submitted") throw new DomainError("conflict", "Only a submitted evaluation can be released.");
    if (evaluation.released_at) throw new DomainError("conflict", "This evaluation was already released.");
    await trx.updateTable("evaluations").set({ released_at: sql`now()`, updated_at: sql`now()` }).where("id", "=", evaluationId).execute();
    await recordAudit(trx, { actorId: viewer.id, action: "evaluation.release", entityType: "evaluation", entityId: evaluationId });
  });
}
