/**
 * A sampling rule's settings, one schema for the API (JSON) and the rule form
 * (DESIGN.md "Sampling"). Form posts name fields by path (`quota.kind`, `filters.window.days`,
 * `filters.metadata.0.key`) and send numbers as text: `samplingRuleFormSchema` rebuilds the
 * object and the fields accept both, so an issue path joined with "." is the field's name.
 * Pure: no I/O, safe in the browser.
 */
import { z } from "zod";
import { interactionChannels } from "../interactions/interaction-filters";
import { list, metadataSchema, numberFromText, optionalWholeNumber, text, wholeNumber } from "./rule-fields";
import { unflattenFields } from "./unflatten-fields";

export const MAX_TAGS = 20;
export const MAX_WINDOW_DAYS = 366;
export const MAX_PER_AGENT = 1000;
export const MAX_CAP_PER_REVIEWER = 10_000;
/** A year: longer than any sensible review deadline. */
export const MAX_DUE_IN_HOURS = 24 * 366;
/** A day: longer than any real conversation, still an int in milliseconds. */
export const MAX_DURATION_MS = 24 * 60 * 60 * 1000;

/** Relative to the run, in the organisation's time zone; weeks start on Monday (period.ts). */
export const samplingWindowSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("previous_day") }),
    z.object({ kind: z.literal("previous_week") }),
    z.object({ kind: z.literal("previous_month") }),
    z.object({ kind: z.literal("last_n_days"), days: wholeNumber("Days", 1, MAX_WINDOW_DAYS) }),
  ],
  { error: "Window: choose previous day, previous week, previous month or last N days" },
);

export const samplingFiltersSchema = z
  .object(
    {
      channels: list(z.enum(interactionChannels, { error: "Channel: choose calls, chats or emails" }), "Channels"),
      teamIds: list(z.uuid({ error: "Choose a team from the list" }), "Teams"),
      agentIds: list(z.uuid({ error: "Choose an agent from the list" }), "Agents"),
      queues: list(text("Queue", 200), "Queues"),
      tags: list(text("Tag", 100), "Tags", MAX_TAGS),
      tagsMode: z.enum(["any", "all"], { error: "Tags: match any or all of them" }).default("any"),
      durationMinMs: optionalWholeNumber("Shortest duration (ms)", 0, MAX_DURATION_MS),
      durationMaxMs: optionalWholeNumber("Longest duration (ms)", 0, MAX_DURATION_MS),
      window: samplingWindowSchema,
      metadata: metadataSchema,
    },
    { error: "Filters are required: at least the window" },
  )
  .refine((f) => f.durationMinMs === undefined || f.durationMaxMs === undefined || f.durationMinMs <= f.durationMaxMs, {
    path: ["durationMaxMs"],
    message: "Longest duration must not be shorter than the shortest",
  });

const percentMessage = "Percentage must be more than 0 and at most 100, with at most two decimals";
const percent = z
  .number({ error: percentMessage })
  .gt(0, percentMessage)
  .max(100, percentMessage)
  // Two decimals at most, so draw.ts can round exactly in integer basis points.
  .refine((p) => Math.abs(p * 100 - Math.round(p * 100)) < 1e-6, percentMessage);

export const quotaSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("per_agent"), n: wholeNumber("Interactions per agent", 1, MAX_PER_AGENT) }),
    z.object({ kind: z.literal("percentage"), percent: z.preprocess(numberFromText, percent) }),
    z.object({ kind: z.literal("all") }),
  ],
  { error: "Quota: choose a number per agent, a percentage, or all" },
);

/** Hours are local to the organisation's time zone (period.ts `nextRunAt`). */
const hour = wholeNumber("Hour", 0, 23);

export const scheduleSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("manual") }),
    z.object({ kind: z.literal("daily"), hour }),
    z.object({ kind: z.literal("weekly"), weekday: wholeNumber("Weekday (1 = Monday, 7 = Sunday)", 1, 7), hour }),
    // Up to the 28th, so every month has the day.
    z.object({ kind: z.literal("monthly"), day: wholeNumber("Day of the month", 1, 28), hour }),
  ],
  { error: "Schedule: choose manual, daily, weekly or monthly" },
);

export const samplingRuleSchema = z.object({
  name: text("Name", 120),
  scorecardId: z.uuid({ error: "Choose a scorecard" }),
  filters: samplingFiltersSchema,
  quota: quotaSchema,
  reviewerIds: list(z.uuid({ error: "Choose a reviewer from the list" }), "Reviewers").refine(
    (ids) => ids.length > 0,
    "Choose at least one reviewer",
  ),
  /** Most assignments one reviewer gets from this rule per period; absent for no cap. */
  capPerReviewer: optionalWholeNumber("Cap per reviewer", 1, MAX_CAP_PER_REVIEWER),
  dueInHours: wholeNumber("Due in (hours)", 1, MAX_DUE_IN_HOURS),
  schedule: scheduleSchema,
});

/** The same rule from a form post (`formToObject(form)`): dotted field names, numbers as text. */
export const samplingRuleFormSchema = z.preprocess(unflattenFields, samplingRuleSchema);

export type SamplingRuleSettings = z.infer<typeof samplingRuleSchema>;
export type SamplingFilters = z.infer<typeof samplingFiltersSchema>;
export type SamplingWindow = z.infer<typeof samplingWindowSchema>;
export type Quota = z.infer<typeof quotaSchema>;
export type Schedule = z.infer<typeof scheduleSchema>;
