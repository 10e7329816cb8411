import type { Database } from "../../lib/db.server";
import { recordAudit } from "../audit/record-audit.server";
import type { Viewer } from "../users/roles";
import { auditedFields, lockWebhook } from "./lock-webhook.server";
import { parseWebhookInput } from "./parse-webhook-input.server";
import type { WebhookInput } from "./webhook.schema";

/** Changes a webhook's URL, description and events (the URL checked again); deliveries already queued keep their URL's new value. */
export async function updateWebhook(db: Database, viewer: Viewer, webhookId: string, raw: WebhookInput): Promise<void> {
  const input = await parseWebhookInput(raw);
  await db.transaction().execute(async (trx) => {
    const before = await lockWebhook(trx, viewer, webhookId);
    await trx
      .updateTable("webhooks")
      .set({ url: input.url, description: input.description, events: input.events, updated_at: new Date() })
      .where("id", "=", webhookId)
      .execute();
    await recordAudit(trx, {
      actorId: viewer.id,
      action: "webhook.update",
      entityType: "webhook",
      entityId: webhookId,
      before: auditedFields(before),
      after: { ...input, enabled: before.enabled },
    });
  });
}

/** Turns deliveries on or off; while off, events write no deliveries and queued ones are cancelled when their turn comes. */
export async function setWebhookEnabled(db: Database, viewer: Viewer, webhookId: string, enabled: boolean): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await lockWebhook(trx, viewer, webhookId);
    if (before.enabled === enabled) return;
    await trx.updateTable("webhooks").set({ enabled, updated_at: new Date() }).where("id", "=", webhookId).execute();
    await recordAudit(trx, {
      actorId: viewer.id,
      action: "webhook.update",
      entityType: "webhook",
      entityId: webhookId,
      before: auditedFields(before),
      after: auditedFields({ ...before, enabled }),
    });
  });
}
