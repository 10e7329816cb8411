/**
 * One attempt at a delivery, run by the `deliver_webhook` job (decision 0024): post the stored
 * body signed with the webhook's current secret, record the attempt (status code or error, time
 * taken), and then either close the delivery (a 2xx: delivered; the eighth failure: failed) or
 * queue the next attempt after the back-off of delivery-schedule.ts. The HTTP call happens
 * outside any transaction (a slow receiver must not hold a row lock); the outcome is written
 * only if nobody recorded this attempt meanwhile.
 *
 * A delivery of a webhook disabled since the event is cancelled, not sent; one of a deleted
 * webhook is gone with it.
 */
import type { Database } from "../../lib/db.server";
import { enqueueJob } from "../../lib/jobs.server";
import { MAX_DELIVERY_ATTEMPTS, isDelivered, retryDelayMs } from "./delivery-schedule";
import { postWebhook } from "./post-webhook.server";
import { SIGNATURE_HEADER, signatureHeader } from "./webhook-signature";
import { allowPrivateAddresses } from "./webhook-url.server";

export type DeliveryOutcome =
  | { kind: "skipped"; reason: "gone" | "finished" | "disabled" }
  | { kind: "attempted"; attempt: number; status: "delivered" | "pending" | "failed"; responseStatus: number | null; error: string | null; nextAttemptAt: Date | null };

export interface DeliverOptions {
  /** The attempt's time (tests pin it to check the back-off exactly). */
  now?: Date;
  allowPrivate?: boolean;
  timeoutMs?: number;
}

export async function deliverWebhook(db: Database, deliveryId: string, options: DeliverOptions = {}): Promise<DeliveryOutcome> {
  const delivery = await db
    .selectFrom("webhook_deliveries")
    .innerJoin("webhooks", "webhooks.id", "webhook_deliveries.webhook_id")
    .select([
      "webhook_deliveries.event_type",
      "webhook_deliveries.body",
      "webhook_deliveries.status",
      "webhook_deliveries.attempts",
      "webhooks.url",
      "webhooks.secret",
      "webhooks.enabled",
    ])
    .where("webhook_deliveries.id", "=", deliveryId)
    .executeTakeFirst();
  if (!delivery) return { kind: "skipped", reason: "gone" };
  if (delivery.status !== "pending") return { kind: "skipped", reason: "finished" };
  if (!delivery.enabled) {
    await db
      .updateTable("webhook_deliveries")
      .set({ status: "cancelled", last_error: "The webhook was disabled before this was sent.", finished_at: new Date(), next_attempt_at: null })
      .where("id", "=", deliveryId)
      .where("status", "=", "pending")
      .execute();
    return { kind: "skipped", reason: "disabled" };
  }

  const attempt = delivery.attempts + 1;
  const now = options.now ?? new Date();
  const posted = await postWebhook(
    delivery.url,
    delivery.body,
    {
      [SIGNATURE_HEADER]: signatureHeader(delivery.secret, delivery.body, now),
      "Parley-Event": delivery.event_type,
      "Parley-Delivery": deliveryId,
      "User-Agent": "Parley-Webhooks/1",
    },
    { allowPrivate: options.allowPrivate ?? allowPrivateAddresses(), timeoutMs: options.timeoutMs },
  );

  const delivered = isDelivered(posted.status);
  const delay = delivered ? null : retryDelayMs(attempt);
  const status = delivered ? "delivered" : delay === null ? "failed" : "pending";
  const nextAttemptAt = delay === null ? null : new Date(now.getTime() + delay);
  const error = posted.error ?? (delivered ? null : `The receiver answered ${posted.status}`);

  return db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable("webhook_deliveries")
      .set({
        attempts: attempt,
        status,
        last_response_status: posted.status,
        last_error: error,
        next_attempt_at: nextAttemptAt,
        finished_at: status === "pending" ? null : now,
      })
      .where("id", "=", deliveryId)
      .where("status", "=", "pending")
      .where("attempts", "=", delivery.attempts)
      .executeTakeFirst();
    // Another run recorded this attempt first (a job run twice): keep theirs.
    if (updated.numUpdatedRows === 0n) return { kind: "skipped", reason: "finished" } as const;
    await trx
      .insertInto("webhook_delivery_attempts")
      .values({ delivery_id: deliveryId, attempt, attempted_at: now, response_status: posted.status, error, duration_ms: posted.durationMs })
      .execute();
    if (nextAttemptAt) {
      await enqueueJob(trx, "deliver_webhook", { deliveryId }, { jobKey: `webhook_delivery:${deliveryId}`, maxAttempts: 3, runAt: nextAttemptAt });
    }
    return { kind: "attempted", attempt, status, responseStatus: posted.status, error, nextAttemptAt } as const;
  });
}

export { MAX_DELIVERY_ATTEMPTS };
