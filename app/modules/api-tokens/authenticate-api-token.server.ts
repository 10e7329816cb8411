import type { Database } from "../../lib/db.server";
import { DomainError } from "../../lib/errors";
import type { Viewer } from "../users/roles";
import { hashToken } from "./token-secret.server";

/** last_used_at is written at most this often, so a bulk import does not turn every call into a write. */
const LAST_USED_PRECISION_MS = 60_000;

/**
 * The viewer behind an `Authorization: Bearer prl_…` header: the token must exist, be
 * unrevoked, and belong to an active user. Throws DomainError("unauthenticated") otherwise.
 */
export async function authenticateApiToken(db: Database, header: string | null): Promise<Viewer> {
  const token = header?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  if (!token) {
    throw new DomainError(
      "unauthenticated",
      header
        ? "The Authorization header must be: Bearer <token>."
        : "Send an API token: Authorization: Bearer <token>. Create one under Settings → API tokens.",
    );
  }
  const row = await db
    .selectFrom("api_tokens")
    .innerJoin("users", "users.id", "api_tokens.user_id")
    .select([
      "api_tokens.id as token_id",
      "api_tokens.last_used_at",
      "api_tokens.revoked_at",
      "users.active",
      "users.id",
      "users.name",
      "users.email",
      "users.role",
    ])
    .where("api_tokens.token_hash", "=", hashToken(token))
    .executeTakeFirst();
  if (!row) throw new DomainError("unauthenticated", "That API token is not valid. Check that it was copied whole.");
  // A deactivated user's tokens are revoked too; saying why is the more useful answer.
  if (!row.active) throw new DomainError("unauthenticated", "That API token belongs to a deactivated user.");
  if (row.revoked_at) throw new DomainError("unauthenticated", "That API token was revoked. Create a new one under Settings → API tokens.");
  if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > LAST_USED_PRECISION_MS) {
    await db.updateTable("api_tokens").set({ last_used_at: new Date() }).where("id", "=", row.token_id).execute();
  }
  const teams = await db.selectFrom("team_members").select("team_id").where("user_id", "=", row.id).execute();
  return { id: row.id, name: row.name, email: row.email, role: row.role as Viewer["role"], teamIds: teams.map((t) => t.team_id) };
}
