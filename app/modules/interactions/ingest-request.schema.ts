import { z } from "zod";
import { textEncodings } from "../transcripts/text";
import { transcriptFormats } from "../transcripts/types";
import { MAX_CALL_MS } from "../transcripts/transcript";
import { csatFieldSchema } from "./csat";

/**
 * Base64 as `base64` prints it (line breaks allowed). Checked character by character
 * rather than with a regular expression, which would backtrack over a 60 MB string.
 */
export function isBase64(value: string): boolean {
  const compact = value.replace(/\s+/g, "");
  if (compact.length % 4 !== 0) return false;
  const padding = compact.endsWith("==") ? 2 : compact.endsWith("=") ? 1 : 0;
  for (let i = 0; i < compact.length - padding; i++) {
    const code = compact.charCodeAt(i);
    const letterOrDigit = (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
    if (!letterOrDigit && code !== 43 && code !== 47) return false;
  }
  return true;
}

/** In the JSON Schema: a value trimmed before its length is checked must hold more than white space. */
const notBlank = { pattern: "\\S" };

const base64Schema = z
  .string()
  .min(1, "the transcript is empty")
  .refine(isBase64, { message: "contentBase64 must be the file's bytes in standard base64 (RFC 4648, with = padding)" });

/**
 * One description of "an interaction to import", shared by the REST API (JSON), the
 * upload page (its form fields mapped by `toIngestRequest`) and the bulk importer
 * (manifest rows). The API validates exactly this, and its OpenAPI document is
 * generated from it: no value is coerced from another type. The transcript is
 * given as file content in any supported format — as text, or as base64 bytes
 * with their encoding; the recording, when there is one, was uploaded beforehand
 * and is named by its upload id.
 */
export const ingestRequestSchema = z
  .object({
    source: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9._:-]+$/, "use letters, digits, . _ : -")
      .default("upload")
      .meta({ description: "The system the interaction comes from; with externalId it identifies the interaction" }),
    externalId: z.string({ error: "externalId is required: the interaction's id in the source system" }).trim().min(1).max(200).meta(notBlank),
    agent: z
      .string({ error: "agent is required: the agent's email or user id" })
      .trim()
      .min(1, "agent is required: the agent's email or user id")
      .max(254)
      .meta(notBlank),
    startedAt: z.iso.datetime({ offset: true, error: "startedAt must be an ISO 8601 time with a zone, e.g. 2026-03-01T09:30:00Z" }),
    durationMs: z
      .number({ error: "durationMs must be a whole number of milliseconds, e.g. 93000" })
      .int("durationMs must be a whole number of milliseconds, e.g. 93000")
      .min(0)
      .max(MAX_CALL_MS, "durationMs is at most 86400000 (24 hours)")
      .nullish()
      .meta({
        description:
          "Length in milliseconds. Left out: a call's comes from its recording (or the end of its transcript), a chat's from its first to its last message",
      }),
    direction: z.enum(["inbound", "outbound"]).nullish(),
    queue: z.string().trim().min(1).max(100).meta(notBlank).nullish(),
    tags: z
      .array(z.string().trim().min(1).max(50).meta(notBlank), { error: 'tags must be an array of strings, e.g. ["billing"]' })
      .max(50)
      .default([]),
    metadata: z.record(z.string(), z.unknown()).default({}),
    csat: csatFieldSchema.optional(),
    customerName: z.string().trim().min(1).max(200).meta(notBlank).nullish(),
    transcript: z
      .object({
        fileName: z.string().trim().min(1).max(255).meta(notBlank).default("transcript.json"),
        content: z
          .string()
          .min(1, "the transcript is empty")
          .optional()
          .meta({ description: "The file's text (JSON, VTT, SRT, CSV…). Give either content or contentBase64" }),
        contentBase64: base64Schema.optional().meta({
          description: "The file's bytes, base64-encoded: for files that are not UTF-8 (UTF-16, Windows-1252). Give either content or contentBase64",
          contentEncoding: "base64",
        }),
        encoding: z.enum(textEncodings).optional().meta({
          description: "The character encoding of contentBase64; detected when left out (UTF-8, UTF-16 with or without a byte-order mark, else Windows-1252)",
        }),
        format: z.enum(transcriptFormats).optional().meta({ description: "Skip detection and read the file as this format" }),
        /** Source speaker label or channel → role, when the default guess is wrong. */
        speakerRoles: z.record(z.string(), z.enum(["agent", "customer"])).optional(),
        channel: z.enum(["chat", "email"]).optional(),
      })
      .strict()
      .superRefine((transcript, ctx) => {
        const given = [transcript.content, transcript.contentBase64].filter((value) => value !== undefined).length;
        if (given === 0) ctx.addIssue({ code: "custom", path: ["content"], message: "give the file's text as content, or its bytes as contentBase64" });
        if (given === 2) ctx.addIssue({ code: "custom", path: ["contentBase64"], message: "give content or contentBase64, not both" });
        if (transcript.encoding && transcript.contentBase64 === undefined) {
          ctx.addIssue({ code: "custom", path: ["encoding"], message: "encoding describes contentBase64; text content is already decoded" });
        }
      })
      // The same rules for the JSON Schema, which cannot run the refinement above.
      .meta({ oneOf: [{ required: ["content"] }, { required: ["contentBase64"] }], dependentRequired: { encoding: ["contentBase64"] } }),
    recording: z
      .object({
        uploadId: z.uuid({ error: "recording.uploadId must be the id returned when the upload was started" }),
        parts: z.array(z.object({ partNumber: z.number().int().min(1).max(10_000), etag: z.string().min(1) })).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type IngestRequest = z.infer<typeof ingestRequestSchema>;

export const startUploadSchema = z.object({
  fileName: z.string().trim().min(1).max(255),
  contentType: z.string().trim().max(100).default(""),
  size: z.coerce.number().int().positive("the file is empty"),
});
