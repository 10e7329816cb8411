/**
 * The team page's table: the team table model (modules/reports/team-table.ts, which the CSV
 * writes too) drawn by ReportTable, with each agent's weekly sparkline after the interval.
 * Rows follow the model's rows, one per agent, in the report's order.
 *
 * `extraColumns` is where other pages' work joins an agent's row without touching this one:
 * the coaching issue adds each agent's active plan here. Extra columns are the page's, not the
 * CSV's.
 */
import type { ReactNode } from "react";
import type { ReportTableModel } from "../../modules/reports/report-table";
import { ReportTable, sparklineColumn } from "./report-table";

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
    <ReportTable
      table={table}
      csvHref={csvHref}
      className="team-table"
      rowKey={(index) => agents[index]?.agentId ?? index}
      extraColumns={[
        sparklineColumn({ after: SPARKLINE_AFTER, label: "Trend by week", trends: agents, className: "team-table__trend", missing: "–", needValue: true }),
        ...extraColumns.map((column) => ({
          key: column.key,
          label: column.label,
          render: (index: number) => {
            const agent = agents[index];
            return agent ? column.render(agent.agentId) : null;
          },
        })),
      ]}
    />
  );
}
