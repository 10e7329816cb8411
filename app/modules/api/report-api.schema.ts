/**
 * The reports part of /api/v1 (issue 14 §6): the query schemas the routes parse with and the
 * answer schemas the OpenAPI document is generated from. The queries carry the API's names
 * (team, agent, scorecard, reviewer); the routes hand them to the pages' own use cases
 * (queryQuality, queryCriteria, queryReviewers), which check the range and the scope, so the
 * API gives exactly the pages' numbers.
 *
 * Answers may gain fields (the CSAT difference per criterion, issue 14 §8, joins criteria items
 * as `csatDifference`): clients ignore fields they do not know.
 */
import { z } from "zod";

const blank = (value: unknown) => (value === "" ? undefined : value);
const date = (name: string) => z.iso.date({ error: `${name} must be a date as YYYY-MM-DD` });

export const reportGroupings = ["organisation", "team", "agent", "scorecard", "question", "reviewer"] as const;
export type ReportGrouping = (typeof reportGroupings)[number];

const filterFields = {
  period: z.preprocess(blank, z.enum(["week", "month"], { error: "period must be week or month" }).default("month")),
  from: date("from").describe("First day of the range (YYYY-MM-DD, the organisation's time zone)"),
  to: date("to").describe("Last day of the range, inclusive; at most 800 days after from"),
  dateBasis: z.preprocess(blank, z.enum(["conversation", "review"], { error: "dateBasis must be conversation or review" }).default("conversation")),
  team: z.preprocess(blank, z.uuid({ error: "team must be a team's id" }).optional()),
  agent: z.preprocess(blank, z.uuid({ error: "agent must be a user's id" }).optional()),
  scorecard: z.preprocess(blank, z.uuid({ error: "scorecard must be a scorecard's id" }).optional()),
  channel: z.preprocess(blank, z.enum(["call", "chat", "email"], { error: "channel must be call, chat or email" }).optional()),
  queue: z.preprocess(blank, z.string().trim().min(1).max(200).optional()),
};

export const qualityReportQuerySchema = z
  .object({
    groupBy: z.preprocess(blank, z.enum(reportGroupings, { error: `groupBy must be one of ${reportGroupings.join(", ")}` }).default("organisation")),
    ...filterFields,
  })
  .strict();
export const criteriaReportQuerySchema = z.object(filterFields).strict();
export const reviewersReportQuerySchema = z.object({ ...filterFields, reviewer: z.preprocess(blank, z.uuid({ error: "reviewer must be a user's id" }).optional()) }).strict();

export type ReportApiFilters = z.infer<typeof criteriaReportQuerySchema>;

/** The API's filter names as the use cases name them. */
export function useCaseFilters(query: ReportApiFilters) {
  return {
    period: query.period,
    from: query.from,
    to: query.to,
    dateBasis: query.dateBasis,
    teamId: query.team,
    agentId: query.agent,
    scorecardId: query.scorecard,
    channel: query.channel,
    queue: query.queue,
  };
}

const interval = z.object({ low: z.number(), high: z.number() }).nullable();
const rate = (what: string) => z.number().min(0).max(1).nullable().describe(what);
const range = { from: z.iso.date(), to: z.iso.date(), period: z.enum(["week", "month"]) };

export const qualityItemSchema = z.object({
  groupId: z.string().nullable().describe("The team's, agent's, scorecard's or reviewer's id; the question's key (id#fingerprint); null grouped by organisation"),
  groupName: z.string().nullable().describe("Its name (a question's prompt)"),
  agentId: z.uuid().optional().describe("Grouped by agent: the agent's user id"),
  reviewerId: z.uuid().optional().describe("Grouped by reviewer: the reviewer's user id"),
  scorecardId: z.uuid().optional().describe("Grouped by scorecard or question"),
  questionId: z.string().optional().describe("Grouped by question: the id the scorecard builder carries across versions"),
  periodStart: z.iso.date().describe("Monday of the week or first of the month"),
  n: z.number().int().describe("Evaluations counted (by question: answers, N/A included)"),
  mean: z.number().nullable().describe("Mean quality score 0–100 (by question: mean q as a percentage); null when nothing was scored"),
  meanInterval: interval.describe("95 % t interval of the mean; null below two scored"),
  passRate: rate("Share passed (by question: answers with q ≥ 0.5 of those answered)"),
  passRateInterval: interval.describe("95 % Wilson interval"),
  autoFailRate: rate("Share auto-failed (by question: critical failures of n)"),
  autoFailRateInterval: interval.describe("95 % Wilson interval"),
});
export const qualityReportSchema = z.object({ groupBy: z.enum(reportGroupings), ...range, items: z.array(qualityItemSchema) });

