import { describe, expect, it } from "vitest";
import { formatClock } from "./types";

describe("formatClock", () => {
  it.each([
    [0, "0:00"],
    [999, "0:00"], // elapsed time counts whole seconds, like a clock
    [1000, "0:01"],
    [51_312, "0:51"],
    [61_000, "1:01"],
    [3_599_999, "59:59"],
    [3_600_000, "1:00:00"],
    [3_725_000, "1:02:05"],
    [-500, "0:00"],
  ])("%i ms shows as %s", (ms, shown) => {
    expect(formatClock(ms)).toBe(shown);
  });
});
