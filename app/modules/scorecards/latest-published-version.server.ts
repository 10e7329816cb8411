import type { Database } from "../../lib/db.server";
import { DomainError } from "../../lib/errors";

/**
 * The version an evaluation started now is scored with: the scorecard's latest published
 * version, while the scorecard is not archived. A review and a self-evaluation both start
 * here; `fieldHint` is the message under the form's scorecard field.
 */
export async function latestPublishedVersionId(trx: Database, scorecardId: string, fieldHint: string): Promise<string> {
  const version = await trx
    .selectFrom("scorecard_versions")
    .innerJoin("scorecards", "scorecards.id", "scorecard_versions.scorecard_id")
    .select("scorecard_versions.id")
    .where("scorecard_versions.scorecard_id", "=", scorecardId)
    .where("scorecard_versions.status", "=", "published")
    .where("scorecards.archived_at", "is", null)
    .orderBy("scorecard_versions.version", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!version) throw new DomainError("invalid", "That scorecard has no published version to score with.", { scorecardId: fieldHint });
  return version.id;
}
