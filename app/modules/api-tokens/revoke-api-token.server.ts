import type { Database } from "../../lib/db.server";
import { notFound } from "../../lib/errors";
import { recordAudit } from "../audit/record-audit.server";
import { scopeApiTokens } from "../access/api-token-scope.server";
import type { Viewer } from "../users/roles";

/**
 * Revokes one of the viewer's tokens (an admin may revoke anyone's). Revoking twice
 * is not an error; a token the viewer may not touch is "not found".
 */
export async function revokeApiToken(db: Database, viewer: Viewer, tokenId: string): Promise<{ name: string }> {
  return db.transaction().execute(async (trx) => {
    const token = await scopeApiTokens(trx.selectFrom("api_tokens"), viewer)
      .select(["api_tokens.id", "api_tokens.name", "api_tokens.revoked_at"])
      .where("api_tokens.id", "=", tokenId)
      .forUpdate()
      .executeTakeFirst();
    if (!token) throw notFound("Token");
    if (token.revoked_at) return { name: token.name };
    await trx.updateTable("api_tokens").set({ revoked_at: new Date() }).where("id", "=", tokenId).execute();
    await recordAudit(trx, { actorId: viewer.id, action: "api_token.revoke", entityType: "api_token", entityId: tokenId });
    return { name: token.name };
  });
}
