import { describe, expect, it } from "vitest";
import { splitRange } from "./range-parts";
import { questionTotalsParts } from "./query-range-totals.server";

describe("a report range as whole periods and partial ends", () => {
  it("reads whole months from the monthly grain and the days around them day by day", () => {
    expect(splitRange({ from: "2026-09-07", to: "2026-11-30" }, "month")).toEqual([
      { grain: "day", from: "2026-09-07", to: "2026-09-30" },
      { grain: "month", from: "2026-10-01", to: "2026-11-30" },
    ]);
    expect(splitRange({ from: "2026-11-01", to: "2026-11-30" }, "month")).toEqual([{ grain: "month", from: "2026-11-01", to: "2026-11-30" }]);
  });

  it("splits at Mondays by week, across a year end", () => {
    // 31 Dec 2025 is a Wednesday; 5 Jan 2026 a Monday; 18 Jan 2026 a Sunday.
    expect(splitRange({ from: "2025-12-31", to: "2026-01-20" }, "week")).toEqual([
      { grain: "day", from: "2025-12-31", to: "2026-01-04" },
      { grain: "week", from: "2026-01-05", to: "2026-01-18" },
      { grain: "day", from: "2026-01-19", to: "2026-01-20" },
    ]);
  });

  it("reads a range inside one period day by day", () => {
    expect(splitRange({ from: "2026-11-10", to: "2026-11-20" }, "month")).toEqual([{ grain: "day", from: "2026-11-10", to: "2026-11-20" }]);
    expect(splitRange({ from: "2026-02-03", to: "2026-02-05" }, "week")).toEqual([{ grain: "day", from: "2026-02-03", to: "2026-02-05" }]);
  });
});

describe("where the team page's and agent card's question totals read", () => {
  const tables = (parts: ReturnType<typeof questionTotalsParts>) => parts.map((part) => [part.source.table, part.from, part.to]);

  it("by conversation date: whole months from the per-agent monthly roll-up, the ends from the daily rows", () => {
    expect(tables(questionTotalsParts({ from: "2024-12-10", to: "2026-11-30", dateBasis: "conversation" }))).toEqual([
      ["rollup_daily_questions", "2024-12-10", "2024-12-31"],
      ["rollup_agent_monthly_questions", "2025-01-01", "2026-11-30"],
    ]);
  });

  it("with a channel or queue filter, or by review date: the rows, whole", () => {
    const range = { from: "2026-10-01", to: "2026-11-30" };
    expect(tables(questionTotalsParts({ ...range, dateBasis: "conversation", channel: "call" }))).toEqual([["rollup_daily_questions", ...Object.values(range)]]);
    expect(tables(questionTotalsParts({ ...range, dateBasis: "conversation", queue: "billing" }))).toEqual([["rollup_daily_questions", ...Object.values(range)]]);
    expect(tables(questionTotalsParts({ ...range, dateBasis: "review" }))).toEqual([["report_question_results", ...Object.values(range)]]);
  });
});
