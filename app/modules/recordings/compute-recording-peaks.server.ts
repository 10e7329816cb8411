/**
 * The waveform job's use case: stream the recording out of storage, decode it,
 * compute peaks in one pass and store `interactions/{id}/peaks.json`. Memory
 * stays flat for WAV and the compressed formats alike: only one chunk of audio
 * is alive at a time, plus the peaks themselves (≈ 2 numbers × channels × rate
 * per second of audio).
 *
 * Failures: UnsupportedRecordingError / RecordingDecodeError are permanent
 * (don't retry, mark the interaction's waveform as failed and show the
 * message); StorageError is transient (let the job library retry).
 */
import { peaksKey as buildPeaksKey } from "../../../storage/keys";
import type { BlobStore } from "../../../storage/types";
import { PeaksAccumulator, type PeaksJson } from "./compute-peaks";
import { openAudioDecodeStream } from "./decode-audio.server";
import type { AudioKind } from "./detect-audio-type";
import { RecordingDecodeError } from "./errors";
import { overviewOfPeaks, type WaveformOverview } from "./waveform-overview";

export interface ComputeRecordingPeaksInput {
  interactionId: string;
  recordingKey: string;
  /**
   * The Content-Type the recording was stored with. Advisory only: the bytes
   * decide. A disagreement is reported in the result, not fatal.
   */
  contentType?: string | null;
  /** Peaks per second per channel (default 100). */
  rate?: number;
}

export interface ComputeRecordingPeaksResult {
  peaksKey: string;
  durationMs: number;
  channels: number;
  sampleRate: number;
  /** What the bytes turned out to be, and the Content-Type that goes with it. */
  kind: AudioKind;
  contentType: string;
  /** True when `input.contentType` named a different format than the bytes. */
  contentTypeMismatch: boolean;
  /** Damaged frames the decoder skipped (compressed formats only). */
  decodeErrors: number;
  /** What a person should know about the audio (a WAV cut short), for the interaction's page. */
  warnings: string[];
  peaksBytes: number;
  /** The small picture pages draw first (waveform-overview.ts). */
  overview: WaveformOverview;
}

export async function computeRecordingPeaks(
  store: Pick<BlobStore, "getStream" | "put">,
  input: ComputeRecordingPeaksInput,
): Promise<ComputeRecordingPeaksResult> {
  const key = buildPeaksKey(input.interactionId);
  const { peaks, detected, decodeErrors, warnings } = await peaksOfObject(store, input.recordingKey, input.rate);

  const body = JSON.stringify(peaks);
  await store.put(key, body, {
    contentType: "application/json",
    metadata: { "peaks-version": String(peaks.version), "peaks-rate": String(peaks.rate) },
  });

  return {
    peaksKey: key,
    durationMs: peaks.durationMs,
    channels: peaks.channels.length,
    sampleRate: peaks.sampleRate,
    kind: detected.kind,
    contentType: detected.contentType,
    contentTypeMismatch: isMismatch(input.contentType, detected.contentType),
    decodeErrors,
    warnings,
    peaksBytes: Buffer.byteLength(body),
    overview: overviewOfPeaks(peaks),
  };
}

/** Streams one stored recording through the decoder into a PeaksAccumulator. */
export async function peaksOfObject(store: Pick<BlobStore, "getStream">, recordingKey: string, rate?: number) {
  const accumulator = new PeaksAccumulator(rate === undefined ? {} : { rate });
  const stream = await store.getStream(recordingKey);
  try {
    const decoding = await openAudioDecodeStream(stream);
    for await (const chunk of decoding.chunks) accumulator.push(chunk);
    if (accumulator.framesSeen === 0) throw new RecordingDecodeError("empty", "it contains no audio");
    return {
      peaks: accumulator.finish() satisfies PeaksJson,
      detected: decoding.detected,
      decodeErrors: decoding.stats.decodeErrors,
      warnings: decoding.stats.warnings,
    };
  } catch (error) {
    throw asDecodeError(error);
  } finally {
    stream.destroy();
  }
}

/** The accumulator's RangeErrors (format change mid-stream, odd sample rate) are content problems too. */
function asDecodeError(error: unknown): unknown {
  if (error instanceof RangeError) return new RecordingDecodeError("corrupt", error.message);
  return error;
}

const CONTENT_TYPE_ALIASES: Record<string, string> = {
  "audio/wave": "audio/wav",
  "audio/x-wav": "audio/wav",
  "audio/vnd.wave": "audio/wav",
  "audio/mp3": "audio/mpeg",
  "audio/x-flac": "audio/flac",
  "audio/opus": "audio/ogg",
  "application/ogg": "audio/ogg",
};

function isMismatch(declared: string | null | undefined, detected: string): boolean {
  if (!declared) return false;
  const base = declared.split(";")[0]?.trim().toLowerCase() ?? "";
  if (base === "" || base === "application/octet-stream") return false;
  return (CONTENT_TYPE_ALIASES[base] ?? base) !== detected;
}
