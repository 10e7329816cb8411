import { describe, expect, it } from "vitest";
import { cellOf, cellText, csvCell, roundedNumber, type ReportColumn } from "./report-table";

const column = (format: ReportColumn["format"]): ReportColumn => ({ key: "k", label: "K", format });

describe("report table model", () => {
  it("rounds once, half away from zero, for the page and the CSV alike", () => {
    expect(roundedNumber("score", 65.625)).toBe(65.6);
    expect(roundedNumber("score", 81.25)).toBe(81.3);
    expect(roundedNumber("score", -81.25)).toBe(-81.3);
    expect(roundedNumber("percent", 0.33335)).toBe(33.3);
    expect(roundedNumber("percent", 0.0456)).toBe(4.6);
    expect(roundedNumber("integer", 2.5)).toBe(3);
    expect(roundedNumber("score", -0.04)).toBe(0);
    for (const [format, value] of [["score", 72.0539], ["percent", 0.6994], ["integer", 17]] as const) {
      expect(Number(cellText(column(format), value).replace("%", ""))).toBe(csvCell(column(format), value));
    }
  });

  it("shows text as it is, a missing figure as a dash, and a blank in the CSV", () => {
    expect(cellText(column("text"), "Team A")).toBe("Team A");
    expect(cellText(column("score"), 100)).toBe("100.0");
    expect(cellText(column("percent"), 1)).toBe("100.0%");
    expect(cellText(column("integer"), 0)).toBe("0");
    expect(cellText(column("score"), null)).toBe("–");
    expect(csvCell(column("score"), null)).toBe("");
    expect(csvCell(column("percent"), 0.5)).toBe(50);
  });

  it("reads a plain value or a linked cell", () => {
    expect(cellOf({ n: 4 }, "n")).toEqual({ value: 4 });
    expect(cellOf({ n: { value: 4, href: "/x" } }, "n")).toEqual({ value: 4, href: "/x" });
    expect(cellOf({}, "n")).toEqual({ value: null });
  });
});
