/**
 * Saving a scorecard's draft version. Drafts carry a revision so two leads editing the same
 * draft cannot overwrite each other silently: a stale save answers 409 and the builder keeps
 * the typed definition in the page.
 */
import { sql } from "kysely";
import type { Database } from "../../lib/db.server";
import { assertCan } from "../access/refusals";
import type { Actor } from "../access/actor";
import { DomainError } from "../../lib/errors";
import { recordAudit } from "../audit/record-audit.server";
import type { ScorecardDefinition } from "./scorecard-definition.schema";

export async function saveScorecardDraft(
  db: Database,
  actor: Actor,
  scorecardId: string,
  input: { definition: ScorecardDefinition; revision: number },
): Promise<{ versionId: string; version: number; revision: number }> {
  assertCan(actor, "scorecards:manage");
  return db.transaction().execute(async (trx) => {
    const draft = await trx
      .selectFrom("scorecard_versions")
      .select(["id", "version", "revision"])
      .where("scorecard_id", "=", scorecardId)
      .where("status", "=", "draft")
      .forUpdate()
      .executeTakeFirst();
    if (!draft) throw new DomainError("conflict", "This scorecard has no draft any more (it was published). Reload to start a new draft.");
    if (draft.revision !== input.revision) {
      throw new DomainError("conflict", "Somebody else saved this draft after you opened it. Your changes are still on this page: copy what you need, then reload.");
    }
    await trx
      .updateTable("scorecard_versions")
      .set({ definition: JSON.stringify(input.definition), revision: draft.revision + 1, updated_at: sql`now()` })
      .where("id", "=", draft.id)
      .execute();
    await trx.updateTable("scorecards").set({ updated_at: sql`now()` }).where("id", "=", scorecardId).execute();
    await recordAudit(trx, { actorId: actor, action: "scorecard.save_draft", entityType: "scorecard", entityId: scorecardId, after: { version: draft.version } });
    return { versionId: draft.id, version: draft.version, revision: draft.revision + 1 };
  });
}
