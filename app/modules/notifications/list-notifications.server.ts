/**
 * The viewer's inbox (issue 13 §7): their own notifications, newest first, keyset-paged on
 * (created_at, id) along notifications_inbox_idx, never OFFSET. Nobody reads anyone else's:
 * the recipient is the viewer, always.
 */
import { sql } from "kysely";
import type { Database } from "../../lib/db.server";
import type { Viewer } from "../users/roles";
import type { NotificationCursor } from "./notification-cursor";
import type { NotificationKind } from "./notification-kinds";

export interface InboxItem {
  id: string;
  kind: NotificationKind;
  title: string;
  body: string | null;
  link: string;
  createdAt: Date;
  read: boolean;
}

export interface InboxPage {
  items: InboxItem[];
  next: NotificationCursor | null;
}

/** created_at in UTC to the microsecond, the cursor's form. */
const createdAtText = sql<string>`to_char(notifications.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export async function listNotifications(db: Database, viewer: Viewer, query: { after?: NotificationCursor; limit: number }): Promise<InboxPage> {
  let q = db
    .selectFrom("notifications")
    .select(["id", "kind", "title", "body", "link", "created_at", "read_at", createdAtText.as("created_at_text")])
    .where("recipient_id", "=", viewer.id)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(query.limit + 1);
  const after = query.after;
  if (after) {
    q = q.where((eb) => eb(eb.tuple(eb.ref("created_at"), eb.ref("id")), "<", eb.tuple(sql<Date>`${after.createdAt}::timestamptz`, after.id)));
  }
  const rows = await q.execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      id: row.id,
      kind: row.kind as NotificationKind,
      title: row.title,
      body: row.body,
      link: row.link,
      createdAt: row.created_at,
      read: row.read_at !== null,
    })),
    next: rows.length > query.limit && last ? { createdAt: last.created_at_text, id: last.id } : null,
  };
}

/** How many of the viewer's notifications are unread: an index-only count on notifications_unread_idx. */
export async function countUnread(db: Database, viewer: Pick<Viewer, "id">): Promise<number> {
  const row = await db
    .selectFrom("notifications")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("recipient_id", "=", viewer.id)
    .where("read_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
