/**
 * The team page's table: the team table model (modules/reports/team-table.ts, which the CSV
 * writes too) as HTML, with each agent's weekly sparkline after the interval. Rows follow the
 * model's rows, one per agent, in the report's order.
 *
 * `extraColumns` is where other pages' work joins an agent's row without touching this one:
 * the coaching issue adds each agent's active plan here. Extra columns are the page's, not the
 * CSV's.
 */
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { cellOf, cellText, type ReportTableModel } from "../../modules/reports/report-table";
import { Sparkline } from "../charts";

export interface TeamTableColumn {
  key: string;
  label: string;
  render: (agentId: string) => ReactNode;
}

export interface TeamTableProps {
  table: ReportTableModel;
  /** Per row, in the table's order: the agent and their weekly means. */
  agents: { agentId: string; values: (number | null)[]; label: string }[];
  csvHref?: string | undefined;
  extraColumns?: TeamTableColumn[];
}

/** The sparkline goes after this column of the model. */
const SPARKLINE_AFTER = "high";

export function TeamTable({ table, agents, csvHref, extraColumns = [] }: TeamTableProps) {
  return (
    <div className="report-table">
      {csvHref ? (
        <p className="report-table__export">
          <a href={csvHref} download className="button button--quiet">
            Download CSV<span className="visually-hidden"> of {table.caption}</span>
          </a>
        </p>
      ) : null}
      <div className="table-wrap">
        <table className="table table--report team-table">
          <caption className="visually-hidden">{table.caption}</caption>
          <thead>
            <tr>
              {table.columns.map((column) => (
                <HeaderCells key={column.key} label={column.label} numeric={column.format !== "text"} sparkline={column.key === SPARKLINE_AFTER} />
              ))}
              {extraColumns.map((column) => (
                <th key={column.key} scope="col">
                  {column.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, index) => {
              const agent = agents[index];
              return (
                <tr key={agent?.agentId ?? index}>
                  {table.columns.map((column, columnIndex) => {
                    const cell = cellOf(row, column.key);
                    const text = cellText(column, cell.value);
                    const content = cell.href && cell.value !== null ? <Link to={cell.href}>{text}</Link> : text;
                    const className = column.format === "text" ? undefined : "num";
                    const own =
                      columnIndex === 0 ? (
                        <th scope="row" className={className}>
                          {content}
                        </th>
                      ) : (
                        <td className={className}>{content}</td>
                      );
                    return (
                      <FragmentCells key={column.key} cell={own}>
                        {column.key === SPARKLINE_AFTER ? <td className="team-table__trend">{agent && agent.values.some((value) => value !== null) ? <Sparkline values={agent.values} label={agent.label} /> : "–"}</td> : null}
                      </FragmentCells>
                    );
                  })}
                  {extraColumns.map((column) => (
                    <td key={column.key}>{agent ? column.render(agent.agentId) : null}</td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function HeaderCells({ label, numeric, sparkline }: { label: string; numeric: boolean; sparkline: boolean }) {
  return (
    <>
      <th scope="col" className={numeric ? "num" : undefined}>
        {label}
      </th>
      {sparkline ? <th scope="col">Trend by week</th> : null}
    </>
  );
}

function FragmentCells({ cell, children }: { cell: ReactNode; children: ReactNode }) {
  return (
    <>
      {cell}
      {children}
    </>
  );
}
