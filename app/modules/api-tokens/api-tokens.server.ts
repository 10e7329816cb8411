import { createHash, randomBytes } from "node:crypto";
import type { Database } from "../../lib/db.server";
import { DomainError, notFound } from "../../lib/errors";
import { recordAudit } from "../audit/record-audit.server";
import type { Viewer } from "../users/roles";

export interface ApiTokenSummary {
  id: string;
  name: string;
  prefix: string;
  ownerName: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const TOKEN_PREFIX = "prl_";
const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Creates a token; the secret is returned once and never stored in clear. */
export async function createApiToken(db: Database, owner: Viewer, name: string): Promise<{ id: string; token: string }> {
  const token = `${TOKEN_PREFIX}${randomBytes(30).toString("base64url")}`;
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto("api_tokens")
      .values({ user_id: owner.id, name, prefix: token.slice(0, 12), token_hash: hashToken(token) })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actorId: owner.id, action: "api_token.create", entityType: "api_token", entityId: id, after: { name } });
    return { id, token };
  });
}

/** The viewer's own tokens; admins see everyone's so they can revoke them. */
export async function listApiTokens(db: Database, viewer: Viewer): Promise<ApiTokenSummary[]> {
  let query = db
    .selectFrom("api_tokens")
    .innerJoin("users", "users.id", "api_tokens.user_id")
    .select([
      "api_tokens.id",
      "api_tokens.name",
      "api_tokens.prefix",
      "users.name as owner_name",
      "api_tokens.created_at",
      "api_tokens.last_used_at",
      "api_tokens.revoked_at",
    ])
    .orderBy("api_tokens.revoked_at", (ob) => ob.desc().nullsFirst())
    .orderBy("api_tokens.created_at", "desc")
    .limit(500);
  if (viewer.role !== "admin") query = query.where("api_tokens.user_id", "=", viewer.id);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    ownerName: row.owner_name,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  }));
}

export async function revokeApiToken(db: Database, viewer: Viewer, tokenId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    let query = trx.selectFrom("api_tokens").select(["id", "revoked_at"]).where("id", "=", tokenId);
    if (viewer.role !== "admin") query = query.where("user_id", "=", viewer.id);
    const token = await query.forUpdate().executeTakeFirst();
    if (!token) throw notFound("Token");
    if (token.revoked_at) return;
    await trx.updateTable("api_tokens").set({ revoked_at: new Date() }).where("id", "=", tokenId).execute();
    await recordAudit(trx, { actorId: viewer.id, action: "api_token.revoke", entityType: "api_token", entityId: tokenId });
  });
}

/**
 * The viewer behind an `Authorization: Bearer prl_…` header: the token must exist, be
 * unrevoked, and belong to an active user. Throws 401 otherwise.
 */
export async function authenticateApiToken(db: Database, header: string | null): Promise<Viewer> {
  const token = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!token) {
    throw new DomainError("unauthenticated", "Send an API token: Authorization: Bearer <token>. Create one under Settings → API tokens.");
  }
  const row = await db
    .selectFrom("api_tokens")
    .innerJoin("users", "users.id", "api_tokens.user_id")
    .select(["api_tokens.id as token_id", "api_tokens.last_used_at", "users.id", "users.name", "users.email", "users.role"])
    .where("api_tokens.token_hash", "=", hashToken(token))
    .where("api_tokens.revoked_at", "is", null)
    .where("users.active", "=", true)
    .executeTakeFirst();
  if (!row) throw new DomainError("unauthenticated", "That API token is not valid, or it was revoked.");
  // Record use at most once a minute: a bulk import must not turn every call into a write.
  if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > 60_000) {
    await db.updateTable("api_tokens").set({ last_used_at: new Date() }).where("id", "=", row.token_id).execute();
  }
  const teams = await db.selectFrom("team_members").select("team_id").where("user_id", "=", row.id).execute();
  return { id: row.id, name: row.name, email: row.email, role: row.role as Viewer["role"], teamIds: teams.map((t) => t.team_id) };
}
