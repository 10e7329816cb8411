import {
  batchRequestSchema,
  batchResultSchema,
  errorResponseSchema,
  importResultSchema,
  ingestRequestSchema,
  interactionDetailSchema,
  interactionListSchema,
  listQuerySchema,
  MAX_BATCH_ITEMS,
  startUploadSchema,
  uploadPlanSchema,
} from "./api.schema";
import {
  commentRequestSchema,
  commentResultSchema,
  decideDisputeRequestSchema,
  decisionResultSchema,
  disputeListQuerySchema,
  disputeListSchema,
  raiseDisputeRequestSchema,
  raiseDisputeResultSchema,
} from "./dispute-api.schema";
import { acknowledgeRequestSchema, acknowledgeResultSchema, evaluationDetailSchema, evaluationListQuerySchema, evaluationListSchema } from "./evaluation-api.schema";
import { coachingPaths, coachingSchemas } from "./coaching-openapi";
import { jsonSchemaOf, type JsonSchema } from "./json-schema";
import { reportPaths, reportSchemas } from "./report-openapi";
import { TRANSCRIPT_SCHEMA_PATH, transcriptJsonSchema } from "./transcript-json-schema";

/**
 * The OpenAPI 3.1 description of /api/v1 (served at /api/v1/openapi.json). Request
 * and response bodies are generated from the zod schemas the routes use, so the
 * document cannot drift from what the server accepts.
 */

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schemaRef: JsonSchema, description: string) => ({ description, content: { "application/json": { schema: schemaRef } } });

const errors = (...statuses: number[]) => {
  const descriptions: Record<number, string> = {
    400: "Malformed JSON or an unreadable body",
    401: "Missing, unknown or revoked token",
    403: "The token's user may not do this (importing needs an admin or QA lead; only the agent acknowledges; only the agent or their supervisor disputes; only an arbiter other than the reviewer decides)",
    404: "No such resource, or outside the token user's scope",
    409: "The row's state does not allow it (void, not released, not asked, the revision is no longer current, the dispute window closed, a dispute already open, the dispute decided, withdrawn or taken by another arbiter)",
    413: "The body is over the size limit",
    415: "The body is not JSON",
    422: "Validation failed; `fields` names each field path with its message",
  };
  return Object.fromEntries(statuses.map((status) => [String(status), json(ref("Error"), descriptions[status] ?? "Error")]));
};

const interactionFilters: Record<string, string> = {
  channel: "Only this channel",
  agent: "Only this agent (email or user id)",
  from: "started at or after (ISO 8601 with zone)",
  to: "started before (ISO 8601 with zone)",
  limit: "Items per page, 1–200 (default 50)",
  cursor: "nextCursor of the previous page",
};

const evaluationFilters: Record<string, string> = {
  agent: "Only this agent's (email or user id)",
  team: "Only conversations of this team (id)",
  scorecard: "Only with this scorecard (id)",
  status: "submitted (released or not), released, unreleased, or void; all of them when left out",
  from: "submitted at or after (ISO 8601 with zone)",
  to: "submitted before (ISO 8601 with zone)",
  limit: "Items per page, 1–200 (default 50)",
  cursor: "nextCursor of the previous page",
};

const disputeFilters: Record<string, string> = {
  status: "active (awaiting_supervisor, open, in_review; the default), decided, closed (declined, withdrawn), all, or one state",
  overdue: "true: only undecided disputes past their due time",
  scorecard: "Only reviews with this scorecard (id)",
  reviewer: "Only reviews by this reviewer (user id)",
  team: "Only conversations of this team (id)",
  limit: "Items per page, 1–200 (default 50)",
  cursor: "nextCursor of the previous page",
};

const idParameter = { name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } };

/** Query parameters from a list schema, one per property. */
function queryParameters(listSchema: Parameters<typeof jsonSchemaOf>[0], descriptions: Record<string, string>): unknown[] {
  const schema = jsonSchemaOf(listSchema, "input") as { properties: Record<string, JsonSchema> };
  return Object.entries(schema.properties).map(([name, property]) => ({
    name,
    in: "query",
    required: false,
    description: descriptions[name],
    schema: property,
  }));
}

