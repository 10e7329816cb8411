/**
 * The keyset cursor of the inbox as it travels in the URL: the last row's creation time, to the
 * microsecond as PostgreSQL holds it (so paging neither skips nor repeats a row written in the
 * same millisecond), and its id. Pure.
 */
import { z } from "zod";

export interface NotificationCursor {
  /** ISO 8601 in UTC with up to six decimals, compared as timestamptz. */
  createdAt: string;
  id: string;
}

const CURSOR_RE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?Z)_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

export const notificationCursorSchema = z.preprocess(
  (value) => (value === "" ? undefined : value),
  z
    .string()
    .transform((value, ctx): NotificationCursor => {
      const match = CURSOR_RE.exec(value);
      if (!match || Number.isNaN(new Date(match[1] as string).getTime())) {
        ctx.addIssue({ code: "custom", message: "The page link is malformed; go back to the first page" });
        return z.NEVER;
      }
      return { createdAt: match[1] as string, id: (match[2] as string).toLowerCase() };
    })
    .optional(),
);

export const encodeNotificationCursor = (cursor: NotificationCursor) => `${cursor.createdAt}_${cursor.id}`;
