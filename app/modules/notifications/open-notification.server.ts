/**
 * Opening a notification from the inbox: marks it read (the first time) and answers where it
 * leads. Only the recipient opens it; anyone else's id answers exactly as a missing one (404).
 */
import { sql } from "kysely";
import type { Database } from "../../lib/db.server";
import { notFound } from "../../lib/errors";
import type { Viewer } from "../users/roles";

export async function openNotification(db: Database, viewer: Viewer, notificationId: string): Promise<{ link: string }> {
  const row = await db
    .updateTable("notifications")
    .set({ read_at: sql`coalesce(read_at, now())` })
    .where("id", "=", notificationId)
    .where("recipient_id", "=", viewer.id)
    .returning("link")
    .executeTakeFirst();
  if (!row) throw notFound("Notification");
  return { link: row.link };
}

/** "Mark all read": every unread notification of the viewer's, none of anyone else's. Returns how many. */
export async function markAllNotificationsRead(db: Database, viewer: Viewer): Promise<number> {
  const result = await db
    .updateTable("notifications")
    .set({ read_at: sql`now()` })
    .where("recipient_id", "=", viewer.id)
    .where("read_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
