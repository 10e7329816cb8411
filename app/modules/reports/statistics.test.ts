import { describe, expect, it } from "vitest";
import { meanEstimate, meanFromSpread, moreReviewsNeeded, reviewsNeeded, sumsFromNumeric, sumsOf, tCritical, welchDifference, wilsonEstimate, type Sums } from "./statistics";

// Every expected value below is a published one, checked to four decimals (toBeCloseTo(x, 4):
// within 0.00005).

/** Sums of a group known only by n, mean and sample standard deviation. */
function sumsFromSummary(n: number, mean: number, sd: number): Sums {
  return { n, sum: mean * n, sumSquares: sd * sd * (n - 1) + mean * mean * n };
}

describe("t quantile", () => {
  // Abramowitz & Stegun, Handbook of Mathematical Functions, table 26.10 (percentage points of
  // the t distribution), the Q = 0.025 column (two-sided 95 %).
  it.each([
    [1, 12.7062],
    [2, 4.3027],
    [5, 2.5706],
    [10, 2.2281],
    [29, 2.0452],
    [30, 2.0423],
    [60, 2.0003],
    [120, 1.9799],
  ])("t(0.975, %i) = %f", (df, expected) => {
    expect(tCritical(df)).toBeCloseTo(expected, 4);
  });
});

describe("mean with a t interval", () => {
  it("matches the NIST/SEMATECH e-Handbook example (section 1.3.5.2, ZARR13.DAT: N = 195, mean 9.261460, sd 0.022789 → 9.258242 to 9.264679)", () => {
    const estimate = meanFromSpread(195, 9.26146, 0.022789);
    expect(estimate.interval?.low).toBeCloseTo(9.258242, 4);
    expect(estimate.interval?.high).toBeCloseTo(9.264679, 4);
  });

  it("matches R's t.test on the sleep data, group 1 (Student 1908; R datasets::sleep): mean 0.75, 95 % −0.5298 to 2.0298", () => {
    const estimate = meanEstimate(sumsOf([0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]));
    expect(estimate?.mean).toBeCloseTo(0.75, 4);
    expect(estimate?.sd).toBeCloseTo(1.7890, 4);
    expect(estimate?.interval?.low).toBeCloseTo(-0.5298, 4);
    expect(estimate?.interval?.high).toBeCloseTo(2.0298, 4);
  });

  it("has no mean without evaluations and no interval with one", () => {
    expect(meanEstimate({ n: 0, sum: 0, sumSquares: 0 })).toBeNull();
    expect(meanEstimate({ n: 1, sum: 87.5, sumSquares: 7656.25 })).toEqual({ n: 1, mean: 87.5, sd: null, halfWidth: null, interval: null });
  });

  it("gives a constant sample a zero-width interval, from exact numeric sums as from a list", () => {
    // 3 × 83.3 → Σx = 249.9, Σx² = 20816.67; in doubles Σx² − (Σx)²/n is 1e-11, not 0.
    for (const sums of [sumsFromNumeric(3, "249.9", "20816.67"), sumsOf([83.3, 83.3, 83.3])]) {
      const estimate = meanEstimate(sums);
      expect(estimate?.halfWidth).toBe(0);
      expect(estimate?.interval?.low).toBeCloseTo(83.3, 10);
    }
  });

  it("reads PostgreSQL numeric text exactly: 70.5, 80.0, 92.25 → mean 80.9167, sd 10.9039", () => {
    const estimate = meanEstimate(sumsFromNumeric(3, "242.75", "19880.3125"));
    expect(estimate?.mean).toBeCloseTo(80.9167, 4);
    expect(estimate?.sd).toBeCloseTo(10.9039, 4);
    expect(() => sumsFromNumeric(3, "1e5", "1")).toThrow(RangeError);
  });
});

describe("Wilson interval for a rate", () => {
  // Newcombe RG (1998), "Two-sided confidence intervals for the single proportion: comparison
  // of seven methods", Statistics in Medicine 17:857–872, table I, method 3 (score, no
  // continuity correction).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0.0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])("%i of %i → %f to %f", (successes, n, low, high) => {
    const estimate = wilsonEstimate(successes, n);
    expect(estimate?.interval.low).toBeCloseTo(low, 4);
    expect(estimate?.interval.high).toBeCloseTo(high, 4);
  });

  it("stays inside [0, 1] at n of n and has no rate without evaluations", () => {
    expect(wilsonEstimate(29, 29)?.interval.high).toBe(1);
    expect(wilsonEstimate(0, 0)).toBeNull();
    expect(() => wilsonEstimate(3, 2)).toThrow(RangeError);
  });
});

describe("difference of two means (Welch)", () => {
  it("matches R's t.test(extra ~ group, data = sleep): t = −1.8608, df = 17.776, 95 % −3.3655 to 0.2055", () => {
    const group1 = sumsOf([0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]);
    const group2 = sumsOf([1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]);
    const estimate = welchDifference(group1, group2);
    expect(estimate?.difference).toBeCloseTo(-1.58, 4);
    expect(estimate && estimate.difference / estimate.standardError).toBeCloseTo(-1.8608, 4);
    expect(estimate?.df).toBeCloseTo(17.7765, 4);
    expect(estimate?.interval.low).toBeCloseTo(-3.3655, 4);
    expect(estimate?.interval.high).toBeCloseTo(0.2055, 4);
  });

  it("matches the NIST/SEMATECH e-Handbook two-sample example without equal variances (section 1.3.5.3, AUTO83B.DAT: T = −12.94627, ν = 136.8750)", () => {
    const estimate = welchDifference(sumsFromSummary(249, 20.14458, 6.4147), sumsFromSummary(79, 30.48101, 6.10771));
    expect(estimate && estimate.difference / estimate.standardError).toBeCloseTo(-12.94627, 4);
    expect(estimate?.df).toBeCloseTo(136.875, 3);
  });

  it("needs two evaluations on each side", () => {
    expect(welchDifference(sumsOf([80]), sumsOf([70, 90]))).toBeNull();
  });
});

describe("reviews needed for a target half-width", () => {
  it("is the smallest n whose interval is that narrow: sd 10, ±5 needs 18 (t(16)·10/√17 = 5.1415 > 5, t(17)·10/√18 = 4.9729 ≤ 5)", () => {
    expect(reviewsNeeded(10, 5)).toBe(18);
    expect((tCritical(16) * 10) / Math.sqrt(17)).toBeCloseTo(5.1415, 4);
    expect((tCritical(17) * 10) / Math.sqrt(18)).toBeCloseTo(4.9729, 4);
  });

  it("never answers fewer than two, and counts the reviews still to do", () => {
    expect(reviewsNeeded(0, 5)).toBe(2);
    expect(reviewsNeeded(1, 5)).toBe(3);
    const estimate = meanFromSpread(6, 78, 10);
    expect(moreReviewsNeeded(estimate, 5)).toBe(12);
    expect(moreReviewsNeeded(meanFromSpread(40, 78, 10), 5)).toBe(0);
    expect(moreReviewsNeeded(meanFromSpread(1, 78, 10), 5)).toBeNull();
  });

  it("refuses a target that is not positive", () => {
    expect(() => reviewsNeeded(10, 0)).toThrow(RangeError);
  });
});
