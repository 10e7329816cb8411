import type { Database } from "../../lib/db.server";

export interface ScorecardOption {
  id: string;
  name: string;
  latestVersion: number;
}

/** Scorecards work can be assigned for: not archived, with at least one published version. */
export async function listPublishedScorecards(db: Database): Promise<ScorecardOption[]> {
  return db
    .selectFrom("scorecards")
    .innerJoin("scorecard_versions", "scorecard_versions.scorecard_id", "scorecards.id")
    .select(["scorecards.id", "scorecards.name", (eb) => eb.fn.max<number>("scorecard_versions.version").as("latestVersion")])
    .where("scorecards.archived_at", "is", null)
    .where("scorecard_versions.status", "=", "published")
    .groupBy(["scorecards.id", "scorecards.name"])
    .orderBy("scorecards.name")
    .execute();
}
