import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { RecordingDecodeError } from "./errors";
import { buildWav } from "./test-support";
import { alawToLinear, mulawToLinear, parseFmtChunk, wavBytesToPlanar } from "./wav-format";

/** SHA-256 of the 256 decoded values as int16 LE, in byte order 0x00..0xFF. */
function tableDigest(decode: (byte: number) => number): string {
  const out = Buffer.alloc(512);
  for (let b = 0; b < 256; b++) out.writeInt16LE(decode(b), b * 2);
  return createHash("sha256").update(out).digest("hex");
}

function fmtOf(wav: Buffer) {
  return parseFmtChunk(wav.subarray(20, 20 + wav.readUInt32LE(16)));
}

function dataOf(wav: Buffer) {
  const at = wav.indexOf("data", 12, "latin1");
  return wav.subarray(at + 8);
}

describe("G.711 tables", () => {
  // Digests of `sox -t raw -e u-law|a-law -b 8 <bytes 0..255> -t raw -e signed -b 16 -L -` (sox 14.4.2).
  it("decode every μ-law and A-law byte exactly as sox does", () => {
    expect(tableDigest(mulawToLinear)).toBe("3dab54339e520bb2c924826e3b72a917a2b612e9fd12fc867500f1d983a75827");
    expect(tableDigest(alawToLinear)).toBe("e04788d110e58ff8c70c93b8480190d973e3b67876b6119abbaec766cc75c174");
  });

  it("map the well-known code points", () => {
    expect([0x00, 0x7f, 0x80, 0xff].map((b) => mulawToLinear(b) + 0)).toEqual([-32124, 0, 32124, 0]);
    expect([0xd5, 0x55, 0xaa, 0x2a].map(alawToLinear)).toEqual([8, -8, 32256, -32256]);
  });
});

describe("parseFmtChunk and wavBytesToPlanar", () => {
  const ramp = (i: number, c: number) => (c === 0 ? 1 : -1) * (i / 8 - 0.5);

  it.each([
    [8, 1, false, 1 / 128],
    [16, 1, false, 1 / 32768],
    [24, 1, true, 1 / 8388608],
    [32, 1, false, 1 / 2147483648],
    [32, 3, false, 1e-7],
    [64, 3, true, 1e-15],
  ] as const)("%i-bit format %i (extensible: %s) round-trips within one step", (bits, formatTag, extensible, step) => {
    const wav = buildWav({ channels: 2, sampleRate: 8000, bitsPerSample: bits, formatTag, extensible, frames: 9, sample: ramp });
    const format = fmtOf(wav);
    expect(format).toMatchObject({ channels: 2, sampleRate: 8000, bitsPerSample: bits, extensible, blockAlign: (2 * bits) / 8 });
    const [left, right] = wavBytesToPlanar(dataOf(wav), format);
    for (let i = 0; i < 9; i++) {
      expect(Math.abs(left![i]! - ramp(i, 0))).toBeLessThanOrEqual(step);
      expect(Math.abs(right![i]! - ramp(i, 1))).toBeLessThanOrEqual(step);
    }
  });

  it("refuses impossible headers as corrupt", () => {
    const wav = buildWav({ channels: 1, sampleRate: 8000, bitsPerSample: 16, frames: 1, sample: () => 0 });
    const fmt = Buffer.from(wav.subarray(20, 36));
    fmt.writeUInt16LE(0, 2);
    expect(() => parseFmtChunk(fmt)).toThrow(RecordingDecodeError);
    expect(() => parseFmtChunk(fmt)).toThrow("WAV fmt chunk declares 0 channels");
    expect(() => parseFmtChunk(fmt.subarray(0, 10))).toThrow("WAV fmt chunk is 10 bytes, expected at least 16");
  });

  it("refuses 12-bit PCM and 16-bit μ-law as unsupported", () => {
    const fmt = Buffer.from(buildWav({ channels: 1, sampleRate: 8000, bitsPerSample: 16, frames: 1, sample: () => 0 }).subarray(20, 36));
    fmt.writeUInt16LE(12, 14);
    expect(() => parseFmtChunk(fmt)).toThrow("WAV with 12-bit PCM samples is not supported; convert to 16-bit PCM WAV");
    fmt.writeUInt16LE(7, 0);
    fmt.writeUInt16LE(16, 14);
    expect(() => parseFmtChunk(fmt)).toThrow("WAV with 16-bit G.711 samples is not supported");
  });
});
