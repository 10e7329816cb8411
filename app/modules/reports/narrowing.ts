/**
 * The team page's and agent card's thresholds (issue 14 §3; decision 0027), and "8 more
 * reviews would narrow this to ±5 points" in words, from statistics.ts's reviews-needed.
 * Pure: the pages' components read them too.
 */

/** The half-width "N more reviews would narrow this to ±5 points" aims at. */
export const NARROW_TO_POINTS = 5;

/** The fewest evaluations a team mean shown to an agent may rest on (issue 14 §3). */
export const TEAM_MEAN_MIN_N = 5;

export function narrowingText(moreReviews: number | null, n: number): string {
  if (moreReviews === null) return n === 1 ? "One more review gives this an interval." : "";
  if (moreReviews === 0) return `The interval is within ±${NARROW_TO_POINTS} points.`;
  return `${moreReviews} more ${moreReviews === 1 ? "review" : "reviews"} would narrow this to ±${NARROW_TO_POINTS} points.`;
}
