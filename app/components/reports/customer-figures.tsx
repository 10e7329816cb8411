/**
 * The agent card's customer figures (issue 14 §8): mean CSAT with its CSAT responses and mean
 * handling time, each beside the team's — for an agent viewer the team's mean alone, and only
 * from TEAM_MEAN_MIN_N responses or conversations (decision 0034), as the quality team mean.
 */
import { meanWithInterval } from "../../modules/reports/customer-columns";
import type { AgentCard, TeamFigure } from "../../modules/reports/get-agent-card.server";
import { roundedNumber } from "../../modules/reports/report-table";
import { TEAM_MEAN_MIN_N } from "../../modules/reports/narrowing";

const oneDecimal = (value: number) => roundedNumber("score", value).toFixed(1);

function TeamLine({ team, unit, counted, ownCard }: { team: TeamFigure | null; unit: string; counted: string; ownCard: boolean }) {
  if (team) return <p className="report-figure__detail">Team {team.n === null ? `${oneDecimal(team.mean)}${unit}` : `${meanWithInterval(team, unit)}, n ${team.n}`}</p>;
  return <p className="report-figure__detail">{ownCard ? `The team's is shown once it rests on at least ${TEAM_MEAN_MIN_N} ${counted}.` : `No ${counted} of the team in this range.`}</p>;
}

export function CustomerFigures({ card, ownCard }: { card: Pick<AgentCard, "customer" | "teamCustomer">; ownCard: boolean }) {
  const { customer, teamCustomer } = card;
  return (
    <>
      <div className="report-figure">
        <div className="report-figure__label">Mean CSAT (% of scale)</div>
        {customer?.csat ? (
          <>
            <div className="report-figure__value">{oneDecimal(customer.csat.mean)}</div>
            <p className="report-figure__detail">
              {customer.csat.interval ? `95% interval ${oneDecimal(customer.csat.interval.low)} to ${oneDecimal(customer.csat.interval.high)}, ` : ""}
              {customer.csatResponses} CSAT {customer.csatResponses === 1 ? "response" : "responses"}
            </p>
          </>
        ) : (
          <p className="report-figure__detail">No CSAT responses in this range.</p>
        )}
        <TeamLine team={teamCustomer.csat} unit="" counted="CSAT responses" ownCard={ownCard} />
      </div>
      <div className="report-figure">
        <div className="report-figure__label">Mean handling time</div>
        {customer?.handlingSeconds ? (
          <>
            <div className="report-figure__value">{oneDecimal(customer.handlingSeconds.mean)} s</div>
            <p className="report-figure__detail">
              {customer.handlingSeconds.interval ? `95% interval ${oneDecimal(customer.handlingSeconds.interval.low)} to ${oneDecimal(customer.handlingSeconds.interval.high)} s, ` : ""}
              {customer.handlingSeconds.n} {customer.handlingSeconds.n === 1 ? "conversation" : "conversations"}
            </p>
          </>
        ) : (
          <p className="report-figure__detail">No conversations with a duration in this range.</p>
        )}
        <TeamLine team={teamCustomer.handlingSeconds} unit=" s" counted="conversations with a duration" ownCard={ownCard} />
      </div>
    </>
  );
}
