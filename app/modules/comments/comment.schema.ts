/**
 * A comment in an evaluation's thread (issue 13 §4): plain text with line breaks, 1 to 5,000
 * characters after trimming; its author may change or delete it for ten minutes. Pure: the
 * form and the use cases share it.
 */
import { z } from "zod";

export const MAX_COMMENT_CHARS = 5000;
/** How long after posting its author may still edit or delete a comment. */
export const COMMENT_EDIT_WINDOW_MS = 10 * 60 * 1000;

export const commentBodySchema = z
  .string({ error: "Write a comment before posting it." })
  // Windows line ends become \n, so a count in the browser and here agree.
  .transform((text) => text.replace(/\r\n?/g, "\n").trim())
  .superRefine((text, ctx) => {
    if (text.length === 0) ctx.addIssue({ code: "custom", message: "Write a comment before posting it: it is empty." });
    if (text.length > MAX_COMMENT_CHARS) {
      const n = (value: number) => value.toLocaleString("en-GB");
      ctx.addIssue({
        code: "custom",
        message: `The comment is ${n(text.length)} characters; the limit is ${n(MAX_COMMENT_CHARS)}. Shorten it by ${n(text.length - MAX_COMMENT_CHARS)} to post it.`,
      });
    }
  });

/** Whether the author may still change a comment posted at `createdAt`. */
export const withinEditWindow = (createdAt: Date, now: Date) => now.getTime() - createdAt.getTime() <= COMMENT_EDIT_WINDOW_MS;
