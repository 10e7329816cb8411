/**
 * What a recording is, from its first bytes — never from its name or the
 * Content-Type the browser sent (docs/architecture.md: uploaded files are checked by
 * their content, never by their name). Pure. Pass at least SNIFF_BYTES of the file's start
 * (or the whole file when it is shorter).
 */
import { RecordingDecodeError, UnsupportedRecordingError } from "./errors";
import { isAdtsHeader, mpegStreamAt } from "./mpeg-header";
import { describeWavEncoding, parseFmtChunk } from "./wav-format";

/** Enough to get past ID3 tags without cover art and WAV headers with LIST/bext chunks. */
export const SNIFF_BYTES = 64 * 1024;

export type AudioKind = "wav" | "mp3" | "ogg-opus" | "ogg-vorbis" | "flac";
export type AudioCodec = "pcm" | "float" | "mulaw" | "alaw" | "mp3" | "opus" | "vorbis" | "flac";

export interface DetectedAudio {
  kind: AudioKind;
  codec: AudioCodec;
  /** The Content-Type to store the object with. */
  contentType: string;
  /** The extension for `recordingKey(id, ext)`. */
  ext: string;
  /** Human description for messages and logs, e.g. "WAV (G.711 μ-law)". */
  label: string;
  /** Present when the header says so within the sniffed bytes. */
  channels?: number;
  /** The rate the decoder produces (Opus always decodes at 48 kHz). */
  sampleRate?: number;
  bitsPerSample?: number;
  /** Frames per channel the header promises (FLAC STREAMINFO), when it says. */
  totalFrames?: number;
}

const CONVERT = "convert to WAV or MP3";

export type SniffResult = { ok: true; audio: DetectedAudio } | { ok: false; reason: string };

/** Like detectAudioType, but returns the refusal instead of throwing it. */
export function sniffAudioType(head: Uint8Array): SniffResult {
  try {
    return { ok: true, audio: detectAudioType(head) };
  } catch (error) {
    if (error instanceof UnsupportedRecordingError) return { ok: false, reason: error.reason };
    throw error;
  }
}

/** Throws UnsupportedRecordingError ("This file is not a supported recording: looks like a PDF"). */
export function detectAudioType(head: Uint8Array): DetectedAudio {
  if (head.length === 0) throw new UnsupportedRecordingError("the file is empty");
  const ascii = (start: number, length: number) => latin1(head, start, length);

  if (ascii(0, 4) === "RIFF" && ascii(8, 4) === "WAVE") return detectWav(head);
  if (ascii(0, 4) === "RF64") throw new UnsupportedRecordingError(`RF64 (WAV over 4 GB) is not supported yet; ${CONVERT}`);
  if (ascii(0, 4) === "OggS") return detectOgg(head);
  if (ascii(0, 4) === "fLaC") return flac(head, 0);
  if (ascii(0, 3) === "ID3") return detectAfterId3(head);
  if (ascii(4, 4) === "ftyp") throw new UnsupportedRecordingError(mp4Reason(ascii(8, 4)));

  const start = skipZeros(head);
  const mpeg = mpegStreamAt(head, start);
  if (mpeg) return mp3(mpeg.channels, mpeg.sampleRate);
  if (isAdtsHeader(head, start)) throw new UnsupportedRecordingError(`raw AAC is not supported yet; ${CONVERT}`);

  throw new UnsupportedRecordingError(describeNonAudio(head));
}

function detectWav(head: Uint8Array): DetectedAudio {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  let offset = 12;
  while (offset + 8 <= head.length) {
    const id = latin1(head, offset, 4);
    const size = view.getUint32(offset + 4, true);
    if (id === "fmt ") {
      if (offset + 8 + Math.min(size, 40) > head.length) break;
      const format = parseFmtOrRefuse(head.subarray(offset + 8, offset + 8 + Math.min(size, 40)));
      return {
        kind: "wav",
        codec: format.encoding,
        contentType: "audio/wav",
        ext: "wav",
        label: `WAV (${describeWavEncoding(format)})`,
        channels: format.channels,
        sampleRate: format.sampleRate,
        bitsPerSample: format.bitsPerSample,
      };
    }
    if (id === "data") break; // data before fmt: the decoder reports it
    offset += 8 + size + (size % 2);
  }
  // The fmt chunk lies beyond the sniffed bytes: the decoder reads it from the stream.
  return { kind: "wav", codec: "pcm", contentType: "audio/wav", ext: "wav", label: "WAV" };
}

function parseFmtOrRefuse(body: Uint8Array) {
  try {
    return parseFmtChunk(body);
  } catch (error) {
    if (error instanceof RecordingDecodeError) throw new UnsupportedRecordingError(`it is a damaged WAV file: ${error.reason}`);
    throw error;
  }
}

