/**
 * A scorecard's own settings (not versioned) and the starter definition a new scorecard
 * opens with. Pure: safe in the browser.
 */
import { z } from "zod";
import { acknowledgementModes, MAX_ACKNOWLEDGEMENT_DAYS, MIN_ACKNOWLEDGEMENT_DAYS } from "../feedback/acknowledgement-rule";
import type { ScorecardDefinition } from "./scorecard-definition.schema";

export const releaseModes = ["immediate", "manual"] as const;
export type ReleaseMode = (typeof releaseModes)[number];
export const releaseModeLabels: Record<ReleaseMode, string> = {
  immediate: "As soon as the evaluation is submitted",
  manual: "When a QA lead releases it",
};

export const scorecardSettingsSchema = z.object({
  name: z.string({ error: "Name is required" }).trim().min(1, "Name is required").max(120, "Name must be at most 120 characters"),
  description: z.string().trim().max(2000, "Description must be at most 2000 characters").default(""),
  releaseMode: z.enum(releaseModes, { error: "Choose when agents see evaluations" }).default("immediate"),
  /** Whether agents acknowledge its evaluations (issue 13 §3); "required" needs acknowledgementDays. */
  acknowledgement: z.enum(acknowledgementModes, { error: "Choose whether agents acknowledge its evaluations" }).default("none"),
  acknowledgementDays: z.preprocess(
    (value) => (value === "" || value === null ? undefined : value),
    z.coerce
      .number({ error: `Give the number of days, ${MIN_ACKNOWLEDGEMENT_DAYS} to ${MAX_ACKNOWLEDGEMENT_DAYS}` })
      .int(`Give a whole number of days, ${MIN_ACKNOWLEDGEMENT_DAYS} to ${MAX_ACKNOWLEDGEMENT_DAYS}`)
      .min(MIN_ACKNOWLEDGEMENT_DAYS, `Give the number of days, ${MIN_ACKNOWLEDGEMENT_DAYS} to ${MAX_ACKNOWLEDGEMENT_DAYS}`)
      .max(MAX_ACKNOWLEDGEMENT_DAYS, `Give the number of days, ${MIN_ACKNOWLEDGEMENT_DAYS} to ${MAX_ACKNOWLEDGEMENT_DAYS}`)
      .optional(),
  ),
});
export type ScorecardSettings = z.infer<typeof scorecardSettingsSchema>;

/** What a new scorecard starts from: one section with one yes/no question, ready to edit. */
export function starterDefinition(): ScorecardDefinition {
  return {
    passMark: 80,
    sections: [
      {
        id: "section-1",
        title: "Opening",
        weight: 1,
        questions: [
          { id: "question-1", kind: "binary", prompt: "Greeted the customer", weight: 1, allowNa: false, critical: null, required: true },
        ],
      },
    ],
  } as ScorecardDefinition;
}
