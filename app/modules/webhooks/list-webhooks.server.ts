import { sql } from "kysely";
import type { Database } from "../../lib/db.server";
import { notFound } from "../../lib/errors";
import { assertCan } from "../access/refusals";
import type { Viewer } from "../users/roles";
import { decodeCursor, encodeCursor } from "../api/list-api-interactions.server";

export interface WebhookSummary {
  id: string;
  url: string;
  description: string;
  events: string[];
  enabled: boolean;
  createdAt: Date;
  secretRotatedAt: Date | null;
  /** Deliveries in the last 24 hours that failed for good, and those still being retried. */
  failedLastDay: number;
  retrying: number;
}

/** Every webhook of the organisation, newest first (few: no paging), for admins. */
export async function listWebhooks(db: Database, viewer: Viewer, now = new Date()): Promise<WebhookSummary[]> {
  assertCan(viewer, "webhooks:manage", "Only admins manage webhooks.");
  const dayAgo = new Date(now.getTime() - 24 * 60 * 60 * 1000);
  const rows = await db
    .selectFrom("webhooks")
    .select((eb) => [
      "webhooks.id",
      "webhooks.url",
      "webhooks.description",
      "webhooks.events",
      "webhooks.enabled",
      "webhooks.created_at",
      "webhooks.secret_rotated_at",
      eb
        .selectFrom("webhook_deliveries as d")
        .select(sql<number>`count(*) FILTER (WHERE d.status = 'failed' AND d.finished_at >= ${dayAgo})::int`.as("n"))
        .whereRef("d.webhook_id", "=", "webhooks.id")
        .as("failed_last_day"),
      eb
        .selectFrom("webhook_deliveries as d")
        .select(sql<number>`count(*) FILTER (WHERE d.status = 'pending' AND d.attempts > 0)::int`.as("n"))
        .whereRef("d.webhook_id", "=", "webhooks.id")
        .as("retrying"),
    ])
    .orderBy("webhooks.created_at", "desc")
    .orderBy("webhooks.id", "desc")
    .limit(200)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    url: row.url,
    description: row.description,
    events: row.events,
    enabled: row.enabled,
    createdAt: row.created_at,
    secretRotatedAt: row.secret_rotated_at,
    failedLastDay: row.failed_last_day ?? 0,
    retrying: row.retrying ?? 0,
  }));
}

export interface DeliveryAttemptView {
  attempt: number;
  attemptedAt: Date;
  responseStatus: number | null;
  error: string | null;
  durationMs: number;
}

export interface DeliveryView {
  id: string;
  eventId: string;
  eventType: string;
  status: "pending" | "delivered" | "failed" | "cancelled";
  attempts: number;
  lastResponseStatus: number | null;
  lastError: string | null;
  nextAttemptAt: Date | null;
  createdAt: Date;
  finishedAt: Date | null;
  attemptLog: DeliveryAttemptView[];
}

/** One webhook with a page of its delivery log, newest first, keyset-paged on (created_at, id). */
export async function getWebhookWithDeliveries(
  db: Database,
  viewer: Viewer,
  webhookId: string,
  page: { cursor?: string | null; limit?: number } = {},
): Promise<{ webhook: WebhookSummary; deliveries: DeliveryView[]; nextCursor: string | null }> {
  const webhook = (await listWebhooks(db, viewer)).find((w) => w.id === webhookId);
  if (!webhook) throw notFound("Webhook");
  const limit = page.limit ?? 25;
  const before = page.cursor ? decodeCursor(page.cursor) : null;
  let query = db
    .selectFrom("webhook_deliveries")
    .select(["id", "event_id", "event_type", "status", "attempts", "last_response_status", "last_error", "next_attempt_at", "created_at", "finished_at"])
    .where("webhook_id", "=", webhookId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(limit + 1);
  if (before) query = query.where((eb) => eb(eb.refTuple("created_at", "id"), "<", eb.tuple(before.startedAt, before.id)));
  const rows = await query.execute();
  const shown = rows.slice(0, limit);
  const attempts =
    shown.length === 0
      ? []
      : await db
          .selectFrom("webhook_delivery_attempts")
          .select(["delivery_id", "attempt", "attempted_at", "response_status", "error", "duration_ms"])
          .where(
            "delivery_id",
            "in",
            shown.map((row) => row.id),
          )
          .orderBy("attempt")
          .execute();
  const last = shown.at(-1);
  return {
    webhook,
    deliveries: shown.map((row) => ({
      id: row.id,
      eventId: row.event_id,
      eventType: row.event_type,
      status: row.status as DeliveryView["status"],
      attempts: row.attempts,
      lastResponseStatus: row.last_response_status,
      lastError: row.last_error,
      nextAttemptAt: row.next_attempt_at,
      createdAt: row.created_at,
      finishedAt: row.finished_at,
      attemptLog: attempts
        .filter((a) => a.delivery_id === row.id)
        .map((a) => ({ attempt: a.attempt, attemptedAt: a.attempted_at, responseStatus: a.response_status, error: a.error, durationMs: a.duration_ms })),
    })),
    nextCursor: rows.length > limit && last ? encodeCursor(last.created_at, last.id) : null,
  };
}
