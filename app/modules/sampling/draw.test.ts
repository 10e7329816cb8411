import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Candidate, type DrawInput, type DrawResult, drawRanked, drawSample, wantedFor } from "./draw";
import { compareRanked, compareText, rankKey } from "./rank";
import type { Quota } from "./sampling-rule.schema";

const candidate = (seed: string, id: string, agentId: string): Candidate => ({ id, agentId, rankKey: rankKey(seed, id) });

/** `count` interactions for each agent, named `<agent>-<i>`. */
function pool(seed: string, counts: Record<string, number>): Candidate[] {
  return Object.entries(counts).flatMap(([agentId, count]) =>
    Array.from({ length: count }, (_, i) => candidate(seed, `${agentId}-${i}`, agentId)),
  );
}

const drawnIds = (result: { drawn: { id: string }[] }) => result.drawn.map((c) => c.id);
const none = new Set<string>();

describe("wantedFor — percentage rounding (half up, at least 1 when anything matched)", () => {
  const percent = (p: number): Quota => ({ kind: "percentage", percent: p });
  it.each([
    [0, 10, 0],
    [1, 10, 1],
    [3, 10, 1],
    [7, 10, 1],
    [14, 10, 1],
    [15, 10, 2],
    [24, 10, 2],
    [25, 10, 3],
    [200, 0.25, 1],
    [200, 0.75, 2],
    [1000, 0.05, 1],
    [3, 50, 2],
    [40, 12.5, 5],
    [12, 12.5, 2],
    [7, 100, 7],
  ])("%i matched at %s percent → %i", (matched, p, wanted) => {
    expect(wantedFor(percent(p), matched)).toBe(wanted);
  });

  it("per agent and all", () => {
    expect(wantedFor({ kind: "per_agent", n: 5 }, 2)).toBe(5);
    expect(wantedFor({ kind: "all" }, 9)).toBe(9);
  });
});

