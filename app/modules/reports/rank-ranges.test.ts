import { describe, expect, it } from "vitest";
import { formatRankRange, rankRanges } from "./rank-ranges";

const agent = (id: string, low: number, high: number) => ({ id, interval: { low, high } });

describe("rank ranges", () => {
  it("orders agents whose intervals are apart, and ties those that overlap", () => {
    // a [80, 90] and b [85, 95] overlap; c [60, 70] lies below both; d [40, 62] overlaps c only.
    const ranges = rankRanges([agent("a", 80, 90), agent("b", 85, 95), agent("c", 60, 70), agent("d", 40, 62)]);
    expect(Object.fromEntries(ranges)).toEqual({
      a: { best: 1, worst: 2 },
      b: { best: 1, worst: 2 },
      c: { best: 3, worst: 4 },
      d: { best: 3, worst: 4 },
    });
  });

  it("gives a single rank when every interval is apart", () => {
    const ranges = rankRanges([agent("low", 10, 20), agent("high", 70, 80), agent("middle", 40, 50)]);
    expect([ranges.get("high"), ranges.get("middle"), ranges.get("low")]).toEqual([
      { best: 1, worst: 1 },
      { best: 2, worst: 2 },
      { best: 3, worst: 3 },
    ]);
  });

  it("counts touching intervals as overlapping (a tie)", () => {
    const ranges = rankRanges([agent("a", 50, 60), agent("b", 60, 70)]);
    expect(ranges.get("a")).toEqual({ best: 1, worst: 2 });
    expect(ranges.get("b")).toEqual({ best: 1, worst: 2 });
  });

  it("ties everyone under one wide interval, though the others are apart from each other", () => {
    // wide [0, 100] overlaps all; x [10, 20] lies below y [80, 90].
    const ranges = rankRanges([agent("wide", 0, 100), agent("x", 10, 20), agent("y", 80, 90)]);
    expect(ranges.get("wide")).toEqual({ best: 1, worst: 3 });
    expect(ranges.get("x")).toEqual({ best: 2, worst: 3 });
    expect(ranges.get("y")).toEqual({ best: 1, worst: 2 });
  });

  it("leaves an agent without an interval unranked and out of N", () => {
    const ranges = rankRanges([agent("a", 80, 90), { id: "one-review", interval: null }, agent("b", 60, 70)]);
    expect(ranges.get("one-review")).toBeNull();
    expect(ranges.get("a")).toEqual({ best: 1, worst: 1 });
    expect(ranges.get("b")).toEqual({ best: 2, worst: 2 });
    expect(rankRanges([])).toEqual(new Map());
  });

  it("prints a tie as a range", () => {
    expect(formatRankRange({ best: 2, worst: 2 })).toBe("2");
    expect(formatRankRange({ best: 1, worst: 3 })).toBe("1–3");
    expect(formatRankRange(null)).toBe("");
  });
});
