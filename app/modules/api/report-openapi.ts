/**
 * The reports part of the OpenAPI document (issue 14 §6): paths and schemas, generated from
 * the zod schemas the routes parse with. openapi.ts spreads them in, handing over its helpers.
 */
import type { JsonSchema } from "./json-schema";
import { jsonSchemaOf } from "./json-schema";
import {
  criteriaReportQuerySchema,
  criteriaReportSchema,
  qualityReportQuerySchema,
  qualityReportSchema,
  reportGroupings,
  reviewersReportQuerySchema,
  reviewersReportSchema,
} from "./report-api.schema";

interface Helpers {
  ref: (name: string) => unknown;
  json: (schemaRef: JsonSchema, description: string) => unknown;
  errors: (...statuses: number[]) => Record<string, unknown>;
  queryParameters: (schema: Parameters<typeof jsonSchemaOf>[0], descriptions: Record<string, string>) => unknown[];
}

const filters: Record<string, string> = {
  period: "week (from Monday) or month; the default is month",
  from: "First day, YYYY-MM-DD (required)",
  to: "Last day, inclusive, on or after from and at most 800 days later (required)",
  dateBasis: "conversation (the default: the conversation's day in the organisation's time zone) or review (the day it was submitted)",
  team: "Only this team (id); outside the token user's scope: 404",
  agent: "Only this agent (user id); outside the token user's scope: 404",
  scorecard: "Only this scorecard (id)",
  channel: "Only call, chat or email",
  queue: "Only this queue",
};

const scoped =
  "Scoped as the report pages: QA specialists, leads and admins see every team, a supervisor their teams, an agent only their own evaluations released to them. " +
  "Bad input answers 422 naming the field: a period that ends before it starts, a range over 800 days, an unknown groupBy or period.";

export function reportPaths({ ref, json, errors, queryParameters }: Helpers) {
  const refJson = (name: string, description: string) => json(ref(name) as JsonSchema, description);
  return {
    "/reports/quality": {
      get: {
        operationId: "qualityReport",
        summary: "Quality by group and period: n, mean with its interval, pass and auto-fail rates with theirs",
        description:
          `Per group (${reportGroupings.join(", ")}) and period. The mean is the mean overall score of the current revisions of submitted reviews, ` +
          "with a 95 % t interval (n ≥ 2); the rates carry Wilson intervals. Grouped by agent, each item carries `agentId`. Grouped by question, " +
          "n counts answers (N/A included), the mean is mean q as a percentage, a pass is q ≥ 0.5 and an auto-fail a critical failure. " +
          "Grouped by reviewer: QA leads and admins see every reviewer, a QA specialist only themselves, other roles 403. " +
          scoped,
        parameters: queryParameters(qualityReportQuerySchema, { groupBy: "organisation (the default), team, agent, scorecard, question or reviewer", ...filters }),
        responses: { "200": refJson("QualityReport", "One item per group and period"), ...errors(401, 403, 404, 422) },
      },
    },
    "/reports/criteria": {
      get: {
        operationId: "criteriaReport",
        summary: "Per question: mean q, failure rate, N/A rate, n and trend, worst first",
        description:
          "One item per scorecard question (its id across versions; a changed scale or points is a new `questionKey`), labelled with its newest prompt. " +
          "Mean q as a percentage with its t interval (not clipped to 0–100); failure (q < 0.5 of those answered) and N/A (of n) rates with Wilson intervals. " +
          scoped,
        parameters: queryParameters(criteriaReportQuerySchema, filters),
        responses: { "200": refJson("CriteriaReport", "Worst first"), ...errors(401, 403, 404, 422) },
      },
    },
    "/reports/reviewers": {
      get: {
        operationId: "reviewersReport",
        summary: "Per reviewer: output, median handling time, mean against peers (lenient / strict), overturn rate",
        description:
          "Reviewers' figures are for QA leads and admins; a QA specialist's token gets only their own row (another reviewer is 404), supervisors' and agents' 403. " +
          "Handling time is from opening an evaluation to submitting it. The comparison is per scorecard: the reviewer's mean score against everybody else's on it, " +
          "with Welch's 95 % interval of the difference; lenient or strict when it excludes 0. The overturn rate is the share of decided disputed questions whose answer changed. " +
          scoped,
        parameters: queryParameters(reviewersReportQuerySchema, { ...filters, reviewer: "Only this reviewer (user id)" }),
        responses: { "200": refJson("ReviewersReport", "One item per reviewer, by name"), ...errors(401, 403, 404, 422) },
      },
    },
  };
}

export function reportSchemas() {
  return {
    QualityReport: jsonSchemaOf(qualityReportSchema, "output"),
    CriteriaReport: jsonSchemaOf(criteriaReportSchema, "output"),
    ReviewersReport: jsonSchemaOf(reviewersReportSchema, "output"),
  };
}