describe("drawSample", () => {
  it("draws the first N per agent by rank and reports each agent's shortfall", () => {
    const candidates = pool("s", { ann: 10, bob: 2 });
    const result = drawSample({ candidates, quota: { kind: "per_agent", n: 3 }, agentIds: ["bob", "cy"], alreadyTaken: none });
    const annBest = candidates
      .filter((c) => c.agentId === "ann")
      .sort(compareRanked)
      .slice(0, 3);
    expect(result.drawn.filter((c) => c.agentId === "ann")).toEqual(annBest);
    expect(result.drawn.filter((c) => c.agentId === "bob")).toHaveLength(2);
    expect([...result.perAgent.entries()]).toEqual([
      ["ann", { matched: 10, taken: 0, wanted: 3, drawn: 3, shortfall: 0 }],
      ["bob", { matched: 2, taken: 0, wanted: 3, drawn: 2, shortfall: 1 }],
      ["cy", { matched: 0, taken: 0, wanted: 3, drawn: 0, shortfall: 3 }],
    ]);
  });

  it("skips taken interactions, which still count as matched and towards the quota", () => {
    const candidates = pool("s", { ann: 6 });
    const ranked = [...candidates].sort(compareRanked);
    const taken = new Set([ranked[0]?.id ?? "", ranked[4]?.id ?? ""]);
    const result = drawSample({ candidates, quota: { kind: "per_agent", n: 3 }, alreadyTaken: taken });
    expect(drawnIds(result)).toEqual([ranked[1]?.id]);
    expect(result.perAgent.get("ann")).toEqual({ matched: 6, taken: 2, wanted: 3, drawn: 1, shortfall: 0 });
  });

  it("shortfall when the untaken ones run out", () => {
    const candidates = pool("s", { ann: 4 });
    const taken = new Set(["ann-0", "ann-1", "ann-2"]);
    const result = drawSample({ candidates, quota: { kind: "per_agent", n: 5 }, alreadyTaken: taken });
    expect(result.perAgent.get("ann")).toEqual({ matched: 4, taken: 3, wanted: 5, drawn: 1, shortfall: 1 });
  });

  it("percentage per agent, and all", () => {
    const candidates = pool("s", { ann: 15, bob: 14, cy: 3 });
    const byPercent = drawSample({ candidates, quota: { kind: "percentage", percent: 10 }, alreadyTaken: none });
    expect([...byPercent.perAgent.values()].map((t) => t.drawn)).toEqual([2, 1, 1]);
    const all = drawSample({ candidates, quota: { kind: "all" }, alreadyTaken: new Set(["cy-0"]) });
    expect(all.drawn).toHaveLength(31);
    expect(all.perAgent.get("cy")).toEqual({ matched: 3, taken: 1, wanted: 3, drawn: 2, shortfall: 0 });
  });

  it("keeps one copy of an id that comes twice", () => {
    const a = candidate("s", "x", "ann");
    const result = drawSample({ candidates: [a, { ...a }, { ...a, agentId: "bob" }], quota: { kind: "all" }, alreadyTaken: none });
    expect(result.drawn).toEqual([a]);
    expect(result.perAgent.get("bob")).toBeUndefined();
  });

  it("different seeds draw different sets; every candidate is equally likely", () => {
    const sets: string[] = [];
    const timesDrawn = new Map<string, number>();
    for (let run = 0; run < 2000; run++) {
      const result = drawSample({
        candidates: pool(`rule-1:run-${run}`, { ann: 40 }),
        quota: { kind: "per_agent", n: 4 },
        alreadyTaken: none,
      });
      sets.push(drawnIds(result).sort().join(","));
      for (const id of drawnIds(result)) timesDrawn.set(id, (timesDrawn.get(id) ?? 0) + 1);
    }
    // Two random 4-of-40 draws coincide with probability 1/91 390: about 0.02 of the 1999
    // neighbouring pairs, and about 22 pairs among all 2000 draws (the birthday problem).
    expect(sets.filter((set, i) => i > 0 && set === sets[i - 1]).length).toBeLessThanOrEqual(1);
    expect(new Set(sets).size).toBeGreaterThan(1950);
    // Each is drawn 200 times on average (2000 × 4/40); ±40% is beyond 5 standard deviations.
    for (const count of timesDrawn.values()) expect(Math.abs(count - 200)).toBeLessThan(80);
    expect(timesDrawn.size).toBe(40);
  });

  const quotas: fc.Arbitrary<Quota> = fc.oneof(
    fc.record({ kind: fc.constant("per_agent" as const), n: fc.integer({ min: 1, max: 6 }) }),
    fc.record({ kind: fc.constant("percentage" as const), percent: fc.integer({ min: 1, max: 10_000 }).map((bp) => bp / 100) }),
    fc.constant({ kind: "all" as const }),
  );
  const scenario = fc
    .record({
      seed: fc.string({ maxLength: 12 }),
      people: fc.array(fc.record({ id: fc.uuid(), agentId: fc.constantFrom("a1", "a2", "a3", "a4") }), { maxLength: 60 }),
      quota: quotas,
      takenEvery: fc.integer({ min: 2, max: 7 }),
    })
    .map(({ seed, people, quota, takenEvery }) => {
      const candidates = people.map((p) => candidate(seed, p.id, p.agentId));
      const alreadyTaken = new Set(candidates.filter((_, i) => i % takenEvery === 0).map((c) => c.id));
      return { candidates, quota, alreadyTaken };
    });

  it("property: the same inputs in any order give the same output", () => {
    fc.assert(
      fc.property(
        scenario.chain((s) =>
          fc.shuffledSubarray(s.candidates, { minLength: s.candidates.length }).map((shuffled) => ({ ...s, shuffled })),
        ),
        ({ candidates, shuffled, quota, alreadyTaken }) => {
          const first = drawSample({ candidates, quota, alreadyTaken });
          const again = drawSample({ candidates: shuffled, quota, alreadyTaken: new Set([...alreadyTaken].reverse()) });
          expect(again).toEqual(first);
        },
      ),
    );
  });

  it("property: per agent, the best-ranked untaken candidates, as many as the quota still wants", () => {
    fc.assert(
      fc.property(scenario, ({ candidates, quota, alreadyTaken }) => {
        const result = drawSample({ candidates, quota, alreadyTaken });
        expect(new Set(drawnIds(result)).size).toBe(result.drawn.length);
        for (const [agentId, tally] of result.perAgent) {
          const mine = [...new Map(candidates.filter((c) => c.agentId === agentId).map((c) => [c.id, c])).values()].sort(compareRanked);
          const free = mine.filter((c) => !alreadyTaken.has(c.id));
          const expected = free.slice(0, Math.max(0, tally.wanted - tally.taken));
          expect(result.drawn.filter((c) => c.agentId === agentId)).toEqual(expected);
          expect(tally).toEqual({
            matched: mine.length,
            taken: mine.length - free.length,
            wanted: wantedFor(quota, mine.length),
            drawn: expected.length,
            shortfall: Math.max(0, tally.wanted - tally.taken - expected.length),
          });
        }
      }),
    );
  });

  it("property: running the same period again, with the first draw taken, draws nothing new", () => {
    fc.assert(
      fc.property(scenario, ({ candidates, quota, alreadyTaken }) => {
        const first = drawSample({ candidates, quota, alreadyTaken });
        const second = drawSample({ candidates, quota, alreadyTaken: new Set([...alreadyTaken, ...drawnIds(first)]) });
        expect(second.drawn).toEqual([]);
        for (const [agentId, tally] of second.perAgent) expect(tally.shortfall).toBe(first.perAgent.get(agentId)?.shortfall);
      }),
    );
  });

  it("property: the same as the straightforward draw (dedupe, sort each agent's candidates, take the first untaken)", () => {
    // Rank keys from a tiny alphabet, so ties broken by id are common; ids from a small pool,
    // so the same id often comes twice, for one agent or two; agents with none listed.
    const messy = fc.record({
      candidates: fc.array(
        fc.record({
          id: fc.integer({ min: 0, max: 120 }).map((n) => `i-${n}`),
          agentId: fc.constantFrom("a1", "a2", "a3", "a4", "a5"),
          rankKey: fc.constantFrom("0", "1", "2", "3", "4", "5", "6", "7"),
        }),
        { maxLength: 300 },
      ),
      quota: fc.oneof(
        fc.record({ kind: fc.constant("per_agent" as const), n: fc.integer({ min: 1, max: 12 }) }),
        fc.record({ kind: fc.constant("percentage" as const), percent: fc.integer({ min: 1, max: 10_000 }).map((bp) => bp / 100) }),
        fc.constant({ kind: "all" as const }),
      ),
      agentIds: fc.option(fc.subarray(["a1", "a3", "a6", "a7"]), { nil: undefined }),
      taken: fc.array(fc.integer({ min: 0, max: 120 }).map((n) => `i-${n}`), { maxLength: 40 }),
    });
    fc.assert(
      fc.property(messy, ({ candidates, quota, agentIds, taken }) => {
        const input = { candidates, quota, agentIds, alreadyTaken: new Set(taken) };
        expect(drawSample(input)).toEqual(straightforwardDraw(input));
      }),
      { numRuns: 500 },
    );
  });

  it("property: drawRanked gives drawSample's result for the same candidates ranked by rankKey(seed, id)", () => {
    const ranked = fc.record({
      seed: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom("rule:2026-W46", "équipe:2026-11")),
      groups: fc.array(
        fc.record({
          agentId: fc.constantFrom("a1", "a2", "a3", "a4"),
          // uuids as runs read them, and a few other ids (non-ASCII ones take the encoder's path).
          ids: fc.array(fc.oneof({ weight: 9, arbitrary: fc.uuid() }, { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 6 }) }), { maxLength: 80 }),
        }),
        { maxLength: 6 },
      ),
      quota: quotas,
      agentIds: fc.option(fc.subarray(["a1", "a5", "a6"]), { nil: undefined }),
      takenEvery: fc.integer({ min: 2, max: 9 }),
    });
    fc.assert(
      fc.property(ranked, ({ seed, groups, quota, agentIds, takenEvery }) => {
        // drawRanked's ids are distinct, as read by primary key.
        const seen = new Set<string>();
        const distinct = groups.map((group) => ({ ...group, ids: group.ids.filter((id) => !seen.has(id) && seen.add(id)) }));
        const candidates = distinct.flatMap((group) => group.ids.map((id) => candidate(seed, id, group.agentId)));
        const alreadyTaken = new Set(candidates.filter((_, i) => i % takenEvery === 0).map((c) => c.id));
        expect(drawRanked({ groups: distinct, seed, quota, agentIds, alreadyTaken })).toEqual(drawSample({ candidates, quota, agentIds, alreadyTaken }));
      }),
      { numRuns: 300 },
    );
  });
});

