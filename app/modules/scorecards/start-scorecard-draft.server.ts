/**
 * "Edit" on a published scorecard: a new draft version copied from its latest version (the
 * published ones stay as they are). Asking again while a draft exists returns that draft.
 */
import type { Database } from "../../lib/db.server";
import { assertCan } from "../access/refusals";
import type { Actor } from "../access/actor";
import { notFound } from "../../lib/errors";
import { recordAudit } from "../audit/record-audit.server";

export async function startScorecardDraft(db: Database, actor: Actor, scorecardId: string): Promise<{ version: number }> {
  assertCan(actor, "scorecards:manage");
  return db.transaction().execute(async (trx) => {
    const scorecard = await trx.selectFrom("scorecards").select("id").where("id", "=", scorecardId).forUpdate().executeTakeFirst();
    if (!scorecard) throw notFound("Scorecard");
    const existing = await trx
      .selectFrom("scorecard_versions")
      .select("version")
      .where("scorecard_id", "=", scorecardId)
      .where("status", "=", "draft")
      .executeTakeFirst();
    if (existing) return { version: existing.version };
    const latest = await trx
      .selectFrom("scorecard_versions")
      .select(["version", "definition"])
      .where("scorecard_id", "=", scorecardId)
      .orderBy("version", "desc")
      .limit(1)
      .executeTakeFirstOrThrow();
    const version = latest.version + 1;
    await trx.insertInto("scorecard_versions").values({ scorecard_id: scorecardId, version, definition: JSON.stringify(latest.definition) }).execute();
    await recordAudit(trx, { actorId: actor, action: "scorecard.new_draft", entityType: "scorecard", entityId: scorecardId, after: { version } });
    return { version };
  });
}
