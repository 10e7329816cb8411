/**
 * The keyset cursor of "My feedback" as it travels in the URL: the last row's place in the
 * order (awaiting acknowledgement first, then newest released first, then id). Pure.
 */
import { z } from "zod";

export interface FeedbackCursor {
  /** 1 while the row waits for the agent's acknowledgement, else 0: those come first. */
  awaiting: 0 | 1;
  releasedAt: Date;
  id: string;
}

const CURSOR_RE = /^([01])_(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z)_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

export const feedbackCursorSchema = z.preprocess(
  (value) => (value === "" ? undefined : value),
  z
    .string()
    .transform((value, ctx): FeedbackCursor => {
      const match = CURSOR_RE.exec(value);
      const releasedAt = match ? new Date(match[2] as string) : null;
      if (!match || !releasedAt || Number.isNaN(releasedAt.getTime())) {
        ctx.addIssue({ code: "custom", message: "The page link is malformed; go back to the first page" });
        return z.NEVER;
      }
      return { awaiting: match[1] === "1" ? 1 : 0, releasedAt, id: (match[3] as string).toLowerCase() };
    })
    .optional(),
);

export function encodeFeedbackCursor(cursor: FeedbackCursor): string {
  return `${cursor.awaiting}_${cursor.releasedAt.toISOString()}_${cursor.id}`;
}
