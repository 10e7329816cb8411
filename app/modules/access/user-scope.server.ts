import type { SelectQueryBuilder } from "kysely";
import type { DB } from "../../../db/types.generated";
import type { Viewer } from "../users/roles";
import { can } from "./permissions";
import { forbidden } from "./refusals";

/** The roles whose work QA manages: the people a lead names in imports, sampling rules and runs. */
export const workforceRoles = ["agent", "qa", "qa_lead"] as const;

/**
 * Which accounts the viewer may read: every one (`users:read`, admins), or the workforce's
 * (`users:read-workforce`, QA leads: agents, QA specialists and leads, active or not, never
 * an admin's or a supervisor's account). A role with neither is refused (403) before any row
 * is read: the people pages are not theirs at all. An account outside the scope is then
 * "not found", as one that does not exist.
 */
export function scopeUsers<O>(query: SelectQueryBuilder<DB, "users", O>, viewer: Viewer): SelectQueryBuilder<DB, "users", O> {
  if (can(viewer, "users:read")) return query;
  if (can(viewer, "users:read-workforce")) return query.where("users.role", "in", workforceRoles);
  throw forbidden("Your role does not allow reading people's accounts.");
}
