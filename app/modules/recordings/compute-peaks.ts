/**
 * Waveform peaks (docs/architecture.md "Storage layout"), computed in one streaming pass:
 * feed decoded chunks to a PeaksAccumulator, then `finish()`. Pure — runs the
 * same in the job and in tests, and never holds more audio than one chunk.
 *
 * peaks.json, version 1:
 *
 *   { "version": 1,
 *     "rate": 100,            // peaks per second per channel
 *     "sampleRate": 8000,     // of the decoded audio the peaks were taken from
 *     "durationMs": 87520,    // frames / sampleRate, rounded to the millisecond
 *     "channels": [           // one per audio channel, in file order (stereo calls: agent, customer)
 *       { "min": [-0.012, …], "max": [0.013, …] } ] }
 *
 * Peak i of a channel covers [i / rate, (i + 1) / rate) seconds: the lowest and
 * highest sample in that window, in -1..1, rounded to 3 decimals. Every channel
 * has exactly ceil(frames * rate / sampleRate) peaks. For wavesurfer.js use
 * `toWaveSurferPeaks`.
 */
import { z } from "zod";

export const DEFAULT_PEAKS_RATE = 100;
export const MAX_PEAKS_RATE = 1000;
const DECIMALS = 1000;

/** Decoded audio: one Float32Array per channel, all the same length, samples in -1..1. */
export interface PcmChunk {
  sampleRate: number;
  channelData: Float32Array[];
}

export interface PeaksChannel {
  min: number[];
  max: number[];
}

export interface PeaksJson {
  version: 1;
  rate: number;
  sampleRate: number;
  durationMs: number;
  channels: PeaksChannel[];
}

export const peaksJsonSchema = z.object({
  version: z.literal(1),
  rate: z.number().int().positive(),
  sampleRate: z.number().int().positive(),
  durationMs: z.number().int().nonnegative(),
  channels: z.array(z.object({ min: z.array(z.number()), max: z.array(z.number()) })).min(1),
});

export class PeaksAccumulator {
  readonly rate: number;
  private sampleRate: number | undefined;
  private channels: PeaksChannel[] = [];
  private currentMin: Float64Array = new Float64Array(0);
  private currentMax: Float64Array = new Float64Array(0);
  /** Frames fed so far. */
  private frames = 0;
  /** Index of the peak being filled, and the frame at which the next one starts. */
  private bucket = 0;
  private bucketEnd = 0;

  constructor(options: { rate?: number } = {}) {
    const rate = options.rate ?? DEFAULT_PEAKS_RATE;
    if (!Number.isInteger(rate) || rate < 1 || rate > MAX_PEAKS_RATE) {
      throw new RangeError(`peaks rate must be an integer from 1 to ${MAX_PEAKS_RATE}, got ${rate}`);
    }
    this.rate = rate;
  }

  get framesSeen(): number {
    return this.frames;
  }

  push(chunk: PcmChunk): void {
    const { sampleRate, channelData } = chunk;
    const length = channelData[0]?.length ?? 0;
    if (channelData.length === 0) throw new RangeError("a PCM chunk needs at least one channel");
    if (channelData.some((channel) => channel.length !== length)) {
      throw new RangeError("every channel of a PCM chunk must have the same length");
    }
    this.start(sampleRate, channelData.length);
    let offset = 0;
    while (offset < length) {
      const stop = Math.min(length, offset + (this.bucketEnd - this.frames));
      for (let c = 0; c < channelData.length; c++) {
        const samples = channelData[c] as Float32Array;
        let lo = this.currentMin[c] as number;
        let hi = this.currentMax[c] as number;
        for (let i = offset; i < stop; i++) {
          const v = samples[i] as number;
          if (v < lo) lo = v;
          if (v > hi) hi = v;
        }
        this.currentMin[c] = lo;
        this.currentMax[c] = hi;
      }
      this.frames += stop - offset;
      offset = stop;
      if (this.frames === this.bucketEnd) this.emit();
    }
  }

