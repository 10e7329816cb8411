import { describe, expect, it } from "vitest";
import { compareCriteria, questionMean, weakestCriteria, type QuestionSums } from "./weakest-criteria";

/** Sums of a list of q values (6 decimals, as stored), with `na` N/A answers besides. */
function sums(key: string, values: number[], na = 0): QuestionSums {
  const sum = values.reduce((total, q) => total + q, 0);
  const squares = values.reduce((total, q) => total + q * q, 0);
  return { key, n: values.length + na, na, sumQ: sum.toFixed(6), sumQSquares: squares.toFixed(12), passes: values.filter((q) => q >= 0.5).length };
}

describe("criteria against the team", () => {
  it("gives a question's mean in points with its t interval, over the scored answers only", () => {
    // q 0.5, 0.75, 1 (and one N/A): mean 75 points, sd 25, t(2) = 4.3027 → ±62.1034.
    const mean = questionMean(sums("k", [0.5, 0.75, 1], 1));
    expect(mean?.n).toBe(3);
    expect(mean?.mean).toBeCloseTo(75, 4);
    expect(mean?.sd).toBeCloseTo(25, 4);
    expect(mean?.halfWidth).toBeCloseTo(62.1034, 4);
    expect(questionMean(sums("k", [], 2))).toBeNull();
  });

  it("names the criteria furthest below the team, with enough answers, worst first", () => {
    const agent = [
      sums("empathy#1", [0.5, 0.5, 0.75]), // 58.33 vs 70: −11.67
      sums("greeting#1", [0, 1, 1]), // 66.67 vs 90: −23.33
      sums("outcome#1", [1, 1, 1]), // above the team: never weak
      sums("identity#1", [0, 0]), // far below, but only two answers
      sums("closing#1", [0.5, 0.5, 0.5]), // 50 vs 55: −5, the third: left out at 2
    ];
    const team = [sums("empathy#1", [0.5, 0.5, 0.75, 1, 0.75]), sums("greeting#1", [0, 1, 1, 1, 1, 1, 1, 1, 1, 1]), sums("outcome#1", [0.5, 1]), sums("identity#1", [1, 1]), sums("closing#1", [0.5, 0.6])];
    const compared = compareCriteria(agent, team);
    expect(compared.map((criterion) => criterion.key)).toEqual(["closing#1", "empathy#1", "greeting#1", "identity#1", "outcome#1"]);
    const empathy = compared.find((criterion) => criterion.key === "empathy#1");
    expect(empathy?.agent?.mean).toBeCloseTo(58.3333, 4);
    expect(empathy?.team?.mean).toBeCloseTo(70, 4);
    expect(empathy?.difference).toBeCloseTo(-11.6667, 4);
    expect(weakestCriteria(compared).map((criterion) => criterion.key)).toEqual(["greeting#1", "empathy#1"]);
    expect(weakestCriteria(compared, 5).map((criterion) => criterion.key)).toEqual(["greeting#1", "empathy#1", "closing#1"]);
  });

  it("has no difference where the team has no figure, and no weakness then", () => {
    const compared = compareCriteria([sums("only-mine#1", [0, 0, 0])], []);
    expect(compared[0]).toMatchObject({ key: "only-mine#1", team: null, difference: null });
    expect(weakestCriteria(compared)).toEqual([]);
  });
});
