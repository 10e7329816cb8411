import { describe, expect, it } from "vitest";
import { acknowledgementDueAt, acknowledgementState, overdueCutoffs, type RevisionFacts } from "./acknowledgement-rule";

const at = (iso: string) => new Date(iso);
const revision = (sequence: number, passed: boolean, iso: string): RevisionFacts => ({ id: `r${sequence}`, sequence, passed, createdAt: at(iso) });

describe("acknowledgementDueAt", () => {
  it("ends with the N-th local day after it was asked, whatever the hour", () => {
    // Monday 23:30 in London (BST, 22:30 UTC) with 1 day: due by the end of Tuesday there (Tuesday 23:00 UTC).
    expect(acknowledgementDueAt(at("2026-06-01T22:30:00Z"), 1, "Europe/London")).toEqual(at("2026-06-02T23:00:00Z"));
    // The same instant in UTC is Monday 22:30: due by the end of Tuesday UTC.
    expect(acknowledgementDueAt(at("2026-06-01T22:30:00Z"), 1, "UTC")).toEqual(at("2026-06-03T00:00:00Z"));
  });

  it("counts days, not 24-hour spans, across a daylight-saving change", () => {
    // Released Saturday 28 March 2026 at noon in London; the clocks go forward on Sunday: 2 days → the end of Monday, 23:00 UTC.
    expect(acknowledgementDueAt(at("2026-03-28T12:00:00Z"), 2, "Europe/London")).toEqual(at("2026-03-30T23:00:00Z"));
  });
});

describe("overdueCutoffs", () => {
  it("agree with the due time for every number of days, in zones either side of UTC and across DST", () => {
    const asked = [at("2026-03-07T04:59:00Z"), at("2026-03-07T05:01:00Z"), at("2026-10-24T23:30:00Z"), at("2026-11-01T06:00:00Z")];
    const nows = [at("2026-03-09T04:00:00Z"), at("2026-03-10T05:30:00Z"), at("2026-11-02T12:00:00Z"), at("2026-12-31T23:59:59Z")];
    for (const timeZone of ["America/New_York", "Europe/London", "Pacific/Auckland", "UTC"]) {
      for (const now of nows) {
        const cutoffs = overdueCutoffs(now, timeZone);
        for (const askedAt of asked) {
          for (let days = 1; days <= 60; days += 1) {
            const bySql = askedAt < (cutoffs[days - 1] as Date);
            expect(bySql, `${timeZone} asked ${askedAt.toISOString()} now ${now.toISOString()} days ${days}`).toBe(now >= acknowledgementDueAt(askedAt, days, timeZone));
          }
        }
      }
    }
  });
});

describe("acknowledgementState", () => {
  const base = { mode: "required" as const, days: 3, releasedAt: at("2026-11-02T10:00:00Z") };
  const now = at("2026-11-03T10:00:00Z");

  it("asks nothing when the scorecard does not, or before release", () => {
    expect(acknowledgementState({ ...base, mode: "none", revisions: [revision(1, true, "2026-11-02T09:00:00Z")], acknowledgements: [] }, now, "UTC")).toEqual({ kind: "not_asked" });
    expect(acknowledgementState({ ...base, releasedAt: null, revisions: [revision(1, true, "2026-11-02T09:00:00Z")], acknowledgements: [] }, now, "UTC")).toEqual({ kind: "not_asked" });
  });

  it("asks again from the first revision of the latest run that differs from what was acknowledged", () => {
    const revisions = [
      revision(1, true, "2026-11-02T09:00:00Z"),
      revision(2, false, "2026-11-04T09:00:00Z"),
      revision(3, true, "2026-11-05T09:00:00Z"),
      revision(4, false, "2026-11-06T09:00:00Z"),
      revision(5, false, "2026-11-07T09:00:00Z"),
    ];
    const state = acknowledgementState({ ...base, revisions, acknowledgements: [{ revisionId: "r1", acknowledgedAt: at("2026-11-02T11:00:00Z"), comment: null }] }, now, "UTC");
    expect(state).toMatchObject({ kind: "awaiting", askedAt: at("2026-11-06T09:00:00Z"), dueAt: at("2026-11-10T00:00:00Z"), again: true });
  });
});
