import { sql } from "kysely";
import type { Database } from "../../lib/db.server";
import type { Actor } from "../access/actor";
import { assertCan } from "../access/refusals";
import { notFound } from "../../lib/errors";
import { scorecardDefinitionSchema, type ScorecardDefinition } from "./scorecard-definition.schema";
import type { AcknowledgementMode } from "../feedback/acknowledgement-rule";
import type { ReleaseMode } from "./scorecard-settings.schema";

export interface ScorecardVersionSummary {
  id: string;
  version: number;
  status: "draft" | "published";
  publishedAt: Date | null;
  publishedByName: string | null;
  evaluations: number;
}

export interface ScorecardDetail {
  id: string;
  name: string;
  description: string;
  releaseMode: ReleaseMode;
  acknowledgement: AcknowledgementMode;
  acknowledgementDays: number | null;
  archived: boolean;
  versions: ScorecardVersionSummary[];
  /** The draft to edit, when there is one. */
  draft: { id: string; version: number; revision: number; definition: ScorecardDefinition } | null;
  /** The version asked for (default: the draft, else the latest published). */
  shown: { id: string; version: number; status: "draft" | "published"; definition: ScorecardDefinition };
}

/** A scorecard with its version history, its draft and one version's definition. */
export async function getScorecard(db: Database, actor: Actor, scorecardId: string, options: { version?: number } = {}): Promise<ScorecardDetail> {
  assertCan(actor, "scorecards:manage");
  const scorecard = await db
    .selectFrom("scorecards")
    .select(["id", "name", "description", "release_mode", "acknowledgement", "acknowledgement_days", "archived_at"])
    .where("id", "=", scorecardId)
    .executeTakeFirst();
  if (!scorecard) throw notFound("Scorecard");
  const versions = await db
    .selectFrom("scorecard_versions")
    .leftJoin("users", "users.id", "scorecard_versions.published_by")
    .select([
      "scorecard_versions.id",
      "scorecard_versions.version",
      "scorecard_versions.status",
      "scorecard_versions.revision",
      "scorecard_versions.definition",
      "scorecard_versions.published_at",
      "users.name as published_by_name",
      (eb) =>
        eb
          .selectFrom("evaluations")
          .select(sql<number>`count(*)::int`.as("n"))
          .whereRef("evaluations.scorecard_version_id", "=", "scorecard_versions.id")
          .as("evaluations"),
    ])
    .where("scorecard_versions.scorecard_id", "=", scorecardId)
    .orderBy("scorecard_versions.version", "desc")
    .execute();

  const draftRow = versions.find((v) => v.status === "draft");
  const shownRow =
    options.version !== undefined ? versions.find((v) => v.version === options.version) : (draftRow ?? versions.find((v) => v.status === "published"));
  if (!shownRow) throw notFound("Scorecard version");
  // Stored definitions were validated when saved; parsing again fills defaults a later schema added.
  const definitionOf = (value: unknown) => scorecardDefinitionSchema.parse(value);
  return {
    id: scorecard.id,
    name: scorecard.name,
    description: scorecard.description,
    releaseMode: scorecard.release_mode as ReleaseMode,
    acknowledgement: scorecard.acknowledgement as AcknowledgementMode,
    acknowledgementDays: scorecard.acknowledgement_days,
    archived: scorecard.archived_at !== null,
    versions: versions.map((v) => ({
      id: v.id,
      version: v.version,
      status: v.status as "draft" | "published",
      publishedAt: v.published_at,
      publishedByName: v.published_by_name,
      evaluations: v.evaluations ?? 0,
    })),
    draft: draftRow ? { id: draftRow.id, version: draftRow.version, revision: draftRow.revision, definition: definitionOf(draftRow.definition) } : null,
    shown: { id: shownRow.id, version: shownRow.version, status: shownRow.status as "draft" | "published", definition: definitionOf(shownRow.definition) },
  };
}
