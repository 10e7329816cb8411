/**
 * Time in Parley, in one place: calendar dates, wall-clock times in the organisation's IANA
 * time zone, the instants they stand for, and how they are shown. Zone data comes from
 * `@date-fns/tz` (the runtime's ICU data, the same in Node and the browser), calendar
 * arithmetic from `date-fns`. Shared by server and browser; nothing here does I/O.
 *
 * The one rule for local times that do not exist or exist twice (decision 0017):
 * - a time a person types that does not exist (the clocks skip it when they go forward) is
 *   refused with a message naming the gap (`parseLocalDateTime`); nothing is guessed;
 * - a time the app computes (a schedule's slot, the midnight a day or period starts) that
 *   does not exist moves forward by the length of the gap, as a clock on the wall does:
 *   New York 02:30 on the spring-forward night is 03:30 EDT (`instantAt`);
 * - a time that exists twice (the clocks go back) is always its earlier instant, the first
 *   time the wall clock shows it, whether typed or computed.
 * This is Temporal's "compatible" disambiguation, with typed gaps refused instead.
 * `TZDate`'s own constructor is not used to resolve wall times: it picks the earlier instant
 * of a repeated hour west of Greenwich and the later one east of it.
 */
import { TZDate, tzOffset } from "@date-fns/tz";
import { getISOWeek, getISOWeekYear } from "date-fns";

/** A day on the calendar, with no zone. */
export interface LocalDate {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
}

/** A reading of a wall clock, with no zone. */
export interface LocalDateTime extends LocalDate {
  hour: number;
  minute: number;
  second: number;
}

/** What a wall-clock time is in a zone: one instant, two (clocks went back), or none (clocks went forward). */
export type WallTimeInZone =
  | { kind: "exact"; instant: Date }
  | { kind: "repeated"; earlier: Date; later: Date }
  /** `shifted` is the time moved forward by the gap; `from` → `to` is the jump of the clock ("02:00" → "03:00"). */
  | { kind: "skipped"; shifted: Date; from: string; to: string };

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

// ---------------------------------------------------------------------------------------
// Zones

const knownZones = new Set<string>();

/** Throws RangeError for a zone the runtime does not know: a configuration error, never user input. */
function checkZone(timeZone: string): void {
  if (knownZones.has(timeZone)) return;
  new Intl.DateTimeFormat("en-GB", { timeZone });
  knownZones.add(timeZone);
}

/** How far `timeZone`'s wall clock is ahead of UTC at `instant`, in minutes (New York in winter: −300). */
export function offsetMinutes(instant: Date | number, timeZone: string): number {
  checkZone(timeZone);
  return tzOffset(timeZone, new Date(instant));
}

/** The wall clock in `timeZone` at `instant`, to the second. */
export function wallClockAt(instant: Date | number, timeZone: string): LocalDateTime {
  checkZone(timeZone);
  const d = new TZDate(new Date(instant).getTime(), timeZone);
  return {
    year: d.getFullYear(),
    month: d.getMonth() + 1,
    day: d.getDate(),
    hour: d.getHours(),
    minute: d.getMinutes(),
    second: d.getSeconds(),
  };
}

/** The calendar date in `timeZone` at `instant`. */
export function localDateOf(instant: Date | number, timeZone: string): LocalDate {
  const { year, month, day } = wallClockAt(instant, timeZone);
  return { year, month, day };
}

/** A wall-clock reading as if it were UTC, in ms: the number both sides of an offset are compared with. */
function readAsUtc(wall: LocalDate & Partial<LocalDateTime>): number {
  const d = new TZDate(0, "UTC");
  d.setFullYear(wall.year, wall.month - 1, wall.day);
  d.setHours(wall.hour ?? 0, wall.minute ?? 0, wall.second ?? 0, 0);
  return d.getTime();
}

/** "HH:MM" of the wall clock `asUtc` (a reading as if it were UTC). */
function clockText(asUtc: number): string {
  const d = new TZDate(asUtc, "UTC");
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

/**
 * Every instant at which `timeZone`'s wall clock reads `wall`. The offsets in force a day
 * either side cover every real zone (none changes twice within two days), and each
 * candidate is kept only if the zone agrees that it reads `wall` then.
 */
export function resolveWallTime(wall: LocalDate & Partial<LocalDateTime>, timeZone: string): WallTimeInZone {
  const asUtc = readAsUtc(wall);
  const before = offsetMinutes(asUtc - DAY_MS, timeZone);
  const after = offsetMinutes(asUtc + DAY_MS, timeZone);
  const instants = [...new Set([before, after, offsetMinutes(asUtc, timeZone)])]
    .map((offset) => asUtc - offset * MINUTE_MS)
    .filter((instant) => offsetMinutes(instant, timeZone) * MINUTE_MS === asUtc - instant)
    .sort((a, b) => a - b);
  const first = instants[0];
  const last = instants[instants.length - 1];
  if (first !== undefined && last !== undefined) {
    return first === last ? { kind: "exact", instant: new Date(first) } : { kind: "repeated", earlier: new Date(first), later: new Date(last) };
  }
  // Skipped: read with the offset before the change, the instant lands past it, shifted by the gap.
  const shifted = asUtc - before * MINUTE_MS;
  // The change itself lies between the two readings; find its minute (zones change on whole minutes).
  let lo = asUtc - after * MINUTE_MS; // still the old offset
  let hi = shifted; // already the new one
  while (hi - lo > MINUTE_MS) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS;
    if (offsetMinutes(mid, timeZone) === before) lo = mid;
    else hi = mid;
  }
  return { kind: "skipped", shifted: new Date(shifted), from: clockText(hi + before * MINUTE_MS), to: clockText(hi + after * MINUTE_MS) };
}

