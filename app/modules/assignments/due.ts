/**
 * Due dates of review work: the keyset cursor of the queue and dashboard lists (due_at, id)
 * as it travels in the URL, and the relative wording ("in 5 hr", "2 days ago") shown beside
 * the absolute time. Pure, so loaders and components share it.
 */
import { z } from "zod";
import { formatDateTime, formatRelative } from "../../lib/time";

export interface DueCursor {
  dueAt: Date;
  id: string;
}

const CURSOR_RE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z)_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** `?after=2026-11-20T12:00:00.000Z_<uuid>`; an empty value means the first page. */
export const dueCursorSchema = z.preprocess(
  (value) => (value === "" ? undefined : value),
  z
    .string()
    .transform((value, ctx): DueCursor => {
      const match = CURSOR_RE.exec(value);
      const dueAt = match ? new Date(match[1] as string) : null;
      if (!match || !dueAt || Number.isNaN(dueAt.getTime())) {
        ctx.addIssue({ code: "custom", message: "The page link is malformed; go back to the first page" });
        return z.NEVER;
      }
      return { dueAt, id: (match[2] as string).toLowerCase() };
    })
    .optional(),
);

export function encodeDueCursor(cursor: DueCursor): string {
  return `${cursor.dueAt.toISOString()}_${cursor.id}`;
}

export interface DueView {
  /** "in 5 hr", "2 days ago" */
  relative: string;
  /** "20 Nov 2026, 12:00" in the organisation's time zone */
  absolute: string;
  overdue: boolean;
}

export function dueView(dueAt: Date, now: Date, timeZone: string): DueView {
  return { relative: formatRelative(dueAt, now), absolute: formatDateTime(dueAt, timeZone), overdue: dueAt.getTime() < now.getTime() };
}
