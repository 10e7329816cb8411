import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { csvFileName, csvResponse, reportTableCsv } from "./csv";
import { cellText, type ReportTableModel } from "./report-table";

const table: ReportTableModel = {
  caption: "Quality by team",
  columns: [
    { key: "team", label: "Team", format: "text" },
    { key: "n", label: "n", format: "integer" },
    { key: "mean", label: "Mean score", format: "score" },
    { key: "pass", label: "Pass rate", format: "percent" },
    { key: "diff", label: "Difference", format: "score" },
  ],
  rows: [
    { team: "=HYPERLINK(\"http://evil\")", n: { value: 4, href: "/reports/evaluations?x=1" }, mean: 65.625, pass: 0.5, diff: -3.25 },
    { team: "+1 support", n: 1, mean: 0, pass: 0, diff: null },
    { team: "-minus", n: 2, mean: 81.25, pass: 0.33333, diff: 0.04 },
    { team: "@sum", n: 0, mean: null, pass: null, diff: null },
    { team: "\ttabbed", n: 3, mean: 100, pass: 1, diff: 1 },
    { team: "\rreturn", n: 3, mean: 99.95, pass: 0.9995, diff: 0 },
    { team: "Åsa, \"the\" team", n: 5, mean: 12.34, pass: 0.1234, diff: 5 },
  ],
};

describe("report CSV", () => {
  const csv = reportTableCsv(table);
  const records: string[][] = parse(csv.replace(/^\uFEFF/, ""));

  it("has the column labels, then one record per row with the page's rounding", () => {
    expect(records[0]).toEqual(["Team", "n", "Mean score", "Pass rate", "Difference"]);
    expect(records.slice(1).map((record) => record.slice(1))).toEqual([
      ["4", "65.6", "50", "-3.3"],
      ["1", "0", "0", ""],
      ["2", "81.3", "33.3", "0"],
      ["0", "", "", ""],
      ["3", "100", "100", "1"],
      ["3", "100", "100", "0"],
      ["5", "12.3", "12.3", "5"],
    ]);
    // The page shows the same digits.
    expect(cellText(table.columns[2]!, 65.625)).toBe("65.6");
    expect(cellText(table.columns[3]!, 0.33333)).toBe("33.3%");
    expect(cellText(table.columns[2]!, null)).toBe("–");
  });

  it("escapes cells that a spreadsheet would run as a formula, and keeps negative numbers numbers", () => {
    expect(records.slice(1).map((record) => record[0])).toEqual(["'=HYPERLINK(\"http://evil\")", "'+1 support", "'-minus", "'@sum", "'\ttabbed", "'\rreturn", "Åsa, \"the\" team"]);
    expect(records[1]?.[4]).toBe("-3.3");
  });

  it("starts with a byte-order mark and ends lines with CRLF", () => {
    expect(csv.startsWith("\uFEFFTeam,n,Mean score,Pass rate,Difference\r\n")).toBe(true);
  });

  it("answers as a download with a safe file name", async () => {
    expect(csvFileName("Quality overview 2026-11-01..2026-11-30")).toBe("Quality-overview-2026-11-01-2026-11-30.csv");
    expect(csvFileName("\"; rm -rf")).toBe("rm-rf.csv");
    const response = csvResponse(table, "quality overview");
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="quality-overview.csv"');
    // text() would drop the byte-order mark; the bytes keep it.
    expect(Buffer.from(await response.arrayBuffer()).toString("utf8")).toBe(csv);
  });
});
