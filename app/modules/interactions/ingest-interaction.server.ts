import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import { interactionPrefix, recordingKey, recordingKeyExtension, sourceKey, transcriptKey } from "../../../storage/keys";
import type { Database } from "../../lib/db.server";
import { DomainError } from "../../lib/errors";
import { enqueueJob } from "../../lib/jobs.server";
import { isUniqueViolation } from "../../lib/pg-errors";
import type { BlobStore } from "../../lib/storage.server";
import { claimRecordingUpload, discardUpload, type ClaimedUpload } from "./recording-upload.server";
import { computeTalkMetrics } from "./talk-metrics";
import { transcriptPlainText, type Transcript } from "../transcripts/transcript";
import { detectAudioType, SNIFF_BYTES } from "../recordings/detect-audio-type";
import { OGG_TAIL_BYTES } from "../recordings/compressed-duration";
import { headerDurationMs } from "../recordings/header-duration";
import { csatFromMetadata, type Csat } from "./csat";
import { getCsatMapping } from "../organisation/get-organisation-settings.server";
import { sniffRecordingStream, verifyRecordingObject, type VerifiedRecording } from "./verify-recording.server";

/**
 * A recording given with the request (seed, bulk import), uploaded beforehand (page, API), or
 * the same bytes as a recording another interaction already stored (`copyOf`, its key): the
 * demo seed reuses a few recordings under many conversations, and storage copies them server-
 * side instead of receiving every byte again. Never from a request: only Parley's own code
 * passes a stored key.
 */
export type RecordingInput =
  | { body: Buffer | Readable; size?: number }
  | { uploadId: string; uploadedBy: string; parts?: { partNumber: number; etag: string }[] }
  | { copyOf: string };

export interface IngestInput {
  source: string;
  externalId: string;
  agentId: string;
  startedAt: Date;
  /** Calls may leave it 0: the waveform job fills it from the audio. */
  durationMs: number;
  direction?: "inbound" | "outbound" | null;
  queue?: string | null;
  tags?: string[];
  metadata?: Record<string, unknown>;
  /** The customer's survey answer, given with the import; without it, the metadata key the organisation maps is read. */
  csat?: Csat | null;
  customerName?: string | null;
  transcript: Transcript;
  /** What the transcript import skipped or guessed, kept with the interaction and shown on its page. */
  warnings?: string[];
  /** The transcript file as it was uploaded, kept under source/ for re-parsing. */
  sourceFile?: { name: string; body: Buffer; contentType: string };
  recording?: RecordingInput;
}

export type IngestResult =
  | {
      status: "created";
      id: string;
      /** The recording's length by its header (WAV, FLAC), known before the waveform job decodes it; else null. */
      recordingHeaderMs?: number | null;
    }
  | { status: "duplicate"; id: string };

/**
 * The one ingest use case (upload page, API, bulk import and demo seed all call it).
 * Order matters for consistency (docs/architecture.md "Storage layout"): a storage intent is
 * committed first (by the upload start, or here), then the objects are written and
 * verified, then the row, the removal of the intent and the waveform job commit
 * together. A crash at any point leaves either a complete interaction or an intent
 * whose objects the sweep job deletes.
 */
export async function ingestInteraction(db: Database, store: BlobStore, input: IngestInput): Promise<IngestResult> {
  // Checked before anything is written: a survey answer that does not fit its scale refuses the import.
  const csat = await resolveCsat(db, input);
  const upload = input.recording && "uploadId" in input.recording ? await claimRecordingUpload(db, input.recording) : null;

  const existing = await findBySourceId(db, input.source, input.externalId);
  if (existing) {
    if (upload) await discardUpload(db, store, upload);
    return { status: "duplicate", id: existing };
  }
  const agent = await loadAgent(db, input.agentId).catch(async (error: unknown) => {
    if (upload) await discardUpload(db, store, upload);
    throw error;
  });

  const id = upload?.interactionId ?? randomUUID();
  const prefix = interactionPrefix(id);
  if (!upload) await db.insertInto("storage_intents").values({ prefix, interaction_id: id }).execute();

  try {
    const recording = await storeRecording(store, id, input.recording, upload);
    const keys = await writeTranscriptObjects(store, id, input);
    const durationMs = input.durationMs;
    const metrics = input.transcript.channel === "call" ? computeTalkMetrics(input.transcript, durationMs) : null;

    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto("interactions")
        .values({
          id,
          channel: input.transcript.channel,
          source: input.source,
          external_id: input.externalId,
          agent_id: agent.id,
          team_id: agent.teamId,
          started_at: input.startedAt,
          duration_ms: durationMs,
          direction: input.direction ?? null,
          queue: input.queue ?? null,
          tags: input.tags ?? [],
          metadata: JSON.stringify(input.metadata ?? {}),
          csat_score: csat?.score ?? null,
          csat_scale: csat?.scale ?? null,
          csat_source: csat?.source ?? null,
          customer_name: input.customerName ?? null,
          recording_key: recording?.key ?? null,
          recording_content_type: recording?.contentType ?? null,
          recording_size: recording?.size ?? null,
          recording_channels: recording?.channels ?? null,
          transcript_key: keys.transcript,
          source_key: keys.source,
          // A recording needs its waveform before it can be reviewed; text is ready at once.
          status: recording ? "processing" : "ready",
          agent_talk_ms: metrics?.agentTalkMs ?? null,
          customer_talk_ms: metrics?.customerTalkMs ?? null,
          silence_ratio: metrics?.silenceRatio ?? null,
          longest_silence_ms: metrics?.longestSilenceMs ?? null,
          overtalk_ms: metrics?.overtalkMs ?? null,
          transcript_text: transcriptPlainText(input.transcript),
          import_warnings: input.warnings ?? [],
        })
        .execute();
      // An ingest slower than the sweep's grace period may have lost its objects: then the
      // intent is gone too, and committing the row would point at nothing.
      const intent = await trx.deleteFrom("storage_intents").where("prefix", "=", prefix).returning("id").executeTakeFirst();
      if (!intent) throw new Error(`the upload for ${id} expired before it was recorded; import it again`);
      if (recording) await enqueueJob(trx, "compute_peaks", { interactionId: id }, { jobKey: `peaks:${id}` });
    });
    return { status: "created", id, recordingHeaderMs: recording?.headerDurationMs ?? null };
  } catch (error) {
    await discardObjects(db, store, prefix);
    // Two imports of the same id racing: the loser reports a duplicate, not an error.
    const winner = isUniqueViolation(error) ? await findBySourceId(db, input.source, input.externalId) : null;
    if (winner) return { status: "duplicate", id: winner };
    throw error;
  }
}