  finish(): PeaksJson {
    const sampleRate = this.sampleRate;
    if (sampleRate === undefined) throw new RangeError("no audio was pushed");
    const expected = Math.ceil((this.frames * this.rate) / sampleRate);
    // A partly filled last peak; then, when the rate does not divide the sample rate, a
    // last window can hold no frame start at all (its audio began in the previous one).
    while (this.bucket < expected) this.emit();
    return {
      version: 1,
      rate: this.rate,
      sampleRate,
      durationMs: Math.round((this.frames * 1000) / sampleRate),
      channels: this.channels,
    };
  }

  private start(sampleRate: number, channels: number): void {
    if (this.sampleRate === undefined) {
      if (!Number.isInteger(sampleRate) || sampleRate < this.rate) {
        throw new RangeError(`sample rate ${sampleRate} is not usable for ${this.rate} peaks per second`);
      }
      this.sampleRate = sampleRate;
      this.channels = Array.from({ length: channels }, () => ({ min: [], max: [] }));
      this.currentMin = new Float64Array(channels).fill(Number.POSITIVE_INFINITY);
      this.currentMax = new Float64Array(channels).fill(Number.NEGATIVE_INFINITY);
      this.bucketEnd = this.firstFrameOf(1);
      return;
    }
    if (sampleRate !== this.sampleRate || channels !== this.channels.length) {
      throw new RangeError(
        `the audio changes format mid-stream (${this.channels.length} ch ${this.sampleRate} Hz → ${channels} ch ${sampleRate} Hz)`,
      );
    }
  }

  /** First frame of peak k: ceil(k * sampleRate / rate), in exact integer arithmetic. */
  private firstFrameOf(k: number): number {
    const sampleRate = this.sampleRate as number;
    return Math.floor((k * sampleRate + this.rate - 1) / this.rate);
  }

  private emit(): void {
    for (let c = 0; c < this.channels.length; c++) {
      const channel = this.channels[c] as PeaksChannel;
      const lo = this.currentMin[c] as number;
      const hi = this.currentMax[c] as number;
      channel.min.push(lo === Number.POSITIVE_INFINITY ? 0 : round(lo));
      channel.max.push(hi === Number.NEGATIVE_INFINITY ? 0 : round(hi));
      this.currentMin[c] = Number.POSITIVE_INFINITY;
      this.currentMax[c] = Number.NEGATIVE_INFINITY;
    }
    this.bucket += 1;
    this.bucketEnd = this.firstFrameOf(this.bucket + 1);
  }
}

/** Clamped to -1..1 (float WAVs may overshoot) and rounded; never -0, so the JSON stays "0". */
function round(value: number): number {
  const clamped = value > 1 ? 1 : value < -1 ? -1 : value;
  return Math.round(clamped * DECIMALS) / DECIMALS || 0;
}

/** Peaks of a stream of chunks, consumed one at a time. */
export async function computePeaks(chunks: AsyncIterable<PcmChunk> | Iterable<PcmChunk>, options: { rate?: number } = {}) {
  const accumulator = new PeaksAccumulator(options);
  for await (const chunk of chunks) accumulator.push(chunk);
  return accumulator.finish();
}

/**
 * What `WaveSurfer.create({ peaks, duration })` (or `ws.load(url, peaks, duration)`)
 * takes: one array per channel, duration in seconds. wavesurfer 8 draws the
 * magnitude (Math.abs) of each value, so each peak becomes max(|min|, |max|).
 * With `splitChannels` each channel gets its own lane (agent and customer);
 * without it, channel 0 is drawn upwards and channel 1 downwards in one lane.
 */
export function toWaveSurferPeaks(peaks: PeaksJson): { peaks: number[][]; duration: number } {
  return {
    peaks: peaks.channels.map(({ min, max }) => max.map((hi, i) => Math.max(hi, -(min[i] ?? 0), 0))),
    duration: peaks.durationMs / 1000,
  };
}
