/**
 * What a raiser, a supervisor and an arbiter send (the dispute form, the dispute page, later the
 * REST API). Shapes and lengths only: whether a question may be disputed, whether an answer fits
 * it and whether a reason code is the organisation's are the use cases' checks, which need the
 * scorecard and the settings. Pure: safe in the browser.
 */
import { z } from "zod";
import { questionDecisions } from "./dispute-states";

export const MAX_DISPUTE_TEXT = 2000;
const MAX_MS = 24 * 60 * 60 * 1000;
const ms = z.number({ error: "Times must be numbers of milliseconds" }).int().min(0).max(MAX_MS);
const offset = z.number({ error: "Offsets must be whole numbers" }).int().min(0).max(1_000_000);

const text = (what: string) =>
  z
    .string({ error: `Write ${what}` })
    .trim()
    .min(1, `Write ${what}`)
    .max(MAX_DISPUTE_TEXT, `Keep ${what} to ${MAX_DISPUTE_TEXT.toLocaleString("en-GB")} characters`);

/** Evidence, anchored as an annotation is: a moment (or range) of the recording and/or a span of one transcript turn. */
export const evidenceSchema = z
  .object({
    startMs: ms.nullable().default(null),
    endMs: ms.nullable().default(null),
    segmentId: z.string().trim().min(1).max(200).nullable().default(null),
    startOffset: offset.nullable().default(null),
    endOffset: offset.nullable().default(null),
    quote: z.string().max(1000).nullable().default(null),
  })
  .superRefine((e, ctx) => {
    const hasTime = e.startMs !== null || e.endMs !== null;
    const hasSpan = e.segmentId !== null || e.startOffset !== null || e.endOffset !== null;
    if (!hasTime && !hasSpan) ctx.addIssue({ code: "custom", message: "Evidence is a moment of the recording or transcript text" });
    if (hasTime && (e.startMs === null || e.endMs === null || e.endMs < e.startMs)) {
      ctx.addIssue({ code: "custom", path: ["endMs"], message: "A moment of the recording needs a start (and an end not before it)" });
    }
    if (hasSpan && (e.segmentId === null || e.startOffset === null || e.endOffset === null || e.endOffset <= e.startOffset)) {
      ctx.addIssue({ code: "custom", path: ["endOffset"], message: "Transcript evidence needs its turn, a start and an end after it" });
    }
  });
export type Evidence = z.output<typeof evidenceSchema>;

export const raiseDisputeSchema = z.object({
  /** The revision the raiser saw: a dispute is about the answers they read. */
  revisionId: z.string({ error: "The page is out of date; reload it" }).min(1, "The page is out of date; reload it"),
  questions: z
    .array(
      z.object({
        questionId: z.string({ error: "Choose a question" }).trim().min(1, "Choose a question").max(64),
        /** `{ value }` or `{ na: true }`: checked against the question by the use case. */
        proposed: z.unknown(),
        reasonCode: z.string({ error: "Choose a reason" }).trim().min(1, "Choose a reason").max(120),
        reasonText: text("why the answer should change"),
        evidence: evidenceSchema.nullable().default(null),
      }),
      { error: "Choose the questions you dispute" },
    )
    .min(1, "Choose at least one question to dispute")
    .max(100),
});
export type RaiseDisputeInput = z.input<typeof raiseDisputeSchema>;

export const supervisorNoteSchema = z.object({
  note: z
    .string()
    .trim()
    .max(MAX_DISPUTE_TEXT, `Keep the note to ${MAX_DISPUTE_TEXT.toLocaleString("en-GB")} characters`)
    .optional()
    .transform((value) => (value ? value : null)),
});
export const declineSchema = z.object({ note: text("why you decline it (the agent reads this)") });

export const decideDisputeSchema = z.object({
  decisions: z
    .array(
      z.object({
        questionId: z.string().trim().min(1).max(64),
        decision: z.enum(questionDecisions, { error: "Keep the answer, accept the proposal or set another answer" }),
        /** Only with `other`: `{ value }` or `{ na: true }`. */
        answer: z.unknown().optional(),
        note: text("a note for this question"),
      }),
      { error: "Decide every disputed question" },
    )
    .min(1, "Decide every disputed question"),
  note: z
    .string()
    .trim()
    .max(MAX_DISPUTE_TEXT)
    .optional()
    .transform((value) => (value ? value : null)),
});
export type DecideDisputeInput = z.input<typeof decideDisputeSchema>;

/** A form field holding JSON (the dispute and decision forms send their questions as one field); the use case checks what it holds. */
export const jsonFormField = (what: string) =>
  z.string({ error: `The ${what} is missing; reload the page` }).transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: `The ${what} could not be read; reload the page` });
      return z.NEVER;
    }
  });
