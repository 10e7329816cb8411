/**
 * When a rule's scheduled runs happen: at a whole local hour in the organisation's time
 * zone, daily, on an ISO weekday (1 = Monday) or on a day of the month (1–28, which every
 * month has). The run's period comes from its window (period.ts), not from the schedule.
 */
import type { Schedule } from "./sampling-rule.schema";
import { addDays, instantAt, isoWeekday, type LocalDate, localDateOf } from "../../lib/time";

/** How far to look for a schedule's next or last slot: more than any month. */
const SEARCH_DAYS = 40;

function slotOn(schedule: Exclude<Schedule, { kind: "manual" }>, date: LocalDate, timeZone: string): Date | null {
  if (schedule.kind === "weekly" && isoWeekday(date) !== schedule.weekday) return null;
  if (schedule.kind === "monthly" && date.day !== schedule.day) return null;
  return instantAt(date, timeZone, schedule.hour);
}

/**
 * The first scheduled run strictly after `after`, or null for a manual rule. An hour that the
 * clocks skip runs at the same time shifted by the gap; one they repeat runs once, the first time.
 */
export function nextRunAt(schedule: Schedule, after: Date, timeZone: string): Date | null {
  if (schedule.kind === "manual") return null;
  const today = localDateOf(after, timeZone);
  for (let offset = -1; offset <= SEARCH_DAYS; offset++) {
    const slot = slotOn(schedule, addDays(today, offset), timeZone);
    if (slot && slot.getTime() > after.getTime()) return slot;
  }
  return null;
}

/**
 * The latest scheduled run at or before `at`, or null for a manual rule: the slot a late or
 * retried job belongs to, so it resolves the same period as an on-time run would have.
 */
export function latestRunAt(schedule: Schedule, at: Date, timeZone: string): Date | null {
  if (schedule.kind === "manual") return null;
  const today = localDateOf(at, timeZone);
  for (let offset = 1; offset >= -SEARCH_DAYS; offset--) {
    const slot = slotOn(schedule, addDays(today, offset), timeZone);
    if (slot && slot.getTime() <= at.getTime()) return slot;
  }
  return null;
}

/**
 * How late a rule's next run may be before it counts as overdue: a waiting job normally
 * starts within seconds of its slot, so ten minutes means the worker is down or the rule's
 * scheduler job is gone (repair-rule-schedules.server.ts puts it back).
 */
export const SCHEDULE_GRACE_MS = 10 * 60_000;

/** An active scheduled rule whose next run should have happened a while ago, or is unknown. */
export function isScheduleOverdue(rule: { active: boolean; schedule: Schedule; nextRunAt: Date | null }, now: Date): boolean {
  if (!rule.active || rule.schedule.kind === "manual") return false;
  return rule.nextRunAt === null || rule.nextRunAt.getTime() < now.getTime() - SCHEDULE_GRACE_MS;
}
