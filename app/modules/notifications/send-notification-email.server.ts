/**
 * The send job's use case (decision 0018): emails one notification, once. A notification
 * already emailed is not sent again (a job run twice, or retried after the mail server took
 * the message but the worker died before recording it, sends at most once more — never in the
 * normal course); one whose recipient has gone or been deactivated is dropped. A mail server
 * that refuses or cannot be reached makes this throw: the job is retried with back-off.
 */
import { sql } from "kysely";
import type { Database } from "../../lib/db.server";
import type { Mailer } from "./mailer.server";
import { composeNotificationEmail } from "./notification-email";

export type SendOutcome = "sent" | "already_sent" | "gone";

export async function sendNotificationEmail(db: Database, mailer: Mailer, notificationId: string, options: { publicUrl: string }): Promise<SendOutcome> {
  const row = await db
    .selectFrom("notifications")
    .innerJoin("users", "users.id", "notifications.recipient_id")
    .select(["notifications.id", "notifications.title", "notifications.body", "notifications.link", "notifications.emailed_at", "users.name", "users.email", "users.active"])
    .where("notifications.id", "=", notificationId)
    .executeTakeFirst();
  if (!row || !row.active) return "gone";
  if (row.emailed_at) return "already_sent";
  const organisation = await db.selectFrom("organisation").select(["name", "email_from"]).where("id", "=", 1).executeTakeFirst();
  const message = composeNotificationEmail(
    { id: row.id, title: row.title, body: row.body, link: row.link, recipientName: row.name, recipientEmail: row.email },
    { organisationName: organisation?.name ?? "Parley", emailFrom: organisation?.email_from ?? null, publicUrl: options.publicUrl },
  );
  await mailer.send(message);
  await db.updateTable("notifications").set({ emailed_at: sql`now()` }).where("id", "=", notificationId).execute();
  return "sent";
}
