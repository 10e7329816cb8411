/**
 * WAV (RIFF/WAVE) by hand: the fmt chunk, G.711 μ-law/A-law tables and the
 * conversion of interleaved sample bytes to planar floats in -1..1. Pure;
 * shared by sniffing (detect-audio-type.ts) and streaming decode (decode-wav.ts).
 *
 * Supported: PCM 8 (unsigned), 16, 24, 32-bit; IEEE float 32/64-bit; G.711
 * A-law (format 6) and μ-law (format 7); each also as WAVE_FORMAT_EXTENSIBLE.
 */
import { RecordingDecodeError, UnsupportedRecordingError } from "./errors";

export type WavEncoding = "pcm" | "float" | "mulaw" | "alaw";

export interface WavFormat {
  encoding: WavEncoding;
  /** The effective format tag (the sub-format's, for WAVE_FORMAT_EXTENSIBLE). */
  formatTag: number;
  extensible: boolean;
  channels: number;
  sampleRate: number;
  /** Bits per sample as stored (the container size). */
  bitsPerSample: number;
  /** Bytes per frame (all channels of one sample instant). */
  blockAlign: number;
}

const FORMAT_PCM = 0x0001;
const FORMAT_FLOAT = 0x0003;
const FORMAT_ALAW = 0x0006;
const FORMAT_MULAW = 0x0007;
const FORMAT_EXTENSIBLE = 0xfffe;

/** Bytes 2..15 of every KSDATAFORMAT_SUBTYPE_* GUID built from a WAVE format tag. */
const SUBFORMAT_GUID_TAIL = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];

/** Codecs seen in call-recorder WAVs that we recognise by name but do not decode. */
const KNOWN_UNSUPPORTED: Record<number, string> = {
  0x0002: "Microsoft ADPCM",
  0x0011: "IMA ADPCM",
  0x0031: "GSM 6.10",
  0x0055: "MP3",
};

const MAX_CHANNELS = 32;

/** Parses a `fmt ` chunk body. Throws UnsupportedRecordingError / RecordingDecodeError with a reason a person can act on. */
export function parseFmtChunk(body: Uint8Array): WavFormat {
  if (body.length < 16) {
    throw new RecordingDecodeError("corrupt", `WAV fmt chunk is ${body.length} bytes, expected at least 16`);
  }
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  let formatTag = view.getUint16(0, true);
  const channels = view.getUint16(2, true);
  const sampleRate = view.getUint32(4, true);
  const blockAlign = view.getUint16(12, true);
  const bitsPerSample = view.getUint16(14, true);
  let extensible = false;

  if (formatTag === FORMAT_EXTENSIBLE) {
    if (body.length < 40) {
      throw new RecordingDecodeError("corrupt", "WAV fmt chunk says WAVE_FORMAT_EXTENSIBLE but is shorter than 40 bytes");
    }
    const guidTail = body.subarray(26, 40);
    if (!SUBFORMAT_GUID_TAIL.every((byte, i) => guidTail[i] === byte)) {
      throw new UnsupportedRecordingError("WAV with an unknown WAVE_FORMAT_EXTENSIBLE sub-format; convert to PCM WAV or MP3");
    }
    formatTag = view.getUint16(24, true);
    extensible = true;
  }

  const encoding = encodingFor(formatTag, bitsPerSample);
  if (channels < 1 || channels > MAX_CHANNELS) {
    throw new RecordingDecodeError("corrupt", `WAV fmt chunk declares ${channels} channels`);
  }
  if (sampleRate < 1000 || sampleRate > 768_000) {
    throw new RecordingDecodeError("corrupt", `WAV fmt chunk declares a sample rate of ${sampleRate} Hz`);
  }
  const expectedAlign = (channels * bitsPerSample) / 8;
  if (blockAlign !== expectedAlign) {
    throw new RecordingDecodeError(
      "corrupt",
      `WAV fmt chunk has block align ${blockAlign}, expected ${expectedAlign} for ${channels} × ${bitsPerSample}-bit`,
    );
  }
  return { encoding, formatTag, extensible, channels, sampleRate, bitsPerSample, blockAlign };
}

