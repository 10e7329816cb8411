/**
 * The upload form's "started at" is a `datetime-local` value (a wall-clock time with no
 * zone) read in the organisation's time zone, not the browser's: an import made from a
 * laptop abroad must land at the time the call happened in the contact centre.
 */

const localPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?$/;

function wallClockParts(instant: number, timeZone: string) {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour"), minute: get("minute"), second: get("second") };
}

/** How far `timeZone`'s wall clock is ahead of UTC at `instant`, in ms. */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  const p = wallClockParts(whole, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - whole;
}

/**
 * "2026-03-01T09:30" read in `timeZone` → an ISO instant, or null when it is not a
 * valid date and time. A time skipped by a daylight-saving change resolves to the
 * instant an hour later, as clocks do.
 */
export function localInputToIso(value: string, timeZone: string): string | null {
  const match = localPattern.exec(value.trim());
  if (!match) return null;
  const [y, mo, d, h, mi, s] = match.slice(1, 7).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(wall);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) {
    return null;
  }
  let instant = wall - zoneOffsetMs(wall, timeZone);
  const corrected = zoneOffsetMs(instant, timeZone);
  if (corrected !== wall - instant) instant = wall - corrected;
  return new Date(instant).toISOString();
}

/** An instant as the `datetime-local` value of its wall-clock time in `timeZone` ("2026-03-01T09:30"). */
export function isoToLocalInput(date: Date | string, timeZone: string): string {
  const p = wallClockParts(new Date(date).getTime(), timeZone);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${String(p.year).padStart(4, "0")}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}`;
}

/** "UTC+01:00", "UTC−05:00", "UTC" at `date` in `timeZone`. */
export function zoneOffsetLabel(date: Date | string, timeZone: string): string {
  const minutes = Math.round(zoneOffsetMs(new Date(date).getTime(), timeZone) / 60_000);
  if (minutes === 0) return "UTC";
  const abs = Math.abs(minutes);
  return `UTC${minutes > 0 ? "+" : "−"}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}