function detectOgg(head: Uint8Array): DetectedAudio {
  const segments = head[26];
  if (segments === undefined) throw new UnsupportedRecordingError("it is an Ogg file cut off in its first page");
  const packet = 27 + segments;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const has = (bytes: number) => packet + bytes <= head.length;
  if (latin1(head, packet, 8) === "OpusHead" && has(19)) {
    const channels = head[packet + 9] as number;
    return { kind: "ogg-opus", codec: "opus", contentType: "audio/ogg", ext: "opus", label: "Ogg Opus", channels, sampleRate: 48000 };
  }
  if (latin1(head, packet, 7) === "\x01vorbis" && has(16)) {
    const channels = head[packet + 11] as number;
    const sampleRate = view.getUint32(packet + 12, true);
    return { kind: "ogg-vorbis", codec: "vorbis", contentType: "audio/ogg", ext: "ogg", label: "Ogg Vorbis", channels, sampleRate };
  }
  if (latin1(head, packet, 5) === "\x7fFLAC") throw new UnsupportedRecordingError(`FLAC inside Ogg is not supported yet; ${CONVERT}`);
  if (latin1(head, packet, 8) === "Speex   ") throw new UnsupportedRecordingError(`Ogg Speex is not supported; ${CONVERT}`);
  if (latin1(head, packet, 7) === "\x80theora") throw new UnsupportedRecordingError("looks like an Ogg video");
  throw new UnsupportedRecordingError(`it is an Ogg file with a codec Parley does not know; ${CONVERT}`);
}

function detectAfterId3(head: Uint8Array): DetectedAudio {
  const major = head[3] ?? 0xff;
  const sizeBytes = [head[6], head[7], head[8], head[9]];
  if (major < 2 || major > 4 || sizeBytes.some((b) => b === undefined || b >= 0x80)) {
    throw new UnsupportedRecordingError("it starts like an MP3 ID3 tag but the tag is damaged");
  }
  const tagSize = sizeBytes.reduce<number>((acc, b) => (acc << 7) | (b as number), 0);
  const footer = ((head[5] ?? 0) & 0x10) !== 0 ? 10 : 0;
  const audioStart = 10 + tagSize + footer;
  // The tag is larger than what we sniffed (cover art): trust the tag, the decoder will check the frames.
  if (audioStart + 4 > head.length) return mp3();
  if (latin1(head, audioStart, 4) === "fLaC") return flac(head, audioStart);
  // Some taggers leave padding that is not counted in the size: look a little further.
  const limit = Math.min(head.length - 4, audioStart + 4096);
  for (let offset = audioStart; offset <= limit; offset++) {
    const mpeg = mpegStreamAt(head, offset);
    if (mpeg) return mp3(mpeg.channels, mpeg.sampleRate);
    if (isAdtsHeader(head, offset)) throw new UnsupportedRecordingError(`raw AAC is not supported yet; ${CONVERT}`);
  }
  throw new UnsupportedRecordingError("it has an MP3 ID3 tag but no MP3 audio after it");
}

function mp3(channels?: number, sampleRate?: number): DetectedAudio {
  const audio: DetectedAudio = { kind: "mp3", codec: "mp3", contentType: "audio/mpeg", ext: "mp3", label: "MP3" };
  if (channels !== undefined) audio.channels = channels;
  if (sampleRate !== undefined) audio.sampleRate = sampleRate;
  return audio;
}

function flac(head: Uint8Array, start: number): DetectedAudio {
  const audio: DetectedAudio = { kind: "flac", codec: "flac", contentType: "audio/flac", ext: "flac", label: "FLAC" };
  // STREAMINFO is always the first metadata block: 20 bits rate, 3 bits channels−1, 5 bits bits−1.
  const info = start + 8;
  // Then 36 bits of total samples per channel, 0 when the encoder did not know.
  if (info + 18 <= head.length && ((head[start + 4] ?? 1) & 0x7f) === 0) {
    const b = (i: number) => head[info + i] as number;
    audio.sampleRate = (b(10) << 12) | (b(11) << 4) | (b(12) >> 4);
    audio.channels = ((b(12) >> 1) & 0x07) + 1;
    audio.bitsPerSample = (((b(12) & 0x01) << 4) | (b(13) >> 4)) + 1;
    const total = (b(13) & 0x0f) * 2 ** 32 + ((b(14) << 24) >>> 0) + (b(15) << 16) + (b(16) << 8) + b(17);
    if (total > 0) audio.totalFrames = total;
  }
  return audio;
}

