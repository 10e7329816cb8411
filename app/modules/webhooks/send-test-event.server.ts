import type { Database } from "../../lib/db.server";
import { DomainError } from "../../lib/errors";
import { recordAudit } from "../audit/record-audit.server";
import type { Viewer } from "../users/roles";
import { queueDeliveries } from "./emit-webhook-event.server";
import { lockWebhook } from "./lock-webhook.server";
import { TEST_EVENT_TYPE } from "./webhook-events";

/** Queues a `webhook.test` event to this webhook only, signed and retried like any other; it shows in the delivery log. */
export async function sendTestEvent(db: Database, viewer: Viewer, webhookId: string, now = new Date()): Promise<{ deliveryId: string }> {
  return db.transaction().execute(async (trx) => {
    const webhook = await lockWebhook(trx, viewer, webhookId);
    if (!webhook.enabled) throw new DomainError("conflict", "This webhook is disabled: enable it to send a test event.");
    const [deliveryId] = await queueDeliveries(trx, [webhookId], TEST_EVENT_TYPE, { webhook: { id: webhookId }, message: "A test event from Parley." }, now);
    await recordAudit(trx, { actorId: viewer.id, action: "webhook.test", entityType: "webhook", entityId: webhookId, after: { deliveryId: deliveryId! } });
    return { deliveryId: deliveryId! };
  });
}
