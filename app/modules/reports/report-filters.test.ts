import { describe, expect, it } from "vitest";
import { defaultRange, parseReportFilters, periodRange, reportFiltersToSearchParams, reportHref } from "./report-filters";

// Monday 7 December 2026, 23:30 UTC: already Tuesday the 8th in Helsinki.
const now = new Date("2026-12-07T23:30:00Z");
const parse = (query: string, timeZone = "Europe/Helsinki") => parseReportFilters(new URLSearchParams(query), { now, timeZone });

describe("report filters", () => {
  it("defaults to the last 12 weeks from a Monday up to today in the organisation's zone, by conversation date", () => {
    const parsed = parse("");
    expect(parsed).toMatchObject({ ok: true, filters: { period: "week", from: "2026-09-21", to: "2026-12-08", dateBasis: "conversation" } });
    // In UTC it is still the 7th.
    expect(parse("", "UTC")).toMatchObject({ ok: true, filters: { from: "2026-09-21", to: "2026-12-07" } });
  });

  it("defaults by month to the 12 months up to today, from the 1st", () => {
    expect(defaultRange({ year: 2026, month: 12, day: 8 }, "month")).toEqual({ from: "2026-01-01", to: "2026-12-08" });
    expect(defaultRange({ year: 2026, month: 3, day: 31 }, "month")).toEqual({ from: "2025-04-01", to: "2026-03-31" });
    expect(parse("period=month")).toMatchObject({ ok: true, filters: { period: "month", from: "2026-01-01", to: "2026-12-08" } });
  });

  it("reads every filter and writes it back in the same words, blanks left out", () => {
    const team = "6f1c0d6e-0000-4000-8000-000000000001";
    const agent = "6f1c0d6e-0000-4000-8000-000000000002";
    const scorecard = "6f1c0d6e-0000-4000-8000-000000000003";
    const parsed = parse(`period=month&from=2026-01-01&to=2026-06-30&team=${team}&agent=${agent}&scorecard=${scorecard}&channel=call&queue=billing&dateBasis=review&ignored=1`);
    if (!parsed.ok) throw parsed.error;
    expect(parsed.filters).toEqual({ period: "month", from: "2026-01-01", to: "2026-06-30", dateBasis: "review", teamId: team, agentId: agent, scorecardId: scorecard, channel: "call", queue: "billing" });
    expect(reportFiltersToSearchParams(parsed.filters).toString()).toBe(
      `period=month&from=2026-01-01&to=2026-06-30&dateBasis=review&team=${team}&agent=${agent}&scorecard=${scorecard}&channel=call&queue=billing`,
    );
    const blank = parse("team=&agent=&queue=");
    if (!blank.ok) throw blank.error;
    expect(blank.filters).toEqual({ period: "week", from: "2026-09-21", to: "2026-12-08", dateBasis: "conversation" });
    expect(reportHref("/reports/evaluations", blank.filters, { question: "greeting", reviewer: undefined })).toBe(
      "/reports/evaluations?period=week&from=2026-09-21&to=2026-12-08&question=greeting",
    );
  });

  it("refuses bad filters with the query's own messages, per URL field, keeping what was typed", () => {
    const backwards = parse("from=2026-11-30&to=2026-11-01");
    expect(backwards.ok).toBe(false);
    if (backwards.ok) return;
    expect(backwards.error.code).toBe("invalid");
    expect(backwards.error.message).toBe("The period ends before it starts: choose an end on or after the start");
    expect(backwards.error.fieldErrors).toEqual({ to: "The period ends before it starts: choose an end on or after the start" });
    expect(backwards.values).toMatchObject({ from: "2026-11-30", to: "2026-11-01" });

    const bad = parse("period=day&from=2026-02-30&team=nope");
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.error.fieldErrors).toEqual({ period: "The period is week or month", from: "Use a date as YYYY-MM-DD", team: "Not a team id" });
    expect(bad.values).toMatchObject({ period: "day", from: "2026-02-30", team: "nope" });

    const tooLong = parse("from=2024-01-01&to=2026-11-30");
    expect(tooLong.ok ? null : tooLong.error.message).toBe("A report covers at most 800 days; this range has 1065");
  });

  it("gives a period's own days, clamped to the range", () => {
    const parsed = parse("from=2026-11-04&to=2026-11-20");
    if (!parsed.ok) throw parsed.error;
    expect(periodRange(parsed.filters, "2026-11-02")).toEqual({ from: "2026-11-04", to: "2026-11-08" });
    expect(periodRange(parsed.filters, "2026-11-09")).toEqual({ from: "2026-11-09", to: "2026-11-15" });
    expect(periodRange(parsed.filters, "2026-11-16")).toEqual({ from: "2026-11-16", to: "2026-11-20" });
    const months = parse("period=month&from=2026-01-15&to=2026-12-31");
    if (!months.ok) throw months.error;
    expect(periodRange(months.filters, "2026-01-01")).toEqual({ from: "2026-01-15", to: "2026-01-31" });
    expect(periodRange(months.filters, "2026-02-01")).toEqual({ from: "2026-02-01", to: "2026-02-28" });
    expect(periodRange(months.filters, "2026-12-01")).toEqual({ from: "2026-12-01", to: "2026-12-31" });
  });
});
