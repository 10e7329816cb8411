import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { resolvePeriod } from "./period";
import { addDays, formatLocalDate, localDateOf, startOfLocalDay } from "../../lib/time";

const LONDON = "Europe/London";
const NEW_YORK = "America/New_York";
const at = (iso: string) => new Date(iso);
const hours = (p: { start: Date; end: Date }) => (p.end.getTime() - p.start.getTime()) / 3_600_000;

function period(window: Parameters<typeof resolvePeriod>[0], runAt: string, timeZone: string) {
  const p = resolvePeriod(window, at(runAt), timeZone);
  return { start: p.start.toISOString(), end: p.end.toISOString(), key: p.key, hours: hours(p) };
}

describe("resolvePeriod", () => {
  it("previous day, week and month of a run on Tuesday 24 November 2026", () => {
    const runAt = "2026-11-24T06:00:00Z";
    expect(period({ kind: "previous_day" }, runAt, "UTC")).toMatchObject({
      start: "2026-11-23T00:00:00.000Z",
      end: "2026-11-24T00:00:00.000Z",
      key: "2026-11-23",
    });
    expect(period({ kind: "previous_week" }, runAt, "UTC")).toMatchObject({
      start: "2026-11-16T00:00:00.000Z",
      end: "2026-11-23T00:00:00.000Z",
      key: "2026-W47",
    });
    expect(period({ kind: "previous_month" }, runAt, "UTC")).toMatchObject({
      start: "2026-10-01T00:00:00.000Z",
      end: "2026-11-01T00:00:00.000Z",
      key: "2026-10",
    });
    expect(period({ kind: "last_n_days", days: 7 }, runAt, "UTC")).toMatchObject({
      start: "2026-11-17T00:00:00.000Z",
      end: "2026-11-24T00:00:00.000Z",
      key: "2026-11-17..2026-11-23",
    });
  });

  it("takes the date of the run in the organisation's zone, not in UTC", () => {
    // 03:00 UTC on the 24th is still the evening of the 23rd in New York.
    expect(period({ kind: "previous_day" }, "2026-11-24T03:00:00Z", NEW_YORK)).toMatchObject({
      start: "2026-11-22T05:00:00.000Z",
      end: "2026-11-23T05:00:00.000Z",
      key: "2026-11-22",
    });
  });

  it("a week counts from Monday: a run on Monday samples the whole week before, a run on Sunday the one before that", () => {
    expect(period({ kind: "previous_week" }, "2026-11-23T09:00:00Z", "UTC").key).toBe("2026-W47");
    expect(period({ kind: "previous_week" }, "2026-11-29T23:00:00Z", "UTC").key).toBe("2026-W47");
    expect(period({ kind: "previous_week" }, "2026-11-30T00:00:00Z", "UTC").key).toBe("2026-W48");
  });

  it("names ISO weeks across the new year", () => {
    // 2027-01-01 is a Friday, so 28 Dec 2026 – 3 Jan 2027 is 2026-W53.
    expect(period({ kind: "previous_week" }, "2027-01-05T12:00:00Z", "UTC")).toMatchObject({
      key: "2026-W53",
      start: "2026-12-28T00:00:00.000Z",
    });
    // 2026-01-01 is a Thursday, so 29 Dec 2025 – 4 Jan 2026 is 2026-W01.
    expect(period({ kind: "previous_week" }, "2026-01-06T12:00:00Z", "UTC")).toMatchObject({
      key: "2026-W01",
      start: "2025-12-29T00:00:00.000Z",
    });
  });

  it("previous month in January is December of the year before", () => {
    expect(period({ kind: "previous_month" }, "2027-01-01T10:00:00Z", LONDON)).toMatchObject({
      key: "2026-12",
      start: "2026-12-01T00:00:00.000Z",
      end: "2027-01-01T00:00:00.000Z",
    });
  });

  describe("across daylight saving changes", () => {
    it("London: the day the clocks go forward has 23 hours, the day they go back 25", () => {
      expect(period({ kind: "previous_day" }, "2026-03-30T08:00:00Z", LONDON)).toEqual({
        start: "2026-03-29T00:00:00.000Z",
        end: "2026-03-29T23:00:00.000Z",
        key: "2026-03-29",
        hours: 23,
      });
      expect(period({ kind: "previous_day" }, "2026-10-26T08:00:00Z", LONDON)).toEqual({
        start: "2026-10-24T23:00:00.000Z",
        end: "2026-10-26T00:00:00.000Z",
        key: "2026-10-25",
        hours: 25,
      });
    });

    it("New York: 23 and 25 hour days, and weeks and months that contain them", () => {
      expect(period({ kind: "previous_day" }, "2026-03-09T12:00:00Z", NEW_YORK)).toMatchObject({
        start: "2026-03-08T05:00:00.000Z",
        hours: 23,
      });
      expect(period({ kind: "previous_day" }, "2026-11-02T12:00:00Z", NEW_YORK)).toMatchObject({
        start: "2026-11-01T04:00:00.000Z",
        hours: 25,
      });
      expect(period({ kind: "previous_week" }, "2026-03-09T12:00:00Z", NEW_YORK)).toMatchObject({
        start: "2026-03-02T05:00:00.000Z",
        end: "2026-03-09T04:00:00.000Z",
        key: "2026-W10",
        hours: 7 * 24 - 1,
      });
      expect(period({ kind: "previous_month" }, "2026-11-15T12:00:00Z", NEW_YORK)).toMatchObject({
        start: "2026-10-01T04:00:00.000Z",
        end: "2026-11-01T04:00:00.000Z",
        key: "2026-10",
      });
      expect(period({ kind: "previous_month" }, "2026-12-01T12:00:00Z", NEW_YORK)).toMatchObject({
        start: "2026-11-01T04:00:00.000Z",
        end: "2026-12-01T05:00:00.000Z",
        hours: 30 * 24 + 1,
      });
    });

    it("a run just after local midnight on the short night still samples the day before", () => {
      // 00:30 BST on 30 March is 23:30 UTC on the 29th.
      expect(period({ kind: "previous_day" }, "2026-03-29T23:30:00Z", LONDON).key).toBe("2026-03-29");
      expect(period({ kind: "previous_day" }, "2026-03-29T22:59:59Z", LONDON).key).toBe("2026-03-28");
    });

    it("where midnight itself is skipped, the day starts at the first instant that exists", () => {
      // Santiago went from 24:00 to 01:00 on 7 September 2025.
      expect(period({ kind: "previous_day" }, "2025-09-08T15:00:00Z", "America/Santiago")).toMatchObject({
        start: "2025-09-07T04:00:00.000Z",
        end: "2025-09-08T03:00:00.000Z",
        hours: 23,
      });
    });
  });

  const zones = fc.constantFrom(
    LONDON,
    NEW_YORK,
    "UTC",
    "Asia/Kolkata",
    "Australia/Lord_Howe",
    "America/Santiago",
    "Pacific/Chatham",
    "America/St_Johns",
  );
  const instants = fc.date({ min: at("2000-01-01T00:00:00Z"), max: at("2040-12-31T00:00:00Z"), noInvalidDate: true });

  it("property: the previous day ends at the run's local midnight and lasts 22 to 26 hours", () => {
    fc.assert(
      fc.property(zones, instants, (timeZone, runAt) => {
        const p = resolvePeriod({ kind: "previous_day" }, runAt, timeZone);
        const today = localDateOf(runAt, timeZone);
        expect(p.end.getTime()).toBeLessThanOrEqual(runAt.getTime());
        expect(localDateOf(p.end, timeZone)).toEqual(today);
        expect(localDateOf(new Date(p.end.getTime() - 1), timeZone)).toEqual(addDays(today, -1));
        expect(p.key).toBe(formatLocalDate(addDays(today, -1)));
        expect(startOfLocalDay(addDays(today, 1), timeZone).getTime()).toBeGreaterThan(runAt.getTime());
        expect(hours(p)).toBeGreaterThanOrEqual(22);
        expect(hours(p)).toBeLessThanOrEqual(26);
        expect(resolvePeriod({ kind: "previous_day" }, new Date(p.end.getTime() - 1), timeZone).end).toEqual(p.start);
      }),
      { numRuns: 300 },
    );
  });

  it("property: weeks and months tile time without gaps or overlaps", () => {
    fc.assert(
      fc.property(zones, instants, fc.constantFrom("previous_week" as const, "previous_month" as const), (timeZone, runAt, kind) => {
        const p = resolvePeriod({ kind }, runAt, timeZone);
        const before = resolvePeriod({ kind }, new Date(p.end.getTime() - 1), timeZone);
        expect(before.end).toEqual(p.start);
        expect(before.key < p.key).toBe(true);
        expect(p.end.getTime()).toBeLessThanOrEqual(runAt.getTime());
      }),
      { numRuns: 300 },
    );
  });
});
