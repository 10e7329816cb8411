import type { Database } from "../../lib/db.server";
import { notFound } from "../../lib/errors";
import { assertCan } from "../access/refusals";
import type { Viewer } from "../users/roles";

/**
 * A webhook locked for a change, after the `webhooks:manage` gate. Webhooks belong to the
 * organisation, not to a viewer's scope: whoever may manage them sees them all, so the gate
 * comes first and a missing id is then 404.
 */
export async function lockWebhook(trx: Database, viewer: Viewer, webhookId: string) {
  assertCan(viewer, "webhooks:manage", "Only admins manage webhooks.");
  const webhook = await trx
    .selectFrom("webhooks")
    .select(["id", "url", "description", "events", "enabled"])
    .where("id", "=", webhookId)
    .forUpdate()
    .executeTakeFirst();
  if (!webhook) throw notFound("Webhook");
  return webhook;
}

export const auditedFields = (webhook: { url: string; description: string; events: string[]; enabled: boolean }) => ({
  url: webhook.url,
  description: webhook.description,
  events: webhook.events,
  enabled: webhook.enabled,
});
