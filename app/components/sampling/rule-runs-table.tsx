import { Link } from "@remix-run/react";

export interface RuleRunView {
  id: string;
  periodKey: string;
  startedAt: string;
  trigger: string;
  status: "completed" | "failed";
  statusLabel: string;
  matched: number;
  drawn: number;
  assigned: number;
  shortfall: number;
  error: string | null;
}

interface RuleRunsProps {
  ruleId: string;
  runs: RuleRunView[];
  /** The last run shown, when older ones exist. */
  next: string | null;
  isFirstPage: boolean;
  manual: boolean;
}

const HASH = "#runs-title";

/** A rule's runs, newest first, with "Older runs" paging back through its history. */
export function RuleRunsSection({ ruleId, runs, next, isFirstPage, manual }: RuleRunsProps) {
  const newest = `/sampling/${ruleId}${HASH}`;
  return (
    <section aria-labelledby="runs-title" className="rule-page__section">
      <h2 id="runs-title">{isFirstPage ? "Recent runs" : "Older runs"}</h2>
      {runs.length === 0 ? (
        isFirstPage ? (
          <p className="empty-state">
            This rule has not run yet. {manual ? "It runs only when you press Run now." : "It runs on its schedule, or when you press Run now."}
          </p>
        ) : (
          <div className="empty-state" role="status">
            <p>There are no runs older than the previous page.</p>
            <p>
              <Link to={newest}>Back to the newest runs</Link>
            </p>
          </div>
        )
      ) : (
        <div className="table-wrap">
          <table className="table sampling-table">
            <caption className="visually-hidden">{isFirstPage ? "Recent runs" : "Older runs"}, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Period</th>
                <th scope="col">Started</th>
                <th scope="col">Trigger</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">Matched</th>
                <th scope="col" className="num">Drawn</th>
                <th scope="col" className="num">Assigned</th>
                <th scope="col" className="num">Shortfall</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => (
                <tr key={run.id}>
                  <td>
                    <Link to={`/sampling/runs/${run.id}`}>{run.periodKey}</Link>
                  </td>
                  <td>{run.startedAt}</td>
                  <td>{run.trigger}</td>
                  <td>
                    <span className={`badge badge--${run.status}`}>{run.statusLabel}</span>
                    {run.error ? <span className="small block run-error">{run.error}</span> : null}
                  </td>
                  <td className="num">{run.matched}</td>
                  <td className="num">{run.drawn}</td>
                  <td className="num">{run.assigned}</td>
                  <td className="num">{run.shortfall > 0 ? <strong className="shortfall">{run.shortfall} short</strong> : "0"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pager" aria-label="Pages of runs">
        {!isFirstPage && runs.length > 0 ? <Link to={newest}>Newest runs</Link> : null}
        {next ? (
          <Link to={`/sampling/${ruleId}?runsBefore=${next}${HASH}`} rel="next">
            Older runs
          </Link>
        ) : null}
      </nav>
    </section>
  );
}
