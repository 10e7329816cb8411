import type { Database } from "../../lib/db.server";
import { recordAudit } from "../audit/record-audit.server";
import type { Viewer } from "../users/roles";
import { newTokenSecret } from "./token-secret.server";

/** Creates a token owned by `owner`; the secret is returned once and never stored in clear. */
export async function createApiToken(db: Database, owner: Viewer, name: string): Promise<{ id: string; token: string; prefix: string }> {
  const secret = newTokenSecret();
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto("api_tokens")
      .values({ user_id: owner.id, name, prefix: secret.prefix, token_hash: secret.hash })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actorId: owner.id, action: "api_token.create", entityType: "api_token", entityId: id, after: { name } });
    return { id, token: secret.token, prefix: secret.prefix };
  });
}