/**
 * The import's `csat` field wins; otherwise the metadata key the organisation maps now (a changed
 * mapping applies to later imports; `rollups rebuild` re-reads the earlier ones).
 */
async function resolveCsat(db: Database, input: IngestInput): Promise<(Csat & { source: "field" | "metadata" }) | null> {
  if (input.csat) return { ...input.csat, source: "field" };
  const found = csatFromMetadata(input.metadata ?? {}, await getCsatMapping(db));
  if (found.kind === "invalid") throw new DomainError("invalid", found.message, { metadata: found.message });
  return found.kind === "score" ? { ...found.csat, source: "metadata" } : null;
}

async function loadAgent(db: Database, agentId: string): Promise<{ id: string; teamId: string | null }> {
  const agent = await db
    .selectFrom("users")
    .leftJoin("team_members", (join) => join.onRef("team_members.user_id", "=", "users.id").on("team_members.kind", "=", "agent"))
    .select(["users.id", "users.role", "team_members.team_id"])
    .where("users.id", "=", agentId)
    .executeTakeFirst();
  if (!agent || agent.role !== "agent") {
    throw new DomainError("invalid", "The interaction's agent is not an agent account.", { agentId: "Unknown agent" });
  }
  return { id: agent.id, teamId: agent.team_id };
}

/** Writes (or, for an upload, completes) the recording, then checks the stored bytes are audio. */
async function storeRecording(
  store: BlobStore,
  id: string,
  recording: RecordingInput | undefined,
  upload: ClaimedUpload | null,
): Promise<VerifiedRecording | null> {
  if (!recording) return null;
  if (upload) {
    const parts = "parts" in recording ? recording.parts : undefined;
    if (upload.multipartUploadId) {
      if (!parts?.length) throw new DomainError("invalid", "The multipart upload's parts are missing; send each part's number and ETag.");
      await store.completeMultipartUpload(upload.key, upload.multipartUploadId, parts);
    }
    return verifyRecordingObject(store, upload.key, upload.size);
  }
  if ("copyOf" in recording) {
    const key = recordingKey(id, recordingKeyExtension(recording.copyOf));
    await store.copy(recording.copyOf, key);
    // Checked as an upload is: the copy exists and its first bytes are audio.
    return verifyRecordingObject(store, key);
  }
  if (!("body" in recording)) return null;
  // The bytes decide the type (and the key's extension), never the file name.
  if (Buffer.isBuffer(recording.body)) {
    const head = recording.body.subarray(0, SNIFF_BYTES);
    const audio = detectAudioType(head);
    const key = recordingKey(id, audio.ext);
    await store.put(key, recording.body, { contentType: audio.contentType });
    const headerMs = headerDurationMs(head, recording.body.length, audio, recording.body.subarray(-OGG_TAIL_BYTES));
    return { key, size: recording.body.length, contentType: audio.contentType, channels: audio.channels ?? null, headerDurationMs: headerMs };
  }
  const { audio, stream } = await sniffRecordingStream(recording.body);
  const key = recordingKey(id, audio.ext);
  const { size } = await store.putStream(key, stream, { contentType: audio.contentType, contentLength: recording.size });
  return { key, size, contentType: audio.contentType, channels: audio.channels ?? null };
}

async function writeTranscriptObjects(store: BlobStore, id: string, input: IngestInput) {
  const transcript = transcriptKey(id);
  await store.put(transcript, JSON.stringify(input.transcript), { contentType: "application/json" });
  let source: string | null = null;
  if (input.sourceFile) {
    source = sourceKey(id, input.sourceFile.name);
    await store.put(source, input.sourceFile.body, { contentType: input.sourceFile.contentType });
  }
  return { transcript, source };
}

/** Best effort: on failure the intent stays and the sweep job finishes the clean-up. */
async function discardObjects(db: Database, store: BlobStore, prefix: string): Promise<void> {
  try {
    await store.deletePrefix(prefix);
    await db.deleteFrom("storage_intents").where("prefix", "=", prefix).execute();
  } catch {
    // left for sweepOrphanObjects
  }
}

async function findBySourceId(db: Database, source: string, externalId: string): Promise<string | null> {
  const row = await db
    .selectFrom("interactions")
    .select("id")
    .where("source", "=", source)
    .where("external_id", "=", externalId)
    .executeTakeFirst();
  return row?.id ?? null;
}
