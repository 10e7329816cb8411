import { sql } from "kysely";
import type { Database } from "../../lib/db.server";
import type { Actor } from "../access/actor";
import { assertCan } from "../access/refusals";
import type { ReleaseMode } from "./scorecard-settings.schema";

export interface ScorecardListItem {
  id: string;
  name: string;
  description: string;
  releaseMode: ReleaseMode;
  archived: boolean;
  latestPublished: number | null;
  draftVersion: number | null;
  evaluations: number;
  updatedAt: Date;
}

/** Every scorecard for the builder's list, by name; archived ones only when asked. Scorecards are few. */
export async function listScorecards(db: Database, actor: Actor, options: { includeArchived: boolean }): Promise<ScorecardListItem[]> {
  assertCan(actor, "scorecards:manage");
  let q = db
    .selectFrom("scorecards")
    .select([
      "scorecards.id",
      "scorecards.name",
      "scorecards.description",
      "scorecards.release_mode",
      "scorecards.archived_at",
      "scorecards.updated_at",
      (eb) =>
        eb
          .selectFrom("scorecard_versions")
          .select(sql<number>`max(version)`.as("v"))
          .whereRef("scorecard_versions.scorecard_id", "=", "scorecards.id")
          .where("scorecard_versions.status", "=", "published")
          .as("latest_published"),
      (eb) =>
        eb
          .selectFrom("scorecard_versions")
          .select("version")
          .whereRef("scorecard_versions.scorecard_id", "=", "scorecards.id")
          .where("scorecard_versions.status", "=", "draft")
          .as("draft_version"),
      (eb) =>
        eb
          .selectFrom("evaluations")
          .select(sql<number>`count(*)::int`.as("n"))
          .whereRef("evaluations.scorecard_id", "=", "scorecards.id")
          .where("evaluations.status", "=", "submitted")
          .as("evaluations"),
    ])
    .orderBy("scorecards.name");
  if (!options.includeArchived) q = q.where("scorecards.archived_at", "is", null);
  const rows = await q.execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    description: row.description,
    releaseMode: row.release_mode as ReleaseMode,
    archived: row.archived_at !== null,
    latestPublished: row.latest_published ?? null,
    draftVersion: row.draft_version ?? null,
    evaluations: row.evaluations ?? 0,
    updatedAt: row.updated_at,
  }));
}
