import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { drawSample } from "./draw";
import { compareRanked, rankKey } from "./rank";
import { nextReplacement } from "./replace";

const ranking = (seed: string, count: number) =>
  Array.from({ length: count }, (_, i) => ({ id: `i-${i}`, agentId: "ann", rankKey: rankKey(seed, `i-${i}`) }));

describe("nextReplacement", () => {
  it("is the best-ranked candidate not taken, whatever order the ranking comes in", () => {
    const candidates = ranking("s", 8);
    const ordered = [...candidates].sort(compareRanked);
    const taken = new Set(ordered.slice(0, 3).map((c) => c.id));
    expect(nextReplacement([...candidates].reverse(), taken)).toEqual(ordered[3]);
    expect(nextReplacement(candidates, taken)).toEqual(ordered[3]);
  });

  it("is null when the agent has nothing left", () => {
    const candidates = ranking("s", 2);
    expect(nextReplacement(candidates, new Set(candidates.map((c) => c.id)))).toBeNull();
    expect(nextReplacement([], new Set())).toBeNull();
  });

  it("property: replacing a skipped item gives what the draw would have given had the skipped one not matched", () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 2, max: 30 }), fc.integer({ min: 1, max: 10 }), fc.nat(), (seed, count, n, pick) => {
        const candidates = ranking(seed, count);
        const quota = { kind: "per_agent" as const, n };
        const first = drawSample({ candidates, quota, alreadyTaken: new Set() });
        const skipped = first.drawn[pick % first.drawn.length];
        if (!skipped) return;
        const taken = new Set(first.drawn.map((c) => c.id));
        const replacement = nextReplacement(candidates, taken);
        const without = drawSample({ candidates: candidates.filter((c) => c.id !== skipped.id), quota, alreadyTaken: new Set() });
        const expected = without.drawn.find((c) => !taken.has(c.id)) ?? null;
        expect(replacement).toEqual(expected);
      }),
    );
  });
});
