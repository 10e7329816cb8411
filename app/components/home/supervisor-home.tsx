/** A supervisor's home leads to their team (issue 14 §3): the team page's headline, linking to it. */
import { Link } from "@remix-run/react";
import type { SupervisorHome as Home } from "../../modules/reports/team-home.server";
import { roundedNumber } from "../../modules/reports/report-table";

const score = (value: number) => roundedNumber("score", value).toFixed(1);

export function SupervisorHome({ home }: { home: Home }) {
  return (
    <section aria-labelledby="team-home-title">
      <div className="section-header">
        <h2 id="team-home-title">{home.team ? `Your team: ${home.team.name}` : "Your team"}</h2>
        {home.team ? <Link to={`/reports/team?team=${home.team.id}`}>Open the team page</Link> : null}
      </div>
      {!home.team ? (
        <p className="empty-state">You lead no team yet: once an administrator adds you to a team as its supervisor, its figures appear here.</p>
      ) : home.mean === null ? (
        <p className="empty-state">
          No evaluations of {home.team.name} from {home.from} to {home.to}.
        </p>
      ) : (
        <p>
          Quality score <strong>{score(home.mean)}</strong>
          {home.low !== null && home.high !== null ? ` (95% interval ${score(home.low)} to ${score(home.high)})` : ""}, n {home.n}, {home.from} to {home.to}; {home.agents}{" "}
          {home.agents === 1 ? "agent" : "agents"}
          {home.unranked > 0 ? `, ${home.unranked} with too few evaluations to rank` : ""}.
        </p>
      )}
    </section>
  );
}
