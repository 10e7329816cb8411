/**
 * The evaluations part of /api/v1 (issue 13 §9): the query and request schemas the routes
 * parse with, and the answer schemas the OpenAPI document is generated from.
 */
import { z } from "zod";
import { openDisputeStates } from "../disputes/dispute-states";

const blank = (value: unknown) => (value === "" ? undefined : value);
const time = z.iso.datetime({ offset: true });

export const evaluationStatusFilters = ["submitted", "released", "unreleased", "void"] as const;

export const evaluationListQuerySchema = z
  .object({
    /** The agent's email or user id. */
    agent: z.preprocess(blank, z.string().trim().min(1).max(254).optional()),
    team: z.preprocess(blank, z.uuid({ error: "team must be a team's id" }).optional()),
    scorecard: z.preprocess(blank, z.uuid({ error: "scorecard must be a scorecard's id" }).optional()),
    status: z.preprocess(blank, z.enum(evaluationStatusFilters, { error: `status must be one of ${evaluationStatusFilters.join(", ")}` }).optional()),
    from: z.preprocess(blank, time.optional()),
    to: z.preprocess(blank, time.optional()),
    limit: z.preprocess(blank, z.coerce.number().int().min(1).max(200).default(50)),
    cursor: z.preprocess(blank, z.string().max(200).optional()),
  })
  .strict();

export type EvaluationListQuery = z.infer<typeof evaluationListQuerySchema>;

const person = z.object({ id: z.uuid(), name: z.string() });

export const evaluationSummarySchema = z.object({
  id: z.uuid(),
  interactionId: z.uuid(),
  agent: person,
  team: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  reviewer: person,
  scorecard: z.object({ id: z.uuid(), name: z.string(), version: z.number().int() }),
  status: z.enum(["submitted", "void"]),
  score: z.number().nullable().describe("0–100 with one decimal; null when no question scored"),
  passed: z.boolean().nullable(),
  autoFailed: z.boolean(),
  revision: z.number().int().describe("The current revision's number: 1 when submitted, one more per correction or dispute decision"),
  currentRevisionId: z.uuid().nullable().describe("Send it with an acknowledgement"),
  submittedAt: time,
  releasedAt: time.nullable(),
});

export type EvaluationSummaryJson = z.infer<typeof evaluationSummarySchema>;

export const evaluationListSchema = z.object({
  items: z.array(evaluationSummarySchema),
  nextCursor: z.string().nullable().describe("Pass as ?cursor= for the next (older) page; null on the last page"),
});

const answerValue = z.union([z.boolean(), z.number(), z.string(), z.array(z.string()), z.null()]);

export const evaluationDetailSchema = evaluationSummarySchema.extend({
  questions: z
    .array(
      z.object({
        id: z.string(),
        sectionId: z.string(),
        prompt: z.string(),
        kind: z.string(),
        answer: z.object({ value: answerValue, na: z.boolean(), comment: z.string().nullable() }).nullable(),
      }),
    )
    .describe("The scorecard version's questions in order with their answers; for an agent, without the questions hidden from agents"),
  feedback: z.unknown().describe("The reviewer's feedback as a rich-text (ProseMirror JSON) document"),
  voided: z.object({ at: time, reason: z.string() }).nullable(),
  revisions: z.array(
    z.object({
      sequence: z.number().int(),
      cause: z.enum(["submit", "edit", "dispute"]),
      actor: z.string(),
      reason: z.string().nullable(),
      at: time,
      score: z.number().nullable(),
      passed: z.boolean(),
      autoFailed: z.boolean(),
      changedQuestionIds: z.array(z.string()).describe("Questions whose answer differs from the revision before"),
      current: z.boolean(),
    }),
  ),
  acknowledgement: z.object({
    mode: z.enum(["none", "optional", "required"]),
    state: z.enum(["not_asked", "awaiting", "acknowledged"]),
    dueAt: time.nullable(),
    overdue: z.boolean(),
    acknowledgedAt: time.nullable(),
    acknowledgedRevision: z.number().int().nullable(),
    comment: z.string().nullable(),
  }),
  openDispute: z
    .object({
      id: z.uuid(),
      state: z.enum(openDisputeStates).describe("awaiting_supervisor (the supervisor first line), open (waiting for an arbiter) or in_review (taken by one)"),
      questionIds: z.array(z.string()).describe("The disputed questions, in the order raised"),
      raisedAt: time,
      dueAt: time.describe("When it should be decided (the organisation's working days)"),
      overdue: z.boolean().describe("Open or in review, and past its due time"),
    })
    .nullable()
    .describe("The dispute open on this evaluation (at most one), when the token's user may see it — an agent the one on their own review, a QA specialist outside the arbiter pool one on their own work; otherwise null, as when none is open. GET /api/v1/disputes lists decided ones."),
});

export type EvaluationDetailJson = z.infer<typeof evaluationDetailSchema>;

export const acknowledgeRequestSchema = z
  .object({
    revisionId: z.uuid({ error: "revisionId must be the evaluation's currentRevisionId" }),
    comment: z.string().max(2000, "Keep the comment to 2,000 characters").optional(),
  })
  .strict();

export const acknowledgeResultSchema = z.object({
  revision: z.number().int(),
  acknowledgedAt: time,
  created: z.boolean().describe("false when this revision was already acknowledged: the first acknowledgement stands"),
});
