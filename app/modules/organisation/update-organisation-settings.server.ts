/**
 * Saving the organisation's settings (/admin/settings, issue 13 §10): every setting and the
 * arbiter pool in one transaction, with one audit entry holding before and after of exactly
 * the settings that changed (none when nothing did).
 */
import { sql } from "kysely";
import type { Database } from "../../lib/db.server";
import { DomainError } from "../../lib/errors";
import { assertCan } from "../access/refusals";
import { recordAudit } from "../audit/record-audit.server";
import type { Viewer } from "../users/roles";
import { arbiterCandidateRoles } from "./arbiter-candidates";
import { getOrganisationSettings, listArbiterPool } from "./get-organisation-settings.server";
import type { OrganisationSettingsInput } from "./settings-form.schema";

export async function updateOrganisationSettings(db: Database, viewer: Viewer, input: OrganisationSettingsInput): Promise<{ changed: string[] }> {
  assertCan(viewer, "settings:manage");
  return db.transaction().execute(async (trx) => {
    // An organisation that never saved its settings has no row yet; the lock makes two admins' saves queue.
    await trx.insertInto("organisation").values({ id: 1, name: "Parley" }).onConflict((oc) => oc.column("id").doNothing()).execute();
    await trx.selectFrom("organisation").select("id").where("id", "=", 1).forUpdate().execute();
    const before: OrganisationSettingsInput = { ...(await getOrganisationSettings(trx)), arbiterIds: (await listArbiterPool(trx)).sort() };
    const after: OrganisationSettingsInput = { ...input, arbiterIds: [...input.arbiterIds].sort() };

    const removed = before.arbiterIds.filter((userId) => !after.arbiterIds.includes(userId));
    const added = after.arbiterIds.filter((userId) => !before.arbiterIds.includes(userId));
    // Only newcomers are checked: a member who has since changed role stays until an admin unticks them.
    if (added.length > 0) {
      const eligible = await trx
        .selectFrom("users")
        .select("id")
        .where("id", "in", added)
        .where("active", "=", true)
        .where("role", "in", arbiterCandidateRoles)
        .execute();
      if (eligible.length !== added.length) {
        const message = "Arbiters are active QA specialists or supervisors; reload the page and pick from the list.";
        throw new DomainError("invalid", message, { arbiterIds: message });
      }
    }

    await trx
      .updateTable("organisation")
      .set({
        time_zone: after.timeZone,
        dispute_window_days: after.disputeWindowDays,
        dispute_resolution_days: after.disputeResolutionDays,
        working_days: after.workingDays,
        holidays: sql`${after.holidays}::date[]`,
        dispute_supervisor_first_line: after.disputeSupervisorFirstLine,
        dispute_reason_codes: after.disputeReasonCodes,
        dispute_decision_may_lower: after.disputeDecisionMayLower,
        self_evaluation_enabled: after.selfEvaluationEnabled,
        default_acknowledgement: after.defaultAcknowledgement,
        default_acknowledgement_days: after.defaultAcknowledgementDays,
        email_from: after.emailFrom,
        csat_metadata_key: after.csatMetadataKey,
        csat_metadata_scale: after.csatMetadataScale,
      })
      .where("id", "=", 1)
      .execute();
    if (removed.length > 0) await trx.deleteFrom("dispute_arbiters").where("user_id", "in", removed).execute();
    if (added.length > 0) await trx.insertInto("dispute_arbiters").values(added.map((userId) => ({ user_id: userId, added_by: viewer.id }))).execute();

    const changed = (Object.keys(after) as (keyof OrganisationSettingsInput)[]).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
    if (changed.length > 0) {
      await recordAudit(trx, {
        actorId: viewer,
        action: "organisation.settings_update",
        entityType: "organisation",
        entityId: "1",
        before: Object.fromEntries(changed.map((key) => [key, before[key]])),
        after: Object.fromEntries(changed.map((key) => [key, after[key]])),
      });
    }
    return { changed };
  });
}
