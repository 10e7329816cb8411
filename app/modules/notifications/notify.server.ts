/**
 * Writes notifications into the recipients' inboxes. The one way any use case notifies:
 * call it with the transaction of the cause (a release, a comment, a dispute decision), so the
 * notification exists exactly when its cause does (DESIGN.md "Notifications").
 *
 * A scheduled job passes a `dedupeKey` (e.g. `dispute_overdue:<disputeId>`): a notification
 * whose recipient already has that key is skipped, so a job that runs twice, or two workers
 * racing, never notify twice for the same thing. Returns the ids written.
 *
 * When a mail server is configured, the email of each notification its recipient wants by
 * email is queued here too, in the same transaction (queue-notification-emails.server.ts), so
 * every caller gets email without doing anything.
 */
import type { Database } from "../../lib/db.server";
import type { NotificationKind } from "./notification-kinds";
import { queueNotificationEmails } from "./queue-notification-emails.server";

export interface NewNotification {
  recipientId: string;
  kind: NotificationKind;
  /** One line, shown in the inbox list and as the email subject. Plain text: escaped when shown. */
  title: string;
  body?: string | null;
  /** A path inside Parley ("/evaluations/…"): where the notification leads. */
  link: string;
  evaluationId?: string | null;
  dedupeKey?: string | null;
  /** The cause's time when it is not now (the seed backdates). */
  createdAt?: Date;
}

const MAX_TITLE = 200;

export async function notify(trx: Database, notifications: readonly NewNotification[]): Promise<string[]> {
  const unique = dedupeRecipients(notifications);
  if (unique.length === 0) return [];
  const rows = await trx
    .insertInto("notifications")
    .values(
      unique.map((n) => ({
        recipient_id: n.recipientId,
        kind: n.kind,
        title: n.title.length > MAX_TITLE ? `${n.title.slice(0, MAX_TITLE - 1)}…` : n.title,
        body: n.body ?? null,
        link: n.link,
        evaluation_id: n.evaluationId ?? null,
        dedupe_key: n.dedupeKey ?? null,
        ...(n.createdAt ? { created_at: n.createdAt } : {}),
      })),
    )
    .onConflict((oc) => oc.columns(["recipient_id", "dedupe_key"]).where("dedupe_key", "is not", null).doNothing())
    .returning("id")
    .execute();
  const ids = rows.map((row) => row.id);
  await queueNotificationEmails(trx, ids);
  return ids;
}

/** One notification per recipient, kind and link in one call: a user in a thread twice over is told once. */
function dedupeRecipients(notifications: readonly NewNotification[]): NewNotification[] {
  const seen = new Set<string>();
  return notifications.filter((n) => {
    const key = `${n.recipientId} ${n.kind} ${n.link} ${n.dedupeKey ?? ""}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
