/**
 * The period the lead's dashboard counts done and skipped work over, chosen in the URL
 * (`?period=30d`). Whole days in the organisation's time zone: "last 7 days" is today and
 * the six days before it from local midnight, "this month" from the 1st at local midnight,
 * so the numbers match the calendar the team works by. Pure, so it is tested without a database.
 */
import { addDays, localDateOf, startOfLocalDay } from "../../lib/time";

export const donePeriods = ["7d", "30d", "month"] as const;
export type DonePeriod = (typeof donePeriods)[number];
export const DEFAULT_DONE_PERIOD: DonePeriod = "7d";

export const donePeriodLabels: Record<DonePeriod, string> = {
  "7d": "Last 7 days",
  "30d": "Last 30 days",
  month: "This month",
};

/** Column headings: "Done 7 d", "Done 30 d", "Done this month". */
export const donePeriodShort: Record<DonePeriod, string> = { "7d": "7 d", "30d": "30 d", month: "this month" };

export function doneSince(period: DonePeriod, now: Date, timeZone: string): Date {
  const today = localDateOf(now, timeZone);
  switch (period) {
    case "7d":
      return startOfLocalDay(addDays(today, -6), timeZone);
    case "30d":
      return startOfLocalDay(addDays(today, -29), timeZone);
    case "month":
      return startOfLocalDay({ ...today, day: 1 }, timeZone);
  }
}
