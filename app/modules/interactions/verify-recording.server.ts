import { Readable } from "node:stream";
import { detectAudioType, SNIFF_BYTES, type DetectedAudio } from "../recordings/detect-audio-type";
import { OGG_TAIL_BYTES } from "../recordings/compressed-duration";
import { headerDurationMs } from "../recordings/header-duration";
import { DomainError } from "../../lib/errors";
import type { BlobStore } from "../../lib/storage.server";

export interface VerifiedRecording {
  key: string;
  size: number;
  contentType: string;
  channels: number | null;
  /** What the header says the audio lasts (WAV, FLAC, MP3, Ogg; see header-duration.ts), or null; the waveform job measures it exactly. */
  headerDurationMs?: number | null;
}

/**
 * Checks a stored recording before a row may point at it (docs/architecture.md,
 * "Storage layout"): it exists, has the
 * size that was announced, and its first bytes are a supported audio format — the
 * name and the declared type are not trusted.
 */
export async function verifyRecordingObject(store: BlobStore, key: string, expectedSize?: number | null): Promise<VerifiedRecording> {
  const head = await store.head(key);
  if (!head) throw new DomainError("invalid", "The recording was not uploaded: storage has no file for it. Upload it again.");
  if (head.size === 0) throw new DomainError("invalid", "The recording is empty.");
  if (expectedSize != null && head.size !== expectedSize) {
    throw new DomainError(
      "invalid",
      `The recording upload is incomplete: storage has ${head.size} bytes of the ${expectedSize} announced. Upload it again.`,
    );
  }
  const first = await store.getRange(key, 0, Math.min(head.size, SNIFF_BYTES) - 1);
  const audio = detectAudioType(first);
  // An Ogg file's length is in its last page: one more small ranged read.
  const ogg = audio.kind === "ogg-opus" || audio.kind === "ogg-vorbis";
  const tail = !ogg ? undefined : head.size <= first.length ? first : await store.getRange(key, Math.max(0, head.size - OGG_TAIL_BYTES), head.size - 1);
  return { key, size: head.size, contentType: audio.contentType, channels: audio.channels ?? null, headerDurationMs: headerDurationMs(first, head.size, audio, tail) };
}

/**
 * Reads just enough of a stream to tell what audio it is, and gives back a stream
 * that still yields every byte, so the object is stored with its real Content-Type
 * and a non-recording is refused before gigabytes are uploaded.
 */
export async function sniffRecordingStream(stream: Readable): Promise<{ audio: DetectedAudio; stream: Readable }> {
  const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const head: Buffer[] = [];
  let length = 0;
  while (length < SNIFF_BYTES) {
    const next = await iterator.next();
    if (next.done) break;
    head.push(next.value);
    length += next.value.length;
  }
  const first = Buffer.concat(head);
  const audio = detectAudioType(first.subarray(0, SNIFF_BYTES));
  async function* replay() {
    yield first;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { audio, stream: Readable.from(replay()) };
}
