import type { Database } from "../../lib/db.server";
import type { Actor } from "../access/actor";
import { assertCan } from "../access/refusals";
import { isUser } from "../audit/actor";
import { recordAudit } from "../audit/record-audit.server";
import type { Viewer } from "../users/roles";
import { newTokenSecret } from "./token-secret.server";

/**
 * Creates a token owned by `owner`; the secret is returned once and never stored in clear.
 * The owner makes their own tokens in the app; the admin command line makes one for them.
 * Somebody else's token is made only by whoever manages tokens (the command line, admins).
 */
export async function createApiToken(db: Database, owner: Viewer, name: string, actor: Actor = owner): Promise<{ id: string; token: string; prefix: string }> {
  if (!isUser(actor, owner.id)) assertCan(actor, "api-tokens:manage");
  assertCan(owner, "api-tokens:hold");
  const secret = newTokenSecret();
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto("api_tokens")
      .values({ user_id: owner.id, name, prefix: secret.prefix, token_hash: secret.hash })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actorId: actor, action: "api_token.create", entityType: "api_token", entityId: id, after: { name } });
    return { id, token: secret.token, prefix: secret.prefix };
  });
}
