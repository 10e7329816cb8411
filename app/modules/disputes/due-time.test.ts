import { describe, expect, it } from "vitest";
import { disputeDueAt, disputeWindowEndsAt, isOverdue } from "./due-time";

const weekdays = [1, 2, 3, 4, 5];
const utc = { workingDays: weekdays, holidays: [] as string[], timeZone: "UTC" };

describe("disputeDueAt", () => {
  it("counts working days from the day after: raised on a Friday afternoon with 5 days, due at the end of the next Friday", () => {
    // 2026-12-04 is a Friday.
    expect(disputeDueAt(new Date("2026-12-04T17:00:00Z"), 5, utc).toISOString()).toBe("2026-12-12T00:00:00.000Z");
  });

  it("skips the weekend: raised on a Wednesday with 3 days, the Thursday, Friday and Monday count", () => {
    expect(disputeDueAt(new Date("2026-12-02T09:00:00Z"), 3, utc).toISOString()).toBe("2026-12-08T00:00:00.000Z");
  });

  it("raised on a Saturday, the first working day is Monday", () => {
    expect(disputeDueAt(new Date("2026-12-05T10:00:00Z"), 1, utc).toISOString()).toBe("2026-12-08T00:00:00.000Z");
  });

  it("skips holidays: Christmas and Boxing Day on the Friday and the Monday", () => {
    // Wednesday 2026-12-23 + 3 working days: Thu 24, (Fri 25 holiday), (Sat, Sun), (Mon 28 holiday), Tue 29, Wed 30.
    const calendar = { ...utc, holidays: ["2026-12-25", "2026-12-28"] };
    expect(disputeDueAt(new Date("2026-12-23T12:00:00Z"), 3, calendar).toISOString()).toBe("2026-12-31T00:00:00.000Z");
  });

  it("uses the organisation's working days: a Sunday-to-Thursday week", () => {
    const calendar = { ...utc, workingDays: [7, 1, 2, 3, 4] };
    // Thursday 2026-12-03 + 2: (Fri, Sat off), Sun 6, Mon 7 → due at the start of Tuesday the 8th.
    expect(disputeDueAt(new Date("2026-12-03T12:00:00Z"), 2, calendar).toISOString()).toBe("2026-12-08T00:00:00.000Z");
  });

  it("counts the local date in the organisation's zone: 23:30 on Friday in New York is Saturday in UTC", () => {
    const calendar = { ...utc, timeZone: "America/New_York" };
    // Friday 2026-12-04 23:30 EST = Saturday 04:30 UTC; the local day is Friday, so Monday is the first of 1 day.
    expect(disputeDueAt(new Date("2026-12-05T04:30:00Z"), 1, calendar).toISOString()).toBe("2026-12-08T05:00:00.000Z");
  });

  it("across the spring DST change, the due time is local midnight (EDT after, EST before)", () => {
    const calendar = { ...utc, timeZone: "America/New_York" };
    // Friday 2027-03-12 (EST); 2 working days: Mon 15, Tue 16 → due at the start of Wed 17 March, EDT (UTC−4).
    expect(disputeDueAt(new Date("2027-03-12T15:00:00Z"), 2, calendar).toISOString()).toBe("2027-03-17T04:00:00.000Z");
  });

  it("across the autumn DST change in Europe: due at midnight CET", () => {
    const calendar = { ...utc, timeZone: "Europe/Berlin" };
    // Friday 2026-10-23 (CEST); 5 working days: Mon 26 … Fri 30 → due at Sat 31 October 00:00 CET (UTC+1).
    expect(disputeDueAt(new Date("2026-10-23T10:00:00Z"), 5, calendar).toISOString()).toBe("2026-10-30T23:00:00.000Z");
  });

  it("refuses nonsense: zero days, no working day", () => {
    expect(() => disputeDueAt(new Date(), 0, utc)).toThrow(RangeError);
    expect(() => disputeDueAt(new Date(), 1, { ...utc, workingDays: [] })).toThrow(RangeError);
  });
});

describe("the dispute window and overdue", () => {
  it("the window ends at the end of the N-th local day after release", () => {
    expect(disputeWindowEndsAt(new Date("2026-12-01T15:00:00Z"), 14, "UTC").toISOString()).toBe("2026-12-16T00:00:00.000Z");
    expect(disputeWindowEndsAt(new Date("2026-12-01T15:00:00Z"), 1, "Europe/Berlin").toISOString()).toBe("2026-12-02T23:00:00.000Z");
  });

  it("only an open or in-review dispute past its due time is overdue", () => {
    const dueAt = new Date("2026-12-10T00:00:00Z");
    const after = new Date("2026-12-10T00:00:01Z");
    expect(isOverdue({ state: "open", dueAt }, after)).toBe(true);
    expect(isOverdue({ state: "in_review", dueAt }, after)).toBe(true);
    expect(isOverdue({ state: "open", dueAt }, new Date("2026-12-09T23:59:59Z"))).toBe(false);
    for (const state of ["awaiting_supervisor", "upheld", "rejected", "withdrawn", "declined"]) expect(isOverdue({ state, dueAt }, after)).toBe(false);
  });
});
