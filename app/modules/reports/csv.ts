/**
 * CSV of a report table (report-table.ts): a header of the column labels, then one line per
 * row, written by csv-stringify. Names, queues and tags come from users, so a cell beginning
 * with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with `'` (csv-stringify's
 * `escape_formulas`; OWASP "CSV injection"): a spreadsheet then shows it as text instead of
 * running it. Numbers stay numbers (a negative difference is not escaped). A UTF-8 byte-order
 * mark leads the file so that spreadsheet programs read names with accents correctly.
 */
import { stringify } from "csv-stringify/sync";
import { cellOf, csvCell, type ReportTableModel } from "./report-table";

export const CSV_CONTENT_TYPE = "text/csv; charset=utf-8";

export function reportTableCsv(table: Pick<ReportTableModel, "columns" | "rows">): string {
  const records = table.rows.map((row) => table.columns.map((column) => csvCell(column, cellOf(row, column.key).value)));
  return (
    "\uFEFF" +
    stringify([table.columns.map((column) => column.label), ...records], {
      escape_formulas: true,
      record_delimiter: "windows",
    })
  );
}

/** A file name safe in a Content-Disposition header: letters, digits, dashes. */
export function csvFileName(name: string): string {
  return `${name.replace(/[^A-Za-z0-9-]+/g, "-").replace(/-{2,}/g, "-").replace(/^-+|-+$/g, "") || "report"}.csv`;
}

/** The CSV as a download: the answer of a report loader's `?format=csv`. */
export function csvResponse(table: Pick<ReportTableModel, "columns" | "rows">, fileName: string): Response {
  return new Response(reportTableCsv(table), {
    headers: {
      "Content-Type": CSV_CONTENT_TYPE,
      "Content-Disposition": `attachment; filename="${csvFileName(fileName)}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
