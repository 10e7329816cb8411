import type { Database } from "../../lib/db.server";
import { scopeApiTokens } from "../access/api-token-scope.server";
import type { Viewer } from "../users/roles";

export interface ApiTokenSummary {
  id: string;
  name: string;
  prefix: string;
  ownerName: string;
  ownerEmail: string;
  /** Whether the viewer owns it (admins also see, and may revoke, everyone else's). */
  own: boolean;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** The viewer's own tokens, active ones first; admins see everyone's so they can revoke them. */
export async function listApiTokens(db: Database, viewer: Viewer): Promise<ApiTokenSummary[]> {
  const rows = await scopeApiTokens(db.selectFrom("api_tokens"), viewer)
    .innerJoin("users", "users.id", "api_tokens.user_id")
    .select([
      "api_tokens.id",
      "api_tokens.name",
      "api_tokens.prefix",
      "api_tokens.user_id",
      "users.name as owner_name",
      "users.email as owner_email",
      "api_tokens.created_at",
      "api_tokens.last_used_at",
      "api_tokens.revoked_at",
    ])
    .orderBy("api_tokens.revoked_at", (ob) => ob.desc().nullsFirst())
    .orderBy("api_tokens.created_at", "desc")
    .orderBy("api_tokens.id", "desc")
    .limit(500)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    ownerName: row.owner_name,
    ownerEmail: row.owner_email,
    own: row.user_id === viewer.id,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  }));
}
