import type { Database } from "../../lib/db.server";
import { assertCan } from "../access/refusals";
import type { Actor } from "../access/actor";
import { DomainError } from "../../lib/errors";
import { recordAudit } from "../audit/record-audit.server";

/** Throws away a draft that follows a published version (a published version never can be). */
export async function discardScorecardDraft(db: Database, actor: Actor, scorecardId: string): Promise<void> {
  assertCan(actor, "scorecards:manage");
  await db.transaction().execute(async (trx) => {
    const published = await trx
      .selectFrom("scorecard_versions")
      .select("id")
      .where("scorecard_id", "=", scorecardId)
      .where("status", "=", "published")
      .executeTakeFirst();
    if (!published) throw new DomainError("invalid", "A scorecard that was never published keeps its draft; archive it instead.");
    const deleted = await trx.deleteFrom("scorecard_versions").where("scorecard_id", "=", scorecardId).where("status", "=", "draft").executeTakeFirst();
    if (Number(deleted.numDeletedRows) === 0) throw new DomainError("conflict", "There is no draft to discard.");
    await recordAudit(trx, { actorId: actor, action: "scorecard.discard_draft", entityType: "scorecard", entityId: scorecardId });
  });
}
