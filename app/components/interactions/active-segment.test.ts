import { describe, expect, it } from "vitest";
import { activeSegmentAt } from "./active-segment";

const segments = [
  { id: "s1", startMs: 0, endMs: 2000 },
  { id: "s2", startMs: 2500, endMs: 5000 },
  // Overtalk: s3 starts before s2 ends.
  { id: "s3", startMs: 4800, endMs: 8000 },
  { id: "empty", startMs: 9000, endMs: 9000 },
];

describe("activeSegmentAt", () => {
  it.each([
    [0, "s1"],
    [1999, "s1"],
    [2000, null], // a silence between turns
    [2500, "s2"],
    [4799, "s2"],
    [4800, "s3"], // during overtalk, the turn that started last
    [4999, "s3"],
    [7999, "s3"],
    [8000, null],
    [9000, null], // a zero-length segment is never current
    [60_000, null],
  ])("at %i ms is %s", (ms, expected) => {
    expect(activeSegmentAt(segments, ms)).toBe(expected);
  });

  it("does not rely on the segments' order", () => {
    expect(activeSegmentAt([...segments].reverse(), 4900)).toBe("s3");
    expect(activeSegmentAt([], 100)).toBeNull();
  });
});
