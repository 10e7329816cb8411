/**
 * The uncertainty of every report figure (DESIGN.md "Reports and roll-ups", docs/decisions/0023).
 * Pure: no I/O, so it runs in the browser as well as behind the query functions.
 *
 * - a mean carries a Student-t 95 % interval, from n ≥ 2 (one evaluation has no spread);
 * - a rate carries a Wilson score interval, which stays inside [0, 1] and behaves at 0/n and
 *   n/n where the textbook Wald interval collapses to a width of zero;
 * - "N more reviews would narrow this to ±h" is the smallest n whose t interval is that narrow,
 *   given the spread seen so far;
 * - the difference of two means (a group against its peers, before against after coaching) is
 *   Welch's interval, which does not assume the two groups spread alike.
 *
 * The t quantile comes from @stdlib/stats-base-dists-t-quantile (decision 0023 says why).
 */
import tQuantile from "@stdlib/stats-base-dists-t-quantile";

/** 95 % two-sided: the 0.975 quantile. */
const upperTail = 0.975;
/** The standard normal 0.975 quantile, Φ⁻¹(0.975), to the precision of a double. */
export const z975 = 1.959963984540054;

/** What a roll-up holds for one group: count, Σx and Σx². */
export interface Sums {
  n: number;
  sum: number;
  sumSquares: number;
  /**
   * Σ(x − x̄)², when it is known exactly (sumsFromNumeric, sumsOf). Without it the variance is
   * Σx² − (Σx)²/n in doubles, which cancels badly when the spread is small beside the mean.
   */
  centredSquares?: number;
}

export interface Interval {
  low: number;
  high: number;
}

export interface MeanEstimate {
  n: number;
  mean: number;
  /** Sample standard deviation (n − 1 in the denominator); null below n = 2. */
  sd: number | null;
  /** Half the interval's width; null below n = 2. */
  halfWidth: number | null;
  interval: Interval | null;
}

/** The 0.975 quantile of Student's t with `df` degrees of freedom. */
export function tCritical(df: number): number {
  if (!(df > 0)) throw new RangeError(`degrees of freedom must be positive, got ${df}`);
  return tQuantile(upperTail, df);
}

/** Sample variance; a negative rounding residue of an inexact constant sample is clamped to 0. */
function varianceOf({ n, sum, sumSquares, centredSquares }: Sums): number {
  const variance = (centredSquares ?? sumSquares - (sum * sum) / n) / (n - 1);
  return variance > 0 ? variance : 0;
}

/** A decimal text ("-12.345") as an integer count of 10^-scale units. */
function scaled(text: string, scale: number): bigint {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) throw new RangeError(`not a decimal number: ${JSON.stringify(text)}`);
  const [, sign, whole, fraction = ""] = match;
  if (fraction.length > scale) throw new RangeError(`${text} has more than ${scale} decimals`);
  const units = BigInt(whole + fraction.padEnd(scale, "0"));
  return sign ? -units : units;
}

/**
 * Sums as PostgreSQL's exact `numeric` returns them (decimal text), with Σ(x − x̄)² worked out
 * exactly: n·Σx² − (Σx)² in integers, divided once at the end. So a constant sample has a
 * spread of exactly 0 and the interval never depends on the order rows were added in.
 */
export function sumsFromNumeric(n: number, sum: string, sumSquares: string): Sums {
  const decimals = (text: string) => text.split(".")[1]?.length ?? 0;
  const scale = Math.max(decimals(sum), Math.ceil(decimals(sumSquares) / 2));
  const s = scaled(sum, scale);
  const q = scaled(sumSquares, 2 * scale);
  const centredTimesN = BigInt(n) * q - s * s;
  return {
    n,
    sum: Number(sum),
    sumSquares: Number(sumSquares),
    centredSquares: n > 0 ? Number(centredTimesN) / n / 10 ** (2 * scale) : 0,
  };
}

/** Mean with its t interval. n = 0 has no mean (null); n = 1 has a mean and no interval. */
export function meanEstimate(sums: Sums): MeanEstimate | null {
  if (sums.n <= 0) return null;
  const mean = sums.sum / sums.n;
  if (sums.n < 2) return { n: sums.n, mean, sd: null, halfWidth: null, interval: null };
  return meanFromSpread(sums.n, mean, Math.sqrt(varianceOf(sums)));
}

