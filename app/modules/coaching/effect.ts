/**
 * The effect of a coaching plan on one focus criterion (issue 15 §4, docs/decisions/0031). Pure.
 *
 * - coached: the agent's mean after (since the plan started) minus before (the baseline
 *   window), with Welch's 95 % interval;
 * - peers: the same difference for the team's agents without a plan on that criterion, over
 *   the same two windows — agents picked for low scores drift up on their own (regression to
 *   the mean), and whatever moved the whole team moved them too;
 * - did: the difference in differences, coached − peers. Its variance is the sum of the four
 *   groups' s²/n (they are disjoint sets of evaluations, taken as independent), and its degrees
 *   of freedom the Welch–Satterthwaite approximation over those four terms:
 *   df = (Σ vᵢ)² / Σ (vᵢ² / (nᵢ − 1)), vᵢ = sᵢ²/nᵢ.
 *
 * Everything is in percentage points of q (a criterion's score as a percentage).
 */
import { tCritical, welchDifference, type DifferenceEstimate, type Sums } from "../reports/statistics";

/** The fewest evaluations on each side before an effect is read at all. */
export const MIN_EFFECT_N = 5;

export interface EffectInput {
  coachedBefore: Sums;
  coachedAfter: Sums;
  peersBefore: Sums;
  peersAfter: Sums;
}

export interface Effect {
  /** After − before for the coached agent; null until both sides have MIN_EFFECT_N. */
  coached: DifferenceEstimate | null;
  /** After − before for the uncoached peers; null until both sides have MIN_EFFECT_N. */
  peers: DifferenceEstimate | null;
  /** coached − peers; null unless both are there. */
  did: DifferenceEstimate | null;
  /** One sentence for people. */
  reading: string;
}

/** Sums of q (0–1) as sums of percentages (0–100). */
export function percentSums(sums: Sums): Sums {
  return {
    n: sums.n,
    sum: sums.sum * 100,
    sumSquares: sums.sumSquares * 10_000,
    ...(sums.centredSquares === undefined ? {} : { centredSquares: sums.centredSquares * 10_000 }),
  };
}

function variance(sums: Sums): number {
  const centred = sums.centredSquares ?? sums.sumSquares - (sums.sum * sums.sum) / sums.n;
  return Math.max(0, centred / (sums.n - 1));
}

/** The difference in differences (a.after − a.before) − (b.after − b.before), each side n ≥ 2. */
export function differenceInDifferences(input: EffectInput): DifferenceEstimate | null {
  const groups = [input.coachedAfter, input.coachedBefore, input.peersAfter, input.peersBefore];
  if (groups.some((g) => g.n < 2)) return null;
  const mean = (g: Sums) => g.sum / g.n;
  const difference = mean(input.coachedAfter) - mean(input.coachedBefore) - (mean(input.peersAfter) - mean(input.peersBefore));
  const parts = groups.map((g) => ({ v: variance(g) / g.n, n: g.n }));
  const total = parts.reduce((sum, part) => sum + part.v, 0);
  const standardError = Math.sqrt(total);
  if (standardError === 0) {
    return { difference, standardError, df: groups.reduce((sum, g) => sum + g.n - 1, 0), interval: { low: difference, high: difference } };
  }
  const df = total ** 2 / parts.reduce((sum, part) => sum + part.v ** 2 / (part.n - 1), 0);
  const halfWidth = tCritical(df) * standardError;
  return { difference, standardError, df, interval: { low: difference - halfWidth, high: difference + halfWidth } };
}

const points = (value: number) => {
  const rounded = Math.round(value);
  return (rounded < 0 ? `−${-rounded}` : `${rounded === 0 ? 0 : rounded}`);
};
const interval = (estimate: DifferenceEstimate) => `95 % interval ${points(estimate.interval.low)} to ${points(estimate.interval.high)}`;
function movement(value: number): string {
  const rounded = Math.round(value);
  if (rounded === 0) return "no change";
  return `${rounded > 0 ? "up" : "down"} ${Math.abs(rounded)} point${Math.abs(rounded) === 1 ? "" : "s"}`;
}

export function measureEffect(input: EffectInput, minimum = MIN_EFFECT_N): Effect {
  const enough = (before: Sums, after: Sums) => before.n >= minimum && after.n >= minimum;
  const coached = enough(input.coachedBefore, input.coachedAfter) ? welchDifference(input.coachedAfter, input.coachedBefore) : null;
  const peers = enough(input.peersBefore, input.peersAfter) ? welchDifference(input.peersAfter, input.peersBefore) : null;
  const did = coached && peers ? differenceInDifferences(input) : null;
  let reading: string;
  if (!coached) {
    const short = input.coachedBefore.n < minimum ? `${input.coachedBefore.n} before the plan` : `${input.coachedAfter.n} since the plan started`;
    reading = `Not enough evaluations yet (${short}; at least ${minimum} needed).`;
  } else {
    reading = `${capitalise(movement(coached.difference))} (${interval(coached)})`;
    if (!peers) reading += "; not enough evaluations of uncoached peers to compare with yet.";
    else {
      reading += `; uncoached peers ${movement(peers.difference)}`;
      if (did) reading += `; difference ${points(did.difference)} points (${interval(did)})`;
      reading += ".";
    }
  }
  return { coached, peers, did, reading };
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
