/**
 * A scorecard's own settings (not versioned) and the starter definition a new scorecard
 * opens with. Pure: safe in the browser.
 */
import { z } from "zod";
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
