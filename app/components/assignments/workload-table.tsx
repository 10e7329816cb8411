import { Link } from "@remix-run/react";

export interface WorkloadRowView {
  key: string;
  name: string;
  /** Where the row's open work is listed, or null (manual and deleted rules' work have no rule to filter by). */
  href: string | null;
  /** "Paused", "Rule deleted": said under the name. */
  note?: string | null;
  open: number;
  overdue: number;
  done: number;
  skipped: number;
}

/** Open, overdue, done and skipped per reviewer or per rule; done and skipped over `period` ("7 d", "this month"). */
export function WorkloadTable({ caption, heading, period, rows }: { caption: string; heading: string; period: string; rows: WorkloadRowView[] }) {
  return (
    <div className="table-wrap">
      <table className="table workload-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{heading}</th>
            <th scope="col" className="num">
              Open
            </th>
            <th scope="col" className="num">
              Overdue
            </th>
            <th scope="col" className="num">
              Done {period}
            </th>
            <th scope="col" className="num">
              Skipped {period}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">
                {row.href && row.open > 0 ? (
                  <Link to={row.href} aria-label={`${row.name}: show the open assignments`}>
                    {row.name}
                  </Link>
                ) : (
                  row.name
                )}
                {row.note ? <span className="muted small block">{row.note}</span> : null}
              </th>
              <td className="num">{row.open}</td>
              <td className="num">
                {row.overdue > 0 ? <strong className="overdue-count">{row.overdue} overdue</strong> : 0}
              </td>
              <td className="num">{row.done}</td>
              <td className="num">{row.skipped}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
