import { db } from "../../lib/db.server";
import { authenticateApiToken } from "../api-tokens/authenticate-api-token.server";
import { can, type Permission } from "../access/permissions";
import type { Viewer } from "../users/roles";
import { DomainError } from "../../lib/errors";

const permissionNeeds: Partial<Record<Permission, string>> = {
  "interactions:ingest": "Importing interactions needs an admin's or a QA lead's token.",
};

/**
 * The viewer behind the request's bearer token (401 when missing, unknown, revoked,
 * or its user is deactivated), who must hold `permission` (403). Session cookies do
 * not count here: the API is for systems, and a cookie would reopen CSRF.
 */
export async function requireApiViewer(request: Request, permission: Permission): Promise<Viewer> {
  const viewer = await authenticateApiToken(db(), request.headers.get("Authorization"));
  if (!can(viewer, permission)) {
    throw new DomainError("forbidden", permissionNeeds[permission] ?? "This token's user may not do that.");
  }
  return viewer;
}
