/** An agent's home adds their card's summary to their latest feedback (issue 14 §3), linking to the card. */
import { Link } from "@remix-run/react";
import type { AgentHome as Home } from "../../modules/reports/team-home.server";
import { narrowingText } from "../../modules/reports/narrowing";
import { roundedNumber } from "../../modules/reports/report-table";
import { Sparkline } from "../charts";

const score = (value: number) => roundedNumber("score", value).toFixed(1);

export function AgentHome({ home, agentId }: { home: Home; agentId: string }) {
  return (
    <section aria-labelledby="card-home-title">
      <div className="section-header">
        <h2 id="card-home-title">Your quality score</h2>
        <Link to={`/reports/agents/${agentId}`}>Your card</Link>
      </div>
      {home.mean === null ? (
        <p className="empty-state">
          No evaluations released to you from {home.from} to {home.to}.
        </p>
      ) : (
        <>
          <p>
            <strong>{score(home.mean)}</strong>
            {home.low !== null && home.high !== null ? ` (95% interval ${score(home.low)} to ${score(home.high)})` : ""}, n {home.n}, {home.from} to {home.to}.{" "}
            {narrowingText(home.moreReviews, home.n)}
            {home.teamMean !== null ? ` Team mean ${score(home.teamMean)}.` : ""}
          </p>
          {home.trend.length > 1 ? (
            <p>
              <Sparkline values={home.trend} label={`Your quality score by week: ${home.trend.map((value) => (value === null ? "none" : score(value))).join(", ")}`} />
            </p>
          ) : null}
          {home.weakest ? (
            <p>
              Furthest below the team: {home.weakest.prompt}, {score(home.weakest.mean)} against the team&apos;s {score(home.weakest.teamMean)}.
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