/** The same from a mean and a sample standard deviation, as published summaries give them. */
export function meanFromSpread(n: number, mean: number, sd: number): MeanEstimate {
  if (n < 2) return { n, mean, sd: null, halfWidth: null, interval: null };
  const halfWidth = (tCritical(n - 1) * sd) / Math.sqrt(n);
  return { n, mean, sd, halfWidth, interval: { low: mean - halfWidth, high: mean + halfWidth } };
}

export interface RateEstimate {
  n: number;
  successes: number;
  rate: number;
  interval: Interval;
}

/** Wilson score interval (Wilson 1927; Newcombe 1998 method 3, without continuity correction). */
export function wilsonEstimate(successes: number, n: number): RateEstimate | null {
  if (n <= 0) return null;
  if (successes < 0 || successes > n) throw new RangeError(`${successes} successes out of ${n}`);
  const p = successes / n;
  const z2 = z975 * z975;
  const centre = p + z2 / (2 * n);
  const spread = z975 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const denominator = 1 + z2 / n;
  return {
    n,
    successes,
    rate: p,
    // At 0/n and n/n the bound is exactly 0 or 1; clamping removes a 1e-17 rounding residue.
    interval: { low: Math.max(0, (centre - spread) / denominator), high: Math.min(1, (centre + spread) / denominator) },
  };
}

/**
 * The smallest number of reviews whose 95 % t interval has at most `halfWidth`, if the scores
 * keep spreading as `sd`. At least 2 (an interval needs two); a zero spread needs just those.
 */
export function reviewsNeeded(sd: number, halfWidth: number): number {
  if (!(halfWidth > 0)) throw new RangeError(`the target half-width must be positive, got ${halfWidth}`);
  if (sd < 0) throw new RangeError(`a standard deviation is never negative, got ${sd}`);
  const fits = (n: number) => (tCritical(n - 1) * sd) / Math.sqrt(n) <= halfWidth;
  // The z approximation is a lower bound (t > z), so the search starts there and walks up:
  // the t quantile shrinks towards z quickly, so this takes a handful of steps.
  let n = Math.max(2, Math.ceil(((z975 * sd) / halfWidth) ** 2));
  while (!fits(n)) n++;
  return n;
}

/** How many more reviews than `n` would bring the interval to ±halfWidth; 0 when it is there. */
export function moreReviewsNeeded(estimate: MeanEstimate, halfWidth: number): number | null {
  if (estimate.sd === null) return null;
  return Math.max(0, reviewsNeeded(estimate.sd, halfWidth) - estimate.n);
}

export interface DifferenceEstimate {
  /** mean(a) − mean(b). */
  difference: number;
  standardError: number;
  /** Welch–Satterthwaite degrees of freedom. */
  df: number;
  interval: Interval;
}

/**
 * Welch's interval of mean(a) − mean(b). Each side needs n ≥ 2; when both sides have no spread
 * at all there is no uncertainty to speak of and the interval is the point.
 */
export function welchDifference(a: Sums, b: Sums): DifferenceEstimate | null {
  if (a.n < 2 || b.n < 2) return null;
  const va = varianceOf(a) / a.n;
  const vb = varianceOf(b) / b.n;
  const difference = a.sum / a.n - b.sum / b.n;
  const standardError = Math.sqrt(va + vb);
  if (standardError === 0) return { difference, standardError, df: a.n + b.n - 2, interval: { low: difference, high: difference } };
  const df = (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
  const halfWidth = tCritical(df) * standardError;
  return { difference, standardError, df, interval: { low: difference - halfWidth, high: difference + halfWidth } };
}

/** Σx and Σx² of a list, for tests and for the few figures computed outside a roll-up. */
export function sumsOf(values: readonly number[]): Sums {
  let sum = 0;
  let sumSquares = 0;
  for (const value of values) {
    sum += value;
    sumSquares += value * value;
  }
  const mean = values.length > 0 ? sum / values.length : 0;
  const centredSquares = values.reduce((total, value) => total + (value - mean) ** 2, 0);
  return { n: values.length, sum, sumSquares, centredSquares };
}
