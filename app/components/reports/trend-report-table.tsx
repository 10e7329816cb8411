/**
 * A report table model (app/modules/reports/report-table.ts) as HTML with a trend sparkline per
 * row after the first column: the Criteria page's table. The numbers and their rounding are the
 * model's (the CSV's); the sparkline is a picture of the row's trend, with its values in words
 * for screen readers, and is not part of the CSV.
 */
import { Link } from "@remix-run/react";
import { cellOf, cellText, type ReportTableModel } from "../../modules/reports/report-table";
import { Sparkline } from "../charts";

export interface RowTrend {
  label: string;
  values: (number | null)[];
}

export function TrendReportTable({ table, trends, trendLabel, csvHref, empty }: { table: ReportTableModel; trends: RowTrend[]; trendLabel: string; csvHref?: string; empty: string }) {
  const [first, ...rest] = table.columns;
  return (
    <div className="report-table">
      {csvHref ? (
        <p className="report-table__export">
          <a href={csvHref} download className="button button--quiet">
            Download CSV<span className="visually-hidden"> of {table.caption}</span>
          </a>
        </p>
      ) : null}
      {table.rows.length === 0 || !first ? (
        <p className="empty-state">{empty}</p>
      ) : (
        <div className="table-wrap">
          <table className="table table--report">
            <caption className="visually-hidden">{table.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{first.label}</th>
                <th scope="col">{trendLabel}</th>
                {rest.map((column) => (
                  <th key={column.key} scope="col" className={column.format === "text" ? undefined : "num"}>
                    {column.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, index) => {
                const trend = trends[index];
                return (
                  <tr key={index}>
                    <th scope="row">{cellText(first, cellOf(row, first.key).value)}</th>
                    <td>{trend ? <Sparkline values={trend.values} label={trend.label} /> : null}</td>
                    {rest.map((column) => {
                      const cell = cellOf(row, column.key);
                      const text = cellText(column, cell.value);
                      return (
                        <td key={column.key} className={column.format === "text" ? undefined : "num"}>
                          {cell.href && cell.value !== null ? <Link to={cell.href}>{text}</Link> : text}
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
