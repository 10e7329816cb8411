/**
 * A sampling rule and its runs in words, for the sampling pages: "5 per agent",
 * "Weekly on Monday at 06:00", "9 Nov 2026 – 15 Nov 2026". Pure: no I/O, safe in the browser.
 */
import { formatDate } from "../../lib/time";
import type { UnassignedReason } from "./assign";
import type { Quota, SamplingWindow, Schedule } from "./sampling-rule.schema";

/** ISO weekdays, 1 = Monday … 7 = Sunday (schedule.ts). */
export const weekdayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

export const windowKindLabels: Record<SamplingWindow["kind"], string> = {
  previous_day: "Previous day",
  previous_week: "Previous week (Monday to Sunday)",
  previous_month: "Previous month",
  last_n_days: "Last N days",
};

export const quotaKindLabels: Record<Quota["kind"], string> = {
  per_agent: "A number per agent",
  percentage: "A percentage of each agent's conversations",
  all: "All matching conversations",
};

export const scheduleKindLabels: Record<Schedule["kind"], string> = {
  manual: "Manual: only when someone presses Run now",
  daily: "Daily",
  weekly: "Weekly",
  monthly: "Monthly",
};

/** `6` → `06:00`: schedules run at whole hours. */
export function formatHour(hour: number): string {
  return `${String(hour).padStart(2, "0")}:00`;
}

/** `1` → `1st`, `22` → `22nd`, `13` → `13th`. */
export function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? "th" : ({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[n % 10] ?? "th";
  return `${n}${suffix}`;
}

/** "5 per agent", "2.5 %", "All". */
export function describeQuota(quota: Quota): string {
  switch (quota.kind) {
    case "per_agent":
      return `${quota.n} per agent`;
    case "percentage":
      // A no-break space keeps the number and its sign on one line in a narrow column.
      return `${quota.percent}\u00a0%`;
    case "all":
      return "All";
  }
}

/** "Manual", "Daily at 06:00", "Weekly on Monday at 06:00", "Monthly on the 1st at 06:00". */
export function describeSchedule(schedule: Schedule): string {
  switch (schedule.kind) {
    case "manual":
      return "Manual";
    case "daily":
      return `Daily at ${formatHour(schedule.hour)}`;
    case "weekly":
      return `Weekly on ${weekdayNames[schedule.weekday - 1] ?? "an unknown day"} at ${formatHour(schedule.hour)}`;
    case "monthly":
      return `Monthly on the ${ordinal(schedule.day)} at ${formatHour(schedule.hour)}`;
  }
}

/** "Previous week", "Last 7 days". */
export function describeWindow(window: SamplingWindow): string {
  switch (window.kind) {
    case "previous_day":
      return "Previous day";
    case "previous_week":
      return "Previous week";
    case "previous_month":
      return "Previous month";
    case "last_n_days":
      return window.days === 1 ? "Last day" : `Last ${window.days} days`;
  }
}

/**
 * A period `[start, end)` as the local days it covers: "9 Nov 2026 – 15 Nov 2026", or one
 * date for a single day. The end is exclusive (midnight after the last day), so the last
 * day shown is the one just before it.
 */
export function describePeriod(start: Date | string, end: Date | string, timeZone: string): string {
  const first = formatDate(start, timeZone);
  const last = formatDate(new Date(new Date(end).getTime() - 1), timeZone);
  return first === last ? first : `${first} – ${last}`;
}

export const unassignedReasonLabels: Record<UnassignedReason, string> = {
  caps_reached: "Caps reached: every other reviewer in the pool has reached their cap for the period",
  no_reviewer: "No reviewer but the agent: nobody else in the pool could review it",
};

/** "Run now by Leah Morgan", "On schedule". */
export function describeTrigger(trigger: "manual" | "schedule", startedByName: string | null): string {
  if (trigger === "schedule") return "On schedule";
  return startedByName ? `Run now by ${startedByName}` : "Run now";
}

export const runStatusLabels = { completed: "Completed", failed: "Failed" } as const;

export const assignmentStatusLabels = { open: "Open", done: "Done", skipped: "Skipped" } as const;
