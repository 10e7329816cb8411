import { describe, expect, it } from "vitest";
import { sumsOf } from "../reports/statistics";
import { differenceInDifferences, measureEffect, percentSums } from "./effect";

// R's datasets::sleep (Student 1908): extra hours of sleep under two drugs.
const sleepGroup1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const sleepGroup2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

describe("the coached agent's before/after difference (Welch)", () => {
  it("matches R's t.test(extra ~ group, data = sleep): df 17.776, 95 % −3.3655 to 0.2055", () => {
    // "after" = group 1 and "before" = group 2, so after − before is R's mean(1) − mean(2).
    const effect = measureEffect({ coachedBefore: sumsOf(sleepGroup2), coachedAfter: sumsOf(sleepGroup1), peersBefore: sumsOf([]), peersAfter: sumsOf([]) });
    expect(effect.coached!.difference).toBeCloseTo(-1.58, 10);
    expect(effect.coached!.df).toBeCloseTo(17.776, 3);
    expect(effect.coached!.interval.low).toBeCloseTo(-3.3655, 4);
    expect(effect.coached!.interval.high).toBeCloseTo(0.2055, 4);
    expect(effect.peers).toBeNull();
    expect(effect.did).toBeNull();
    expect(effect.reading).toBe("Down 2 points (95 % interval −3 to 0); not enough evaluations of uncoached peers to compare with yet.");
  });
});

describe("difference in differences, worked by hand", () => {
  // Four groups of five scores (%), each spaced 5 apart, so each has s² = (10² + 5² + 0 + 5² + 10²)/4 = 62.5
  // and s²/n = 12.5:
  //   coached before 40 45 50 55 60 (mean 50)   coached after 70 75 80 85 90 (mean 80)
  //   peers   before 50 55 60 65 70 (mean 60)   peers   after 55 60 65 70 75 (mean 65)
  // Coached: 80 − 50 = 30, SE = √(12.5 + 12.5) = 5, df = 25² / (2 · 12.5² / 4) = 8,
  //   t(0.975, 8) = 2.306004, half-width 11.530 → 18.470 to 41.530.
  // Peers: 65 − 60 = 5, the same spread → −6.530 to 16.530.
  // DiD: 30 − 5 = 25, SE = √(4 · 12.5) = √50 = 7.0711, df = 50² / (4 · 12.5² / 4) = 16,
  //   t(0.975, 16) = 2.119905, half-width 14.990 → 10.010 to 39.990.
  const input = {
    coachedBefore: sumsOf([40, 45, 50, 55, 60]),
    coachedAfter: sumsOf([70, 75, 80, 85, 90]),
    peersBefore: sumsOf([50, 55, 60, 65, 70]),
    peersAfter: sumsOf([55, 60, 65, 70, 75]),
  };

  it("gives 25 points with df 16 and 95 % 10.010 to 39.990", () => {
    const did = differenceInDifferences(input)!;
    expect(did.difference).toBeCloseTo(25, 10);
    expect(did.standardError).toBeCloseTo(Math.sqrt(50), 10);
    expect(did.df).toBeCloseTo(16, 10);
    expect(did.interval.low).toBeCloseTo(10.01, 3);
    expect(did.interval.high).toBeCloseTo(39.99, 3);
  });

  it("reads as a sentence with the coached and the peers' movement", () => {
    const effect = measureEffect(input);
    expect(effect.coached!.df).toBeCloseTo(8, 10);
    expect(effect.coached!.interval.low).toBeCloseTo(18.47, 3);
    expect(effect.peers!.interval.high).toBeCloseTo(16.53, 3);
    expect(effect.reading).toBe("Up 30 points (95 % interval 18 to 42); uncoached peers up 5 points; difference 25 points (95 % interval 10 to 40).");
  });

  it("says how many evaluations are missing below five on a side", () => {
    const effect = measureEffect({ ...input, coachedAfter: sumsOf([70, 75, 80]) });
    expect(effect.coached).toBeNull();
    expect(effect.did).toBeNull();
    expect(effect.reading).toBe("Not enough evaluations yet (3 since the plan started; at least 5 needed).");
  });

  it("works on q sums: 0.4…0.6 is 40…60 %", () => {
    const sums = percentSums(sumsOf([0.4, 0.45, 0.5, 0.55, 0.6]));
    expect(sums.sum / sums.n).toBeCloseTo(50, 10);
    expect(sums.centredSquares! / (sums.n - 1)).toBeCloseTo(62.5, 8);
  });
});
