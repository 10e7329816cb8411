import { describe, expect, it } from "vitest";
import { OVERVIEW_COLUMNS, overviewOfPeaks, readWaveformOverview } from "./waveform-overview";

describe("overviewOfPeaks", () => {
  it("keeps the loudest moment of each slice, per channel, scaled to that channel's loudest", () => {
    const overview = overviewOfPeaks(
      {
        channels: [
          { min: [-0.1, -0.05, 0, -0.4], max: [0.05, 0.2, 0, 0.1] },
          { min: [0, 0, 0, 0], max: [0.01, 0.02, 0.03, 0.04] },
        ],
      },
      2,
    );
    // Channel 1: slices [0.1, 0.2] and [0, 0.4] → 0.2 and 0.4 of a loudest 0.4.
    // Channel 2 is quiet but drawn at full height, as the interactive waveform normalises it.
    expect(overview.channels).toEqual([
      [50, 100],
      [50, 100],
    ]);
  });

  it("gives OVERVIEW_COLUMNS columns for a long recording and one per peak for a very short one", () => {
    const long = { min: new Array<number>(36_000).fill(-0.5), max: new Array<number>(36_000).fill(0.5) };
    expect(overviewOfPeaks({ channels: [long] }).channels[0]).toHaveLength(OVERVIEW_COLUMNS);
    expect(overviewOfPeaks({ channels: [{ min: [0, -1], max: [0.5, 0] }] }).channels).toEqual([[50, 100]]);
  });

  it("draws silence flat rather than dividing by nothing", () => {
    expect(overviewOfPeaks({ channels: [{ min: [0, 0, 0], max: [0, 0, 0] }] }, 3).channels).toEqual([[0, 0, 0]]);
  });
});

describe("readWaveformOverview", () => {
  it("accepts what overviewOfPeaks writes and refuses anything else", () => {
    const overview = overviewOfPeaks({ channels: [{ min: [-0.2], max: [0.3] }] });
    expect(readWaveformOverview(JSON.parse(JSON.stringify(overview)))).toEqual(overview);
    expect(readWaveformOverview(null)).toBeNull();
    expect(readWaveformOverview({ channels: [] })).toBeNull();
    expect(readWaveformOverview({ channels: [[101]] })).toBeNull();
    expect(readWaveformOverview({ channels: [["50"]] })).toBeNull();
  });
});
