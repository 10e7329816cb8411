/** The keyset cursor of the disputes queue in the URL: the last row's due time and id. Pure. */
import { z } from "zod";

export interface DisputeCursor {
  dueAt: Date;
  id: string;
}

const CURSOR_RE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z)_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

export const disputeCursorSchema = z.preprocess(
  (value) => (value === "" ? undefined : value),
  z
    .string()
    .transform((value, ctx): DisputeCursor => {
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

export const encodeDisputeCursor = (cursor: DisputeCursor) => `${cursor.dueAt.toISOString()}_${cursor.id}`;
