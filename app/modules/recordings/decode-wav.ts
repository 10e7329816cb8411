/**
 * Streaming WAV decode: walks the RIFF chunks with a ByteReader, reads `fmt `,
 * skips everything else, then turns the `data` chunk into planar float frames
 * one source chunk at a time — memory stays flat however long the call is.
 * No I/O of its own; the caller supplies the bytes.
 */
import { formatDuration } from "../../lib/format";
import type { ByteReader } from "./byte-reader";
import type { PcmChunk } from "./compute-peaks";
import { RecordingDecodeError, UnsupportedRecordingError } from "./errors";
import { parseFmtChunk, wavBytesToPlanar, type WavFormat } from "./wav-format";

/** A fmt chunk is 16–40 bytes; anything this large is not a WAV header. */
const MAX_FMT_BYTES = 1024;

/** What the decode noticed without stopping: a data chunk the file does not hold in full. */
export interface WavDecodeNotes {
  warnings: string[];
}

export async function* decodeWav(reader: ByteReader, notes: WavDecodeNotes = { warnings: [] }): AsyncGenerator<PcmChunk> {
  const riff = await reader.read(12);
  const tag = latin1(riff.subarray(0, 4));
  if (riff.length < 12) throw truncatedHeader(reader.position);
  if (tag === "RF64") throw new UnsupportedRecordingError("RF64 (WAV over 4 GB) is not supported yet; convert to WAV or MP3");
  if (tag !== "RIFF" || latin1(riff.subarray(8, 12)) !== "WAVE") {
    throw new RecordingDecodeError("corrupt", "the file does not start with a RIFF/WAVE header");
  }

  let format: WavFormat | undefined;
  for (;;) {
    const header = await reader.read(8);
    if (header.length < 8) {
      if (format) throw new RecordingDecodeError("corrupt", `WAV file has no data chunk (it ends at byte ${reader.position})`);
      throw truncatedHeader(reader.position);
    }
    const id = latin1(header.subarray(0, 4));
    const size = new DataView(header.buffer, header.byteOffset, 8).getUint32(4, true);

    if (id === "data") {
      if (!format) throw new RecordingDecodeError("corrupt", "WAV data chunk comes before its fmt chunk");
      yield* dataChunk(reader, format, size, notes);
      return;
    }
    if (id === "fmt ") {
      if (size > MAX_FMT_BYTES) throw new RecordingDecodeError("corrupt", `WAV fmt chunk claims ${size} bytes`);
      const body = await reader.read(size);
      if (body.length < size) throw truncatedHeader(reader.position);
      format = parseFmtChunk(body);
      if (size % 2 === 1) await reader.skip(1);
      continue;
    }
    const skip = size + (size % 2);
    if ((await reader.skip(skip)) < skip) throw truncatedHeader(reader.position);
  }
}

/**
 * The data chunk's frames. A size of 0 or 0xFFFFFFFF is what recorders leave
 * when they die before rewriting the header: read to the end of the file then.
 * A declared size the file does not reach (a recorder that stopped mid-write, a
 * copy cut short) is decoded as far as it goes, with a warning that says how
 * much of the announced audio is there; a file with no audio at all stays an error.
 */
async function* dataChunk(reader: ByteReader, format: WavFormat, size: number, notes: WavDecodeNotes): AsyncGenerator<PcmChunk> {
  const open = size === 0 || size === 0xffffffff;
  const { blockAlign, sampleRate } = format;
  let carry = new Uint8Array(0);
  let received = 0;

  for await (const chunk of reader.chunks(open ? undefined : size)) {
    received += chunk.length;
    let bytes = chunk;
    if (carry.length > 0) {
      bytes = new Uint8Array(carry.length + chunk.length);
      bytes.set(carry);
      bytes.set(chunk, carry.length);
    }
    const whole = bytes.length - (bytes.length % blockAlign);
    // Copy the remainder: the source may reuse its buffer for the next chunk.
    carry = bytes.slice(whole);
    if (whole > 0) yield { sampleRate, channelData: wavBytesToPlanar(bytes.subarray(0, whole), format) };
  }

  if (!open && received < size) {
    const seconds = (bytes: number) => formatDuration((bytes / (blockAlign * sampleRate)) * 1000);
    notes.warnings.push(
      `The recording is cut short: its WAV header announces ${seconds(size)} of audio (${size} bytes), ` +
        `the file holds ${seconds(received)} (${received} bytes). What is there was decoded.`,
    );
  }
}

function truncatedHeader(position: number): RecordingDecodeError {
  return new RecordingDecodeError("truncated", `WAV header is truncated at byte ${position}`);
}

function latin1(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes);
}
