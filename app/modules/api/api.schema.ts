import { z } from "zod";
import { ingestRequestSchema, startUploadSchema } from "../interactions/ingest-request.schema";

/**
 * Request and response shapes of /api/v1, shared by the routes, the OpenAPI document
 * (generated from these with z.toJSONSchema, so it cannot drift) and the tests.
 * The request of one import is the shared `ingestRequestSchema`.
 */

export { ingestRequestSchema, startUploadSchema };

/** Interactions per batch call; a bigger load is several calls (docs/api.md). */
export const MAX_BATCH_ITEMS = 500;

/** The batch envelope. Items are validated one by one, so one bad item fails alone. */
export const batchEnvelopeSchema = z
  .object({
    interactions: z
      .array(z.unknown(), { error: "interactions must be an array of interactions to import" })
      .min(1, "send at least one interaction")
      .max(MAX_BATCH_ITEMS, `send at most ${MAX_BATCH_ITEMS} interactions per call`),
  })
  .strict();

/** The batch body as documented: the envelope of `ingestRequestSchema` items. */
export const batchRequestSchema = z
  .object({ interactions: z.array(ingestRequestSchema).min(1).max(MAX_BATCH_ITEMS) })
  .strict();

const blank = (value: unknown) => (value === "" ? undefined : value);

export const listQuerySchema = z
  .object({
    channel: z.preprocess(blank, z.enum(["call", "chat", "email"]).optional()),
    /** The agent's email or user id. */
    agent: z.preprocess(blank, z.string().trim().min(1).max(254).optional()),
    from: z.preprocess(blank, z.iso.datetime({ offset: true, error: "from must be an ISO 8601 time with a zone" }).optional()),
    to: z.preprocess(blank, z.iso.datetime({ offset: true, error: "to must be an ISO 8601 time with a zone" }).optional()),
    limit: z.preprocess(blank, z.coerce.number().int().min(1).max(200).default(50)),
    cursor: z.preprocess(blank, z.string().max(200).optional()),
  })
  .strict();

export type ListQuery = z.infer<typeof listQuerySchema>;

const fieldErrors = z.record(z.string(), z.string()).describe("One message per field path of the request, e.g. `transcript.content`");

export const errorResponseSchema = z.object({
  error: z.object({
    code: z.enum([
      "bad_request",
      "unauthenticated",
      "forbidden",
      "not_found",
      "method_not_allowed",
      "conflict",
      "payload_too_large",
      "unsupported_media_type",
      "invalid",
      "too_many_requests",
      "unavailable",
      "internal",
    ]),
    message: z.string(),
    fields: fieldErrors.optional(),
  }),
});

export const uploadPlanSchema = z.object({
  uploadId: z.uuid().describe("Send it back as recording.uploadId when importing the interaction"),
  single: z
    .object({
      method: z.literal("PUT"),
      url: z.url(),
      headers: z.record(z.string(), z.string()).describe("Send exactly these headers with the PUT"),
    })
    .optional()
    .describe("Present for files up to 32 MiB: one PUT of the whole file"),
  multipart: z
    .object({
      partSize: z.number().int().describe("Bytes per part; the last part is the remainder"),
      parts: z.array(z.object({ partNumber: z.number().int(), url: z.url() })),
    })
    .optional()
    .describe("Present for larger files: PUT each part (bytes (n-1)*partSize …), keep each answer's ETag header"),
  expiresIn: z.number().int().describe("Seconds the URLs stay valid"),
});

export const importResultSchema = z.object({
  id: z.uuid(),
  status: z.enum(["created", "duplicate"]),
  warnings: z.array(z.string()).optional().describe("What the transcript import skipped or repaired"),
});

export const batchItemResultSchema = z.object({
  index: z.number().int().describe("Position in the request's interactions array"),
  externalId: z.string().nullable(),
  status: z.enum(["created", "duplicate", "failed"]),
  id: z.uuid().optional(),
  warnings: z.array(z.string()).optional(),
  error: errorResponseSchema.shape.error.optional(),
});

export const batchResultSchema = z.object({
  results: z.array(batchItemResultSchema),
  created: z.number().int(),
  duplicates: z.number().int(),
  failed: z.number().int(),
});

export const interactionSummarySchema = z.object({
  id: z.uuid(),
  channel: z.enum(["call", "chat", "email"]),
  source: z.string(),
  externalId: z.string(),
  startedAt: z.iso.datetime({ offset: true }),
  durationMs: z.number().int(),
  direction: z.enum(["inbound", "outbound"]).nullable(),
  queue: z.string().nullable(),
  tags: z.array(z.string()),
  customerName: z.string().nullable(),
  agent: z.object({ id: z.uuid(), name: z.string(), email: z.string() }),
  team: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  status: z.enum(["processing", "ready", "failed"]),
  metadata: z.record(z.string(), z.unknown()),
  csat: z
    .object({ score: z.number().int(), scale: z.string(), percent: z.number().describe("The answer as a percentage of its scale: 0 the lowest answer, 100 the highest") })
    .nullable()
    .describe("The customer's survey answer, from the import's csat field or the metadata key the organisation maps"),
  createdAt: z.iso.datetime({ offset: true }),
});

export const interactionListSchema = z.object({
  items: z.array(interactionSummarySchema),
  nextCursor: z.string().nullable().describe("Pass as ?cursor= for the next (older) page; null on the last page"),
});

export const interactionDetailSchema = interactionSummarySchema.extend({
  failureReason: z.string().nullable(),
  warnings: z
    .array(z.string())
    .describe("What the import and the waveform job noticed: skipped cues, a guessed encoding, audio cut short, a transcript that runs past the recording"),
  metrics: z.object({
    agentTalkMs: z.number().nullable(),
    customerTalkMs: z.number().nullable(),
    silenceRatio: z.number().nullable(),
    longestSilenceMs: z.number().nullable(),
    overtalkMs: z.number().nullable(),
  }),
  recording: z
    .object({
      url: z.url().describe("Presigned GET straight from storage; supports HTTP Range"),
      expiresIn: z.number().int(),
      contentType: z.string().nullable(),
      size: z.number().int().nullable(),
      channels: z.number().int().nullable(),
    })
    .nullable(),
  transcript: z.unknown().describe("The canonical transcript (docs/transcript-format.md), or null when none is stored"),
});

export type UploadPlanJson = z.infer<typeof uploadPlanSchema>;
export type BatchItemResult = z.infer<typeof batchItemResultSchema>;
export type BatchResult = z.infer<typeof batchResultSchema>;
export type InteractionSummaryJson = z.infer<typeof interactionSummarySchema>;
export type InteractionDetailJson = z.infer<typeof interactionDetailSchema>;
