import { describe, expect, it } from "vitest";
import type { ScoringQuestion } from "../scorecards/scorecard-definition.schema";
import { lowers, sameAnswer, withAnswer } from "./answer-change";
import { outcomeOf } from "./dispute-states";

const scale = { id: "discovery", kind: "scale", prompt: "Understood", min: 1, max: 5, weight: 1, allowNa: true, critical: null, required: true } as unknown as ScoringQuestion;
const binary = { id: "greeting", kind: "binary", prompt: "Greeted", weight: 1, allowNa: false, critical: null, required: true } as unknown as ScoringQuestion;

describe("comparing answers", () => {
  it("a lowering is a lower question score; N/A either way is not one", () => {
    expect(lowers(scale, { value: 4 }, { value: 2 })).toBe(true);
    expect(lowers(scale, { value: 2 }, { value: 4 })).toBe(false);
    expect(lowers(binary, { value: true }, { value: false })).toBe(true);
    expect(lowers(scale, { value: 4 }, { na: true })).toBe(false);
    expect(lowers(scale, { na: true }, { value: 1 })).toBe(false);
  });

  it("the same answer ignores the comment; the decided answer keeps the reviewer's comment", () => {
    expect(sameAnswer({ value: 3, comment: "a" }, { value: 3 })).toBe(true);
    expect(sameAnswer({ value: 3 }, { na: true })).toBe(false);
    expect(withAnswer({ value: 3, comment: "Asked twice" }, { value: 5 })).toEqual({ value: 5, comment: "Asked twice" });
  });

  it("the outcome follows from the questions", () => {
    expect(outcomeOf(["keep", "keep"])).toBe("rejected");
    expect(outcomeOf(["accept", "accept"])).toBe("upheld");
    expect(outcomeOf(["accept", "keep"])).toBe("partly_upheld");
    expect(outcomeOf(["other"])).toBe("partly_upheld");
  });
});
