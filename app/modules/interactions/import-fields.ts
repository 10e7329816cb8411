/**
 * The upload page's form contract, shared by the page (browser) and its action
 * (server): the intents the action accepts, what each answers, and how the form's
 * fields become the one `ingestRequestSchema` request the API and bulk import use.
 * Pure: no I/O, so it is tested without a server.
 */
import { z } from "zod";
import { ingestRequestSchema, startUploadSchema, type IngestRequest } from "./ingest-request.schema";
import type { TranscriptFormat } from "../transcripts/types";
import type { SpeakerRole } from "../transcripts/transcript";
import { type ErrorCode, fieldErrorsOf } from "../../lib/errors";
import { parseLocalDateTime } from "../../lib/time";

/** Every intent the page posts to `/import`, in one discriminated union. */
export const importActionSchema = z.discriminatedUnion("intent", [
  /** Parse the chosen transcript file (sent as the `transcript` file field) and describe it. */
  z.object({ intent: z.literal("preview"), startedAt: z.string().default("") }),
  /**
   * Presigned URLs for a browser → storage upload of the recording. An empty file is
   * let through to the use case, whose refusal names the file and the recording field.
   */
  startUploadSchema.extend({ intent: z.literal("start-upload"), size: z.coerce.number().int().min(0) }),
  /** Drop an upload the person replaced with another file, instead of waiting for the sweep. */
  z.object({ intent: z.literal("discard-upload"), uploadId: z.uuid() }),
  /** The import itself: form fields as typed; `toIngestRequest` checks and maps them. */
  z.object({
    intent: z.literal("import"),
    agent: z.string().default(""),
    startedAt: z.string().default(""),
    externalId: z.string().default(""),
    queue: z.string().default(""),
    direction: z.string().default(""),
    tags: z.string().default(""),
    customerName: z.string().default(""),
    /** JSON `{ label: role }` from the speaker table. */
    speakerRoles: z.string().default(""),
    recordingUploadId: z.string().default(""),
    /** JSON `[{ partNumber, etag }]` of a finished multipart upload. */
    recordingParts: z.string().default(""),
  }),
]);

export type ImportFields = Extract<z.infer<typeof importActionSchema>, { intent: "import" }>;

export interface PreviewSpeaker {
  label: string;
  name: string | null;
  guessedRole: SpeakerRole;
  segments: number;
}

export type PreviewResult =
  | {
      intent: "preview";
      ok: true;
      fileName: string;
      format: TranscriptFormat;
      formatLabel: string;
      channel: "call" | "chat" | "email";
      segments: number;
      speakers: PreviewSpeaker[];
      warnings: string[];
    }
  /** `code`: the refusal's (app/lib/errors.ts); absent when the server could not be reached. */
  | { intent: "preview"; ok: false; code?: ErrorCode; message: string };

export interface StartedUpload {
  intent: "start-upload";
  ok: true;
  plan: {
    uploadId: string;
    single?: { method: "PUT"; url: string; headers: Record<string, string> };
    multipart?: { partSize: number; parts: { partNumber: number; url: string }[] };
  };
}

export interface ImportDuplicate {
  intent: "import";
  ok: true;
  duplicate: { id: string; externalId: string };
}

/** A refused post: the message, one message per form field, and what was typed. */
export interface ImportFailure {
  ok: false;
  intent?: "import" | "start-upload" | "discard-upload";
  /** The refusal's code (app/lib/errors.ts); absent when the server could not be reached. */
  code?: ErrorCode;
  message: string;
  fieldErrors: Record<string, string>;
  values: Record<string, string>;
  /** For a failed import with a recording: whether the uploaded file is still there to retry with. */
  uploadKept?: boolean;
  /** Set by the page when the server could not be reached at all. */
  network?: boolean;
}

export type ImportActionData = PreviewResult | StartedUpload | ImportDuplicate | { intent: "discard-upload"; ok: true } | ImportFailure;

export function isImportFailure(answer: ImportActionData | null | undefined): answer is ImportFailure {
  return answer != null && !answer.ok && "fieldErrors" in answer;
}

