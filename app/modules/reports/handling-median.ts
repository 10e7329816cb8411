/**
 * The median handling time of the Reviewers report (decision 0037): from counts per whole minute,
 * each evaluation's time from opening to submitting rounded to the nearest minute — what the
 * reviewer roll-up keeps, since a median cannot come from sums. The median of those minutes as
 * PostgreSQL's percentile_cont(0.5): the middle one, or the mean of the two middle ones. So it is
 * within 30 seconds of the median of the exact times. Pure.
 */

/** Evaluations per handling minute (a minute may appear more than once: the counts add). */
export interface MinuteCount {
  minute: number;
  count: number;
}

/** The median in seconds (a multiple of 30), or null without evaluations. */
export function medianHandlingSeconds(counts: MinuteCount[]): number | null {
  const byMinute = new Map<number, number>();
  for (const { minute, count } of counts) byMinute.set(minute, (byMinute.get(minute) ?? 0) + count);
  const minutes = [...byMinute.entries()].filter(([, count]) => count > 0).sort(([a], [b]) => a - b);
  const total = minutes.reduce((sum, [, count]) => sum + count, 0);
  if (total === 0) return null;
  // The 0-based ranks of the middle one or two, and the minute holding each.
  const at = (rank: number) => {
    let seen = 0;
    for (const [minute, count] of minutes) {
      seen += count;
      if (rank < seen) return minute;
    }
    throw new RangeError(`rank ${rank} beyond ${total}`);
  };
  const lower = at(Math.floor((total - 1) / 2));
  const upper = at(Math.ceil((total - 1) / 2));
  return ((lower + upper) / 2) * 60;
}
