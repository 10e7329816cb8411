/**
 * peaks.json (docs/decisions/0006) read for drawing: one Float32Array of magnitudes per
 * channel, at most `maxPoints` long, plus the duration in seconds. A 60-minute stereo
 * call at 100 peaks/s holds 1.4 million numbers; checking them with zod and keeping them
 * as JS arrays costs more time and memory than the page can spare, so this checks the
 * shape by hand in the same pass that reduces them (max over each bucket: a waveform of
 * a few thousand pixels shows the same).
 */
export interface WaveformPeaks {
  peaks: Float32Array[];
  duration: number;
}

/** Enough for a 4K-wide waveform with room to spare; a minute or less keeps every peak. */
export const MAX_DRAWN_PEAKS = 8192;

class PeaksFormatError extends Error {}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;

function numbers(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new PeaksFormatError(`${what} is not a list`);
  return value;
}

export function readPeaks(json: unknown, maxPoints = MAX_DRAWN_PEAKS): WaveformPeaks {
  if (!isObject(json) || json.version !== 1) throw new PeaksFormatError("the waveform data is not in the expected format");
  const { durationMs } = json;
  if (typeof durationMs !== "number" || !Number.isFinite(durationMs)) throw new PeaksFormatError("the waveform data has no duration");
  if (durationMs <= 0) throw new PeaksFormatError("the recording is empty");
  const channels = numbers(json.channels, "channels");
  if (channels.length === 0 || channels.length > 8) throw new PeaksFormatError("the waveform data has no channels");
  const peaks = channels.map((channel, index) => {
    if (!isObject(channel)) throw new PeaksFormatError(`channel ${index + 1} is not in the expected format`);
    return reduceChannel(numbers(channel.min, "min"), numbers(channel.max, "max"), maxPoints, index);
  });
  return { peaks, duration: durationMs / 1000 };
}

function magnitude(min: unknown, max: unknown, channel: number): number {
  if (typeof min !== "number" || typeof max !== "number") throw new PeaksFormatError(`channel ${channel + 1} holds a value that is not a number`);
  const value = Math.max(max, -min, 0);
  return value > 1 ? 1 : value;
}

function reduceChannel(min: unknown[], max: unknown[], maxPoints: number, channel: number): Float32Array {
  if (min.length !== max.length) throw new PeaksFormatError(`channel ${channel + 1} has ${min.length} minima and ${max.length} maxima`);
  const count = max.length;
  const size = Math.max(1, Math.min(count, maxPoints));
  const out = new Float32Array(size);
  if (count <= maxPoints) {
    for (let i = 0; i < count; i++) out[i] = magnitude(min[i], max[i], channel);
    return out;
  }
  for (let bucket = 0; bucket < size; bucket++) {
    const from = Math.floor((bucket * count) / size);
    const to = Math.floor(((bucket + 1) * count) / size);
    let peak = 0;
    for (let i = from; i < to; i++) {
      const value = magnitude(min[i], max[i], channel);
      if (value > peak) peak = value;
    }
    out[bucket] = peak;
  }
  return out;
}
