import type { Database } from "../../lib/db.server";
import { assertCan } from "../access/refusals";
import { recordAudit } from "../audit/record-audit.server";
import type { Viewer } from "../users/roles";
import { parseWebhookInput } from "./parse-webhook-input.server";
import type { WebhookInput } from "./webhook.schema";
import { newWebhookSecret } from "./webhook-signature";

/**
 * Registers a webhook, enabled, with a new secret returned this once (the admin copies it
 * into the receiver). The URL must be http(s) and resolve only to addresses the SSRF guard
 * allows (decision 0024); otherwise 422 on `url` and nothing is written.
 */
export async function createWebhook(db: Database, viewer: Viewer, raw: WebhookInput): Promise<{ id: string; secret: string }> {
  assertCan(viewer, "webhooks:manage", "Only admins manage webhooks.");
  const input = await parseWebhookInput(raw);
  const secret = newWebhookSecret();
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto("webhooks")
      .values({ url: input.url, description: input.description, events: input.events, secret, created_by: viewer.id })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actorId: viewer.id, action: "webhook.create", entityType: "webhook", entityId: id, after: { ...input, enabled: true } });
    return { id, secret };
  });
}
