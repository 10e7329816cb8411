/**
 * The coaching part of the OpenAPI document (issue 15 §6): paths and schemas generated from the
 * zod schemas the routes parse with. openapi.ts spreads them in, handing over its helpers.
 */
import type { JsonSchema } from "./json-schema";
import { jsonSchemaOf } from "./json-schema";
import {
  coachingPlanDetailSchema,
  coachingPlanListQuerySchema,
  coachingPlanListSchema,
  coachingSessionListQuerySchema,
  coachingSessionListSchema,
} from "./coaching-api.schema";

interface Helpers {
  ref: (name: string) => unknown;
  json: (schemaRef: JsonSchema, description: string) => unknown;
  errors: (...statuses: number[]) => Record<string, unknown>;
  queryParameters: (schema: Parameters<typeof jsonSchemaOf>[0], descriptions: Record<string, string>) => unknown[];
}

const scoped =
  "Scoped as the coaching pages: an agent's token sees only the agent's own, a supervisor's their teams' agents', a QA lead's and an admin's every one; " +
  "a QA specialist's token is refused (403).";

const page = { limit: "Items per page, 1–200 (default 50)", cursor: "nextCursor of the previous page" };

export function coachingPaths({ ref, json, errors, queryParameters }: Helpers) {
  const refJson = (name: string, description: string) => json(ref(name) as JsonSchema, description);
  return {
    "/coaching/plans": {
      get: {
        operationId: "listCoachingPlans",
        summary: "List the coaching plans the token's user may see, active first, then by due day",
        description: scoped,
        parameters: queryParameters(coachingPlanListQuerySchema, {
          agent: "Only this agent's (email or user id)",
          team: "Only plans started in this team (id)",
          status: "active, completed, cancelled or all (the default)",
          ...page,
        }),
        responses: { "200": refJson("CoachingPlanList", "One page"), ...errors(401, 403, 422) },
      },
    },
    "/coaching/plans/{id}": {
      get: {
        operationId: "getCoachingPlan",
        summary: "One coaching plan: focus criteria with baseline, target and measured effect; evidence; follow-up sampling",
        description:
          "Each criterion's baseline is as it was when the plan started (mean q as a percentage, 95 % t interval, n, window). The effect is computed live: " +
          "the agent's mean after (since the plan started) minus before (the baseline window) with Welch's 95 % interval, the same for the team's agents " +
          "without a plan on that criterion, and the difference in differences. An agent's token sees only evidence from reviews released to them. " +
          scoped +
          " A plan outside the scope is 404.",
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
        responses: { "200": refJson("CoachingPlanDetail", "The plan"), ...errors(401, 403, 404) },
      },
    },
    "/coaching/sessions": {
      get: {
        operationId: "listCoachingSessions",
        summary: "List one-on-one coaching sessions, earliest first, with action items and notes",
        description:
          "Notes are the rich-text documents with their plain text. The coach's private note is returned only to supervisors, QA leads and admins; " +
          "an agent's token never receives it (`notes.private` is null). " +
          scoped,
        parameters: queryParameters(coachingSessionListQuerySchema, {
          agent: "Only this agent's (email or user id)",
          plan: "Only the sessions of this plan (id)",
          state: "scheduled, held, missed or cancelled",
          from: "starting at or after (ISO 8601 with zone)",
          to: "starting before (ISO 8601 with zone), not before from",
          ...page,
        }),
        responses: { "200": refJson("CoachingSessionList", "One page"), ...errors(401, 403, 422) },
      },
    },
  };
}

export function coachingSchemas() {
  return {
    CoachingPlanList: jsonSchemaOf(coachingPlanListSchema, "output"),
    CoachingPlanDetail: jsonSchemaOf(coachingPlanDetailSchema, "output"),
    CoachingSessionList: jsonSchemaOf(coachingSessionListSchema, "output"),
  };
}
