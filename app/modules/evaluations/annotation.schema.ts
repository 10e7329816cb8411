/**
 * An annotation as the workspace sends it: a comment anchored to a time range of the
 * recording (a dragged waveform region), to a span of one transcript segment (selected
 * text), or to both, optionally linked to a scorecard question and marked positive or
 * negative. Pure: safe in the browser.
 */
import { z } from "zod";

export const MAX_ANNOTATION_CHARS = 2000;
export const MAX_QUOTE_CHARS = 1000;
/** A day in milliseconds: longer than any call, still an int. */
const MAX_MS = 24 * 60 * 60 * 1000;

const ms = z.number({ error: "Times must be numbers of milliseconds" }).int().min(0).max(MAX_MS);
const offset = z.number({ error: "Offsets must be whole numbers" }).int().min(0).max(1_000_000);

export const annotationInputSchema = z
  .object({
    comment: z
      .string({ error: "Write a comment" })
      .trim()
      .min(1, "Write a comment")
      .max(MAX_ANNOTATION_CHARS, `A comment is at most ${MAX_ANNOTATION_CHARS} characters`),
    sentiment: z.enum(["positive", "negative"], { error: "Mark it positive, negative or neither" }).nullable().default(null),
    questionId: z.string().trim().min(1).max(64).nullable().default(null),
    startMs: ms.nullable().default(null),
    endMs: ms.nullable().default(null),
    segmentId: z.string().trim().min(1).max(200).nullable().default(null),
    startOffset: offset.nullable().default(null),
    endOffset: offset.nullable().default(null),
    quote: z.string().max(MAX_QUOTE_CHARS).nullable().default(null),
  })
  .superRefine((a, ctx) => {
    const hasTime = a.startMs !== null || a.endMs !== null;
    const hasSpan = a.segmentId !== null || a.startOffset !== null || a.endOffset !== null;
    if (!hasTime && !hasSpan) ctx.addIssue({ code: "custom", message: "Anchor the comment to a moment of the recording or to transcript text" });
    if (hasTime && (a.startMs === null || a.endMs === null || a.endMs < a.startMs)) {
      ctx.addIssue({ code: "custom", path: ["endMs"], message: "A time range needs a start and an end after it" });
    }
    if (hasSpan && (a.segmentId === null || a.startOffset === null || a.endOffset === null || a.endOffset <= a.startOffset)) {
      ctx.addIssue({ code: "custom", path: ["endOffset"], message: "A text selection needs its segment, a start and an end after it" });
    }
  });

export type AnnotationInput = z.infer<typeof annotationInputSchema>;