/**
 * The instant of a time the app computes (a schedule's slot, the start of a day): a time the
 * clocks skip moves forward by the gap, a time they repeat is the first one (decision 0017).
 */
export function instantAt(date: LocalDate, timeZone: string, hour = 0, minute = 0): Date {
  const resolved = resolveWallTime({ ...date, hour, minute, second: 0 }, timeZone);
  switch (resolved.kind) {
    case "exact":
      return resolved.instant;
    case "repeated":
      return resolved.earlier;
    case "skipped":
      return resolved.shifted;
  }
}

/** The first instant of `date` in `timeZone`: its midnight, or where midnight is skipped, the moment the day begins. */
export function startOfLocalDay(date: LocalDate, timeZone: string): Date {
  return instantAt(date, timeZone, 0, 0);
}

/** "UTC+01:00", "UTC−05:00", "UTC" at `instant` in `timeZone`: the hint beside a time field. */
export function zoneOffsetLabel(instant: Date | string, timeZone: string): string {
  const minutes = offsetMinutes(new Date(instant), timeZone);
  if (minutes === 0) return "UTC";
  const abs = Math.abs(minutes);
  return `UTC${minutes > 0 ? "+" : "−"}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

// ---------------------------------------------------------------------------------------
// Times people type

const LOCAL_INPUT_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?$/;
/** The app's own format, as `formatDateTime` shows it: "2 Mar 2026, 10:00", seconds optional, the comma too. */
const SHOWN_DATE_TIME_RE = /^(\d{1,2}) ([a-z]{3,9})\.? (\d{4}),? (\d{1,2}):(\d{2})(?::(\d{2}))?$/i;
const MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
const MONTHS = MONTH_NAMES.map((name) => name.slice(0, 3));
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A typed wall-clock time read in the organisation's zone, or why it cannot be used. */
export type ParsedLocalDateTime =
  /** `repeated`: the clocks showed this time twice; `instant` is the first (decision 0017). */
  | { ok: true; instant: Date; repeated: boolean }
  | { ok: false; reason: "invalid" | "skipped"; message: string };

/**
 * A typed time — in the app's format as `formatDateTime` shows it ("1 Mar 2026, 09:30",
 * seconds optional) or a `datetime-local` value ("2026-03-01T09:30") — read in `timeZone`,
 * not the browser's: an import made from a laptop abroad lands at the time the
 * call happened in the contact centre. A time the clocks skip is refused, naming the jump;
 * a time they show twice is the earlier instant.
 */
export function parseLocalDateTime(value: string, timeZone: string): ParsedLocalDateTime {
  const wall = readWallClock(value.trim().replace(/\s+/g, " "));
  if (!wall) return { ok: false, reason: "invalid", message: "Enter a date and time, like 1 Dec 2026, 09:30" };
  const { hour, minute } = wall;
  const date = { year: wall.year, month: wall.month, day: wall.day };
  const resolved = resolveWallTime(wall, timeZone);
  switch (resolved.kind) {
    case "exact":
      return { ok: true, instant: resolved.instant, repeated: false };
    case "repeated":
      return { ok: true, instant: resolved.earlier, repeated: true };
    case "skipped":
      return {
        ok: false,
        reason: "skipped",
        message:
          `${pad2(hour)}:${pad2(minute)} on ${formatLocalDate(date)} does not exist in ${timeZone}: ` +
          `the clocks went forward from ${resolved.from} to ${resolved.to}. Enter a time before ${resolved.from} or from ${resolved.to}.`,
      };
  }
}

/** A typed wall-clock time, as a `datetime-local` value or in the app's format; null when it is not a real one. */
function readWallClock(text: string): LocalDateTime | null {
  let wall: LocalDateTime;
  const local = LOCAL_INPUT_RE.exec(text);
  const shown = local ? null : SHOWN_DATE_TIME_RE.exec(text);
  if (local) {
    const [year, month, day, hour, minute, second] = local.slice(1, 7).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
    wall = { year, month, day, hour, minute, second };
  } else if (shown) {
    const name = (shown[2] ?? "").toLowerCase();
    // "Mar", "March", and en-GB's "Sept" (what `formatDateTime` shows for September).
    const month = name === "sept" ? 9 : name.length === 3 ? MONTHS.indexOf(name) + 1 : MONTH_NAMES.indexOf(name) + 1;
    const [day, year, hour, minute, second] = [shown[1], shown[3], shown[4], shown[5], shown[6]].map((part) => Number(part ?? 0)) as [number, number, number, number, number];
    wall = { year, month, day, hour, minute, second };
  } else {
    return null;
  }
  if (!isCalendarDate(wall) || wall.hour > 23 || wall.minute > 59 || wall.second > 59) return null;
  return wall;
}

/** An instant as the `datetime-local` value of its wall-clock time in `timeZone` ("2026-03-01T09:30"). */
export function toLocalInput(instant: Date | string, timeZone: string): string {
  const wall = wallClockAt(new Date(instant), timeZone);
  return `${formatLocalDate(wall)}T${pad2(wall.hour)}:${pad2(wall.minute)}`;
}

/** "2026-11-24" → the calendar day, or null when it is not one (2026-02-30) or is outside 1900–9999. */
export function parseLocalDate(text: string): LocalDate | null {
  const match = DATE_RE.exec(text);
  if (!match) return null;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return date.year >= 1900 && isCalendarDate(date) ? date : null;
}

function isCalendarDate(date: LocalDate): boolean {
  if (date.month < 1 || date.month > 12 || date.day < 1) return false;
  const back = addDays(date, 0); // normalised: 2026-02-30 comes back as 2026-03-02
  return back.year === date.year && back.month === date.month && back.day === date.day;
}

// ---------------------------------------------------------------------------------------
// Calendar days (no zone)

/** The day as a date-fns date at UTC midnight, so date-fns counts days whatever the machine's zone. */
function utcDay(date: LocalDate): TZDate {
  const d = new TZDate(0, "UTC");
  d.setFullYear(date.year, date.month - 1, date.day);
  return d;
}

/**
 * Day arithmetic on a UTC day count, by hand: reports build a drill-down link per table cell,
 * and a TZDate operation costs a time-zone lookup (thousands per page at two years by week).
 */
function dayNumber(date: LocalDate): number {
  const d = new Date(0);
  d.setUTCFullYear(date.year, date.month - 1, date.day);
  return Math.round(d.getTime() / DAY_MS);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date((dayNumber(date) + days) * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** ISO weekday: 1 = Monday … 7 = Sunday. Day 0 (1970-01-01) was a Thursday. */
export function isoWeekday(date: LocalDate): number {
  return ((((dayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

/** ISO 8601 week of `date`, as `2026-W47` (the week-year is the year of that week's Thursday). */
export function isoWeekKey(date: LocalDate): string {
  const day = utcDay(date);
  return `${formatYear(getISOWeekYear(day))}-W${pad2(getISOWeek(day))}`;
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

// ---------------------------------------------------------------------------------------
// Showing instants (British English, as the rest of the interface)

const LOCALE = "en-GB";
const formats = {
  /** "20 Nov 2026, 12:00" */
  dateTime: { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" },
  /** "20 Nov 2026" */
  date: { day: "numeric", month: "short", year: "numeric" },
  /** "12:00:05" */
  time: { hour: "2-digit", minute: "2-digit", second: "2-digit" },
  /** "12:00" */
  hourMinute: { hour: "2-digit", minute: "2-digit" },
} satisfies Record<string, Intl.DateTimeFormatOptions>;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatIn(kind: keyof typeof formats, instant: Date | string, timeZone: string): string {
  const key = `${kind} ${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(LOCALE, { ...formats[kind], timeZone });
    formatters.set(key, formatter);
  }
  return formatter.format(new Date(instant));
}

