import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SegmentTimeline, timedSegments } from "./active-segment";

/** The rule written the obvious way (a linear pass), as the oracle for the binary search. */
function linearActiveAt(segments: readonly { id: string; startMs: number; endMs: number }[], ms: number): string | null {
  let active: { id: string; startMs: number } | null = null;
  for (const segment of segments) {
    if (segment.startMs <= ms && ms < segment.endMs && (!active || segment.startMs >= active.startMs)) active = segment;
  }
  return active?.id ?? null;
}

const segments = [
  { id: "s1", startMs: 0, endMs: 2000 },
  { id: "s2", startMs: 2500, endMs: 5000 },
  // Overtalk: s3 starts before s2 ends.
  { id: "s3", startMs: 4800, endMs: 8000 },
  { id: "empty", startMs: 9000, endMs: 9000 },
];

describe("SegmentTimeline.activeAt", () => {
  it.each([
    [-1, null],
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
    expect(new SegmentTimeline(segments).activeAt(ms)).toBe(expected);
  });

  it("does not rely on the segments' order, and handles none", () => {
    expect(new SegmentTimeline([...segments].reverse()).activeAt(4900)).toBe("s3");
    expect(new SegmentTimeline([]).activeAt(100)).toBeNull();
  });

  it("finds a long segment that an earlier, shorter one follows (a long overtalk)", () => {
    const timeline = new SegmentTimeline([
      { id: "long", startMs: 0, endMs: 10_000 },
      { id: "short", startMs: 1000, endMs: 2000 },
    ]);
    expect(timeline.activeAt(1500)).toBe("short");
    expect(timeline.activeAt(5000)).toBe("long");
  });

  it("agrees with a linear pass on random transcripts", () => {
    const segment = fc.record({ startMs: fc.integer({ min: 0, max: 5000 }), length: fc.integer({ min: 0, max: 1500 }) });
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 40 }), fc.integer({ min: -10, max: 7000 }), (raw, ms) => {
        const list = raw.map(({ startMs, length }, index) => ({ id: `s${index}`, startMs, endMs: startMs + length }));
        expect(new SegmentTimeline(list).activeAt(ms)).toBe(linearActiveAt(list, ms));
      }),
    );
  });

  it("finds the turn at 45:00 of a 60-minute call of 1,200 segments", () => {
    const list = Array.from({ length: 1200 }, (_, i) => ({ id: `s${i}`, startMs: i * 3000, endMs: i * 3000 + 2800 }));
    const timeline = new SegmentTimeline(list);
    expect(timeline.activeAt(2_700_000)).toBe("s900");
    expect(timeline.activeAt(2_702_900)).toBeNull(); // the pause after it
  });
});

describe("timedSegments", () => {
  it("keeps the segments with audio times", () => {
    expect(timedSegments([{ id: "a", startMs: 0, endMs: 5 }, { id: "chat" }, { id: "half", startMs: 3 }])).toEqual([{ id: "a", startMs: 0, endMs: 5 }]);
  });
});
