/**
 * Handing drawn interactions to the rule's reviewers. Each item, in a fixed order (agent,
 * then rank, then id), goes to the eligible reviewer with the least open work, ties to the
 * smaller reviewer id. A reviewer is never given their own conversation, nor more than
 * their remaining cap for the period. The result depends only on the inputs as sets.
 */
import { compareText } from "./rank";
import type { ReviewerLoad } from "../assignments/reviewer-loads.server";

export interface AssignItem {
  id: string;
  agentId: string;
  /** When given (from `drawSample`), an agent's items are handed out best-ranked first. */
  rankKey?: string;
}


export type UnassignedReason = "no_reviewer" | "caps_reached";

export interface AssignResult {
  assignments: { interactionId: string; reviewerId: string }[];
  /**
   * `no_reviewer`: the pool has nobody but the agent themself (or nobody at all);
   * `caps_reached`: somebody else could review it, but they have reached their caps.
   */
  unassigned: { id: string; reason: UnassignedReason }[];
}

export function assignReviewers(input: { items: readonly AssignItem[]; reviewers: readonly ReviewerLoad[] }): AssignResult {
  const reviewers = uniqueById(input.reviewers, (a, b) => b.openCount - a.openCount || compareCap(a.capRemaining, b.capRemaining))
    .map((reviewer) => ({ ...reviewer }))
    .sort((a, b) => compareText(a.id, b.id));
  const items = uniqueById(input.items, compareItems).sort(compareItems);

  const result: AssignResult = { assignments: [], unassigned: [] };
  for (const item of items) {
    let best: (typeof reviewers)[number] | undefined;
    let anyoneElse = false;
    for (const reviewer of reviewers) {
      if (reviewer.id === item.agentId) continue;
      anyoneElse = true;
      if (reviewer.capRemaining !== null && reviewer.capRemaining <= 0) continue;
      // Reviewers are in id order, so a strict comparison leaves ties to the smaller id.
      if (!best || reviewer.openCount < best.openCount) best = reviewer;
    }
    if (!best) {
      result.unassigned.push({ id: item.id, reason: anyoneElse ? "caps_reached" : "no_reviewer" });
      continue;
    }
    best.openCount++;
    if (best.capRemaining !== null) best.capRemaining--;
    result.assignments.push({ interactionId: item.id, reviewerId: best.id });
  }
  return result;
}

function compareItems(a: AssignItem, b: AssignItem): number {
  return compareText(a.agentId, b.agentId) || compareText(a.rankKey ?? "", b.rankKey ?? "") || compareText(a.id, b.id);
}

/** Null (no cap) sorts after any number: a duplicate entry keeps the stricter cap. */
function compareCap(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a - b;
}

/**
 * One entry per id. Duplicates are a caller's bug; the one kept is the first by `compare`
 * (for reviewers: the most open work and the stricter cap), whatever the input order.
 */
function uniqueById<T extends { id: string }>(values: readonly T[], compare: (a: T, b: T) => number): T[] {
  const byId = new Map<string, T>();
  for (const value of values) {
    const kept = byId.get(value.id);
    if (!kept || compare(value, kept) < 0) byId.set(value.id, value);
  }
  return [...byId.values()];
}
