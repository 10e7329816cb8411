import { describe, expect, it } from "vitest";
import { medianHandlingSeconds } from "./handling-median";

describe("median handling time from counts per minute", () => {
  it("is null without evaluations", () => {
    expect(medianHandlingSeconds([])).toBeNull();
    expect(medianHandlingSeconds([{ minute: 12, count: 0 }])).toBeNull();
  });

  it("takes the middle minute of an odd count, in seconds", () => {
    // 10, 20, 30 minutes → 20.
    expect(medianHandlingSeconds([{ minute: 30, count: 1 }, { minute: 10, count: 1 }, { minute: 20, count: 1 }])).toBe(1200);
    // 5, 5, 5, 40, 90 → 5.
    expect(medianHandlingSeconds([{ minute: 90, count: 1 }, { minute: 5, count: 3 }, { minute: 40, count: 1 }])).toBe(300);
  });

  it("averages the two middle minutes of an even count, as percentile_cont", () => {
    // 5 and 15 → 10 minutes.
    expect(medianHandlingSeconds([{ minute: 5, count: 1 }, { minute: 15, count: 1 }])).toBe(600);
    // 7, 7, 8, 8, 8, 9 → (8 + 8) / 2; 7, 8 → 7.5 minutes = 450 s.
    expect(medianHandlingSeconds([{ minute: 7, count: 2 }, { minute: 8, count: 3 }, { minute: 9, count: 1 }])).toBe(480);
    expect(medianHandlingSeconds([{ minute: 8, count: 1 }, { minute: 7, count: 1 }])).toBe(450);
  });

  it("adds the counts of a minute given by several roll-up rows", () => {
    // Two months' rows: {12: 2} and {12: 1, 30: 2} → 12, 12, 12, 30, 30 → 12.
    expect(medianHandlingSeconds([{ minute: 12, count: 2 }, { minute: 12, count: 1 }, { minute: 30, count: 2 }])).toBe(720);
  });
});
