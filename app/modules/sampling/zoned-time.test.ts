import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, isoWeekKey, localDateOf, offsetMs, zonedInstant } from "./zoned-time";

const NEW_YORK = "America/New_York";

describe("zoned time", () => {
  it("reads offsets from the zone rules", () => {
    expect(offsetMs(Date.parse("2026-01-15T12:00:00Z"), NEW_YORK)).toBe(-5 * 3_600_000);
    expect(offsetMs(Date.parse("2026-07-15T12:00:00Z"), NEW_YORK)).toBe(-4 * 3_600_000);
    expect(offsetMs(Date.parse("2026-07-15T12:00:00Z"), "Asia/Kathmandu")).toBe(5.75 * 3_600_000);
    expect(() => offsetMs(0, "Mars/Olympus_Mons")).toThrow(RangeError);
  });

  it("maps wall times to instants: skipped ones move forward by the gap, repeated ones take the first", () => {
    const day = { year: 2026, month: 3, day: 8 };
    expect(zonedInstant(day, NEW_YORK, 1, 30).toISOString()).toBe("2026-03-08T06:30:00.000Z");
    expect(zonedInstant(day, NEW_YORK, 2, 30).toISOString()).toBe("2026-03-08T07:30:00.000Z");
    expect(zonedInstant(day, NEW_YORK, 3, 30).toISOString()).toBe("2026-03-08T07:30:00.000Z");
    expect(zonedInstant({ year: 2026, month: 11, day: 1 }, NEW_YORK, 1, 30).toISOString()).toBe("2026-11-01T05:30:00.000Z");
    // Lord Howe Island moves half an hour: 02:00 → 02:30 (+11:00).
    expect(zonedInstant({ year: 2026, month: 10, day: 4 }, "Australia/Lord_Howe", 2, 15).toISOString()).toBe("2026-10-03T15:45:00.000Z");
  });

  it("counts calendar days and ISO weeks", () => {
    expect(addDays({ year: 2028, month: 2, day: 28 }, 1)).toEqual({ year: 2028, month: 2, day: 29 });
    expect(addDays({ year: 2026, month: 12, day: 31 }, 1)).toEqual({ year: 2027, month: 1, day: 1 });
    expect(isoWeekKey({ year: 2021, month: 1, day: 3 })).toBe("2020-W53");
    expect(isoWeekKey({ year: 2024, month: 12, day: 30 })).toBe("2025-W01");
    expect(isoWeekKey({ year: 2026, month: 11, day: 16 })).toBe("2026-W47");
  });

  it("property: a wall time that exists maps back to itself", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(NEW_YORK, "Europe/London", "Australia/Lord_Howe", "America/Santiago", "Asia/Kolkata"),
        fc.date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2040-01-01T00:00:00Z"), noInvalidDate: true }),
        (timeZone, date) => {
          const instant = new Date(Math.floor(date.getTime() / 60_000) * 60_000);
          const local = localDateOf(instant, timeZone);
          const wall = instant.getTime() + offsetMs(instant.getTime(), timeZone);
          const minutes = Math.floor((wall - Date.UTC(local.year, local.month - 1, local.day)) / 60_000);
          const back = zonedInstant(local, timeZone, Math.floor(minutes / 60), minutes % 60);
          // Equal, or the earlier of two instants with the same wall time.
          expect(back.getTime()).toBeLessThanOrEqual(instant.getTime());
          expect(back.getTime() + offsetMs(back.getTime(), timeZone)).toBe(wall);
        },
      ),
      { numRuns: 300 },
    );
  });
});
