import { z } from "zod";
import { transcriptFormats } from "./importers/types";

const blank = (value: unknown) => (value === "" || value === null ? undefined : value);

/**
 * One description of "an interaction to import", shared by the REST API (JSON), the
 * upload page (form fields) and the bulk importer (manifest rows). The transcript is
 * given as file content in any supported format; the recording, when there is one,
 * was uploaded beforehand and is named by its upload id.
 */
export const ingestRequestSchema = z
  .object({
    source: z.preprocess(blank, z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9._:-]+$/, "use letters, digits, . _ : -").default("upload")),
    externalId: z.string({ error: "externalId is required: the interaction's id in the source system" }).trim().min(1).max(200),
    agent: z.preprocess(blank, z.string({ error: "agent is required: the agent's email or user id" }).trim().min(1).max(254)),
    startedAt: z.iso.datetime({ offset: true, error: "startedAt must be an ISO 8601 time with a zone, e.g. 2026-03-01T09:30:00Z" }),
    durationMs: z.preprocess(blank, z.coerce.number().int().min(0).max(24 * 3600 * 1000).optional()),
    direction: z.preprocess(blank, z.enum(["inbound", "outbound"]).optional()),
    queue: z.preprocess(blank, z.string().trim().max(100).optional()),
    tags: z
      .preprocess(
        (value) => (typeof value === "string" ? value.split(",").map((tag) => tag.trim()).filter(Boolean) : value),
        z.array(z.string().trim().min(1).max(50)).max(50),
      )
      .default([]),
    metadata: z.record(z.string(), z.unknown()).default({}),
    customerName: z.preprocess(blank, z.string().trim().max(200).optional()),
    transcript: z.object({
      fileName: z.string().trim().min(1).max(255).default("transcript.json"),
      /** The file's text (JSON, VTT, SRT, CSV…). */
      content: z.string().min(1, "the transcript is empty"),
      format: z.enum(transcriptFormats).optional(),
      /** Source speaker label or channel → role, when the default guess is wrong. */
      speakerRoles: z.record(z.string(), z.enum(["agent", "customer"])).optional(),
      channel: z.enum(["chat", "email"]).optional(),
    }),
    recording: z
      .object({
        uploadId: z.uuid({ error: "recording.uploadId must be the id returned when the upload was started" }),
        parts: z.array(z.object({ partNumber: z.number().int().min(1).max(10_000), etag: z.string().min(1) })).optional(),
      })
      .optional(),
  })
  .strict();

export type IngestRequest = z.infer<typeof ingestRequestSchema>;

export const startUploadSchema = z.object({
  fileName: z.string().trim().min(1).max(255),
  contentType: z.string().trim().max(100).default(""),
  size: z.coerce.number().int().positive("the file is empty"),
});
