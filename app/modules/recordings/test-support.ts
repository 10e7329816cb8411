/**
 * Test support: WAV files built in code (the variants too tedious to keep as
 * fixture files: extensible, 24/32-bit, float, odd chunks, broken headers),
 * and helpers to feed bytes in awkward chunk sizes. Not used by the app.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

export const FIXTURES = path.join(import.meta.dirname, "fixtures");

export function fixture(name: string): Buffer {
  return readFileSync(path.join(FIXTURES, name));
}

export interface WavSpec {
  channels: number;
  sampleRate: number;
  bitsPerSample: 8 | 16 | 24 | 32 | 64;
  /** 1 PCM, 3 IEEE float (or any tag, written as is). */
  formatTag?: number;
  extensible?: boolean;
  /** Sample value in -1..1 for frame i of channel c. */
  sample: (i: number, c: number) => number;
  frames: number;
  /** Chunks written between `fmt ` and `data` (and before `fmt ` with `before: true`). */
  extraChunks?: Array<{ id: string; body: Uint8Array; before?: boolean }>;
  /** Overrides the data chunk's size field (e.g. 0xFFFFFFFF, or more than is written). */
  dataSizeField?: number;
}

export function buildWav(spec: WavSpec): Buffer {
  const formatTag = spec.formatTag ?? (spec.bitsPerSample === 64 ? 3 : 1);
  const width = spec.bitsPerSample / 8;
  const blockAlign = spec.channels * width;
  const data = Buffer.alloc(spec.frames * blockAlign);
  for (let i = 0; i < spec.frames; i++) {
    for (let c = 0; c < spec.channels; c++) {
      writeSample(data, i * blockAlign + c * width, spec.sample(i, c), spec.bitsPerSample, formatTag === 3);
    }
  }

  const fmt = Buffer.alloc(spec.extensible ? 40 : 16);
  fmt.writeUInt16LE(spec.extensible ? 0xfffe : formatTag, 0);
  fmt.writeUInt16LE(spec.channels, 2);
  fmt.writeUInt32LE(spec.sampleRate, 4);
  fmt.writeUInt32LE(spec.sampleRate * blockAlign, 8);
  fmt.writeUInt16LE(blockAlign, 12);
  fmt.writeUInt16LE(spec.bitsPerSample, 14);
  if (spec.extensible) {
    fmt.writeUInt16LE(22, 16);
    fmt.writeUInt16LE(spec.bitsPerSample, 18);
    fmt.writeUInt32LE(spec.channels === 2 ? 0x3 : 0x4, 20);
    fmt.writeUInt16LE(formatTag, 24);
    Buffer.from([0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71]).copy(fmt, 26);
  }

  const extra = spec.extraChunks ?? [];
  const parts = [
    ...extra.filter((c) => c.before).map((c) => chunk(c.id, c.body)),
    chunk("fmt ", fmt),
    ...extra.filter((c) => !c.before).map((c) => chunk(c.id, c.body)),
    chunk("data", data, spec.dataSizeField),
  ];
  const body = Buffer.concat(parts);
  const header = Buffer.alloc(12);
  header.write("RIFF", 0, "latin1");
  header.writeUInt32LE(4 + body.length, 4);
  header.write("WAVE", 8, "latin1");
  return Buffer.concat([header, body]);
}

function chunk(id: string, body: Uint8Array, sizeField = body.length): Buffer {
  const header = Buffer.alloc(8);
  header.write(id, 0, "latin1");
  header.writeUInt32LE(sizeField, 4);
  const pad = body.length % 2 === 1 ? Buffer.alloc(1) : Buffer.alloc(0);
  return Buffer.concat([header, body, pad]);
}

function writeSample(out: Buffer, offset: number, value: number, bits: number, float: boolean): void {
  if (float) {
    if (bits === 32) out.writeFloatLE(value, offset);
    else out.writeDoubleLE(value, offset);
    return;
  }
  const clamp = (v: number, max: number) => Math.max(-max - 1, Math.min(max, Math.round(v * (max + 1))));
  if (bits === 8) out.writeUInt8(clamp(value, 127) + 128, offset);
  else if (bits === 16) out.writeInt16LE(clamp(value, 32767), offset);
  else if (bits === 24) out.writeIntLE(clamp(value, 8388607), offset, 3);
  else out.writeInt32LE(clamp(value, 2147483647), offset);
}

/** Yields `bytes` in pieces of the given sizes, cycling — to exercise chunk-boundary handling. */
export function* inPieces(bytes: Uint8Array, sizes: readonly number[]): Generator<Uint8Array> {
  let offset = 0;
  for (let i = 0; offset < bytes.length; i++) {
    const size = sizes[i % sizes.length] ?? 1;
    yield bytes.subarray(offset, offset + size);
    offset += size;
  }
}
