import { z } from "zod";
import { answersSchema } from "../scorecards/scorecard-definition.schema";
import { emptyFeedback, feedbackDocumentSchema } from "./feedback-document";

/** What the workspace sends on every autosave and on submit: answers, feedback and the revision it edited. */
export const evaluationInputSchema = z.object({
  answers: answersSchema.default({}),
  feedback: feedbackDocumentSchema.nullable().default(null).transform((doc) => doc ?? emptyFeedback()),
  revision: z.number({ error: "The page's revision is missing; reload" }).int().min(1),
});
export type EvaluationInput = z.infer<typeof evaluationInputSchema>;
