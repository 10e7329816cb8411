import type { Database } from "../../lib/db.server";
import { recordAudit } from "../audit/record-audit.server";
import type { Viewer } from "../users/roles";
import { lockWebhook } from "./lock-webhook.server";
import { newWebhookSecret } from "./webhook-signature";

/**
 * A new secret, returned this once; the old one stops signing at once (retries of earlier
 * events are signed with the new one: the receiver updates its copy and verifies those too).
 */
export async function rotateWebhookSecret(db: Database, viewer: Viewer, webhookId: string): Promise<{ secret: string }> {
  return db.transaction().execute(async (trx) => {
    await lockWebhook(trx, viewer, webhookId);
    const secret = newWebhookSecret();
    const now = new Date();
    await trx.updateTable("webhooks").set({ secret, secret_rotated_at: now, updated_at: now }).where("id", "=", webhookId).execute();
    await recordAudit(trx, { actorId: viewer.id, action: "webhook.rotate_secret", entityType: "webhook", entityId: webhookId });
    return { secret };
  });
}
