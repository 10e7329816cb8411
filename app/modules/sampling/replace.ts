/**
 * Replacing a drawn interaction that a reviewer skipped (no audio, wrong language, …): the
 * agent's best-ranked candidate of the run that is not taken yet. Because the draw took a
 * prefix of the same ranking, this is the candidate the draw would have picked had the
 * skipped one not matched, so replacements stay reproducible. In the database it is one
 * keyset step: `WHERE run_id = $1 AND agent_id = $2 AND NOT taken ORDER BY rank_key, id LIMIT 1`.
 */
import { compareRanked, type Ranked } from "./rank";

/**
 * @param ranking the run's candidates for one agent, in any order
 * @param taken ids that may not be drawn: evaluated or assigned for the scorecard, drawn in
 *   this run, and skipped (the skipped one itself included)
 * @returns the next candidate, or null when the agent has none left (a shortfall)
 */
export function nextReplacement<T extends Ranked>(ranking: readonly T[], taken: ReadonlySet<string>): T | null {
  let best: T | null = null;
  for (const candidate of ranking) {
    if (taken.has(candidate.id)) continue;
    if (best === null || compareRanked(candidate, best) < 0) best = candidate;
  }
  return best;
}