/** "20 Nov 2026, 12:00" in `timeZone`. */
export const formatDateTime = (instant: Date | string, timeZone: string) => formatIn("dateTime", instant, timeZone);
/** "20 Nov 2026" in `timeZone`. */
export const formatDate = (instant: Date | string, timeZone: string) => formatIn("date", instant, timeZone);
/** "12:00:05" in `timeZone`. */
export const formatTime = (instant: Date | string, timeZone: string) => formatIn("time", instant, timeZone);
/** "12:00" in `timeZone`. */
export const formatHourMinute = (instant: Date | string, timeZone: string) => formatIn("hourMinute", instant, timeZone);

const relativeFormats = {
  /** "in 5 hr", "3 days ago": table cells and badges */
  short: new Intl.RelativeTimeFormat(LOCALE, { numeric: "auto", style: "short" }),
  /** "in 5 minutes": sentences */
  long: new Intl.RelativeTimeFormat(LOCALE, { numeric: "auto", style: "long" }),
};

/**
 * How far `target` is from `now` in words: "in 5 hr", "3 days ago", "now" under half a
 * minute. Minutes below an hour, hours below two days, then days; elapsed time, so a day
 * is 24 hours whatever the clocks do.
 */
export function formatRelative(target: Date, now: Date, style: keyof typeof relativeFormats = "short"): string {
  const format = relativeFormats[style];
  const ms = target.getTime() - now.getTime();
  const minutes = Math.round(ms / MINUTE_MS);
  if (minutes === 0) return format.format(0, "second");
  if (Math.abs(minutes) < 60) return format.format(minutes, "minute");
  const hours = Math.round(ms / (60 * MINUTE_MS));
  if (Math.abs(hours) < 48) return format.format(hours, "hour");
  return format.format(Math.round(ms / DAY_MS), "day");
}
