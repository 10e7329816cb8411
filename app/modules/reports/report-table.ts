/**
 * A report table as data (issue 14 §3: "every table exports CSV with exactly the page's numbers
 * — one function for both"). A page builds one `ReportTableModel`; `ReportTable`
 * (app/components/reports/report-table.tsx) renders it as HTML and `reportTableCsv` (csv.ts)
 * writes it as CSV. Both read each cell through `cellText` / `csvCell`, which round with the
 * same function, so the CSV shows the digits the page shows (as numbers, not text).
 *
 * Pure: no I/O, usable in the browser.
 */

/** How a column's values are shown. Numbers are rounded here and nowhere else. */
export type ColumnFormat =
  /** As it is (names, labels, dates already formatted). */
  | "text"
  /** A count: 12. */
  | "integer"
  /** A quality score or a bound of its interval, one decimal: 65.6. */
  | "score"
  /** A ratio shown as a percentage with one decimal: 0.5 → 50.0 (the CSV holds 50.0 as a number). */
  | "percent";

export interface ReportColumn {
  key: string;
  label: string;
  format: ColumnFormat;
}

export type CellValue = string | number | null;

/** A cell: its value and, where the number drills down, the link to the evaluations behind it. */
export interface ReportCell {
  value: CellValue;
  href?: string;
}

export type ReportRow = Record<string, CellValue | ReportCell>;

export interface ReportTableModel {
  /** Says what the table is (the HTML caption; not in the CSV). */
  caption: string;
  columns: ReportColumn[];
  rows: ReportRow[];
}

/** What a missing figure reads as (no evaluations, or an interval from one evaluation). */
export const MISSING = "–";

export function cellOf(row: ReportRow, key: string): ReportCell {
  const cell = row[key];
  if (cell !== null && typeof cell === "object") return cell;
  return { value: cell ?? null };
}

/** Half away from zero, so −3.25 and 3.25 round alike. */
const round = (value: number, scale: number) => (Math.sign(value) * Math.round(Math.abs(value) * scale)) / scale || 0;

/** The rounded number behind a numeric cell: one rounding for page, chart and CSV. */
export function roundedNumber(format: ColumnFormat, value: number): number {
  switch (format) {
    case "integer":
      return round(value, 1);
    case "score":
      return round(value, 10);
    case "percent":
      return round(value * 100, 10);
    case "text":
      return value;
  }
}

const decimals: Record<ColumnFormat, number | null> = { text: null, integer: 0, score: 1, percent: 1 };

/** The cell as the page shows it. */
export function cellText(column: ReportColumn, value: CellValue): string {
  if (value === null || value === "") return MISSING;
  if (typeof value === "string") return value;
  const places = decimals[column.format];
  const text = places === null ? String(value) : roundedNumber(column.format, value).toFixed(places);
  return column.format === "percent" ? `${text}%` : text;
}

/** The cell as the CSV holds it: numbers as numbers with the page's rounding, blanks empty. */
export function csvCell(column: ReportColumn, value: CellValue): string | number {
  if (value === null) return "";
  if (typeof value === "string") return value;
  return column.format === "text" ? value : Number(roundedNumber(column.format, value).toFixed(decimals[column.format] ?? 0));
}
