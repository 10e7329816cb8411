import type { Database } from "../../lib/db.server";
import { assertCan } from "../access/refusals";
import { roleLabels, type Role, type Viewer } from "../users/roles";
import { arbiterCandidateRoles } from "./arbiter-candidates";
import { getOrganisationSettings, listArbiterPool, type OrganisationSettingsWithZone } from "./get-organisation-settings.server";

export interface SettingsPage {
  settings: OrganisationSettingsWithZone;
  arbiterIds: string[];
  /** Active users who may join the arbiter pool, by name, with their role. */
  arbiterCandidates: { id: string; label: string }[];
}

/** What /admin/settings shows: the settings as saved, the pool and who could join it. */
export async function getSettingsPage(db: Database, viewer: Viewer): Promise<SettingsPage> {
  assertCan(viewer, "settings:manage");
  const [settings, arbiterIds, candidates] = await Promise.all([
    getOrganisationSettings(db),
    listArbiterPool(db),
    db
      .selectFrom("users")
      .select(["id", "name", "role", "active"])
      // Current members too, whatever became of them, so the page can show and untick them.
      .where((eb) => eb.or([eb.and([eb("active", "=", true), eb("role", "in", arbiterCandidateRoles)]), eb("id", "in", eb.selectFrom("dispute_arbiters").select("user_id"))]))
      .orderBy("name")
      .orderBy("id")
      .execute(),
  ]);
  return {
    settings,
    arbiterIds,
    arbiterCandidates: candidates.map((user) => ({ id: user.id, label: `${user.name} (${user.active ? roleLabels[user.role as Role] : "deactivated"})` })),
  };
}
