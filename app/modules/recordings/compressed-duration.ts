/**
 * How long an MP3 or Ogg recording is without decoding it, so an import can say at once
 * that a transcript runs past its recording, as it does for WAV and FLAC. Pure.
 *
 * - MP3, from the file's first bytes: the frame count of the Xing/Info or VBRI header that
 *   LAME and most VBR encoders write in the first frame; without one, when every frame in
 *   those bytes has one bitrate (constant bitrate), the audio's bytes over that bitrate.
 * - Ogg (Opus, Vorbis), from the file's last bytes: the granule position of the last page,
 *   in samples (Opus: at 48 kHz, less the pre-skip its header states).
 *
 * Null when the bytes do not say (an ID3 tag with cover art larger than the sniffed head,
 * a varying bitrate with no frame count, a chained Ogg file); the waveform job measures
 * every recording exactly anyway, and keeps the same warning with the interaction.
 */
import type { DetectedAudio } from "./detect-audio-type";
import { mpegStreamAt, parseMpegFrameHeader, type MpegFrameHeader } from "./mpeg-header";

/** Enough of a file's end to hold its last Ogg page's header (a page is at most 65,307 bytes). */
export const OGG_TAIL_BYTES = 70 * 1024;

const latin1 = (bytes: Uint8Array, start: number, length: number) => String.fromCharCode(...bytes.subarray(start, start + length));
const u32be = (b: Uint8Array, at: number) => (((b[at] ?? 0) << 24) >>> 0) + ((b[at + 1] ?? 0) << 16) + ((b[at + 2] ?? 0) << 8) + (b[at + 3] ?? 0);
const u32le = (b: Uint8Array, at: number) => (b[at] ?? 0) + ((b[at + 1] ?? 0) << 8) + ((b[at + 2] ?? 0) << 16) + (((b[at + 3] ?? 0) << 24) >>> 0);

// ---------------------------------------------------------------------------------------
// MP3

function samplesPerFrame(frame: MpegFrameHeader): number {
  if (frame.layer === 1) return 384;
  return frame.layer === 3 && frame.version !== "1" ? 576 : 1152;
}

/** Where the audio starts: after an ID3v2 tag (its size is synchsafe), else at 0. */
function id3End(head: Uint8Array): number {
  if (latin1(head, 0, 3) !== "ID3" || head.length < 10) return 0;
  const size = [6, 7, 8, 9].reduce((acc, at) => acc * 128 + ((head[at] ?? 0) & 0x7f), 0);
  const footer = ((head[5] ?? 0) & 0x10) !== 0 ? 10 : 0;
  return 10 + size + footer;
}

/**
 * The samples a Xing/Info or VBRI header in the first frame (at `offset`) states, or null:
 * its frame count, less the encoder delay and padding a LAME tag after it records (which a
 * gapless decoder drops: 160 ms of a 2-second 8 kHz file).
 */
function statedSamples(head: Uint8Array, offset: number, frame: MpegFrameHeader): number | null {
  const sideInfo = frame.version === "1" ? (frame.channels === 1 ? 17 : 32) : frame.channels === 1 ? 9 : 17;
  const xing = offset + 4 + sideInfo;
  const tag = latin1(head, xing, 4);
  const flags = u32be(head, xing + 4);
  if ((tag === "Xing" || tag === "Info") && (flags & 0x1) !== 0 && xing + 12 <= head.length) {
    const frames = u32be(head, xing + 8);
    // Frames, bytes, the 100-byte table of contents and the quality, each when its flag says.
    const lame = xing + 8 + 4 + (flags & 0x2 ? 4 : 0) + (flags & 0x4 ? 100 : 0) + (flags & 0x8 ? 4 : 0);
    let trimmed = 0;
    if (latin1(head, lame, 4) === "LAME" && lame + 24 <= head.length) {
      // 12 bits of delay, then 12 bits of padding, 21 bytes into the LAME tag.
      const [a, b, c] = [head[lame + 21] ?? 0, head[lame + 22] ?? 0, head[lame + 23] ?? 0];
      trimmed = ((a << 4) | (b >> 4)) + (((b & 0x0f) << 8) | c);
    }
    return frames * samplesPerFrame(frame) - trimmed;
  }
  const vbri = offset + 4 + 32;
  if (latin1(head, vbri, 4) === "VBRI" && vbri + 18 <= head.length) return u32be(head, vbri + 14) * samplesPerFrame(frame);
  return null;
}

export function mp3DurationMs(head: Uint8Array, fileSize: number): number | null {
  const audioStart = id3End(head);
  // Some taggers leave padding the tag's size does not count: look a little further, as the sniffer does.
  const limit = Math.min(head.length - 4, audioStart + 4096);
  let offset = -1;
  let first: MpegFrameHeader | null = null;
  for (let at = audioStart; at <= limit && !first; at++) {
    first = mpegStreamAt(head, at);
    offset = at;
  }
  if (!first) return null;
  const stated = statedSamples(head, offset, first);
  if (stated !== null) return stated > 0 ? Math.floor((stated / first.sampleRate) * 1000) : null;

  // No frame count: constant bitrate only, which every frame within `head` must show.
  for (let at = offset; at + 4 <= head.length; ) {
    const frame = parseMpegFrameHeader(head, at);
    if (!frame) break; // a trailing tag or the end of what was read
    if (frame.bitrateKbps !== first.bitrateKbps) return null;
    at += frame.frameLength;
  }
  // kbit/s is bits per millisecond.
  return Math.floor(((fileSize - offset) * 8) / first.bitrateKbps);
}

// ---------------------------------------------------------------------------------------
// Ogg

/** Opus's pre-skip (samples at 48 kHz the decoder drops), from the OpusHead packet of the first page. */
function opusPreSkip(head: Uint8Array): number {
  const packet = 27 + (head[26] ?? 0);
  return (head[packet + 10] ?? 0) + ((head[packet + 11] ?? 0) << 8);
}

/** The granule position of the last page of the first page's stream within `tail`, or null. */
function lastGranule(tail: Uint8Array, serial: number): number | null {
  for (let at = tail.length - 27; at >= 0; at--) {
    if (tail[at] !== 0x4f || latin1(tail, at, 4) !== "OggS" || tail[at + 4] !== 0) continue;
    if (at + 27 + (tail[at + 26] ?? 0) > tail.length || u32le(tail, at + 14) !== serial) continue;
    const low = u32le(tail, at + 6);
    const high = u32le(tail, at + 10);
    if (low === 0xffffffff && high === 0xffffffff) continue; // no packet ends on this page
    return high * 2 ** 32 + low;
  }
  return null;
}

export function oggDurationMs(head: Uint8Array, tail: Uint8Array, audio: DetectedAudio): number | null {
  if (!audio.sampleRate || latin1(head, 0, 4) !== "OggS") return null;
  const granule = lastGranule(tail, u32le(head, 14));
  if (granule === null) return null;
  const samples = audio.kind === "ogg-opus" ? granule - opusPreSkip(head) : granule;
  return samples > 0 ? Math.floor((samples / audio.sampleRate) * 1000) : null;
}
