/**
 * A report range as the whole weeks or months inside it and the partial ends (decision 0035):
 * whole periods are read from a roll-up of that period, the ends day by day. Pure: dates are
 * YYYY-MM-DD calendar days, weeks start on Monday as PostgreSQL's date_trunc.
 */
export interface RangePart {
  /** "day" for a partial end, else the period whose whole units the part covers. */
  grain: "day" | "week" | "month";
  from: string;
  to: string;
}

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The first day of the week (Monday) or month holding `date`. */
function periodStartOf(date: string, period: "week" | "month"): string {
  if (period === "month") return `${date.slice(0, 8)}01`;
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0
  return addDays(date, -weekday);
}

/** In date order: [the days before the first whole period], [the whole periods], [the days after the last]. */
export function splitRange(from: string, to: string, period: "week" | "month"): RangePart[] {
  const start = periodStartOf(from, period);
  const firstWhole = start === from ? start : periodStartOf(addDays(start, period === "week" ? 7 : 32), period);
  const lastWholeEnd = addDays(periodStartOf(addDays(to, 1), period), -1);
  if (firstWhole > lastWholeEnd) return [{ grain: "day", from, to }];
  const parts: RangePart[] = [{ grain: period, from: firstWhole, to: lastWholeEnd }];
  if (from < firstWhole) parts.unshift({ grain: "day", from, to: addDays(firstWhole, -1) });
  if (lastWholeEnd < to) parts.push({ grain: "day", from: addDays(lastWholeEnd, 1), to });
  return parts;
}
