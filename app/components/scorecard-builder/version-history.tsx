import { Link } from "@remix-run/react";

export interface VersionRow {
  version: number;
  status: "draft" | "published";
  publishedAt: string | null;
  publishedBy: string | null;
  evaluations: number;
}

interface VersionHistoryProps {
  scorecardId: string;
  versions: readonly VersionRow[];
  /** The version on the page now. */
  shown: number;
}

/** Every version, newest first, with who published it and how many evaluations are pinned to it. */
export function VersionHistory({ scorecardId, versions, shown }: VersionHistoryProps) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">Versions, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Status</th>
            <th scope="col">Published</th>
            <th scope="col" className="num">
              Evaluations
            </th>
          </tr>
        </thead>
        <tbody>
          {versions.map((row) => (
            <tr key={row.version} className={row.version === shown ? "row--current" : undefined}>
              <td>
                <Link
                  to={row.status === "draft" ? `/scorecards/${scorecardId}` : `/scorecards/${scorecardId}?version=${row.version}`}
                  aria-current={row.version === shown ? "page" : undefined}
                >
                  Version {row.version}
                </Link>
                {row.version === shown ? <span className="muted small"> (shown)</span> : null}
              </td>
              <td>
                <span className={`badge badge--version-${row.status}`}>{row.status === "draft" ? "Draft" : "Published"}</span>
              </td>
              <td>
                {row.publishedAt ? (
                  <>
                    {row.publishedAt}
                    {row.publishedBy ? <span className="muted small block">by {row.publishedBy}</span> : null}
                  </>
                ) : (
                  <span className="muted">Not published</span>
                )}
              </td>
              <td className="num">{row.evaluations}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
