import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import {
  addDays,
  formatDate,
  formatDateTime,
  formatHourMinute,
  formatRelative,
  formatTime,
  instantAt,
  isoWeekKey,
  isoWeekday,
  localDateOf,
  offsetMinutes,
  parseLocalDate,
  parseLocalDateTime,
  resolveWallTime,
  startOfLocalDay,
  toLocalInput,
  wallClockAt,
  zoneOffsetLabel,
} from "./time";

const NEW_YORK = "America/New_York";
const LONDON = "Europe/London";
const LORD_HOWE = "Australia/Lord_Howe";

/** The instant a typed value stands for, or the refusal's message. */
function typed(value: string, timeZone: string): string {
  const parsed = parseLocalDateTime(value, timeZone);
  return parsed.ok ? parsed.instant.toISOString() : parsed.message;
}
const iso = (date: Date) => date.toISOString();
const day = (text: string) => parseLocalDate(text)!;

describe("the rule for times the clocks skip or repeat (decision 0017)", () => {
  // One case per zone and change: New York and London move an hour, Lord Howe half an hour.
  const springForward = [
    { zone: NEW_YORK, date: "2026-03-08", skipped: "02:30", from: "02:00", to: "03:00", shifted: "2026-03-08T07:30:00.000Z" },
    { zone: LONDON, date: "2026-03-29", skipped: "01:30", from: "01:00", to: "02:00", shifted: "2026-03-29T01:30:00.000Z" },
    { zone: LORD_HOWE, date: "2026-10-04", skipped: "02:15", from: "02:00", to: "02:30", shifted: "2026-10-03T15:45:00.000Z" },
  ];
  const fallBack = [
    { zone: NEW_YORK, date: "2026-11-01", repeated: "01:30", earlier: "2026-11-01T05:30:00.000Z", later: "2026-11-01T06:30:00.000Z" },
    { zone: LONDON, date: "2026-10-25", repeated: "01:30", earlier: "2026-10-25T00:30:00.000Z", later: "2026-10-25T01:30:00.000Z" },
    { zone: LORD_HOWE, date: "2026-04-05", repeated: "01:45", earlier: "2026-04-04T14:45:00.000Z", later: "2026-04-04T15:15:00.000Z" },
  ];
  const hm = (text: string) => text.split(":").map(Number) as [number, number];

  it.each(springForward)("a time typed in the gap in $zone is refused, naming the jump", ({ zone, date, skipped, from, to }) => {
    const parsed = parseLocalDateTime(`${date}T${skipped}`, zone);
    expect(parsed).toEqual({
      ok: false,
      reason: "skipped",
      message: `${skipped} on ${date} does not exist in ${zone}: the clocks went forward from ${from} to ${to}. Enter a time before ${from} or from ${to}.`,
    });
  });

  it.each(springForward)("a time the app computes in the gap in $zone moves forward by the gap", ({ zone, date, skipped, to, shifted }) => {
    const at = instantAt(day(date), zone, ...hm(skipped));
    expect(iso(at)).toBe(shifted);
    // The wall clock then reads the same time, later by the gap: after the jump, never before it.
    expect(toLocalInput(at, zone) > `${date}T${to}`).toBe(true);
    expect(resolveWallTime({ ...day(date), hour: hm(skipped)[0], minute: hm(skipped)[1] }, zone)).toMatchObject({ kind: "skipped" });
  });

  it.each(springForward)("the minutes either side of the gap in $zone are exact, typed or computed", ({ zone, date, from, to }) => {
    const [fromHour, fromMinute] = hm(from);
    const lastBefore = `${String(fromMinute === 0 ? fromHour - 1 : fromHour).padStart(2, "0")}:${String(fromMinute === 0 ? 59 : fromMinute - 1).padStart(2, "0")}`;
    for (const time of [lastBefore, to]) {
      const parsed = parseLocalDateTime(`${date}T${time}`, zone);
      expect(parsed.ok, time).toBe(true);
      if (!parsed.ok) continue;
      expect(parsed.repeated).toBe(false);
      expect(toLocalInput(parsed.instant, zone)).toBe(`${date}T${time}`);
      expect(instantAt(day(date), zone, ...hm(time))).toEqual(parsed.instant);
    }
  });

  it.each(fallBack)("a time shown twice in $zone is its earlier instant, typed or computed", ({ zone, date, repeated, earlier, later }) => {
    expect(resolveWallTime({ ...day(date), hour: hm(repeated)[0], minute: hm(repeated)[1] }, zone)).toEqual({
      kind: "repeated",
      earlier: new Date(earlier),
      later: new Date(later),
    });
    expect(parseLocalDateTime(`${date}T${repeated}`, zone)).toEqual({ ok: true, instant: new Date(earlier), repeated: true });
    expect(iso(instantAt(day(date), zone, ...hm(repeated)))).toBe(earlier);
    // Both instants read as that wall time.
    expect(toLocalInput(earlier, zone)).toBe(`${date}T${repeated}`);
    expect(toLocalInput(later, zone)).toBe(`${date}T${repeated}`);
  });

  it("settles the two old helpers' disagreement: one answer for New York's gap and London's repeated hour", () => {
    // The upload form's helper gave 06:30Z (01:30 EST) and sampling's 07:30Z for the same wall time.
    expect(typed("2026-03-08T02:30", NEW_YORK)).toMatch(/^02:30 on 2026-03-08 does not exist in America\/New_York/);
    expect(iso(instantAt(day("2026-03-08"), NEW_YORK, 2, 30))).toBe("2026-03-08T07:30:00.000Z");
    expect(typed("2026-10-25T01:30", LONDON)).toBe("2026-10-25T00:30:00.000Z");
    expect(iso(instantAt(day("2026-10-25"), LONDON, 1, 30))).toBe("2026-10-25T00:30:00.000Z");
  });

  it("starts a day at its first instant: a skipped midnight at 01:00, a repeated one at the first", () => {
    // Santiago skips 00:00–01:00 on 6 Sep 2026; Havana shows 00:00–01:00 twice on 1 Nov 2026.
    expect(iso(startOfLocalDay(day("2026-09-06"), "America/Santiago"))).toBe("2026-09-06T04:00:00.000Z");
    expect(toLocalInput(startOfLocalDay(day("2026-09-06"), "America/Santiago"), "America/Santiago")).toBe("2026-09-06T01:00");
    expect(iso(startOfLocalDay(day("2026-11-01"), "America/Havana"))).toBe("2026-11-01T04:00:00.000Z");
    // Lord Howe's days across its changes are 23½ and 24½ hours long.
    const hours = (from: string, to: string) => (startOfLocalDay(day(to), LORD_HOWE).getTime() - startOfLocalDay(day(from), LORD_HOWE).getTime()) / 3_600_000;
    expect(hours("2026-10-04", "2026-10-05")).toBe(23.5);
    expect(hours("2026-04-05", "2026-04-06")).toBe(24.5);
  });

  it("property: typed and computed agree on every time that exists, and typed refuses exactly the skipped ones", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(NEW_YORK, LONDON, LORD_HOWE),
        // Every minute of the days around the 2026 changes in these zones, and any other.
        fc.constantFrom("2026-03-08", "2026-03-29", "2026-04-05", "2026-10-04", "2026-10-25", "2026-11-01", "2026-06-15"),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (zone, date, hour, minute) => {
          const value = `${date}T${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
          const parsed = parseLocalDateTime(value, zone);
          const computed = instantAt(day(date), zone, hour, minute);
          const exists = toLocalInput(computed, zone) === value;
          expect(parsed.ok).toBe(exists);
          if (parsed.ok) expect(parsed.instant).toEqual(computed);
          // Moved forward, never back: a computed instant reads the wall time or a later one.
          expect(toLocalInput(computed, zone) >= value).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("typed dates and times (the upload form, assigning by hand)", () => {
  it("reads a datetime-local value in the organisation's time zone, not the machine's", () => {
    expect(typed("2026-03-01T09:30", "UTC")).toBe("2026-03-01T09:30:00.000Z");
    expect(typed("2026-03-01T09:30", "Europe/Berlin")).toBe("2026-03-01T08:30:00.000Z");
    expect(typed("2026-07-01T09:30", "Europe/Berlin")).toBe("2026-07-01T07:30:00.000Z");
    expect(typed("2026-03-01T09:30", NEW_YORK)).toBe("2026-03-01T14:30:00.000Z");
    expect(typed("2026-03-01T09:30", "Asia/Kolkata")).toBe("2026-03-01T04:00:00.000Z");
  });

  it("keeps seconds when the field has them", () => {
    expect(typed("2026-03-01T09:30:15", "UTC")).toBe("2026-03-01T09:30:15.000Z");
    expect(typed("2026-03-01T09:30:15.250", "UTC")).toBe("2026-03-01T09:30:15.000Z");
  });

  it("refuses a wall-clock time skipped by the spring-forward change, and reads the hour before it as usual", () => {
    // 2026-03-29 02:30 does not exist in Berlin (clocks jump from 02:00 to 03:00 CET → CEST).
    expect(typed("2026-03-29T02:30", "Europe/Berlin")).toBe(
      "02:30 on 2026-03-29 does not exist in Europe/Berlin: the clocks went forward from 02:00 to 03:00. Enter a time before 02:00 or from 03:00.",
    );
    // 01:30 the same night is unambiguous CET.
    expect(typed("2026-03-29T01:30", "Europe/Berlin")).toBe("2026-03-29T00:30:00.000Z");
  });

  it("refuses values that are not a real date and time", () => {
    for (const value of [
      "",
      "yesterday",
      "2026-02-30T10:00",
      "2026-13-01T10:00",
      "2026-03-01T24:00",
      "2026-03-01 09:30",
      "2026-03-01T09:60",
      "30 Feb 2026, 10:00",
      "1 Smarch 2026, 10:00",
      "1 Mar 2026, 24:00",
      "1 Mar 26, 10:00",
      "03/01/2026, 10:00 AM",
    ]) {
      expect(parseLocalDateTime(value, "UTC"), value).toMatchObject({ ok: false, reason: "invalid", message: "Enter a date and time, like 1 Dec 2026, 09:30" });
    }
  });

  it("reads a time typed in the app's own format, as formatDateTime shows it (issue 11 point 9)", () => {
    expect(typed("2 Mar 2026, 10:00", LONDON)).toBe("2026-03-02T10:00:00.000Z");
    expect(typed("2 Sept 2026, 09:05:30", LONDON)).toBe("2026-09-02T08:05:30.000Z");
    expect(typed("  2 september 2026 9:05 ", LONDON)).toBe("2026-09-02T08:05:00.000Z");
    expect(typed("2 Sep 2026, 09:05", NEW_YORK)).toBe("2026-09-02T13:05:00.000Z");
    // The same rule as every typed time: the gap is refused, a repeated time is the earlier.
    expect(typed("29 Mar 2026, 01:30", LONDON)).toContain("does not exist in Europe/London");
    expect(typed("25 Oct 2026, 01:30", LONDON)).toBe("2026-10-25T00:30:00.000Z");
  });

  it("property: what formatDateTime shows reads back as the same minute", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(NEW_YORK, LONDON, LORD_HOWE, "Asia/Kolkata"),
        fc.date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2040-01-01T00:00:00Z"), noInvalidDate: true }),
        (timeZone, date) => {
          const minute = new Date(Math.floor(date.getTime() / 60_000) * 60_000);
          const parsed = parseLocalDateTime(formatDateTime(minute, timeZone), timeZone);
          expect(parsed.ok).toBe(true);
          // Equal, or the earlier of two instants the clock shows the same.
          if (parsed.ok) expect(toLocalInput(parsed.instant, timeZone)).toBe(toLocalInput(minute, timeZone));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("gives the wall-clock time in the zone, as a datetime-local value", () => {
    expect(toLocalInput("2026-03-01T08:30:59.999Z", "Europe/Berlin")).toBe("2026-03-01T09:30");
    expect(toLocalInput(new Date("2026-01-01T03:00:00Z"), "America/Los_Angeles")).toBe("2025-12-31T19:00");
  });

  it("round-trips a datetime-local value", () => {
    for (const zone of ["UTC", LONDON, "America/Sao_Paulo", "Australia/Adelaide"]) {
      const at = "2026-05-17T22:45:00.000Z";
      expect(typed(toLocalInput(at, zone), zone)).toBe(at);
    }
  });

  it("reads calendar dates, refusing days that are not on the calendar", () => {
    expect(parseLocalDate("2028-02-29")).toEqual({ year: 2028, month: 2, day: 29 });
    for (const text of ["2026-02-29", "2026-02-30", "2026-13-01", "2026-00-10", "2026-01-00", "1899-12-31", "2026-1-1", "26-01-01", ""]) {
      expect(parseLocalDate(text), text).toBeNull();
    }
  });
});

describe("zones and calendar days", () => {
  it("reads offsets from the zone rules, and refuses a zone the runtime does not know", () => {
    expect(offsetMinutes(Date.parse("2026-01-15T12:00:00Z"), NEW_YORK)).toBe(-5 * 60);
    expect(offsetMinutes(Date.parse("2026-07-15T12:00:00Z"), NEW_YORK)).toBe(-4 * 60);
    expect(offsetMinutes(Date.parse("2026-07-15T12:00:00Z"), "Asia/Kathmandu")).toBe(5.75 * 60);
    expect(offsetMinutes(Date.parse("2026-07-01T12:00:00Z"), LONDON)).toBe(60);
    expect(offsetMinutes(Date.parse("2026-01-01T12:00:00Z"), LORD_HOWE)).toBe(11 * 60);
    expect(offsetMinutes(Date.parse("2026-07-01T12:00:00Z"), LORD_HOWE)).toBe(10.5 * 60);
    expect(() => offsetMinutes(0, "Mars/Olympus_Mons")).toThrow(RangeError);
    expect(() => localDateOf(new Date(0), "Mars/Olympus_Mons")).toThrow(RangeError);
  });

  it("labels the offset for the hint beside a time field", () => {
    expect(zoneOffsetLabel("2026-07-01T12:00:00Z", LONDON)).toBe("UTC+01:00");
    expect(zoneOffsetLabel("2026-01-01T12:00:00Z", NEW_YORK)).toBe("UTC−05:00");
    expect(zoneOffsetLabel("2026-01-01T12:00:00Z", "Asia/Kathmandu")).toBe("UTC+05:45");
    expect(zoneOffsetLabel("2026-07-01T12:00:00Z", LORD_HOWE)).toBe("UTC+10:30");
    expect(zoneOffsetLabel("2026-01-01T12:00:00Z", "UTC")).toBe("UTC");
  });

  it("maps wall times to instants: skipped ones move forward by the gap, repeated ones take the first", () => {
    const march8 = { year: 2026, month: 3, day: 8 };
    expect(iso(instantAt(march8, NEW_YORK, 1, 30))).toBe("2026-03-08T06:30:00.000Z");
    expect(iso(instantAt(march8, NEW_YORK, 2, 30))).toBe("2026-03-08T07:30:00.000Z");
    expect(iso(instantAt(march8, NEW_YORK, 3, 30))).toBe("2026-03-08T07:30:00.000Z");
    expect(iso(instantAt({ year: 2026, month: 11, day: 1 }, NEW_YORK, 1, 30))).toBe("2026-11-01T05:30:00.000Z");
    // Lord Howe Island moves half an hour: 02:00 → 02:30 (+11:00).
    expect(iso(instantAt({ year: 2026, month: 10, day: 4 }, LORD_HOWE, 2, 15))).toBe("2026-10-03T15:45:00.000Z");
  });

  it("counts calendar days and ISO weeks", () => {
    expect(addDays({ year: 2028, month: 2, day: 28 }, 1)).toEqual({ year: 2028, month: 2, day: 29 });
    expect(addDays({ year: 2026, month: 12, day: 31 }, 1)).toEqual({ year: 2027, month: 1, day: 1 });
    expect(addDays({ year: 2026, month: 3, day: 1 }, -1)).toEqual({ year: 2026, month: 2, day: 28 });
    expect(isoWeekKey({ year: 2021, month: 1, day: 3 })).toBe("2020-W53");
    expect(isoWeekKey({ year: 2024, month: 12, day: 30 })).toBe("2025-W01");
    expect(isoWeekKey({ year: 2026, month: 11, day: 16 })).toBe("2026-W47");
    expect(isoWeekday({ year: 2026, month: 11, day: 16 })).toBe(1);
    expect(isoWeekday({ year: 2026, month: 11, day: 22 })).toBe(7);
  });

  it("property: a wall time that exists maps back to itself", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(NEW_YORK, LONDON, LORD_HOWE, "America/Santiago", "Asia/Kolkata"),
        fc.date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2040-01-01T00:00:00Z"), noInvalidDate: true }),
        (timeZone, date) => {
          const instant = new Date(Math.floor(date.getTime() / 60_000) * 60_000);
          const wall = wallClockAt(instant, timeZone);
          const back = instantAt(wall, timeZone, wall.hour, wall.minute);
          // Equal, or the earlier of two instants with the same wall time.
          expect(back.getTime()).toBeLessThanOrEqual(instant.getTime());
          expect(wallClockAt(back, timeZone)).toEqual(wall);
          expect(localDateOf(instant, timeZone)).toEqual({ year: wall.year, month: wall.month, day: wall.day });
          // The wall clock is the one Intl shows for that instant.
          const shown = new Intl.DateTimeFormat("en-CA", { timeZone, hourCycle: "h23", dateStyle: "short", timeStyle: "short" }).format(instant);
          expect(shown.replace(", ", "T")).toBe(toLocalInput(instant, timeZone));
        },
      ),
      { numRuns: 300 },
    );
  });

  describe("whatever the machine's own zone", () => {
    const machineZone = process.env.TZ;
    afterEach(() => {
      if (machineZone === undefined) delete process.env.TZ;
      else process.env.TZ = machineZone;
    });

    it.each([LORD_HOWE, NEW_YORK, "Asia/Kathmandu"])("gives the same answers on a server set to %s", (machine) => {
      process.env.TZ = machine;
      expect(new Date(2026, 0, 1).getTimezoneOffset()).not.toBe(0); // the change took effect
      expect(iso(instantAt(day("2026-03-08"), NEW_YORK, 2, 30))).toBe("2026-03-08T07:30:00.000Z");
      expect(iso(instantAt(day("2026-10-25"), LONDON, 1, 30))).toBe("2026-10-25T00:30:00.000Z");
      expect(iso(startOfLocalDay(day("2026-10-04"), LORD_HOWE))).toBe("2026-10-03T13:30:00.000Z");
      expect(typed("2026-04-05T01:45", LORD_HOWE)).toBe("2026-04-04T14:45:00.000Z");
      expect(addDays(day("2026-10-04"), 1)).toEqual(day("2026-10-05"));
      expect(addDays(day("2026-03-08"), -1)).toEqual(day("2026-03-07"));
      expect(isoWeekKey(day("2026-11-16"))).toBe("2026-W47");
      expect(localDateOf(new Date("2026-10-03T13:29:00Z"), LORD_HOWE)).toEqual(day("2026-10-03"));
      expect(localDateOf(new Date("2026-10-03T13:30:00Z"), LORD_HOWE)).toEqual(day("2026-10-04"));
    });
  });
});

describe("showing times", () => {
  it("formats instants in the organisation's zone, in British English", () => {
    const at = "2026-11-20T12:00:05Z";
    expect(formatDateTime(at, LONDON)).toBe("20 Nov 2026, 12:00");
    expect(formatDateTime(new Date(at), LORD_HOWE)).toBe("20 Nov 2026, 23:00");
    expect(formatDate(at, NEW_YORK)).toBe("20 Nov 2026");
    expect(formatTime(at, NEW_YORK)).toBe("07:00:05");
    expect(formatHourMinute(at, "Asia/Kathmandu")).toBe("17:45");
  });

  it("says how far a time is with Intl.RelativeTimeFormat: minutes, hours under two days, then days", () => {
    const now = new Date("2026-11-20T12:00:00Z");
    const plus = (ms: number) => new Date(now.getTime() + ms);
    const minute = 60_000;
    const hour = 60 * minute;
    expect(formatRelative(plus(10_000), now)).toBe("now");
    expect(formatRelative(plus(-29_000), now)).toBe("now");
    expect(formatRelative(plus(5 * minute), now)).toBe("in 5 min");
    expect(formatRelative(plus(-59 * minute), now)).toBe("59 min ago");
    expect(formatRelative(plus(5 * hour), now)).toBe("in 5 hr");
    expect(formatRelative(plus(-3 * hour), now)).toBe("3 hr ago");
    expect(formatRelative(plus(47 * hour), now)).toBe("in 47 hr");
    expect(formatRelative(plus(3 * 24 * hour), now)).toBe("in 3 days");
    expect(formatRelative(plus(-2 * 24 * hour), now)).toBe("2 days ago");
    expect(formatRelative(plus(15 * minute), now, "long")).toBe("in 15 minutes");
    expect(formatRelative(plus(1 * minute), now, "long")).toBe("in 1 minute");
    expect(formatRelative(plus(-2 * hour), now, "long")).toBe("2 hours ago");
  });
});
