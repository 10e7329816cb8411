/**
 * The one way an event reaches webhooks (decision 0024): call it with the transaction of the
 * cause (a submit, a release, an acknowledgement, a dispute opened or decided). It writes one
 * delivery per enabled webhook subscribed to the event and queues its job in that transaction,
 * so an event is delivered exactly when its cause commits — never for a change that was
 * rolled back, never lost when the process stops before a job is queued.
 *
 * The body is fixed here, once: every retry posts the same bytes (the signature covers them)
 * with the same event id, so a receiver can deduplicate.
 */
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { Database } from "../../lib/db.server";
import { enqueueJob } from "../../lib/jobs.server";
import type { WebhookEventBody, WebhookEventData, WebhookEventType } from "./webhook-events";

export async function emitWebhookEvent<T extends WebhookEventType>(
  trx: Database,
  type: T,
  data: WebhookEventData[T],
  options: { now?: Date } = {},
): Promise<string[]> {
  const webhooks = await trx
    .selectFrom("webhooks")
    .select("id")
    .where("enabled", "=", true)
    .where(sql<boolean>`${type} = ANY(events)`)
    .execute();
  return queueDeliveries(
    trx,
    webhooks.map((webhook) => webhook.id),
    type,
    data,
    options.now ?? new Date(),
  );
}

/** Writes the deliveries of one event to the given webhooks and queues a job for each. */
export async function queueDeliveries(trx: Database, webhookIds: readonly string[], type: string, data: unknown, now: Date): Promise<string[]> {
  if (webhookIds.length === 0) return [];
  const event: WebhookEventBody = { id: randomUUID(), type, createdAt: now.toISOString(), data };
  const body = JSON.stringify(event);
  const rows = await trx
    .insertInto("webhook_deliveries")
    .values(webhookIds.map((webhookId) => ({ webhook_id: webhookId, event_id: event.id, event_type: type, body, created_at: now, next_attempt_at: now })))
    .returning("id")
    .execute();
  for (const { id } of rows) {
    // The job retries nothing itself: the delivery schedules its own next attempt (delivery-schedule.ts).
    await enqueueJob(trx, "deliver_webhook", { deliveryId: id }, { jobKey: `webhook_delivery:${id}`, maxAttempts: 3 });
  }
  return rows.map((row) => row.id);
}
