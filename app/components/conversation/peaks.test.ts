import { describe, expect, it } from "vitest";
import { toWaveSurferPeaks, type PeaksJson } from "../../modules/recordings/compute-peaks";
import { readPeaks } from "./peaks";

const json = (channels: PeaksJson["channels"], durationMs = 1000): PeaksJson => ({ version: 1, rate: 100, sampleRate: 8000, durationMs, channels });

describe("readPeaks", () => {
  it("gives each channel's magnitudes and the duration, like toWaveSurferPeaks, while short", () => {
    const data = json([
      { min: [-0.5, -0.1, 0], max: [0.2, 0.3, 0] },
      { min: [-0.01, -0.9, -0.2], max: [0.02, 0.1, 0.25] },
    ]);
    const read = readPeaks(data);
    expect(read.duration).toBe(1);
    const expected = toWaveSurferPeaks(data).peaks;
    read.peaks.forEach((channel, index) => {
      expect([...channel].map((v) => Number(v.toFixed(3)))).toEqual(expected[index]);
    });
  });

  it("reduces a long channel to the loudest of each bucket", () => {
    const max = Array.from({ length: 1000 }, (_, i) => (i === 503 ? 0.9 : 0.1));
    const read = readPeaks(json([{ min: max.map(() => -0.05), max }]), 100);
    expect(read.peaks[0]).toHaveLength(100);
    expect(read.peaks[0]?.[50]).toBeCloseTo(0.9);
    expect(read.peaks[0]?.[49]).toBeCloseTo(0.1);
  });

  it("refuses data that is not peaks, saying why", () => {
    expect(() => readPeaks({ version: 2 })).toThrow("not in the expected format");
    expect(() => readPeaks(json([{ min: [0], max: [0] }], 0))).toThrow("the recording is empty");
    expect(() => readPeaks(json([]))).toThrow("no channels");
    expect(() => readPeaks(json([{ min: [0, 0], max: [0] }]))).toThrow("1 maxima");
    expect(() => readPeaks({ ...json([{ min: [0], max: ["x" as unknown as number] }]) })).toThrow("not a number");
  });

  it("reduces a 60-minute stereo call at 100 peaks/s to what the waveform draws", () => {
    const count = 360_000;
    const channel = () => ({ min: Array.from({ length: count }, () => -Math.random()), max: Array.from({ length: count }, () => Math.random()) });
    const data = json([channel(), channel()], 3_600_000);
    const read = readPeaks(data);
    expect(read.peaks.map((p) => p.length)).toEqual([8192, 8192]);
    expect(read.duration).toBe(3600);
  });
});
