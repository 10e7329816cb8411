/** Coaching input, one schema for forms and the API (issue 15). Pure. */
import { z } from "zod";

export const MAX_FOCUS_CRITERIA = 5;
export const MAX_FOLLOW_UP_PER_WEEK = 50;

const day = z.iso.date({ error: "Use a date as YYYY-MM-DD" });
const targetMessage = "A target is a percentage from 0 to 100";

export const createPlanSchema = z.object({
  agentId: z.uuid({ error: "Choose an agent" }),
  scorecardId: z.uuid({ error: "Choose a scorecard" }),
  title: z.string({ error: "Give the plan a title" }).trim().min(1, "Give the plan a title").max(200, "A title has at most 200 characters"),
  dueOn: day,
  criteria: z
    .array(
      z.object({
        questionKey: z.string().min(1, "Choose a criterion"),
        target: z.coerce.number({ error: targetMessage }).refine(Number.isFinite, targetMessage).min(0, targetMessage).max(100, targetMessage),
      }),
      { error: "Choose at least one focus criterion" },
    )
    .min(1, "Choose at least one focus criterion")
    .max(MAX_FOCUS_CRITERIA, `A plan focuses on at most ${MAX_FOCUS_CRITERIA} criteria`),
});
export type CreatePlanInput = z.input<typeof createPlanSchema>;

export const evidenceSchema = z.object({
  evaluationId: z.uuid({ error: "Choose an evaluation" }),
  annotationId: z.uuid({ error: "Choose a comment of that evaluation" }).optional(),
  kind: z.enum(["strength", "opportunity"], { error: "Mark it a strength or an opportunity" }),
  note: z.string().trim().max(2000, "A note has at most 2,000 characters").default(""),
});
export type EvidenceInput = z.input<typeof evidenceSchema>;

export const closePlanSchema = z.discriminatedUnion(
  "outcome",
  [
    z.object({ outcome: z.literal("completed") }),
    z.object({
      outcome: z.literal("cancelled"),
      reason: z.string({ error: "Say why the plan is cancelled" }).trim().min(1, "Say why the plan is cancelled").max(2000, "A reason has at most 2,000 characters"),
    }),
  ],
  { error: "Complete or cancel the plan" },
);
export type ClosePlanInput = z.input<typeof closePlanSchema>;

export const followUpSchema = z.object({
  perWeek: z.coerce
    .number({ error: `Review 1 to ${MAX_FOLLOW_UP_PER_WEEK} conversations a week` })
    .int(`Review 1 to ${MAX_FOLLOW_UP_PER_WEEK} conversations a week`)
    .min(1, `Review 1 to ${MAX_FOLLOW_UP_PER_WEEK} conversations a week`)
    .max(MAX_FOLLOW_UP_PER_WEEK, `Review 1 to ${MAX_FOLLOW_UP_PER_WEEK} conversations a week`),
});
export type FollowUpInput = z.input<typeof followUpSchema>;

export const scheduleSessionSchema = z.object({
  agentId: z.uuid({ error: "Choose an agent" }),
  planId: z.uuid({ error: "Not a plan" }).optional(),
  date: day,
  time: z.string({ error: "Enter a time as HH:MM" }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Enter a time as HH:MM, from 00:00 to 23:59"),
  durationMinutes: z.coerce
    .number({ error: "A session lasts 5 to 480 minutes" })
    .int("A session lasts whole minutes")
    .min(5, "A session lasts 5 to 480 minutes")
    .max(480, "A session lasts 5 to 480 minutes"),
});
export type ScheduleSessionInput = z.input<typeof scheduleSessionSchema>;

export const sessionStates = ["held", "missed", "cancelled"] as const;
export const sessionStateSchema = z.object({ state: z.enum(sessionStates, { error: "Mark the session held, missed or cancelled" }) });

export const sessionAcknowledgementSchema = z.object({
  comment: z.string().trim().max(2000, "A comment has at most 2,000 characters").optional(),
});

export const actionItemSchema = z.object({
  text: z.string({ error: "Write what is to be done" }).trim().min(1, "Write what is to be done").max(1000, "An action item has at most 1,000 characters"),
  owner: z.enum(["agent", "coach"], { error: "Choose who does it: the agent or the coach" }),
  dueOn: z.preprocess((value) => (value === "" ? undefined : value), day.optional()),
});
export type ActionItemInput = z.input<typeof actionItemSchema>;
