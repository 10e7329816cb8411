/**
 * What the webhooks tests share (issue 13 §8, decision 0024): the loopback receivers, the
 * private-address setting the tests turn on (and off where they test the guard), a clean slate of
 * webhooks and jobs before each test, and the reads of deliveries, attempts and queued jobs.
 * `useWebhookTestHooks()` registers the hooks in the test file that calls it.
 */
import { sql } from "kysely";
import { afterEach, beforeEach } from "vitest";
import { startReceiver } from "../../../test/webhook-receiver";
import { getConfig, setConfig } from "../../../server/config";
import { db } from "../../lib/db.server";

export const allowPrivate = (allowed: boolean) => setConfig({ ...getConfig(), WEBHOOKS_ALLOW_PRIVATE: allowed });
const receivers: { close: () => Promise<void> }[] = [];
export async function receiver(statuses: number[] | "hang" = [200]) {
  const r = await startReceiver(statuses);
  receivers.push(r);
  return r;
}

export function useWebhookTestHooks() {
  beforeEach(async () => {
    // The receivers live on loopback: the tests turn the setting on, and off where they test the guard.
    allowPrivate(true);
    await db().deleteFrom("webhooks").execute();
    await sql`DELETE FROM graphile_worker._private_jobs`.execute(db());
  });
  afterEach(async () => {
    await Promise.all(receivers.splice(0).map((r) => r.close()));
  });
}

export const deliveriesOf = (webhookId: string) =>
  db().selectFrom("webhook_deliveries").selectAll().where("webhook_id", "=", webhookId).orderBy("created_at").orderBy("event_type", "desc").execute();
export const attemptsOf = (deliveryId: string) =>
  db().selectFrom("webhook_delivery_attempts").select(["attempt", "attempted_at", "response_status", "error"]).where("delivery_id", "=", deliveryId).orderBy("attempt").execute();
export const queuedJobs = async () =>
  (
    await sql<{ key: string | null; run_at: Date; task_identifier: string }>`select key, run_at, task_identifier from graphile_worker.jobs order by run_at`.execute(db())
  ).rows;
