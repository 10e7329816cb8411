/**
 * When a dispute is due (DESIGN.md "Disputes": a resolution due time in working days). Pure.
 *
 * The organisation's `dispute_resolution_days` working days are counted from the day after the
 * local date of `from` in the organisation's time zone, skipping the days that are not working
 * days (ISO weekdays) and the holidays; the dispute is due at the first instant of the day after
 * the last of them, the same "end of the N-th day" the acknowledgement rule uses. Raised on
 * Friday at 17:00 with 5 working days (Monday to Friday): due at the end of the next Friday.
 * Midnight is taken in the zone (lib/time.ts), so a DST change in between moves nothing.
 */
import { addDays, formatLocalDate, isoWeekday, localDateOf, startOfLocalDay, type LocalDate } from "../../lib/time";

export interface WorkingCalendar {
  /** ISO weekdays that are working days: 1 = Monday … 7 = Sunday. */
  workingDays: readonly number[];
  /** Days off, as `YYYY-MM-DD` in the organisation's zone. */
  holidays: readonly string[];
  timeZone: string;
}

export function isWorkingDay(date: LocalDate, calendar: Pick<WorkingCalendar, "workingDays" | "holidays">): boolean {
  return calendar.workingDays.includes(isoWeekday(date)) && !calendar.holidays.includes(formatLocalDate(date));
}

/** The instant by which a dispute started at `from` must be decided, `days` working days later. */
export function disputeDueAt(from: Date, days: number, calendar: WorkingCalendar): Date {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`A resolution time is a whole number of working days, at least 1 (got ${days})`);
  if (!calendar.workingDays.some((day) => day >= 1 && day <= 7)) throw new RangeError("The calendar has no working day");
  let date = localDateOf(from, calendar.timeZone);
  let counted = 0;
  // Bounded: at most 100 holidays (organisation-settings.ts), so a year always has working days.
  for (let step = 0; counted < days; step++) {
    if (step > 366 * 3) throw new RangeError("No working day within three years: check the working days and holidays");
    date = addDays(date, 1);
    if (isWorkingDay(date, calendar)) counted++;
  }
  return startOfLocalDay(addDays(date, 1), calendar.timeZone);
}

/** Overdue: still waiting for a decision after its due time. */
export function isOverdue(dispute: { state: string; dueAt: Date }, now: Date): boolean {
  return (dispute.state === "open" || dispute.state === "in_review") && dispute.dueAt.getTime() <= now.getTime();
}

/** The end of the dispute window: the first instant of the day after the `days`-th local day after release. */
export function disputeWindowEndsAt(releasedAt: Date, days: number, timeZone: string): Date {
  return startOfLocalDay(addDays(localDateOf(releasedAt, timeZone), days + 1), timeZone);
}
