/**
 * Rank ranges instead of ranks (issue 14 §3, DESIGN.md "Reports and roll-ups"; decision 0027).
 * With 4–10 reviews an agent a month, two agents' 95 % intervals usually overlap and a single
 * rank would order noise. So each agent gets the ranks the data allow:
 *
 * - best possible = 1 + the agents whose interval lies wholly above this one's
 *   (their low end above this one's high end);
 * - worst possible = N − the agents whose interval lies wholly below
 *   (their high end below this one's low end), where N counts the ranked agents.
 *
 * Intervals that touch (one's low end equal to another's high end) overlap: a tie, not an
 * order. An agent without an interval (fewer than two scored evaluations) is unranked and does
 * not count in N: there is nothing to compare, and counting them would widen everyone's range
 * by an agent who cannot be placed. Pure: no I/O.
 */
import type { Interval } from "./statistics";

export interface RankCandidate {
  id: string;
  interval: Interval | null;
}

export interface RankRange {
  best: number;
  worst: number;
}

/** Each candidate's rank range by id; null for the unranked (no interval). */
export function rankRanges(candidates: readonly RankCandidate[]): Map<string, RankRange | null> {
  const ranked = candidates.filter((candidate): candidate is { id: string; interval: Interval } => candidate.interval !== null);
  const ranges = new Map<string, RankRange | null>(candidates.map((candidate) => [candidate.id, null]));
  for (const agent of ranked) {
    let above = 0;
    let below = 0;
    for (const other of ranked) {
      if (other === agent) continue;
      if (other.interval.low > agent.interval.high) above++;
      else if (other.interval.high < agent.interval.low) below++;
    }
    ranges.set(agent.id, { best: 1 + above, worst: ranked.length - below });
  }
  return ranges;
}

/** "1", or "1–3" when the range is a tie, as the page and the CSV print it. */
export function formatRankRange(range: RankRange | null): string {
  if (range === null) return "";
  return range.best === range.worst ? String(range.best) : `${range.best}–${range.worst}`;
}