export const criterionItemSchema = z.object({
  scorecardId: z.uuid(),
  scorecardName: z.string(),
  questionId: z.string().describe("The id the builder carries across versions"),
  questionKey: z.string().describe("The id plus a fingerprint of what q means: a changed scale or points is a new key"),
  prompt: z.string(),
  section: z.string(),
  current: z.boolean().describe("False for an older meaning of a question whose scale or points changed since"),
  n: z.number().int().describe("Answers counted, N/A included"),
  answered: z.number().int(),
  mean: z.number().nullable().describe("Mean q as a percentage (raw q, no critical zeroing)"),
  meanInterval: interval.describe("95 % t interval, not clipped to 0–100 (one beyond the scale says the sample is too small or skewed)"),
  failureRate: rate("Answers with q < 0.5 of those answered"),
  failureRateInterval: interval,
  naRate: rate("N/A answers of n"),
  naRateInterval: interval,
  criticalFailRate: rate("Critical failures of n"),
  trend: z.array(z.object({ periodStart: z.iso.date(), n: z.number().int(), mean: z.number().nullable(), meanInterval: interval, failureRate: rate("As above, in the period") })),
  csatDifference: z
    .object({
      difference: z.number().nullable().describe("Mean CSAT (% of scale) where the review failed the question (q < 0.5) minus where it passed; null until each side has 2 answers"),
      interval: interval.describe("Welch 95 % interval of the difference"),
      failedN: z.number().int().describe("Failed answers whose conversation has a CSAT response"),
      passedN: z.number().int().describe("Passed answers whose conversation has a CSAT response"),
    })
    .describe("How customers rated conversations that failed this question against those that passed it"),
});
export const criteriaReportSchema = z.object({ ...range, items: z.array(criterionItemSchema).describe("Worst first: lowest mean, then highest failure rate") });

export const reviewerItemSchema = z.object({
  reviewerId: z.uuid(),
  name: z.string(),
  n: z.number().int().describe("Evaluations counted"),
  perDay: z.number().nullable().describe("n over the range's days up to today"),
  medianHandlingSeconds: z.number().nullable().describe("Median time from opening an evaluation to submitting it, in seconds: of the times rounded to the nearest minute, so within 30 s of the exact median"),
  mean: z.number().nullable(),
  meanInterval: interval,
  passRate: rate("Share passed"),
  autoFailRate: rate("Share auto-failed"),
  comparisons: z.array(
    z.object({
      scorecardId: z.uuid(),
      scorecardName: z.string(),
      n: z.number().int().describe("The reviewer's scored evaluations on the scorecard"),
      mean: z.number().nullable(),
      peersN: z.number().int(),
      peersMean: z.number().nullable(),
      difference: z.number().nullable().describe("mean − peersMean"),
      differenceInterval: interval.describe("Welch 95 % interval; null below two on either side"),
      leniency: z.enum(["lenient", "strict", "in_line", "too_few"]).describe("lenient / strict when the interval lies above / below 0"),
    }),
  ),
  disputedQuestions: z.number().int().describe("Decided disputed questions on their evaluations"),
  overturnRate: rate("Share of those whose answer the decision changed"),
  overturnRateInterval: interval,
});
export const reviewersReportSchema = z.object({ ...range, days: z.number().int(), items: z.array(reviewerItemSchema) });

export type QualityItemJson = z.infer<typeof qualityItemSchema>;
export type CriterionItemJson = z.infer<typeof criterionItemSchema>;
export type ReviewerItemJson = z.infer<typeof reviewerItemSchema>;
