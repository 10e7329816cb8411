/**
 * A small picture of a recording's waveform, kept on the interaction row so the page can
 * draw it in its first paint, before any script has run (docs/decisions/0012): per channel,
 * OVERVIEW_COLUMNS magnitudes from 0 to 100, each channel scaled to its own loudest moment
 * (as the interactive waveform draws with `normalize`). The full peaks stay in peaks.json;
 * the interactive waveform replaces this picture once it is ready. Pure.
 */
import { z } from "zod";
import type { PeaksJson } from "./compute-peaks";

/** Enough for the width a waveform has on a laptop; about 1 KB per channel as JSON. */
export const OVERVIEW_COLUMNS = 400;

export interface WaveformOverview {
  /** One list per channel, in file order, each OVERVIEW_COLUMNS (or fewer, for very short recordings) long. */
  channels: number[][];
}

export const waveformOverviewSchema = z.object({
  channels: z
    .array(z.array(z.number().int().min(0).max(100)).min(1).max(2000))
    .min(1)
    .max(8),
});

/** The loudest magnitude in each of `columns` equal slices of the recording, per channel, scaled to 0–100. */
export function overviewOfPeaks(peaks: Pick<PeaksJson, "channels">, columns = OVERVIEW_COLUMNS): WaveformOverview {
  return {
    channels: peaks.channels.map(({ min, max }) => {
      const count = Math.min(min.length, max.length);
      const size = Math.max(1, Math.min(columns, count));
      const loudest = new Array<number>(size).fill(0);
      for (let column = 0; column < size; column++) {
        const from = Math.floor((column * count) / size);
        const to = Math.max(from + 1, Math.floor(((column + 1) * count) / size));
        for (let i = from; i < to && i < count; i++) {
          const value = Math.max(max[i] ?? 0, -(min[i] ?? 0), 0);
          if (value > (loudest[column] ?? 0)) loudest[column] = value;
        }
      }
      const top = Math.max(...loudest);
      return loudest.map((value) => (top > 0 ? Math.round((Math.min(value, top) / top) * 100) : 0));
    }),
  };
}

/** A stored overview as the page may use it: null when missing or not in this shape (drawn later by the waveform itself). */
export function readWaveformOverview(value: unknown): WaveformOverview | null {
  const parsed = waveformOverviewSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
