import { Link } from "@remix-run/react";
import { formatGap } from "./comparison";
import type { SelfComparisonView } from "./comparison-view.server";

const score = (value: number | null) => (value === null ? "—" : value.toFixed(1));

/** The agent's self-evaluation beside the review, question by question, with the gap (comparison.ts says how it is counted). */
export function SelfComparison({ comparison, current }: { comparison: SelfComparisonView; current: "self" | "review" }) {
  const otherLink =
    current === "review" ? <Link to={`/evaluations/${comparison.selfId}`}>Open the self-evaluation</Link> : <Link to={`/evaluations/${comparison.reviewId}`}>Open the review</Link>;
  if (!comparison.sameScorecard) {
    return (
      <section aria-labelledby="self-comparison-title" className="panel self-comparison">
        <h2 id="self-comparison-title">Self-evaluation and review</h2>
        <p className="muted">
          The self-evaluation used {comparison.selfScorecard} and the review {comparison.reviewScorecard}, so their answers cannot be compared question by
          question. {otherLink}
        </p>
      </section>
    );
  }
  return (
    <section aria-labelledby="self-comparison-title" className="panel self-comparison">
      <h2 id="self-comparison-title">Self-evaluation beside the review</h2>
      <p>
        Score: {comparison.agentName} (self) <strong>{score(comparison.selfScore)}</strong>, {comparison.reviewerName} (review){" "}
        <strong>{score(comparison.reviewScore)}</strong>, gap <strong data-testid="score-gap">{formatGap(comparison.scoreGap, 1)}</strong>. {otherLink}
      </p>
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">Answers of the self-evaluation and the review, by question; the gap is the self-evaluation’s points minus the review’s</caption>
          <thead>
            <tr>
              <th scope="col">Question</th>
              <th scope="col">Self-evaluation</th>
              <th scope="col">Review</th>
              <th scope="col" className="num">
                Gap (points)
              </th>
            </tr>
          </thead>
          <tbody>
            {comparison.rows.map((row) => (
              <tr key={row.questionId} className={row.gap ? "self-comparison__row--gap" : undefined}>
                <th scope="row">
                  <span className="muted small block">{row.section}</span>
                  {row.prompt}
                </th>
                <td>{row.agent}</td>
                <td>{row.reviewer}</td>
                <td className="num">
                  {formatGap(row.gap)}
                  {row.possible !== null && row.gap !== null ? <span className="muted small"> of {row.possible}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