/** drawSample as first written: a map by id, then per agent a full sort and a walk past the taken ones. */
function straightforwardDraw(input: DrawInput): DrawResult {
  const byId = new Map<string, Candidate>();
  for (const c of input.candidates) {
    const kept = byId.get(c.id);
    if (!kept || (compareRanked(c, kept) || compareText(c.agentId, kept.agentId)) < 0) byId.set(c.id, c);
  }
  const strata = new Map<string, Candidate[]>();
  for (const c of byId.values()) strata.set(c.agentId, [...(strata.get(c.agentId) ?? []), c]);
  for (const agentId of input.agentIds ?? []) if (!strata.has(agentId)) strata.set(agentId, []);
  const drawn: Candidate[] = [];
  const perAgent = new Map<string, { matched: number; taken: number; wanted: number; drawn: number; shortfall: number }>();
  for (const agentId of [...strata.keys()].sort(compareText)) {
    const ranked = (strata.get(agentId) ?? []).sort(compareRanked);
    const taken = ranked.filter((c) => input.alreadyTaken.has(c.id)).length;
    const wanted = wantedFor(input.quota, ranked.length);
    const want = Math.max(0, wanted - taken);
    const mine = ranked.filter((c) => !input.alreadyTaken.has(c.id)).slice(0, want);
    drawn.push(...mine.map((c) => ({ id: c.id, agentId: c.agentId, rankKey: c.rankKey })));
    perAgent.set(agentId, { matched: ranked.length, taken, wanted, drawn: mine.length, shortfall: want - mine.length });
  }
  return { drawn, perAgent };
}
