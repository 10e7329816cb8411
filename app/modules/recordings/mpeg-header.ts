/**
 * MPEG audio frame headers, for sniffing only (decoding is mpg123's job):
 * enough to tell an MP3 from random bytes that happen to start with 0xFF,
 * and to read its channel count and sample rate. Pure.
 */

export interface MpegFrameHeader {
  version: "1" | "2" | "2.5";
  layer: 1 | 2 | 3;
  bitrateKbps: number;
  sampleRate: number;
  channels: 1 | 2;
  /** Bytes from this header to the next one. */
  frameLength: number;
}

// Indexed by bitrate index 1..14 (0 = free format, 15 = invalid; both refused).
const BITRATES: Record<string, readonly number[]> = {
  "1-1": [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
  "1-2": [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
  "1-3": [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  "2-1": [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
  "2-2": [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
  "2-3": [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};

const SAMPLE_RATES: Record<MpegFrameHeader["version"], readonly number[]> = {
  "1": [44100, 48000, 32000],
  "2": [22050, 24000, 16000],
  "2.5": [11025, 12000, 8000],
};

/** The MPEG audio frame header at `offset`, or null when the four bytes there are not one. */
export function parseMpegFrameHeader(bytes: Uint8Array, offset: number): MpegFrameHeader | null {
  if (offset + 4 > bytes.length) return null;
  const b1 = bytes[offset + 1] as number;
  const b2 = bytes[offset + 2] as number;
  const b3 = bytes[offset + 3] as number;
  if (bytes[offset] !== 0xff || (b1 & 0xe0) !== 0xe0) return null;

  const versionBits = (b1 >> 3) & 0x03;
  const layerBits = (b1 >> 1) & 0x03;
  if (versionBits === 0x01 || layerBits === 0x00) return null; // reserved version; layer 0 is ADTS AAC
  const version = versionBits === 0x03 ? "1" : versionBits === 0x02 ? "2" : "2.5";
  const layer = (4 - layerBits) as 1 | 2 | 3;

  const bitrateIndex = b2 >> 4;
  const rateIndex = (b2 >> 2) & 0x03;
  if (bitrateIndex === 0 || bitrateIndex === 0x0f || rateIndex === 0x03) return null;
  const bitrateKbps = BITRATES[`${version === "1" ? "1" : "2"}-${layer}`]?.[bitrateIndex] ?? 0;
  const sampleRate = SAMPLE_RATES[version][rateIndex] ?? 0;
  if (bitrateKbps === 0 || sampleRate === 0) return null;

  const padding = (b2 >> 1) & 0x01;
  const bitrate = bitrateKbps * 1000;
  let frameLength: number;
  if (layer === 1) frameLength = (Math.floor((12 * bitrate) / sampleRate) + padding) * 4;
  else if (layer === 3 && version !== "1") frameLength = Math.floor((72 * bitrate) / sampleRate) + padding;
  else frameLength = Math.floor((144 * bitrate) / sampleRate) + padding;

  const channels = b3 >> 6 === 0x03 ? 1 : 2;
  return { version, layer, bitrateKbps, sampleRate, channels, frameLength };
}

/**
 * An MPEG audio stream starting at `offset`: a valid header whose successor,
 * when it lies inside `bytes`, is a valid header of the same version, layer
 * and sample rate. One header alone matches one random 4-byte string in a
 * few thousand, which is too often for a content sniffer.
 */
export function mpegStreamAt(bytes: Uint8Array, offset: number): MpegFrameHeader | null {
  const first = parseMpegFrameHeader(bytes, offset);
  if (!first) return null;
  const nextOffset = offset + first.frameLength;
  if (nextOffset + 4 > bytes.length) return first;
  const next = parseMpegFrameHeader(bytes, nextOffset);
  if (!next || next.version !== first.version || next.layer !== first.layer || next.sampleRate !== first.sampleRate) {
    return null;
  }
  return first;
}

/** ADTS (raw AAC) uses the same 12-bit sync as MPEG audio with layer bits 00. */
export function isAdtsHeader(bytes: Uint8Array, offset: number): boolean {
  return bytes[offset] === 0xff && ((bytes[offset + 1] ?? 0) & 0xf6) === 0xf0;
}
