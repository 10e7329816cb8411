import type { Database } from "../../lib/db.server";
import { recordAudit } from "../audit/record-audit.server";
import type { Viewer } from "../users/roles";
import { auditedFields, lockWebhook } from "./lock-webhook.server";

/** Deletes a webhook with its delivery log; queued deliveries find nothing and stop. The audit log keeps what it was. */
export async function deleteWebhook(db: Database, viewer: Viewer, webhookId: string): Promise<{ url: string }> {
  return db.transaction().execute(async (trx) => {
    const webhook = await lockWebhook(trx, viewer, webhookId);
    await trx.deleteFrom("webhooks").where("id", "=", webhookId).execute();
    await recordAudit(trx, { actorId: viewer.id, action: "webhook.delete", entityType: "webhook", entityId: webhookId, before: auditedFields(webhook) });
    return { url: webhook.url };
  });
}
