/**
 * Reads the organisation's settings (organisation-settings.ts) and the dispute arbiter pool.
 * Every use case that depends on a setting reads it here, inside its own transaction when it
 * must not race a change of the setting.
 */
import { sql } from "kysely";
import type { Database } from "../../lib/db.server";
import { isCsatScale, type CsatMapping } from "../interactions/csat";
import { defaultOrganisationSettings, type OrganisationSettings } from "./organisation-settings";

export interface OrganisationSettingsWithZone extends OrganisationSettings {
  timeZone: string;
}

export async function getOrganisationSettings(db: Database): Promise<OrganisationSettingsWithZone> {
  const row = await db
    .selectFrom("organisation")
    .select([
      "time_zone",
      "dispute_window_days",
      "dispute_resolution_days",
      "working_days",
      // As text: pg would turn each date into a Date at the server's local midnight.
      sql<string[]>`holidays::text[]`.as("holidays"),
      "dispute_supervisor_first_line",
      "dispute_reason_codes",
      "dispute_decision_may_lower",
      "self_evaluation_enabled",
      "default_acknowledgement",
      "default_acknowledgement_days",
      "email_from",
      "csat_metadata_key",
      "csat_metadata_scale",
    ])
    .where("id", "=", 1)
    .executeTakeFirst();
  if (!row) return { ...defaultOrganisationSettings, timeZone: "UTC" };
  return {
    timeZone: row.time_zone,
    disputeWindowDays: row.dispute_window_days,
    disputeResolutionDays: row.dispute_resolution_days,
    workingDays: row.working_days,
    holidays: row.holidays,
    disputeSupervisorFirstLine: row.dispute_supervisor_first_line,
    disputeReasonCodes: row.dispute_reason_codes,
    disputeDecisionMayLower: row.dispute_decision_may_lower,
    selfEvaluationEnabled: row.self_evaluation_enabled,
    defaultAcknowledgement: row.default_acknowledgement as OrganisationSettings["defaultAcknowledgement"],
    defaultAcknowledgementDays: row.default_acknowledgement_days,
    emailFrom: row.email_from,
    csatMetadataKey: row.csat_metadata_key,
    csatMetadataScale: isCsatScale(row.csat_metadata_scale) ? row.csat_metadata_scale : null,
  };
}

/** The metadata key the organisation reads CSAT from at import, and its scale; null when none is mapped. */
export async function getCsatMapping(db: Database): Promise<CsatMapping | null> {
  const row = await db.selectFrom("organisation").select(["csat_metadata_key", "csat_metadata_scale"]).where("id", "=", 1).executeTakeFirst();
  if (!row?.csat_metadata_key || !isCsatScale(row.csat_metadata_scale)) return null;
  return { key: row.csat_metadata_key, scale: row.csat_metadata_scale };
}

/** The users an organisation named as arbiters besides its QA leads. */
export async function listArbiterPool(db: Database): Promise<string[]> {
  const rows = await db.selectFrom("dispute_arbiters").select("user_id").execute();
  return rows.map((row) => row.user_id);
}
