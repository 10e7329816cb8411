/**
 * Which interactions a run looks at, in the organisation's time zone (when runs happen is
 * schedule.ts).
 *
 * A run's period is its window resolved against the run instant: whole local days, weeks
 * (Monday to Sunday) or months before the day of the run, as [start, end) in UTC. Because
 * it depends only on the local date of the run, a job that starts at 06:00 or 06:40 samples
 * the same interactions. The key names the period (`2026-11-23`, `2026-W47`, `2026-11`,
 * `2026-11-17..2026-11-23`) and, with the rule, identifies the run: caps per reviewer and
 * "N per agent" count per key. See docs/decisions/0008-sampling-determinism.md.
 */
import type { SamplingWindow } from "./sampling-rule.schema";
import {
  addDays,
  formatLocalDate,
  formatLocalMonth,
  isoWeekKey,
  isoWeekday,
  type LocalDate,
  localDateOf,
  startOfLocalDay,
} from "../../lib/time";

export interface Period {
  /** Inclusive, UTC. */
  start: Date;
  /** Exclusive, UTC. */
  end: Date;
  key: string;
}

export function resolvePeriod(window: SamplingWindow, runAt: Date, timeZone: string): Period {
  const today = localDateOf(runAt, timeZone);
  const days = (first: LocalDate, endExclusive: LocalDate) => ({
    start: startOfLocalDay(first, timeZone),
    end: startOfLocalDay(endExclusive, timeZone),
  });
  switch (window.kind) {
    case "previous_day": {
      const yesterday = addDays(today, -1);
      return { ...days(yesterday, today), key: formatLocalDate(yesterday) };
    }
    case "previous_week": {
      const thisMonday = addDays(today, 1 - isoWeekday(today));
      const lastMonday = addDays(thisMonday, -7);
      return { ...days(lastMonday, thisMonday), key: isoWeekKey(lastMonday) };
    }
    case "previous_month": {
      const firstOfThisMonth = { year: today.year, month: today.month, day: 1 };
      const firstOfLastMonth =
        today.month === 1 ? { year: today.year - 1, month: 12, day: 1 } : { ...firstOfThisMonth, month: today.month - 1 };
      return { ...days(firstOfLastMonth, firstOfThisMonth), key: formatLocalMonth(firstOfLastMonth) };
    }
    case "last_n_days": {
      const first = addDays(today, -window.days);
      return {
        ...days(first, today),
        key: `${formatLocalDate(first)}..${formatLocalDate(addDays(today, -1))}`,
      };
    }
  }
}
