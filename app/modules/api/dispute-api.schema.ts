/**
 * The comments and disputes part of /api/v1 (issue 13 §9): the query and request schemas the
 * routes parse with, and the answer schemas the OpenAPI document is generated from. The request
 * bodies are the pages' own schemas (comment.schema.ts, dispute.schema.ts), which the use cases
 * parse again, so the API accepts exactly what the forms do.
 */
import { z } from "zod";
import { dueCursorSchema } from "../assignments/due";
import { MAX_COMMENT_CHARS } from "../comments/comment.schema";
import { disputeStates, disputeStatusFilters } from "../disputes/dispute-states";

export { decideDisputeSchema as decideDisputeRequestSchema, raiseDisputeSchema as raiseDisputeRequestSchema } from "../disputes/dispute.schema";

const blank = (value: unknown) => (value === "" ? undefined : value);
const time = z.iso.datetime({ offset: true });

/** The body of POST /evaluations/{id}/comments: shapes only, the use case trims and counts. */
export const commentRequestSchema = z
  .object({ body: z.string({ error: "body is required: the comment's text" }).describe(`Plain text, 1–${MAX_COMMENT_CHARS.toLocaleString("en-GB")} characters after trimming`) })
  .strict();

export const commentResultSchema = z.object({
  id: z.uuid(),
  evaluationId: z.uuid(),
  body: z.string().describe("As stored: trimmed, line ends as \\n"),
  createdAt: time,
});

export const raiseDisputeResultSchema = z.object({
  id: z.uuid(),
  state: z.enum(["awaiting_supervisor", "open"]).describe("awaiting_supervisor when the organisation asks supervisors first and an agent raised it"),
  dueAt: time.describe("When it should be decided (the organisation's working days)"),
});

export const disputeListQuerySchema = z
  .object({
    status: z.preprocess(
      blank,
      z.enum(disputeStatusFilters, { error: `status must be one of ${disputeStatusFilters.join(", ")}` }).default("active"),
    ),
    overdue: z.preprocess(blank, z.enum(["true", "false"], { error: "overdue must be true or false" }).default("false")),
    scorecard: z.preprocess(blank, z.uuid({ error: "scorecard must be a scorecard's id" }).optional()),
    reviewer: z.preprocess(blank, z.uuid({ error: "reviewer must be a user's id" }).optional()),
    team: z.preprocess(blank, z.uuid({ error: "team must be a team's id" }).optional()),
    limit: z.preprocess(blank, z.coerce.number().int().min(1).max(200).default(50)),
    cursor: z.preprocess(blank, z.string().max(200).optional()),
  })
  .strict();

export type DisputeListQuery = z.infer<typeof disputeListQuerySchema>;

/** The cursor as the list function needs it; a malformed one is the client's error (422 naming `cursor`). */
export const disputeCursorSchema = dueCursorSchema;

export const disputeSummarySchema = z.object({
  id: z.uuid(),
  evaluationId: z.uuid(),
  state: z.enum(disputeStates),
  raisedAt: time,
  dueAt: time,
  overdue: z.boolean().describe("Not decided, withdrawn or declined, and past its due time"),
  agent: z.string().describe("The agent's name"),
  reviewer: z.string().describe("The original reviewer's name"),
  raisedBy: z.string(),
  takenBy: z.string().nullable().describe("The arbiter who took it, once in review"),
  scorecard: z.string(),
  questionCount: z.number().int(),
});

export type DisputeSummaryJson = z.infer<typeof disputeSummarySchema>;

export const disputeListSchema = z.object({
  items: z.array(disputeSummarySchema),
  nextCursor: z.string().nullable().describe("Pass as ?cursor= for the next page (due later); null on the last page"),
});

export const decisionResultSchema = z.object({
  outcome: z.enum(["upheld", "partly_upheld", "rejected"]),
  revision: z.number().int().nullable().describe("The evaluation's new revision, or null when every answer was kept"),
  score: z.object({ score: z.number().nullable(), passed: z.boolean(), autoFailed: z.boolean() }).describe("The evaluation's score after the decision"),
});