/**
 * The external id a file name suggests: its base name without the extension
 * ("C:\calls\4711-2026-03-01.wav" → "4711-2026-03-01").
 */
export function deriveExternalId(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? "";
  const stem = base.includes(".") && !base.startsWith(".") ? base.slice(0, base.lastIndexOf(".")) : base;
  return stem.replace(/\s+/g, " ").trim().slice(0, 200);
}

/** The form field that shows a message for a request path or a use case's field name. */
export function formFieldFor(path: string): string {
  const head = path.split(".")[0] ?? path;
  if (path.startsWith("transcript.speakerRoles")) return "speakerRoles";
  if (head === "transcript") return "transcript";
  if (head === "recording" || head === "uploadId") return "recording";
  if (head === "agentId") return "agent";
  return head || "form";
}

const friendly = {
  agent: "Choose the agent who handled the conversation",
  externalId: "Enter the conversation's id in your phone or chat system",
  transcript: "Choose the transcript or chat file",
} as const;

const partsSchema = z.array(z.object({ partNumber: z.number().int().min(1), etag: z.string().min(1) }));
const rolesSchema = z.record(z.string(), z.enum(["agent", "customer"]));

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The form's fields (as typed) plus the transcript file's text → an `ingestRequestSchema`
 * request, or one message per form field. The started-at time is read in the
 * organisation's time zone.
 */
export function toIngestRequest(
  fields: ImportFields,
  transcript: { fileName: string; content: string } | null,
  timeZone: string,
): { ok: true; request: IngestRequest } | { ok: false; fieldErrors: Record<string, string> } {
  const fieldErrors: Record<string, string> = {};
  if (!fields.agent.trim()) fieldErrors.agent = friendly.agent;
  if (!fields.externalId.trim()) fieldErrors.externalId = friendly.externalId;
  if (!transcript) fieldErrors.transcript = friendly.transcript;
  // A time the clocks skipped is refused with the jump named (decision 0017), not guessed.
  const typed = fields.startedAt.trim() ? parseLocalDateTime(fields.startedAt, timeZone) : null;
  const startedAt = typed?.ok ? typed.instant.toISOString() : null;
  if (!typed || (!typed.ok && typed.reason === "invalid")) fieldErrors.startedAt = "Enter the date and time the conversation started";
  else if (!typed.ok) fieldErrors.startedAt = typed.message;

  const roles = fields.speakerRoles.trim() ? rolesSchema.safeParse(parseJson(fields.speakerRoles)) : null;
  if (roles && !roles.success) fieldErrors.speakerRoles = "The speaker roles could not be read; choose them again";
  const uploadId = fields.recordingUploadId.trim();
  const parts = fields.recordingParts.trim() ? partsSchema.safeParse(parseJson(fields.recordingParts)) : null;
  if (parts && !parts.success) fieldErrors.recording = "The uploaded parts could not be read; upload the recording again";

  const candidate = {
    externalId: fields.externalId,
    agent: fields.agent,
    startedAt: startedAt ?? "",
    // The form sends "" for what was left empty and tags as one comma-separated line;
    // the request, as the API's, has no empty strings and a list of tags.
    direction: fields.direction.trim() || undefined,
    queue: fields.queue.trim() || undefined,
    tags: fields.tags.split(",").map((tag) => tag.trim()).filter(Boolean),
    customerName: fields.customerName.trim() || undefined,
    transcript: {
      fileName: transcript?.fileName || "transcript.txt",
      content: transcript?.content ?? "",
      ...(roles?.success && Object.keys(roles.data).length > 0 ? { speakerRoles: roles.data } : {}),
    },
    ...(uploadId ? { recording: { uploadId, ...(parts?.success ? { parts: parts.data } : {}) } } : {}),
  };
  const parsed = ingestRequestSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const [field, message] of Object.entries(fieldErrorsOf(parsed.error.issues, { field: formFieldFor }))) fieldErrors[field] ??= message;
  }
  if (Object.keys(fieldErrors).length > 0 || !parsed.success) return { ok: false, fieldErrors };
  return { ok: true, request: parsed.data };
}