function mp4Reason(brand: string): string {
  if (brand.startsWith("M4A") || brand.startsWith("M4B")) return `M4A is not supported yet; ${CONVERT}`;
  if (brand === "qt  ") return `QuickTime (.mov) is not supported; ${CONVERT}`;
  if (brand.startsWith("3g")) return `3GP is not supported yet; ${CONVERT}`;
  return `MP4 (M4A) is not supported yet; ${CONVERT}`;
}

const SIGNATURES: ReadonlyArray<[test: (head: Uint8Array) => boolean, reason: string]> = [
  [(h) => latin1(h, 0, 5) === "%PDF-", "looks like a PDF"],
  [(h) => latin1(h, 0, 4) === "PK\x03\x04", "looks like a ZIP archive (or a Word/Excel document)"],
  [(h) => latin1(h, 0, 8) === "\x89PNG\r\n\x1a\n", "looks like a PNG image"],
  [(h) => h[0] === 0xff && h[1] === 0xd8 && h[2] === 0xff, "looks like a JPEG image"],
  [(h) => latin1(h, 0, 4) === "GIF8", "looks like a GIF image"],
  [(h) => latin1(h, 0, 4) === "RIFF" && latin1(h, 8, 4) === "AVI ", "looks like an AVI video"],
  [(h) => latin1(h, 0, 4) === "RIFF" && latin1(h, 8, 4) === "WEBP", "looks like a WebP image"],
  [(h) => latin1(h, 0, 4) === "RIFF", "it is a RIFF file but not a WAV"],
  [(h) => latin1(h, 0, 4) === "\x1aE\xdf\xa3", `WebM/Matroska is not supported yet; ${CONVERT}`],
  [(h) => latin1(h, 0, 4) === "FORM" && latin1(h, 8, 3) === "AIF", `AIFF is not supported yet; ${CONVERT}`],
  [(h) => latin1(h, 0, 5) === "#!AMR", `AMR is not supported yet; ${CONVERT}`],
  [(h) => latin1(h, 0, 4) === "caff", `Apple CAF is not supported yet; ${CONVERT}`],
  [(h) => latin1(h, 0, 4) === ".snd", `Sun AU is not supported yet; ${CONVERT}`],
  [(h) => latin1(h, 0, 4) === "0&\xb2\x75", `WMA/ASF is not supported; ${CONVERT}`],
  [(h) => ["moov", "mdat", "free", "wide"].includes(latin1(h, 4, 4)), `MP4 (M4A) is not supported yet; ${CONVERT}`],
  [(h) => latin1(h, 0, 4) === "MThd", "looks like a MIDI file, which holds no recording"],
  [(h) => h[0] === 0x1f && h[1] === 0x8b, "looks like a gzip archive"],
];

function describeNonAudio(head: Uint8Array): string {
  for (const [test, reason] of SIGNATURES) if (test(head)) return reason;
  const text = textKind(head);
  if (text) return text;
  const hex = Array.from(head.subarray(0, 8), (b) => b.toString(16).padStart(2, "0")).join(" ");
  return `its format was not recognised (it starts with bytes ${hex}); upload WAV or MP3`;
}

function textKind(head: Uint8Array): string | null {
  const sample = head.subarray(0, 1024);
  for (const b of sample) if (b < 0x09 || (b > 0x0d && b < 0x20) || b === 0x7f) return null;
  const decoded = strictUtf8(sample, head.length > sample.length);
  if (decoded === null) return null;
  const text = decoded.replace(/^\ufeff/, "").trimStart();
  if (text.startsWith("WEBVTT")) return "looks like a WebVTT transcript, not a recording";
  if (/^\d+\r?\n\d\d:\d\d:\d\d[,.]\d{3} --> /.test(text)) return "looks like an SRT transcript, not a recording";
  if (/^<(!doctype html|html)/i.test(text)) return "looks like a web page (HTML)";
  if (text.startsWith("<")) return "looks like an XML file";
  if (text.startsWith("{") || text.startsWith("[")) return "looks like a JSON file";
  return "looks like a text file";
}

/** Valid UTF-8, allowing a character cut in half at the end when the sample was cut from a longer file. */
function strictUtf8(sample: Uint8Array, cut: boolean): string | null {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  for (let drop = 0; drop <= (cut ? 3 : 0); drop++) {
    try {
      return decoder.decode(sample.subarray(0, sample.length - drop));
    } catch {
      // try one byte shorter
    }
  }
  return null;
}

function skipZeros(head: Uint8Array): number {
  let offset = 0;
  while (offset < head.length && offset < 4096 && head[offset] === 0) offset++;
  return offset;
}

function latin1(bytes: Uint8Array, start: number, length: number): string {
  let s = "";
  for (let i = start; i < start + length && i < bytes.length; i++) s += String.fromCharCode(bytes[i] as number);
  return s;
}
