/**
 * Recording bytes → planar PCM, streamed. The format is sniffed from the bytes
 * (detect-audio-type.ts); WAV is decoded by hand (decode-wav.ts), everything
 * else by the WebAssembly decoders of the wasm-audio-decoders project, which
 * ship their wasm inside the npm package (no native build, nothing downloaded
 * at install) and all decode incrementally:
 *
 *   MP3        mpg123-decoder (libmpg123, gapless trimming on)
 *   Ogg Opus   ogg-opus-decoder (libopus; always 48 kHz out)
 *   Ogg Vorbis @wasm-audio-decoders/ogg-vorbis (libvorbis)
 *   FLAC       @wasm-audio-decoders/flac (libFLAC)
 *
 * See docs/decisions/0006-recordings-and-peaks.md for what is not supported and why.
 */
import { FLACDecoder } from "@wasm-audio-decoders/flac";
import { OggVorbisDecoder } from "@wasm-audio-decoders/ogg-vorbis";
import { MPEGDecoder } from "mpg123-decoder";
import { OggOpusDecoder } from "ogg-opus-decoder";
import { DomainError } from "../../lib/errors";
import { ByteReader, type ByteSource } from "./byte-reader";
import type { PcmChunk } from "./compute-peaks";
import { decodeWav } from "./decode-wav";
import { SNIFF_BYTES, detectAudioType, type DetectedAudio } from "./detect-audio-type";
import { RecordingDecodeError } from "./errors";

export interface DecodeStats {
  /** Frames the decoder skipped as damaged (MP3/Ogg/FLAC resynchronise and go on). */
  decodeErrors: number;
  firstDecodeError?: string;
  /** What a person should know about the audio that did not stop the decode (a WAV cut short). */
  warnings: string[];
}

export interface AudioDecodeStream {
  readonly detected: DetectedAudio;
  /** Single use: iterate once. Breaking out early closes the source. */
  readonly chunks: AsyncIterable<PcmChunk>;
  /** Filled in while `chunks` is iterated. */
  readonly stats: DecodeStats;
}

interface DecodedAudio {
  channelData: Float32Array[];
  samplesDecoded: number;
  sampleRate: number;
  errors: ReadonlyArray<{ message: string }>;
}

interface WasmDecoder {
  ready: Promise<void>;
  decode(data: Uint8Array): DecodedAudio | Promise<DecodedAudio>;
  flush?: () => Promise<DecodedAudio>;
  free(): void;
}

const WASM_DECODERS: Record<Exclude<DetectedAudio["kind"], "wav">, () => WasmDecoder> = {
  mp3: () => new MPEGDecoder({ enableGapless: true }),
  "ogg-opus": () => new OggOpusDecoder(),
  "ogg-vorbis": () => new OggVorbisDecoder(),
  flac: () => new FLACDecoder(),
};

/**
 * Sniffs the source and returns a stream of decoded chunks. Throws
 * UnsupportedRecordingError before decoding anything when the bytes are not a
 * supported recording; the chunks throw RecordingDecodeError for broken ones.
 */
export async function openAudioDecodeStream(source: ByteSource): Promise<AudioDecodeStream> {
  const reader = new ByteReader(source);
  let detected: DetectedAudio;
  try {
    detected = detectAudioType(await reader.peek(SNIFF_BYTES));
  } catch (error) {
    await reader.close();
    throw error;
  }
  const stats: DecodeStats = { decodeErrors: 0, warnings: [] };
  const decode = detected.kind === "wav" ? decodeWav(reader, stats) : decodeWithWasm(reader, detected, stats);
  return { detected, stats, chunks: closing(decode, reader) };
}

/** Whole-recording decode into memory: for tests and short files; jobs should stream. */
export async function decodeAudio(source: ByteSource) {
  const { detected, chunks, stats } = await openAudioDecodeStream(source);
  const parts: Float32Array[][] = [];
  let sampleRate = detected.sampleRate ?? 0;
  for await (const chunk of chunks) {
    parts.push(chunk.channelData);
    sampleRate = chunk.sampleRate;
  }
  const channels = parts[0]?.length ?? detected.channels ?? 0;
  const channelData = Array.from({ length: channels }, (_, c) => concat(parts.map((part) => part[c] as Float32Array)));
  return { detected, sampleRate, channelData, frames: channelData[0]?.length ?? 0, stats };
}

async function* closing(chunks: AsyncGenerator<PcmChunk>, reader: ByteReader): AsyncGenerator<PcmChunk> {
  try {
    yield* chunks;
  } finally {
    await reader.close();
  }
}

async function* decodeWithWasm(reader: ByteReader, detected: DetectedAudio, stats: DecodeStats): AsyncGenerator<PcmChunk> {
  const decoder = WASM_DECODERS[detected.kind as keyof typeof WASM_DECODERS]();
  let frames = 0;
  const take = (decoded: DecodedAudio): PcmChunk | null => {
    for (const error of decoded.errors) {
      stats.decodeErrors += 1;
      stats.firstDecodeError ??= error.message;
    }
    if (decoded.samplesDecoded === 0 || decoded.channelData.length === 0) return null;
    frames += decoded.samplesDecoded;
    const channelData = decoded.channelData.map((channel) => channel.subarray(0, decoded.samplesDecoded));
    return { sampleRate: decoded.sampleRate, channelData };
  };
  // The decoders (and the codec-parser under them) throw plain Errors on some damaged
  // input; that is a property of the file, not a bug to retry.
  const guarded = async (step: () => DecodedAudio | Promise<DecodedAudio>) => {
    try {
      return take(await step());
    } catch (error) {
      if (error instanceof DomainError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new RecordingDecodeError("corrupt", `the ${detected.label} decoder failed after ${frames} frames: ${message}`);
    }
  };
  try {
    await decoder.ready;
    for await (const bytes of reader.chunks()) {
      const chunk = await guarded(() => decoder.decode(bytes));
      if (chunk) yield chunk;
    }
    if (decoder.flush) {
      const chunk = await guarded(() => (decoder.flush as () => Promise<DecodedAudio>)());
      if (chunk) yield chunk;
    }
  } finally {
    decoder.free();
  }
  if (frames === 0) {
    const cause = stats.firstDecodeError ? ` (${stats.firstDecodeError})` : "";
    throw new RecordingDecodeError("corrupt", `no ${detected.label} audio frames could be decoded${cause}`);
  }
  // libFLAC stops at the first damaged frame without reporting it: hold it to STREAMINFO.
  if (detected.totalFrames !== undefined && frames < detected.totalFrames) {
    throw new RecordingDecodeError(
      "truncated",
      `${detected.label} audio stops after ${frames} of ${detected.totalFrames} samples (the file is cut off or damaged)`,
    );
  }
}

function concat(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