function encodingFor(formatTag: number, bits: number): WavEncoding {
  const unsupportedBits = (what: string) =>
    new UnsupportedRecordingError(`WAV with ${bits}-bit ${what} samples is not supported; convert to 16-bit PCM WAV`);
  switch (formatTag) {
    case FORMAT_PCM:
      if (bits === 8 || bits === 16 || bits === 24 || bits === 32) return "pcm";
      throw unsupportedBits("PCM");
    case FORMAT_FLOAT:
      if (bits === 32 || bits === 64) return "float";
      throw unsupportedBits("floating-point");
    case FORMAT_ALAW:
    case FORMAT_MULAW:
      if (bits === 8) return formatTag === FORMAT_ALAW ? "alaw" : "mulaw";
      throw unsupportedBits("G.711");
    default: {
      const hex = `0x${formatTag.toString(16).padStart(4, "0")}`;
      const name = KNOWN_UNSUPPORTED[formatTag];
      const what = name ? `${name} audio (format ${hex})` : `audio format ${hex}`;
      throw new UnsupportedRecordingError(`WAV with ${what} is not supported yet; convert to PCM WAV, μ-law WAV or MP3`);
    }
  }
}

/** Human name of a WAV encoding, for messages and the detected `codec`. */
export function describeWavEncoding(format: WavFormat): string {
  switch (format.encoding) {
    case "pcm":
      return `${format.bitsPerSample}-bit PCM`;
    case "float":
      return `${format.bitsPerSample}-bit float`;
    case "mulaw":
      return "G.711 μ-law";
    case "alaw":
      return "G.711 A-law";
  }
}

/** ITU-T G.711 μ-law byte → linear sample in 16-bit scale (±32124). */
export function mulawToLinear(byte: number): number {
  const u = ~byte & 0xff;
  const magnitude = ((((u & 0x0f) << 3) + 0x84) << ((u & 0x70) >> 4)) - 0x84;
  return u & 0x80 ? -magnitude : magnitude;
}

/** ITU-T G.711 A-law byte → linear sample in 16-bit scale (±32256). */
export function alawToLinear(byte: number): number {
  const a = (byte ^ 0x55) & 0xff;
  const segment = (a & 0x70) >> 4;
  let magnitude = (a & 0x0f) << 4;
  magnitude = segment === 0 ? magnitude + 8 : (magnitude + 0x108) << (segment - 1);
  return a & 0x80 ? magnitude : -magnitude;
}

function table(decode: (byte: number) => number): Float32Array {
  const t = new Float32Array(256);
  for (let b = 0; b < 256; b++) t[b] = decode(b) / 32768;
  return t;
}

const MULAW_TABLE = table(mulawToLinear);
const ALAW_TABLE = table(alawToLinear);

/**
 * Converts whole frames of interleaved sample bytes to one Float32Array per
 * channel, values in -1..1 (floats passed through as stored). `bytes.length`
 * must be a multiple of `format.blockAlign`.
 */
export function wavBytesToPlanar(bytes: Uint8Array, format: WavFormat): Float32Array[] {
  const { channels, blockAlign } = format;
  const frames = Math.floor(bytes.length / blockAlign);
  const out = Array.from({ length: channels }, () => new Float32Array(frames));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const read = sampleReader(format, bytes, view);
  const width = format.bitsPerSample / 8;
  for (let c = 0; c < channels; c++) {
    const channel = out[c] as Float32Array;
    let offset = c * width;
    for (let i = 0; i < frames; i++, offset += blockAlign) channel[i] = read(offset);
  }
  return out;
}

function sampleReader(format: WavFormat, bytes: Uint8Array, view: DataView): (offset: number) => number {
  switch (format.encoding) {
    case "mulaw":
      return (o) => MULAW_TABLE[bytes[o] as number] as number;
    case "alaw":
      return (o) => ALAW_TABLE[bytes[o] as number] as number;
    case "float":
      return format.bitsPerSample === 32 ? (o) => view.getFloat32(o, true) : (o) => view.getFloat64(o, true);
    case "pcm":
      switch (format.bitsPerSample) {
        case 8:
          return (o) => ((bytes[o] as number) - 128) / 128;
        case 16:
          return (o) => view.getInt16(o, true) / 32768;
        case 24:
          return (o) => ((view.getInt8(o + 2) << 16) | view.getUint16(o, true)) / 8388608;
        default:
          return (o) => view.getInt32(o, true) / 2147483648;
      }
  }
}
