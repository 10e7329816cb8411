/**
 * Calendar dates and wall-clock times in an IANA time zone, with nothing but `Intl`
 * (no date library is installed). Offsets are read from `Intl.DateTimeFormat`, so the
 * zone rules are the runtime's ICU data, the same in Node and the browser.
 *
 * A wall time that does not exist (the hour skipped when clocks go forward) maps to the
 * same time shifted by the gap (02:30 → 03:30), and one that happens twice (clocks going
 * back) maps to the earlier instant: Temporal's "compatible" disambiguation.
 */

export interface LocalDate {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // Throws RangeError for a zone the runtime does not know: a configuration error.
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      era: "short",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock reading at `instant` in `timeZone`, as if it were UTC (ms since the epoch). */
function wallClockMs(instant: number, timeZone: string): number {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  const year = Number(parts.era === "BC" ? 1 - Number(parts.year) : parts.year);
  const wall = new Date(0);
  wall.setUTCFullYear(year, Number(parts.month) - 1, Number(parts.day));
  wall.setUTCHours(Number(parts.hour) % 24, Number(parts.minute), Number(parts.second), 0);
  return wall.getTime();
}

/** UTC offset of `timeZone` at `instant`, in ms (New York in winter: −18 000 000). */
export function offsetMs(instant: number, timeZone: string): number {
  const wholeSeconds = Math.floor(instant / 1000) * 1000;
  return wallClockMs(wholeSeconds, timeZone) - wholeSeconds;
}

/** The calendar date at `instant` in `timeZone`. */
export function localDateOf(instant: Date, timeZone: string): LocalDate {
  return fromUtcMs(wallClockMs(instant.getTime(), timeZone));
}

/** The instant the wall clock in `timeZone` reads `date` `hour`:`minute` (see the module note for gaps and overlaps). */
export function zonedInstant(date: LocalDate, timeZone: string, hour = 0, minute = 0): Date {
  const wall = toUtcMs(date) + hour * 3_600_000 + minute * 60_000;
  const offsetBefore = offsetMs(wall - DAY_MS, timeZone);
  const offsetAfter = offsetMs(wall + DAY_MS, timeZone);
  const exact = [wall - offsetBefore, wall - offsetAfter].filter((instant) => instant + offsetMs(instant, timeZone) === wall);
  if (exact.length > 0) return new Date(Math.min(...exact));
  return new Date(wall - offsetBefore);
}

/** Midnight at the start of `date` in `timeZone` (or the first instant of the day, where midnight is skipped). */
export function startOfLocalDay(date: LocalDate, timeZone: string): Date {
  return zonedInstant(date, timeZone, 0, 0);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromUtcMs(toUtcMs(date) + days * DAY_MS);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  return ((new Date(toUtcMs(date)).getUTCDay() + 6) % 7) + 1;
}

/** ISO 8601 week of `date`, as `2026-W47` (the week-year is the year of that week's Thursday). */
export function isoWeekKey(date: LocalDate): string {
  const thursday = addDays(date, 4 - isoWeekday(date));
  const week = Math.floor((toUtcMs(thursday) - toUtcMs({ year: thursday.year, month: 1, day: 1 })) / (7 * DAY_MS)) + 1;
  return `${formatYear(thursday.year)}-W${String(week).padStart(2, "0")}`;
}

/** `2026-11-24` */
export function formatLocalDate(date: LocalDate): string {
  return `${formatYear(date.year)}-${pad2(date.month)}-${pad2(date.day)}`;
}

/** `2026-11` */
export function formatLocalMonth(date: LocalDate): string {
  return `${formatYear(date.year)}-${pad2(date.month)}`;
}

const pad2 = (n: number) => String(n).padStart(2, "0");
const formatYear = (year: number) => String(year).padStart(4, "0");

function toUtcMs(date: LocalDate): number {
  const d = new Date(0);
  d.setUTCFullYear(date.year, date.month - 1, date.day);
  return d.getTime();
}

function fromUtcMs(ms: number): LocalDate {
  const d = new Date(ms);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}
