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

/**
 * What a rule's run hands out (docs/decisions/0025): review assignments to its reviewers, or
 * self-evaluation requests to each drawn conversation's own agent — the one case where a
 * conversation goes to its agent, and only to be self-evaluated.
 */
export const rulePurposes = ["review", "self"] as const;
export type RulePurpose = (typeof rulePurposes)[number];

export const samplingRuleSchema = z
  .object({
    name: text("Name", 120),
    purpose: z.enum(rulePurposes, { error: "Purpose: choose review by QA or self-evaluation by the agents" }).default("review"),
    scorecardId: z.uuid({ error: "Choose a scorecard" }),
    filters: samplingFiltersSchema,
    quota: quotaSchema,
    reviewerIds: list(z.uuid({ error: "Choose a reviewer from the list" }), "Reviewers"),
    /** Most assignments one reviewer gets from this rule per period; absent for no cap. */
    capPerReviewer: optionalWholeNumber("Cap per reviewer", 1, MAX_CAP_PER_REVIEWER),
    dueInHours: wholeNumber("Due in (hours)", 1, MAX_DUE_IN_HOURS),
    schedule: scheduleSchema,
  })
  .superRefine(
    (rule, ctx) => {
      // Runs even when other fields failed (so a form hears about every field at once): read defensively.
      if (!Array.isArray(rule.reviewerIds)) return;
      if (rule.purpose !== "self" && rule.reviewerIds.length === 0) {
        ctx.addIssue({ code: "custom", path: ["reviewerIds"], message: "Choose at least one reviewer" });
      }
      if (rule.purpose === "self" && rule.reviewerIds.length > 0) {
        ctx.addIssue({ code: "custom", path: ["reviewerIds"], message: "A self-evaluation rule has no reviewers: each conversation goes to its own agent" });
      }
      if (rule.purpose === "self" && rule.capPerReviewer !== undefined) {
        ctx.addIssue({ code: "custom", path: ["capPerReviewer"], message: "A self-evaluation rule has no reviewers to cap" });
      }
    },
    { when: () => true },
  );

/**
 * The form keeps the reviewer fields on the page whatever the purpose, so for a
 * self-evaluation rule they are dropped rather than refused; the schema itself refuses them.
 */
function dropReviewerFieldsOfSelfRule(value: unknown): unknown {
  if (typeof value !== "object" || value === null || (value as { purpose?: unknown }).purpose !== "self") return value;
  const { reviewerIds: _reviewerIds, capPerReviewer: _cap, ...rest } = value as Record<string, unknown>;
  return rest;
}

/** The same rule from a form post (`formToObject(form)`): dotted field names, numbers as text. */
export const samplingRuleFormSchema = z.preprocess((value) => dropReviewerFieldsOfSelfRule(unflattenFields(value)), samplingRuleSchema);

/** Parsed settings; `purpose` may be absent in rules written before it existed and in code that builds a review rule. */
export type SamplingRuleSettings = Omit<z.infer<typeof samplingRuleSchema>, "purpose"> & { purpose?: RulePurpose };
export const purposeOf = (settings: Pick<SamplingRuleSettings, "purpose">): RulePurpose => settings.purpose ?? "review";
export type SamplingFilters = z.infer<typeof samplingFiltersSchema>;
export type SamplingWindow = z.infer<typeof samplingWindowSchema>;
export type Quota = z.infer<typeof quotaSchema>;
export type Schedule = z.infer<typeof scheduleSchema>;
