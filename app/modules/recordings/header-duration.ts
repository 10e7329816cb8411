/**
 * How long a recording is by its header alone, before anything is decoded: WAV from
 * its data chunk (as far as the file holds it) and format, FLAC from STREAMINFO, MP3 from
 * its first frames and Ogg from its last page (compressed-duration.ts). Null when the bytes
 * do not tell; the waveform job knows every recording's length exactly once it has decoded
 * it. `tail` is the file's last OGG_TAIL_BYTES (or all of it), needed for Ogg only. Pure.
 */
import { mp3DurationMs, oggDurationMs } from "./compressed-duration";
import type { DetectedAudio } from "./detect-audio-type";

export function headerDurationMs(head: Uint8Array, fileSize: number, audio: DetectedAudio, tail?: Uint8Array): number | null {
  if (audio.kind === "flac") return audio.totalFrames && audio.sampleRate ? Math.floor((audio.totalFrames / audio.sampleRate) * 1000) : null;
  if (audio.kind === "mp3") return mp3DurationMs(head, fileSize);
  if (audio.kind === "ogg-opus" || audio.kind === "ogg-vorbis") return tail ? oggDurationMs(head, tail, audio) : null;
  if (audio.kind !== "wav" || !audio.sampleRate || !audio.channels || !audio.bitsPerSample) return null;
  const data = dataChunkOf(head);
  if (!data) return null;
  const present = Math.max(0, fileSize - data.start);
  // 0 and 0xFFFFFFFF: a recorder that never rewrote its header; the audio runs to the end of the file.
  const bytes = data.size === 0 || data.size === 0xffffffff ? present : Math.min(data.size, present);
  const frames = Math.floor(bytes / ((audio.channels * audio.bitsPerSample) / 8));
  return Math.floor((frames / audio.sampleRate) * 1000);
}

/** Where the WAV data chunk's bytes start and the size its header declares, when that header is within `head`. */
function dataChunkOf(head: Uint8Array): { start: number; size: number } | null {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  let offset = 12;
  while (offset + 8 <= head.length) {
    const id = String.fromCharCode(...head.subarray(offset, offset + 4));
    const size = view.getUint32(offset + 4, true);
    if (id === "data") return { start: offset + 8, size };
    offset += 8 + size + (size % 2);
  }
  return null;
}
