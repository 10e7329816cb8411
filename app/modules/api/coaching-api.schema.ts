/**
 * The coaching part of /api/v1 (issue 15 §6): the query schemas the routes parse with and the
 * answer schemas the OpenAPI document is generated from. Read only; scoped as the coaching pages.
 */
import { z } from "zod";

const blank = (value: unknown) => (value === "" ? undefined : value);
const time = z.iso.datetime({ offset: true });
const day = z.iso.date();
const limit = z.preprocess(blank, z.coerce.number({ error: "limit must be a number from 1 to 200" }).int().min(1, "limit is 1 to 200").max(200, "limit is 1 to 200").default(50));
const cursor = z.preprocess(blank, z.string().max(300).optional());

export const planStatuses = ["active", "completed", "cancelled"] as const;
export const sessionStates = ["scheduled", "held", "missed", "cancelled"] as const;

export const coachingPlanListQuerySchema = z
  .object({
    agent: z.preprocess(blank, z.string().trim().min(1).max(254).optional()),
    team: z.preprocess(blank, z.uuid({ error: "team must be a team's id" }).optional()),
    status: z.preprocess(blank, z.enum([...planStatuses, "all"], { error: `status must be one of ${[...planStatuses, "all"].join(", ")}` }).default("all")),
    limit,
    cursor,
  })
  .strict();
export type CoachingPlanListQuery = z.infer<typeof coachingPlanListQuerySchema>;

export const coachingSessionListQuerySchema = z
  .object({
    agent: z.preprocess(blank, z.string().trim().min(1).max(254).optional()),
    plan: z.preprocess(blank, z.uuid({ error: "plan must be a coaching plan's id" }).optional()),
    state: z.preprocess(blank, z.enum(sessionStates, { error: `state must be one of ${sessionStates.join(", ")}` }).optional()),
    from: z.preprocess(blank, time.optional()),
    to: z.preprocess(blank, time.optional()),
    limit,
    cursor,
  })
  .strict()
  .refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), { path: ["to"], message: "to must not be before from" });
export type CoachingSessionListQuery = z.infer<typeof coachingSessionListQuerySchema>;

const person = z.object({ id: z.uuid(), name: z.string() });
const nextCursor = z.string().nullable().describe("Pass as ?cursor= for the next page; null on the last page");

export const coachingPlanSummarySchema = z.object({
  id: z.uuid(),
  title: z.string(),
  status: z.enum(planStatuses),
  agent: person,
  owner: person.describe("The coach: a supervisor of the agent's team or a QA lead"),
  teamId: z.uuid().nullable().describe("The agent's team when the plan started"),
  dueOn: day,
  overdue: z.boolean().describe("Active and past its due day in the organisation's time zone"),
  criteria: z.array(z.string()).describe("The focus criteria's prompts, in the plan's order"),
  createdAt: time,
  acknowledgedAt: time.nullable().describe("When the agent acknowledged the plan"),
});
export type CoachingPlanSummaryJson = z.infer<typeof coachingPlanSummarySchema>;

export const coachingPlanListSchema = z.object({
  items: z.array(coachingPlanSummarySchema).describe("Active plans first, then by due day"),
  nextCursor,
});

const difference = z
  .object({
    difference: z.number().describe("Percentage points"),
    standardError: z.number(),
    df: z.number().describe("Welch–Satterthwaite degrees of freedom"),
    low: z.number().describe("95 % interval, low end"),
    high: z.number().describe("95 % interval, high end"),
  })
  .nullable();

export const coachingPlanDetailSchema = coachingPlanSummarySchema.omit({ criteria: true, teamId: true }).extend({
  cancelReason: z.string().nullable(),
  closedAt: time.nullable(),
  scorecard: z.object({ id: z.uuid(), name: z.string() }),
  afterWindow: z.object({ from: day, to: day }).describe("Since the plan started: to today, or to the day it closed"),
  criteria: z.array(
    z.object({
      questionKey: z.string().describe("The question across scorecard versions, as in GET /reports/criteria"),
      prompt: z.string(),
      target: z.number().describe("Mean q as a percentage, 0–100"),
      suggestionReason: z.string().nullable().describe("Why it was suggested from the roll-ups; null when the coach chose it"),
      baseline: z
        .object({ n: z.number().int(), mean: z.number().nullable(), low: z.number().nullable(), high: z.number().nullable(), from: day, to: day })
        .describe("Mean q as a percentage with its 95 % t interval, frozen when the plan started"),
      effect: z
        .object({
          coached: difference.describe("The agent's after − before; null until each side has at least 5 evaluations"),
          peers: difference.describe("The same for the team's agents without a plan on this criterion, over the same windows"),
          differenceInDifferences: difference.describe("coached − peers"),
          reading: z.string().describe("The plain reading shown on the plan's page"),
        })
        .describe("Computed live, in percentage points of q, with Welch 95 % intervals (docs/decisions/0031)"),
    }),
  ),
  evidence: z.array(
    z.object({
      id: z.uuid(),
      kind: z.enum(["strength", "opportunity"]),
      note: z.string(),
      evaluationId: z.uuid(),
      interactionId: z.uuid(),
      conversationAt: time,
      annotation: z
        .object({ id: z.uuid(), comment: z.string(), quote: z.string().nullable(), startMs: z.number().int().nullable(), endMs: z.number().int().nullable() })
        .nullable()
        .describe("The annotated moment: the recording's time range and/or the transcript span quoted"),
      addedAt: time,
    }),
  ),
  followUp: z
    .object({ ruleId: z.uuid(), name: z.string(), active: z.boolean(), perWeek: z.number().int().nullable(), endsAt: time.nullable() })
    .nullable()
    .describe("The plan's follow-up sampling rule, if one was started"),
});
export type CoachingPlanDetailJson = z.infer<typeof coachingPlanDetailSchema>;

const note = z.object({ doc: z.unknown().describe("Rich text (ProseMirror JSON)"), text: z.string().describe("The same as plain text"), updatedAt: time }).nullable();

export const coachingSessionSchema = z.object({
  id: z.uuid(),
  planId: z.uuid().nullable().describe("null for a standalone session"),
  agent: person,
  coach: person,
  startsAt: time,
  durationMinutes: z.number().int(),
  state: z.enum(sessionStates),
  acknowledgedAt: time.nullable(),
  acknowledgementComment: z.string().nullable(),
  actionItems: z.array(
    z.object({ id: z.uuid(), text: z.string(), owner: z.enum(["agent", "coach"]), dueOn: day.nullable(), doneAt: time.nullable(), overdue: z.boolean() }),
  ),
  notes: z
    .object({
      shared: note.describe("The note shared with the agent"),
      private: note.describe("The coach's private note: null for an agent's token, always"),
    })
    .describe("The session's notes; an agent's token never receives the private one"),
});
export type CoachingSessionJson = z.infer<typeof coachingSessionSchema>;

export const coachingSessionListSchema = z.object({
  items: z.array(coachingSessionSchema).describe("By start time, earliest first"),
  nextCursor,
});
