/**
 * Drawing a run's sample from its ranked candidates: stratified per agent, each agent's
 * candidates in rank order (`compareRanked`), so the result depends only on the set of
 * candidates, the quota, the seed behind the rank keys and what is already taken, never on
 * the order the candidates arrived in. See docs/decisions/0008-sampling-determinism.md.
 *
 * Interactions already evaluated or assigned for the scorecard ("taken") are never drawn
 * again; they count as matched and towards the agent's quota, so a retried or repeated run
 * of the same period draws nothing new.
 */
import { compareRanked, compareText } from "./rank";
import type { Quota } from "./sampling-rule.schema";

export interface Candidate {
  id: string;
  agentId: string;
  rankKey: string;
}

export interface AgentTally {
  /** The agent's interactions that passed the rule's filters in the period, taken ones included. */
  matched: number;
  /** Of those, already evaluated or assigned for the scorecard. */
  taken: number;
  /** How many the quota asks to be covered (taken ones count). */
  wanted: number;
  /** Newly drawn in this run. */
  drawn: number;
  /** `wanted − taken − drawn`, never negative: what the agent's interactions could not supply. */
  shortfall: number;
}

export interface DrawInput {
  candidates: readonly Candidate[];
  quota: Quota;
  /** Agents expected in the period: listed in `perAgent` even with nothing matched (a shortfall to report). */
  agentIds?: readonly string[];
  alreadyTaken: ReadonlySet<string>;
}

export interface DrawResult {
  /** By agent id, then rank. */
  drawn: Candidate[];
  /** Keyed by agent id, in agent id order. */
  perAgent: Map<string, AgentTally>;
}

/**
 * How many of an agent's `matched` interactions the quota wants covered. A percentage is
 * rounded half up (exactly: the percentage has at most two decimals, so integer basis
 * points), and is at least 1 when anything matched, so no agent goes a period unreviewed
 * because they had few conversations: 7 at 10% → 1, 14 → 1, 15 → 2, 3 at 10% → 1.
 */
export function wantedFor(quota: Quota, matched: number): number {
  switch (quota.kind) {
    case "per_agent":
      return quota.n;
    case "all":
      return matched;
    case "percentage": {
      if (matched === 0) return 0;
      const basisPoints = Math.round(quota.percent * 100);
      return Math.max(1, Math.floor((matched * basisPoints + 5000) / 10_000));
    }
  }
}

export function drawSample(input: DrawInput): DrawResult {
  const strata = groupByAgent(input.candidates);
  for (const agentId of input.agentIds ?? []) if (!strata.has(agentId)) strata.set(agentId, []);

  const drawn: Candidate[] = [];
  const perAgent = new Map<string, AgentTally>();
  for (const agentId of [...strata.keys()].sort(compareText)) {
    const ranked = (strata.get(agentId) ?? []).sort(compareRanked);
    const matched = ranked.length;
    let taken = 0;
    for (const candidate of ranked) if (input.alreadyTaken.has(candidate.id)) taken++;
    const wanted = wantedFor(input.quota, matched);
    let toDraw = Math.max(0, wanted - taken);
    for (const candidate of ranked) {
      if (toDraw === 0) break;
      if (input.alreadyTaken.has(candidate.id)) continue;
      drawn.push({ id: candidate.id, agentId: candidate.agentId, rankKey: candidate.rankKey });
      toDraw--;
    }
    const drawnHere = Math.max(0, wanted - taken) - toDraw;
    perAgent.set(agentId, { matched, taken, wanted, drawn: drawnHere, shortfall: toDraw });
  }
  return { drawn, perAgent };
}

/**
 * Candidates per agent, one per interaction id. Should an id come twice, the copy that
 * sorts first by (rank, agent) is kept, whatever the input order.
 */
function groupByAgent(candidates: readonly Candidate[]): Map<string, Candidate[]> {
  const byId = new Map<string, Candidate>();
  for (const candidate of candidates) {
    const kept = byId.get(candidate.id);
    if (!kept || (compareRanked(candidate, kept) || compareText(candidate.agentId, kept.agentId)) < 0) {
      byId.set(candidate.id, candidate);
    }
  }
  const strata = new Map<string, Candidate[]>();
  for (const candidate of byId.values()) {
    const stratum = strata.get(candidate.agentId);
    if (stratum) stratum.push(candidate);
    else strata.set(candidate.agentId, [candidate]);
  }
  return strata;
}
