import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ReviewerLoad } from "../assignments/reviewer-loads.server";
import { type AssignItem, assignReviewers } from "./assign";

const reviewer = (id: string, openCount = 0, capRemaining: number | null = null): ReviewerLoad => ({ id, openCount, capRemaining });
const items = (agentId: string, count: number): AssignItem[] =>
  Array.from({ length: count }, (_, i) => ({ id: `${agentId}-${i}`, agentId }));

function countsBy(assignments: { reviewerId: string }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const a of assignments) counts.set(a.reviewerId, (counts.get(a.reviewerId) ?? 0) + 1);
  return counts;
}

describe("assignReviewers", () => {
  it("gives each item to the reviewer with the least open work, ties to the smaller id", () => {
    const result = assignReviewers({ items: items("agent", 4), reviewers: [reviewer("r2", 1), reviewer("r1", 1), reviewer("r3", 0)] });
    expect(result.assignments).toEqual([
      { interactionId: "agent-0", reviewerId: "r3" },
      { interactionId: "agent-1", reviewerId: "r1" },
      { interactionId: "agent-2", reviewerId: "r2" },
      { interactionId: "agent-3", reviewerId: "r3" },
    ]);
    expect(result.unassigned).toEqual([]);
  });

  it("hands an agent's items out best-ranked first when ranks are given", () => {
    const result = assignReviewers({
      items: [
        { id: "x", agentId: "a", rankKey: "ff" },
        { id: "y", agentId: "a", rankKey: "00" },
      ],
      reviewers: [reviewer("r1"), reviewer("r2")],
    });
    expect(result.assignments).toEqual([
      { interactionId: "y", reviewerId: "r1" },
      { interactionId: "x", reviewerId: "r2" },
    ]);
  });

  it("never gives reviewers their own conversations", () => {
    const result = assignReviewers({ items: [...items("r1", 3), ...items("r2", 1)], reviewers: [reviewer("r1"), reviewer("r2", 10)] });
    expect(result.assignments).toEqual([
      { interactionId: "r1-0", reviewerId: "r2" },
      { interactionId: "r1-1", reviewerId: "r2" },
      { interactionId: "r1-2", reviewerId: "r2" },
      { interactionId: "r2-0", reviewerId: "r1" },
    ]);
  });

  it("leaves an item unassigned (no_reviewer) when the only reviewer is its agent, or there are none", () => {
    expect(assignReviewers({ items: items("r1", 2), reviewers: [reviewer("r1")] })).toEqual({
      assignments: [],
      unassigned: [
        { id: "r1-0", reason: "no_reviewer" },
        { id: "r1-1", reason: "no_reviewer" },
      ],
    });
    expect(assignReviewers({ items: items("a", 1), reviewers: [] }).unassigned).toEqual([{ id: "a-0", reason: "no_reviewer" }]);
  });

  it("respects caps and says when they are what stopped it", () => {
    const result = assignReviewers({
      items: items("a", 5),
      reviewers: [reviewer("r1", 0, 2), reviewer("r2", 5, 1), reviewer("a", 0, null)],
    });
    expect(countsBy(result.assignments)).toEqual(
      new Map([
        ["r1", 2],
        ["r2", 1],
      ]),
    );
    expect(result.unassigned).toEqual([
      { id: "a-3", reason: "caps_reached" },
      { id: "a-4", reason: "caps_reached" },
    ]);
  });

  it("a cap of zero takes a reviewer out of the pool", () => {
    const result = assignReviewers({ items: items("a", 2), reviewers: [reviewer("r1", 0, 0), reviewer("r2", 9)] });
    expect(countsBy(result.assignments)).toEqual(new Map([["r2", 2]]));
  });

  const ids = ["r1", "r2", "r3", "r4", "r5"];
  const scenario = fc.record({
    items: fc.uniqueArray(fc.record({ id: fc.uuid(), agentId: fc.constantFrom(...ids, "a1", "a2") }), {
      selector: (item) => item.id,
      maxLength: 40,
    }),
    reviewers: fc.uniqueArray(
      fc.record({
        id: fc.constantFrom(...ids),
        openCount: fc.integer({ min: 0, max: 12 }),
        capRemaining: fc.option(fc.integer({ min: 0, max: 8 }), { nil: null }),
      }),
      { selector: (r) => r.id, maxLength: 5 },
    ),
  });

  it("property: every item is assigned once or reported; no self-review; caps hold; input order does not matter", () => {
    fc.assert(
      fc.property(scenario, ({ items, reviewers }) => {
        const result = assignReviewers({ items, reviewers });
        const handled = [...result.assignments.map((a) => a.interactionId), ...result.unassigned.map((u) => u.id)];
        expect(handled.sort()).toEqual(items.map((i) => i.id).sort());
        const agentOf = new Map(items.map((i) => [i.id, i.agentId]));
        for (const a of result.assignments) expect(a.reviewerId).not.toBe(agentOf.get(a.interactionId));
        const counts = countsBy(result.assignments);
        for (const r of reviewers) if (r.capRemaining !== null) expect(counts.get(r.id) ?? 0).toBeLessThanOrEqual(r.capRemaining);
        for (const u of result.unassigned) {
          const others = reviewers.filter((r) => r.id !== agentOf.get(u.id));
          if (u.reason === "no_reviewer") expect(others).toEqual([]);
          else for (const r of others) expect(counts.get(r.id) ?? 0).toBe(r.capRemaining);
        }
        expect(assignReviewers({ items: [...items].reverse(), reviewers: [...reviewers].reverse() })).toEqual(result);
      }),
    );
  });

  it("property: without caps or self-review in the way, open work ends up level (within 1) once there is enough to level it", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 60 }),
        (openCounts, extra) => {
          const reviewers = openCounts.map((openCount, i) => reviewer(`r${i}`, openCount));
          const top = Math.max(...openCounts);
          const toLevel = openCounts.reduce((sum, open) => sum + (top - open), 0);
          const result = assignReviewers({ items: items("agent", toLevel + extra), reviewers });
          const counts = countsBy(result.assignments);
          const finals = reviewers.map((r) => r.openCount + (counts.get(r.id) ?? 0));
          expect(Math.max(...finals) - Math.min(...finals)).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  it("property: with any amount of work, whoever received some ends at most 1 above the least loaded", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 30 }),
        (openCounts, n) => {
          const reviewers = openCounts.map((openCount, i) => reviewer(`r${i}`, openCount));
          const counts = countsBy(assignReviewers({ items: items("agent", n), reviewers }).assignments);
          const finals = reviewers.map((r) => r.openCount + (counts.get(r.id) ?? 0));
          const least = Math.min(...finals);
          reviewers.forEach((r, i) => {
            if ((counts.get(r.id) ?? 0) > 0) expect(finals[i]).toBeLessThanOrEqual(least + 1);
          });
        },
      ),
    );
  });
});
