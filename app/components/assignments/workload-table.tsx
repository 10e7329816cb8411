import { Link } from "@remix-run/react";

export interface WorkloadRowView {
  key: string;
  name: string;
  /** Where the row's open work is listed, or null (manual work has no rule to filter by). */
  href: string | null;
  open: number;
  overdue: number;
  done: number;
  skipped: number;
}

/** Open, overdue, done and skipped per reviewer or per rule (done and skipped: the last 7 days). */
export function WorkloadTable({ caption, heading, rows }: { caption: string; heading: string; rows: WorkloadRowView[] }) {
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
              Done 7 d
            </th>
            <th scope="col" className="num">
              Skipped 7 d
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
