/**
 * A report table model (app/modules/reports/report-table.ts) as HTML: the same columns, rows
 * and rounding as its CSV. A numeric cell with a link drills down to the evaluations behind it.
 *
 * The one renderer of every report table. `extraColumns` are the page's, not the model's (so
 * not the CSV's): a sparkline of the row's trend (`sparklineColumn`), or another page's work
 * joining a row (the team page's coaching column). Each goes after the model column named by
 * `after`, or at the end; it renders by the row's position, as the page built it beside the model.
 */
import { Link } from "@remix-run/react";
import { Fragment, type ReactNode } from "react";
import { cellOf, cellText, type ReportColumn, type ReportRow, type ReportTableModel } from "../../modules/reports/report-table";
import { Sparkline } from "../charts";

export interface ReportTableExtraColumn {
  key: string;
  label: string;
  /** The model column it follows; at the end when absent. */
  after?: string;
  className?: string;
  render: (rowIndex: number) => ReactNode;
}

export interface ReportTableProps {
  table: ReportTableModel;
  csvHref?: string | undefined;
  empty?: string;
  extraColumns?: ReportTableExtraColumn[];
  /** Added to the `<table>`'s classes. */
  className?: string;
  /** A stable key per row (React's); the row's position by default. */
  rowKey?: (rowIndex: number) => string | number;
}

export interface RowTrend {
  label: string;
  values: (number | null)[];
}

/** A sparkline per row after `after`; `missing` stands where a row has no trend (or, with `needValue`, no value in it). */
export function sparklineColumn({ after, label, trends, className, missing = null, needValue = false }: { after: string; label: string; trends: readonly (RowTrend | undefined)[]; className?: string; missing?: ReactNode; needValue?: boolean }): ReportTableExtraColumn {
  return {
    key: "trend",
    label,
    after,
    ...(className ? { className } : {}),
    render: (rowIndex) => {
      const trend = trends[rowIndex];
      if (!trend || (needValue && !trend.values.some((value) => value !== null))) return missing;
      return <Sparkline values={trend.values} label={trend.label} />;
    },
  };
}

const numeric = (column: ReportColumn) => (column.format === "text" ? undefined : "num");

export function ReportTable({ table, csvHref, empty = "No figures for these filters.", extraColumns = [], className, rowKey }: ReportTableProps) {
  const extrasAfter = (key: string | undefined) => extraColumns.filter((extra) => extra.after === key);
  const modelKeys = new Set(table.columns.map((column) => column.key));
  const atEnd = extraColumns.filter((extra) => extra.after === undefined || !modelKeys.has(extra.after));
  const extraHeads = (extras: ReportTableExtraColumn[]) =>
    extras.map((extra) => (
      <th key={extra.key} scope="col">
        {extra.label}
      </th>
    ));
  const extraCells = (extras: ReportTableExtraColumn[], rowIndex: number) =>
    extras.map((extra) => (
      <td key={extra.key} className={extra.className}>
        {extra.render(rowIndex)}
      </td>
    ));
  return (
    <div className="report-table">
      {csvHref ? (
        <p className="report-table__export">
          <a href={csvHref} download className="button button--quiet">
            Download CSV<span className="visually-hidden"> of {table.caption}</span>
          </a>
        </p>
      ) : null}
      {table.rows.length === 0 || table.columns.length === 0 ? (
        <p className="empty-state">{empty}</p>
      ) : (
        <div className="table-wrap">
          <table className={className ? `table table--report ${className}` : "table table--report"}>
            <caption className="visually-hidden">{table.caption}</caption>
            <thead>
              <tr>
                {table.columns.map((column) => (
                  <Fragment key={column.key}>
                    <th scope="col" className={numeric(column)}>
                      {column.label}
                    </th>
                    {extraHeads(extrasAfter(column.key))}
                  </Fragment>
                ))}
                {extraHeads(atEnd)}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, rowIndex) => (
                <tr key={rowKey ? rowKey(rowIndex) : rowIndex}>
                  {table.columns.map((column, columnIndex) => (
                    <Fragment key={column.key}>
                      <Cell row={row} column={column} header={columnIndex === 0} />
                      {extraCells(extrasAfter(column.key), rowIndex)}
                    </Fragment>
                  ))}
                  {extraCells(atEnd, rowIndex)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** A model cell: its text with the page's rounding, linked where it drills down; the first column heads its row. */
function Cell({ row, column, header }: { row: ReportRow; column: ReportColumn; header: boolean }) {
  const cell = cellOf(row, column.key);
  const text = cellText(column, cell.value);
  const content = cell.href && cell.value !== null ? <Link to={cell.href}>{text}</Link> : text;
  return header ? (
    <th scope="row" className={numeric(column)}>
      {content}
    </th>
  ) : (
    <td className={numeric(column)}>{content}</td>
  );
}