export function openApiDocument(serverUrl = "/api/v1") {
  return {
    openapi: "3.1.0",
    info: {
      title: "Parley API",
      version: "1.0.0",
      description:
        "Import interactions (calls, chats, emails) into Parley and read them back; read evaluations, acknowledge, comment on and dispute them; list and decide disputes; " +
        "read the quality, criteria and reviewers reports; read coaching plans and sessions. " +
        "Authenticate with an API token " +
        "(Settings → API tokens) as `Authorization: Bearer prl_…`. Every error answers `{ error: { code, message, fields? } }`. " +
        "See docs/api.md for the recording upload flow. The canonical transcript format is the `Transcript` schema below, " +
        `also served on its own at ${TRANSCRIPT_SCHEMA_PATH} (docs/transcript-format.md).`,
    },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }],
    paths: {
      "/uploads": {
        post: {
          operationId: "startUpload",
          summary: "Start a recording upload",
          description:
            "Returns presigned URLs to PUT the recording straight to storage: one `single` PUT for files up to 32 MiB, " +
            "otherwise `multipart` part URLs (keep each part's ETag). Then import the interaction with `recording.uploadId` " +
            "(and `recording.parts` for multipart).",
          requestBody: { required: true, ...json(ref("StartUpload"), "The file to upload") },
          responses: { "201": json(ref("UploadPlan"), "Upload started"), ...errors(400, 401, 403, 413, 415, 422) },
        },
      },
      "/interactions": {
        post: {
          operationId: "importInteraction",
          summary: "Import one interaction",
          requestBody: { required: true, ...json(ref("IngestRequest"), "The interaction; the transcript as file content in any supported format") },
          responses: {
            "201": json(ref("ImportResult"), "Created"),
            "200": json(ref("ImportResult"), "Already imported: the same (source, externalId) exists; nothing was changed"),
            ...errors(400, 401, 403, 413, 415, 422),
          },
        },
        get: {
          operationId: "listInteractions",
          summary: "List interactions the token's user may see, newest first",
          parameters: queryParameters(listQuerySchema, interactionFilters),
          responses: { "200": json(ref("InteractionList"), "One page"), ...errors(401, 422) },
        },
      },
      "/interactions/batch": {
        post: {
          operationId: "importInteractionBatch",
          summary: `Import up to ${MAX_BATCH_ITEMS} interactions`,
          description:
            "Each item is imported on its own: one failing item does not roll back the others. Items may name recordings " +
            "uploaded beforehand (uploadId). The answer is 200 whenever the envelope was valid; read each result's status.",
          requestBody: { required: true, ...json(ref("BatchRequest"), "The interactions") },
          responses: { "200": json(ref("BatchResult"), "One result per item, in order"), ...errors(400, 401, 403, 413, 415, 422) },
        },
      },
      "/interactions/{id}": {
        get: {
          operationId: "getInteraction",
          summary: "One interaction with its transcript and a presigned recording URL",
          parameters: [idParameter],
          responses: { "200": json(ref("InteractionDetail"), "The interaction"), ...errors(401, 404) },
        },
      },
      "/evaluations": {
        get: {
          operationId: "listEvaluations",
          summary: "List the reviews the token's user may see, newest submitted first",
          description:
            "Submitted and void reviews within the token user's scope, as on the pages: an agent sees only their own released ones, " +
            "a supervisor their teams'. Drafts, calibration scores and self-evaluations are not listed.",
          parameters: queryParameters(evaluationListQuerySchema, evaluationFilters),
          responses: { "200": json(ref("EvaluationList"), "One page"), ...errors(401, 422) },
        },
      },
      "/evaluations/{id}": {
        get: {
          operationId: "getEvaluation",
          summary: "One review with its answers, score, revisions, acknowledgement and open dispute",
          description:
            "For an agent's token, the questions hidden from agents are left out with their answers and changes. openDispute is the dispute open on it, scoped as disputes are (an agent's token sees the one on their own review); null when none is open or the token may not see it.",
          parameters: [idParameter],
          responses: { "200": json(ref("EvaluationDetail"), "The evaluation"), ...errors(401, 404) },
        },
      },
      "/evaluations/{id}/acknowledgement": {
        post: {
          operationId: "acknowledgeEvaluation",
          summary: "The agent acknowledges the revision they read",
          description: "Send `currentRevisionId` from the evaluation as `revisionId`. Acknowledging the same revision again changes nothing (200).",
          parameters: [idParameter],
          requestBody: { required: true, ...json(ref("AcknowledgeRequest"), "The revision read and an optional comment") },
          responses: {
            "201": json(ref("AcknowledgeResult"), "Acknowledged"),
            "200": json(ref("AcknowledgeResult"), "This revision was already acknowledged; the first acknowledgement stands"),
            ...errors(400, 401, 403, 404, 409, 415, 422),
          },
        },
      },
      "/evaluations/{id}/comments": {
        post: {
          operationId: "addEvaluationComment",
          summary: "Post a comment in the evaluation's thread",
          description:
            "For the agent (once released to them), the reviewer, the agent's supervisors, QA leads and admins. Plain text; " +
            "everyone else in the thread is notified. Not on a void evaluation (409).",
          parameters: [idParameter],
          requestBody: { required: true, ...json(ref("CommentRequest"), "The comment") },
          responses: { "201": json(ref("CommentResult"), "Posted"), ...errors(400, 401, 404, 409, 413, 415, 422) },
        },
      },
      "/evaluations/{id}/disputes": {
        post: {
          operationId: "raiseDispute",
          summary: "Dispute questions of a released review",
          description:
            "By the agent, or their supervisor on their behalf, within the organisation's window after release. Send `currentRevisionId` " +
            "as `revisionId`, and per question the answer proposed (`{ value }` or `{ na: true }`), one of the organisation's reason codes, " +
            "text and optional evidence (a moment of the recording or a transcript span). One open dispute per evaluation.",
          parameters: [idParameter],
          requestBody: { required: true, ...json(ref("RaiseDisputeRequest"), "The disputed questions") },
          responses: { "201": json(ref("RaiseDisputeResult"), "Raised"), ...errors(400, 401, 403, 404, 409, 413, 415, 422) },
        },
      },
      "/disputes": {
        get: {
          operationId: "listDisputes",
          summary: "List the disputes the token's user may see, oldest due first",
          description:
            "As the disputes queue: QA leads, admins and the arbiter pool see every one in their scope, a QA specialist those of their own " +
            "reviews, a supervisor their teams', an agent their own.",
          parameters: queryParameters(disputeListQuerySchema, disputeFilters),
          responses: { "200": json(ref("DisputeList"), "One page"), ...errors(401, 422) },
        },
      },
      "/disputes/{id}/decision": {
        post: {
          operationId: "decideDispute",
          summary: "Decide a dispute, question by question",
          description:
            "By an arbiter who is neither the original reviewer nor the agent. Every disputed question is kept, its proposal accepted, " +
            "or set to another answer (`answer`), each with a note. An open dispute is taken on the way. When an answer changes, " +
            "the evaluation gets a new revision and score in the same transaction.",
          parameters: [idParameter],
          requestBody: { required: true, ...json(ref("DecideDisputeRequest"), "One decision per disputed question") },
          responses: { "201": json(ref("DecisionResult"), "Decided"), ...errors(400, 401, 403, 404, 409, 413, 415, 422) },
        },
      },
      ...reportPaths({ ref, json, errors, queryParameters }),
      ...coachingPaths({ ref, json, errors, queryParameters }),
      "/schemas/transcript.json": {
        get: {
          operationId: "transcriptSchema",
          summary: "The canonical transcript's JSON Schema",
          description:
            "The format of `transcript` in an interaction's detail, and of canonical JSON transcript files to import " +
            "(`transcript.format: \"canonical\"`). The same schema as `#/components/schemas/Transcript`, as a standalone " +
            "JSON Schema 2020-12 document. Needs no token.",
          security: [],
          responses: {
            "200": { description: "JSON Schema 2020-12 document", content: { "application/schema+json": { schema: { type: "object" } } } },
          },
        },
      },
      "/openapi.json": {
        get: {
          operationId: "openApi",
          summary: "This document",
          security: [],
          responses: { "200": { description: "OpenAPI 3.1 document", content: { "application/json": {} } } },
        },
      },
    },
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "An API token, `prl_…`, from Settings → API tokens" },
      },
      schemas: {
        IngestRequest: jsonSchemaOf(ingestRequestSchema, "input"),
        BatchRequest: { ...jsonSchemaOf(batchRequestSchema, "input"), properties: { interactions: { type: "array", minItems: 1, maxItems: MAX_BATCH_ITEMS, items: ref("IngestRequest") } } },
        StartUpload: jsonSchemaOf(startUploadSchema, "input"),
        UploadPlan: jsonSchemaOf(uploadPlanSchema, "output"),
        ImportResult: jsonSchemaOf(importResultSchema, "output"),
        BatchResult: jsonSchemaOf(batchResultSchema, "output"),
        InteractionList: jsonSchemaOf(interactionListSchema, "output"),
        InteractionDetail: withTranscriptRef(jsonSchemaOf(interactionDetailSchema, "output")),
        Transcript: { ...transcriptJsonSchema(), externalDocs: { description: "The same schema as a standalone document", url: TRANSCRIPT_SCHEMA_PATH } },
        EvaluationList: jsonSchemaOf(evaluationListSchema, "output"),
        EvaluationDetail: jsonSchemaOf(evaluationDetailSchema, "output"),
        AcknowledgeRequest: jsonSchemaOf(acknowledgeRequestSchema, "input"),
        AcknowledgeResult: jsonSchemaOf(acknowledgeResultSchema, "output"),
        CommentRequest: jsonSchemaOf(commentRequestSchema, "input"),
        CommentResult: jsonSchemaOf(commentResultSchema, "output"),
        RaiseDisputeRequest: jsonSchemaOf(raiseDisputeRequestSchema, "input"),
        RaiseDisputeResult: jsonSchemaOf(raiseDisputeResultSchema, "output"),
        DisputeList: jsonSchemaOf(disputeListSchema, "output"),
        DecideDisputeRequest: jsonSchemaOf(decideDisputeRequestSchema, "input"),
        DecisionResult: jsonSchemaOf(decisionResultSchema, "output"),
        ...reportSchemas(),
        ...coachingSchemas(),
        Error: jsonSchemaOf(errorResponseSchema, "output"),
      },
    },
  };
}

/** The detail's `transcript` is the canonical transcript, or null when the interaction has none stored. */
function withTranscriptRef(detail: JsonSchema): JsonSchema {
  const properties = detail.properties as Record<string, JsonSchema>;
  const described = properties.transcript?.description;
  return { ...detail, properties: { ...properties, transcript: { anyOf: [ref("Transcript"), { type: "null" }], description: described } } };
}

/** Method and path of every operation, e.g. "POST /interactions", for tests and docs. */
export function documentedOperations(document = openApiDocument()): string[] {
  return Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
}
