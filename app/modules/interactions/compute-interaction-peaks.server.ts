import type { Database } from "../../lib/db.server";
import type { BlobStore } from "../../lib/storage.server";
import { computeRecordingPeaks } from "../recordings/compute-recording-peaks.server";
import { callEndMs, transcriptSchema } from "../transcripts/transcript";
import { recordingOverrunWarning } from "./transcript-length";

/** About 36,000 peaks per channel at most: an hour at 10/s, a six-minute call at 100/s. */
const PEAKS_BUDGET = 36_000;

export function peaksRateFor(durationMs: number): number {
  if (durationMs <= 0) return 50;
  return Math.max(10, Math.min(100, Math.floor((PEAKS_BUDGET * 1000) / durationMs)));
}

export type PeaksOutcome = "ready" | "failed" | "skipped";

/**
 * The waveform job: decodes the stored recording once, writes peaks.json and marks
 * the interaction ready, taking the duration from the audio itself, and keeps what a
 * reviewer should know with it: audio cut short, a transcript that runs past it. A recording
 * that cannot be decoded marks the interaction failed with the reason (shown on the
 * page, retryable); storage or database trouble is thrown so the queue retries.
 */
export async function computeInteractionPeaks(
  db: Database,
  store: BlobStore,
  interactionId: string,
  { lastAttempt = false }: { lastAttempt?: boolean } = {},
): Promise<PeaksOutcome> {
  const row = await db
    .selectFrom("interactions")
    .select(["id", "recording_key", "recording_content_type", "duration_ms", "transcript_key"])
    .where("id", "=", interactionId)
    .executeTakeFirst();
  if (!row?.recording_key) return "skipped";

  try {
    const result = await computeRecordingPeaks(store, {
      interactionId,
      recordingKey: row.recording_key,
      contentType: row.recording_content_type,
      rate: peaksRateFor(row.duration_ms),
    });
    const overrun = recordingOverrunWarning(await transcriptEndMs(store, row.transcript_key), result.durationMs);
    await db
      .updateTable("interactions")
      .set({
        status: "ready",
        processing_warnings: [...result.warnings, ...(overrun ? [overrun] : [])],
        failure_reason: null,
        peaks_key: result.peaksKey,
        duration_ms: result.durationMs,
        recording_channels: result.channels,
        recording_content_type: result.contentType,
        waveform_overview: JSON.stringify(result.overview),
        updated_at: new Date(),
      })
      .where("id", "=", interactionId)
      .execute();
    return "ready";
  } catch (error) {
    const permanent = typeof error === "object" && error !== null && (error as { permanent?: unknown }).permanent === true;
    if (!permanent && !lastAttempt) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    await markFailed(db, interactionId, permanent ? reason : `The waveform could not be computed after several attempts: ${reason}`);
    return "failed";
  }
}

/** Where the call's transcript ends (0 when there is none to compare). */
async function transcriptEndMs(store: BlobStore, key: string | null): Promise<number> {
  if (!key) return 0;
  const transcript = transcriptSchema.parse(await store.getJson(key));
  return transcript.channel === "call" ? callEndMs(transcript) : 0;
}

async function markFailed(db: Database, interactionId: string, reason: string): Promise<void> {
  await db
    .updateTable("interactions")
    .set({ status: "failed", failure_reason: reason.slice(0, 500), processing_warnings: [], updated_at: new Date() })
    .where("id", "=", interactionId)
    .execute();
}
