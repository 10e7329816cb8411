import type { Database } from "../../lib/db.server";
import { DomainError } from "../../lib/errors";

/**
 * Work handed out for a scorecard nobody can score with (archived, or never published) would
 * sit in queues that cannot be opened: a run refuses, and so does resuming the rule, saying
 * how to fix it. (Saving a rule checks the same with a field error, save-sampling-rule.)
 */
export async function assertScorecardUsable(db: Database, scorecardId: string): Promise<void> {
  const scorecard = await db
    .selectFrom("scorecards")
    .select(["name", "archived_at"])
    .select((eb) =>
      eb
        .exists(eb.selectFrom("scorecard_versions").select("id").whereRef("scorecard_id", "=", "scorecards.id").where("status", "=", "published"))
        .as("published"),
    )
    .where("id", "=", scorecardId)
    .executeTakeFirstOrThrow();
  if (scorecard.archived_at) {
    throw new DomainError("conflict", `The scorecard “${scorecard.name}” is archived; choose another scorecard for this rule.`);
  }
  if (!scorecard.published) {
    throw new DomainError("conflict", `The scorecard “${scorecard.name}” has no published version; publish it or choose another scorecard for this rule.`);
  }
}
