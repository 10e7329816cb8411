/**
 * A report table model (app/modules/reports/report-table.ts) as HTML: the same columns, rows
 * and rounding as its CSV. A numeric cell with a link drills down to the evaluations behind it.
 */
import { Link } from "@remix-run/react";
import { cellOf, cellText, type ReportTableModel } from "../../modules/reports/report-table";

export function ReportTable({ table, csvHref, empty = "No figures for these filters." }: { table: ReportTableModel; csvHref?: string; empty?: string }) {
  return (
    <div className="report-table">
      {csvHref ? (
        <p className="report-table__export">
          <a href={csvHref} download className="button button--quiet">
            Download CSV<span className="visually-hidden"> of {table.caption}</span>
          </a>
        </p>
      ) : null}
      {table.rows.length === 0 ? (
        <p className="empty-state">{empty}</p>
      ) : (
        <div className="table-wrap">
          <table className="table table--report">
            <caption className="visually-hidden">{table.caption}</caption>
            <thead>
              <tr>
                {table.columns.map((column) => (
                  <th key={column.key} scope="col" className={column.format === "text" ? undefined : "num"}>
                    {column.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, index) => (
                <tr key={index}>
                  {table.columns.map((column, columnIndex) => {
                    const cell = cellOf(row, column.key);
                    const text = cellText(column, cell.value);
                    const content = cell.href && cell.value !== null ? <Link to={cell.href}>{text}</Link> : text;
                    const className = column.format === "text" ? undefined : "num";
                    return columnIndex === 0 ? (
                      <th key={column.key} scope="row" className={className}>
                        {content}
                      </th>
                    ) : (
                      <td key={column.key} className={className}>
                        {content}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
