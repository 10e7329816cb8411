/**
 * What a QA lead sends to correct or void a submitted evaluation (docs/decisions/0020): a
 * reason, always, and the evaluation's autosave counter as the page saw it, so a change made
 * meanwhile in another tab answers 409 instead of being overwritten. One schema for the
 * page's forms and the use cases. Pure.
 */
import { z } from "zod";
import { answersSchema } from "../scorecards/scorecard-definition.schema";

export const MAX_REASON_CHARS = 2000;

export const changeReasonSchema = z
  .string({ error: "Give the reason for this change" })
  .trim()
  .min(1, "Give the reason for this change")
  .max(MAX_REASON_CHARS, `Keep the reason to ${MAX_REASON_CHARS} characters`);

const pageRevision = z.coerce.number({ error: "The page's revision is missing; reload" }).int().min(1);

export const correctionInputSchema = z.object({ answers: answersSchema, reason: changeReasonSchema, revision: pageRevision });
export type CorrectionInput = z.infer<typeof correctionInputSchema>;

export const voidInputSchema = z.object({ reason: changeReasonSchema, revision: pageRevision });
export type VoidInput = z.infer<typeof voidInputSchema>;
