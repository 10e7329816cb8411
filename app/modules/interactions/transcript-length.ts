/**
 * Whether a call's transcript fits the length it was given: by the recording (the
 * waveform job, which knows it exactly) or by the request's durationMs. Pure.
 */
import { formatDuration } from "../../lib/format";

/**
 * Transcripts are timed by another system than the recorder: cues that end a second
 * or two after the audio are normal; past this, turns exist that cannot be played.
 */
export const OVERRUN_TOLERANCE_MS = 5_000;

export function recordingOverrunWarning(transcriptEndMs: number, recordingMs: number): string | null {
  if (transcriptEndMs <= recordingMs + OVERRUN_TOLERANCE_MS) return null;
  return (
    `The transcript runs to ${formatDuration(transcriptEndMs)}, past the end of the recording (${formatDuration(recordingMs)}): ` +
    `turns after ${formatDuration(recordingMs)} cannot be played. Check that the transcript belongs to this recording.`
  );
}

export function durationOverrunWarning(transcriptEndMs: number, durationMs: number): string | null {
  if (transcriptEndMs <= durationMs + OVERRUN_TOLERANCE_MS) return null;
  return (
    `durationMs is ${durationMs} ms (${formatDuration(durationMs)}), but the transcript runs to ${formatDuration(transcriptEndMs)}; ` +
    "the duration given was kept. durationMs is in milliseconds."
  );
}
