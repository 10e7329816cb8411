/**
 * Queues the email of each new notification whose recipient wants that kind by email, in the
 * transaction that wrote the notification (decision 0018): the email job exists exactly when
 * the notification does, and a mail server that is down delays it without losing it (the job
 * retries with back-off). Nothing is queued when no mail server is configured (SMTP_URL).
 */
import { sql } from "kysely";
import { getConfig } from "../../../server/config";
import type { Database } from "../../lib/db.server";
import { enqueueJob } from "../../lib/jobs.server";
import { EMAIL_BY_DEFAULT } from "./email-preferences";

/** graphile-worker waits e^min(attempt, 10) s between attempts: 25 attempts keep trying for about four days. */
export const EMAIL_MAX_ATTEMPTS = 25;

export const emailJobKey = (notificationId: string) => `notification_email:${notificationId}`;

export async function queueNotificationEmails(trx: Database, notificationIds: readonly string[]): Promise<number> {
  if (notificationIds.length === 0 || !getConfig().SMTP_URL) return 0;
  const wanted = await trx
    .selectFrom("notifications")
    .innerJoin("users", "users.id", "notifications.recipient_id")
    .leftJoin("notification_email_preferences as pref", (join) =>
      join.onRef("pref.user_id", "=", "notifications.recipient_id").onRef("pref.kind", "=", "notifications.kind"),
    )
    .select("notifications.id")
    .where("notifications.id", "in", notificationIds)
    .where("users.active", "=", true)
    // History written with a past time (the demo seed) is not news: only what happened in the last day is emailed.
    .where("notifications.created_at", ">", sql<Date>`now() - interval '1 day'`)
    .where(sql<boolean>`coalesce(pref.email, ${EMAIL_BY_DEFAULT})`)
    .execute();
  for (const { id } of wanted) {
    await enqueueJob(trx, "send_notification_email", { notificationId: id }, { jobKey: emailJobKey(id), maxAttempts: EMAIL_MAX_ATTEMPTS });
  }
  return wanted.length;
}
