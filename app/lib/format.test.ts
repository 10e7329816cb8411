import { describe, expect, it } from "vitest";
import { formatClock } from "../components/conversation/lanes";
import { formatDuration } from "./format";

describe("formatDuration", () => {
  it.each([
    [0, "0:00"],
    [999, "0:00"], // whole seconds rounded down, as a clock counts them
    [1000, "0:01"],
    [51_312, "0:51"],
    [57_600, "0:57"], // not 0:58 in the list while the player says 0:57
    [61_000, "1:01"],
    [3_599_999, "59:59"],
    [3_600_000, "1:00:00"],
    [3_725_000, "1:02:05"],
    [-500, "0:00"],
  ])("%i ms shows as %s", (ms, shown) => {
    expect(formatDuration(ms)).toBe(shown);
  });

  it("is the player's clock too, so a call's length reads the same everywhere", () => {
    expect(formatClock).toBe(formatDuration);
  });
});
