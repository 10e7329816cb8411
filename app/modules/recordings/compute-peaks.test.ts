import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PeaksAccumulator, computePeaks, peaksJsonSchema, toWaveSurferPeaks, type PcmChunk } from "./compute-peaks";

function chunksOf(channels: Float32Array[], sampleRate: number, sizes: readonly number[]): PcmChunk[] {
  const length = channels[0]?.length ?? 0;
  const out: PcmChunk[] = [];
  for (let offset = 0, i = 0; offset < length; i++) {
    const size = Math.max(1, sizes[i % sizes.length] ?? 1);
    out.push({ sampleRate, channelData: channels.map((c) => c.subarray(offset, offset + size)) });
    offset += size;
  }
  return out;
}

describe("PeaksAccumulator", () => {
  it("takes the min and max of each window and reports duration and format", async () => {
    // 8 frames at 8 Hz, 2 peaks per second → windows of 4 frames.
    const left = Float32Array.from([0.1, -0.2, 0.3, 0, 0.5, 0.25, -0.75, 0]);
    const right = new Float32Array(8);
    const peaks = await computePeaks([{ sampleRate: 8, channelData: [left, right] }], { rate: 2 });
    expect(peaks).toEqual({
      version: 1,
      rate: 2,
      sampleRate: 8,
      durationMs: 1000,
      channels: [
        { min: [-0.2, -0.75], max: [0.3, 0.5] },
        { min: [0, 0], max: [0, 0] },
      ],
    });
    expect(peaksJsonSchema.parse(peaks)).toEqual(peaks);
  });

  it("has ceil(duration × rate) peaks per channel and the same peaks however the audio is chunked", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.constantFrom(8000, 11025, 16000, 22050, 44100, 48000),
        fc.integer({ min: 1, max: 200 }),
        fc.array(fc.integer({ min: 1, max: 997 }), { minLength: 1, maxLength: 5 }),
        (frames, sampleRate, rate, sizes) => {
          const signal = Float32Array.from({ length: frames }, (_, i) => Math.sin(i * 0.37) * 0.8);
          const whole = new PeaksAccumulator({ rate });
          whole.push({ sampleRate, channelData: [signal] });
          const chunked = new PeaksAccumulator({ rate });
          for (const chunk of chunksOf([signal], sampleRate, sizes)) chunked.push(chunk);
          const a = whole.finish();
          const b = chunked.finish();
          expect(b).toEqual(a);
          const channel = a.channels[0]!;
          expect(channel.max).toHaveLength(Math.ceil((frames * rate) / sampleRate)); // ceil(duration × rate), exactly
          expect(channel.min).toHaveLength(channel.max.length);
          channel.max.forEach((hi, i) => {
            expect(channel.min[i]).toBeLessThanOrEqual(hi);
            expect(Math.abs(hi)).toBeLessThanOrEqual(1);
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it("handles rates that do not divide the sample rate (22050 Hz at 100/s)", async () => {
    const frames = 22050 * 3 + 7;
    const peaks = await computePeaks([{ sampleRate: 22050, channelData: [new Float32Array(frames).fill(0.5)] }]);
    expect(peaks.channels[0]!.max).toHaveLength(301);
    expect(peaks.durationMs).toBe(3000);
    expect(new Set(peaks.channels[0]!.max)).toEqual(new Set([0.5]));
  });

  it("clamps overshooting floats, rounds to 3 decimals and never writes -0", async () => {
    const samples = Float32Array.from([1.7, -3, -0.00004, 0.12345, 0.00001, -0.0001]);
    const peaks = await computePeaks([{ sampleRate: 2, channelData: [samples] }], { rate: 1 });
    expect(peaks.channels[0]).toEqual({ min: [-1, 0, 0], max: [1, 0.123, 0] });
    expect(JSON.stringify(peaks.channels[0])).toBe('{"min":[-1,0,0],"max":[1,0.123,0]}');
  });

  it("refuses a format change mid-stream, bad rates and ragged chunks", () => {
    const acc = new PeaksAccumulator();
    acc.push({ sampleRate: 8000, channelData: [new Float32Array(10)] });
    expect(() => acc.push({ sampleRate: 16000, channelData: [new Float32Array(10)] })).toThrow(/changes format mid-stream/);
    expect(() => acc.push({ sampleRate: 8000, channelData: [new Float32Array(1), new Float32Array(1)] })).toThrow(
      /1 ch 8000 Hz → 2 ch 8000 Hz/,
    );
    expect(() => acc.push({ sampleRate: 8000, channelData: [new Float32Array(2), new Float32Array(1)] })).toThrow(/same length/);
    expect(() => new PeaksAccumulator({ rate: 0 })).toThrow(RangeError);
    expect(() => new PeaksAccumulator({ rate: 12.5 })).toThrow(RangeError);
    expect(() => new PeaksAccumulator().finish()).toThrow("no audio was pushed");
  });
});

describe("toWaveSurferPeaks", () => {
  it("gives one max-magnitude array per channel and the duration in seconds", () => {
    const wave = toWaveSurferPeaks({
      version: 1,
      rate: 2,
      sampleRate: 8,
      durationMs: 1500,
      channels: [
        { min: [-0.2, -0.75, 0], max: [0.3, 0.5, 0] },
        { min: [-0.1, -0.4, -0.3], max: [-0.05, 0.1, -0.2] },
      ],
    });
    expect(wave).toEqual({ peaks: [[0.3, 0.75, 0], [0.1, 0.4, 0.3]], duration: 1.5 });
  });
});
