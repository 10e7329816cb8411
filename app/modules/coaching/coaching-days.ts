import { addDays, formatLocalDate, localDateOf } from "../../lib/time";

/** How far back a plan's baseline looks: the last 90 days before the plan (docs/decisions/0031). */
export const BASELINE_DAYS = 90;

/** Today in the organisation's zone, and the baseline window that ends the day before. */
export function coachingDays(now: Date, timeZone: string): { today: string; baselineFrom: string; baselineTo: string } {
  const today = localDateOf(now, timeZone);
  return { today: formatLocalDate(today), baselineFrom: formatLocalDate(addDays(today, -BASELINE_DAYS)), baselineTo: formatLocalDate(addDays(today, -1)) };
}
