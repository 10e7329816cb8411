/**
 * A report's range split for reading (decision 0035): the whole weeks or months inside it,
 * which a roll-up of that period answers, and the partial ends, read day by day. Weeks start on
 * Monday, as PostgreSQL's date_trunc. Shared by queryQuality and queryCriteria (decision 0036).
 */
export interface RangePart {
  /** "week" or "month": whole periods; "day": the days of a partial end (or of a range with no whole period). */
  grain: "day" | "week" | "month";
  from: string;
  to: string;
}

export const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The first day of the week (Monday, as PostgreSQL's date_trunc) or month holding `date`. */
export function periodStartOf(date: string, period: "week" | "month"): string {
  if (period === "month") return `${date.slice(0, 8)}01`;
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0
  return addDays(date, -weekday);
}

/** The parts of `from`..`to` in date order: at most a partial start, the whole periods, a partial end. */
export function splitRange({ from, to }: { from: string; to: string }, period: "week" | "month"): RangePart[] {
  const start = periodStartOf(from, period);
  const firstWhole = start === from ? start : periodStartOf(addDays(start, period === "week" ? 7 : 32), period);
  const lastWholeEnd = addDays(periodStartOf(addDays(to, 1), period), -1);
  if (firstWhole > lastWholeEnd) return [{ grain: "day", from, to }];
  const parts: RangePart[] = [{ grain: period, from: firstWhole, to: lastWholeEnd }];
  if (from < firstWhole) parts.unshift({ grain: "day", from, to: addDays(firstWhole, -1) });
  if (lastWholeEnd < to) parts.push({ grain: "day", from: addDays(lastWholeEnd, 1), to });
  return parts;
}
