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
import { compareRanked, compareText, makeRankWords, rankKeyOfWords } from "./rank";
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
  const taken = input.alreadyTaken;
  return drawStrata(groupByAgent(input.candidates), {
    quota: input.quota,
    agentIds: input.agentIds,
    isTaken: taken.size === 0 ? null : (candidate) => taken.has(candidate.id),
    compare: compareRanked,
    toCandidate: (candidate) => ({ id: candidate.id, agentId: candidate.agentId, rankKey: candidate.rankKey }),
  });
}

export interface RankedDrawInput {
  /**
   * The candidates' ids per agent. No id may come twice, in one group or across groups
   * (planSample's are read by primary key); groups for the same agent are merged.
   */
  groups: readonly { agentId: string; ids: readonly string[] }[];
  /** Ranks are `rankKey(seed, id)`. */
  seed: string;
  quota: Quota;
  agentIds?: readonly string[];
  alreadyTaken: ReadonlySet<string>;
}

/**
 * `drawSample` of the same candidates with `rankKey(seed, id)` as their rank keys — the same
 * result (draw.test.ts checks it on random inputs) — for a run's whole period. It ranks with
 * `makeRankWords` into two typed arrays and compares those numbers, so it builds no candidate
 * object or key string for the ~77,000 candidates of a week, only for the ~5,000 drawn: less
 * work and far less garbage to collect. It trusts the ids to be distinct and skips
 * drawSample's dedupe.
 */
export function drawRanked(input: RankedDrawInput): DrawResult {
  let total = 0;
  for (const group of input.groups) total += group.ids.length;
  const ids: string[] = new Array<string>(total);
  // Candidate i's rank words are words[2i] (high) and words[2i + 1] (low).
  const words = new Uint32Array(2 * total);
  const rankWords = makeRankWords(input.seed);
  const strata = new Map<string, number[]>();
  let i = 0;
  for (const group of input.groups) {
    // As in drawSample, an agent is listed for having candidates (or being in agentIds).
    if (group.ids.length === 0) continue;
    let stratum = strata.get(group.agentId);
    if (!stratum) strata.set(group.agentId, (stratum = []));
    for (const id of group.ids) {
      ids[i] = id;
      rankWords(id, words, 2 * i);
      stratum.push(i);
      i++;
    }
  }
  const taken = input.alreadyTaken;
  const idOf = (index: number) => ids[index] ?? "";
  return drawStrata(strata, {
    quota: input.quota,
    agentIds: input.agentIds,
    isTaken: taken.size === 0 ? null : (index) => taken.has(idOf(index)),
    // compareRanked's order: rank (the words as unsigned numbers, so exact differences), then id.
    compare: (a, b) =>
      (words[2 * a] ?? 0) - (words[2 * b] ?? 0) || (words[2 * a + 1] ?? 0) - (words[2 * b + 1] ?? 0) || compareText(idOf(a), idOf(b)),
    toCandidate: (index, agentId) => ({ id: idOf(index), agentId, rankKey: rankKeyOfWords(words[2 * index] ?? 0, words[2 * index + 1] ?? 0) }),
  });
}

interface StrataDraw<T> {
  quota: Quota;
  agentIds: readonly string[] | undefined;
  /** Null when nothing is taken. */
  isTaken: ((item: T) => boolean) | null;
  /** The rank order: total over the items of one stratum. */
  compare: (a: T, b: T) => number;
  toCandidate: (item: T, agentId: string) => Candidate;
}

/** The draw itself, over candidates already grouped per agent, whatever represents them. */
function drawStrata<T>(strata: Map<string, T[]>, how: StrataDraw<T>): DrawResult {
  for (const agentId of how.agentIds ?? []) if (!strata.has(agentId)) strata.set(agentId, []);
  const { isTaken } = how;
  const drawn: Candidate[] = [];
  const perAgent = new Map<string, AgentTally>();
  for (const agentId of [...strata.keys()].sort(compareText)) {
    const stratum = strata.get(agentId) ?? [];
    const matched = stratum.length;
    const free = isTaken ? stratum.filter((item) => !isTaken(item)) : stratum;
    const taken = matched - free.length;
    const wanted = wantedFor(how.quota, matched);
    const toDraw = Math.max(0, wanted - taken);
    const best = firstByRank(free, toDraw, how.compare);
    for (const item of best) drawn.push(how.toCandidate(item, agentId));
    perAgent.set(agentId, { matched, taken, wanted, drawn: best.length, shortfall: toDraw - best.length });
  }
  return { drawn, perAgent };
}

/**
 * The first `count` of `items` in rank order, sorted: what sorting them all and taking a
 * prefix gives (the order is total, so there is only one answer), without sorting them all.
 * A quota of 5 from an agent's ~77 candidates a week keeps a sorted run of 5 that most
 * candidates do not enter, one comparison each; a large share (a percentage, "all") is a
 * plain sort. May reorder `items`, which are the caller's own.
 */
function firstByRank<T>(items: T[], count: number, compare: (a: T, b: T) => number): T[] {
  if (count <= 0) return [];
  if (count * 4 >= items.length) return items.sort(compare).slice(0, count);
  const best: T[] = [];
  for (const item of items) {
    if (best.length === count) {
      if (compare(item, best[count - 1] as T) >= 0) continue;
      best.pop();
    }
    // Insertion into the short sorted run.
    let i = best.length;
    best.push(item);
    for (; i > 0; i--) {
      const before = best[i - 1] as T;
      if (compare(item, before) >= 0) break;
      best[i] = before;
    }
    best[i] = item;
  }
  return best;
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
