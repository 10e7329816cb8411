import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Schedule } from "./sampling-rule.schema";
import { latestRunAt, nextRunAt } from "./schedule";

const LONDON = "Europe/London";
const NEW_YORK = "America/New_York";
const at = (iso: string) => new Date(iso);
const iso = (date: Date | null) => date?.toISOString() ?? null;

describe("nextRunAt and latestRunAt", () => {
  const daily = (hour: number): Schedule => ({ kind: "daily", hour });

  it("manual rules have no schedule", () => {
    expect(nextRunAt({ kind: "manual" }, at("2026-11-24T00:00:00Z"), LONDON)).toBeNull();
    expect(latestRunAt({ kind: "manual" }, at("2026-11-24T00:00:00Z"), LONDON)).toBeNull();
  });

  it("runs at the local hour, strictly after the given instant", () => {
    expect(iso(nextRunAt(daily(6), at("2026-11-24T05:59:00Z"), LONDON))).toBe("2026-11-24T06:00:00.000Z");
    expect(iso(nextRunAt(daily(6), at("2026-11-24T06:00:00Z"), LONDON))).toBe("2026-11-25T06:00:00.000Z");
    expect(iso(nextRunAt(daily(6), at("2026-07-01T12:00:00Z"), LONDON))).toBe("2026-07-02T05:00:00.000Z");
    expect(iso(nextRunAt(daily(22), at("2026-11-24T12:00:00Z"), NEW_YORK))).toBe("2026-11-25T03:00:00.000Z");
  });

  it("weekly on a weekday (1 = Monday) and monthly on a day", () => {
    // Tuesday 24 November 2026 → Monday 30 November, 07:00 in New York.
    expect(iso(nextRunAt({ kind: "weekly", weekday: 1, hour: 7 }, at("2026-11-24T12:00:00Z"), NEW_YORK))).toBe("2026-11-30T12:00:00.000Z");
    expect(iso(nextRunAt({ kind: "weekly", weekday: 2, hour: 7 }, at("2026-11-24T11:00:00Z"), NEW_YORK))).toBe("2026-11-24T12:00:00.000Z");
    expect(iso(nextRunAt({ kind: "monthly", day: 1, hour: 3 }, at("2026-11-24T12:00:00Z"), LONDON))).toBe("2026-12-01T03:00:00.000Z");
    expect(iso(nextRunAt({ kind: "monthly", day: 28, hour: 0 }, at("2027-01-29T00:00:00Z"), "UTC"))).toBe("2027-02-28T00:00:00.000Z");
  });

  it("an hour the clocks skip runs shifted by the gap; an hour they repeat runs once, the first time", () => {
    // New York, 8 March 2026: 02:00 EST becomes 03:00 EDT.
    expect(iso(nextRunAt(daily(2), at("2026-03-08T00:00:00Z"), NEW_YORK))).toBe("2026-03-08T07:00:00.000Z");
    // New York, 1 November 2026: 01:00–02:00 happens twice; the first is 05:00 UTC.
    const first = nextRunAt(daily(1), at("2026-11-01T00:00:00Z"), NEW_YORK);
    expect(iso(first)).toBe("2026-11-01T05:00:00.000Z");
    expect(iso(nextRunAt(daily(1), first ?? new Date(0), NEW_YORK))).toBe("2026-11-02T06:00:00.000Z");
    // London, 29 March 2026: 01:00 GMT becomes 02:00 BST, so 01:00 runs at 02:00 BST.
    expect(iso(nextRunAt(daily(1), at("2026-03-28T12:00:00Z"), LONDON))).toBe("2026-03-29T01:00:00.000Z");
    expect(iso(nextRunAt(daily(1), at("2026-10-24T12:00:00Z"), LONDON))).toBe("2026-10-25T00:00:00.000Z");
  });

  it("the latest slot at or before an instant is the one a late job belongs to", () => {
    const weekly: Schedule = { kind: "weekly", weekday: 1, hour: 6 };
    expect(iso(latestRunAt(weekly, at("2026-11-25T10:00:00Z"), LONDON))).toBe("2026-11-23T06:00:00.000Z");
    expect(iso(latestRunAt(weekly, at("2026-11-23T06:00:00Z"), LONDON))).toBe("2026-11-23T06:00:00.000Z");
    expect(iso(latestRunAt({ kind: "monthly", day: 15, hour: 2 }, at("2026-11-10T00:00:00Z"), NEW_YORK))).toBe("2026-10-15T06:00:00.000Z");
  });

  const zones = fc.constantFrom(LONDON, NEW_YORK, "UTC", "Australia/Lord_Howe", "America/Santiago", "Asia/Kathmandu");
  const schedules = fc.oneof(
    fc.record({ kind: fc.constant("daily" as const), hour: fc.integer({ min: 0, max: 23 }) }),
    fc.record({ kind: fc.constant("weekly" as const), weekday: fc.integer({ min: 1, max: 7 }), hour: fc.integer({ min: 0, max: 23 }) }),
    fc.record({ kind: fc.constant("monthly" as const), day: fc.integer({ min: 1, max: 28 }), hour: fc.integer({ min: 0, max: 23 }) }),
  );

  it("property: the next slot is after the instant, and nothing is scheduled between them", () => {
    fc.assert(
      fc.property(
        zones,
        schedules,
        fc.date({ min: at("2000-01-01T00:00:00Z"), max: at("2040-01-01T00:00:00Z"), noInvalidDate: true }),
        (timeZone, schedule, after) => {
          const next = nextRunAt(schedule, after, timeZone);
          expect(next).not.toBeNull();
          if (!next) return;
          expect(next.getTime()).toBeGreaterThan(after.getTime());
          expect(latestRunAt(schedule, next, timeZone)).toEqual(next);
          const previous = latestRunAt(schedule, new Date(next.getTime() - 1), timeZone);
          expect(previous === null || previous.getTime() <= after.getTime()).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
