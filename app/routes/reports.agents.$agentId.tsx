/**
 * The agent card (issue 14 §3): one agent's quality score with its interval and n, how many
 * more reviews would narrow it to ±5 points, the trend by week or month with its interval band,
 * every criterion against the team's (CSV: `/reports/agents/:agentId/criteria.csv`), the recent
 * evaluations and the disputes with their outcomes; beside quality, mean CSAT (with its CSAT
 * responses) and mean handling time against the team's. Agents see their own card only (released
 * evaluations, and of the team only its mean, from 5 evaluations); supervisors their teams'
 * agents; QA, leads and admins any. The work is buildAgentCardPage's.
 */
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { TrendChart } from "../components/charts";
import { RouteErrorBoundary } from "../components/error-page";
import { CustomerFigures } from "../components/reports/customer-figures";
import { ReportFilterBar } from "../components/reports/report-filter-bar";
import { ReportTable } from "../components/reports/report-table";
import { scoreText } from "../components/score-badge";
import { requirePermission } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { errorPage, refusalOf } from "../lib/errors.server";
import { formatDate, formatDateTime } from "../lib/time";
import { interactionScope } from "../modules/access/permissions";
import { mayCoachAgent } from "../modules/coaching/agents-coaching.server";
import { disputeStateLabels } from "../modules/disputes/dispute-states";
import { buildAgentCardPage, type AgentCardPage } from "../modules/reports/agent-card-page.server";
import { narrowingText, TEAM_MEAN_MIN_N } from "../modules/reports/narrowing";
import { DRILL_DOWN_PATH, reportFilterValues, reportFiltersToSearchParams, reportHref } from "../modules/reports/report-filters";
import { listReportFilterOptionsFor } from "../modules/reports/report-filter-options.server";
import { roundedNumber } from "../modules/reports/report-table";
import { getOrganisation } from "../modules/users/get-organisation.server";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: `${loaded && "page" in loaded ? loaded.page.card.agent.name : "Agent"} · Reports · Parley` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "reports:view");
  const search = new URL(request.url).searchParams;
  const { timeZone } = await getOrganisation(db());
  const ownCard = interactionScope(viewer).kind === "own";
  const now = new Date();
  // The bar's scorecards, channels and queues, as every report's.
  const { scorecards, channels, queues } = await listReportFilterOptionsFor(db(), viewer, search, now);
  const choices = { scorecards, channels, queues };
  let page: AgentCardPage;
  try {
    page = await buildAgentCardPage(db(), viewer, params.agentId ?? "", search, { now, timeZone });
  } catch (error) {
    const refusal = refusalOf(error);
    if (refusal?.code === "invalid") {
      return data({ ok: false as const, message: refusal.message, fieldErrors: refusal.fieldErrors, values: reportFilterValues(search), ownCard, choices }, { status: refusal.status });
    }
    throw refusal ? errorPage(refusal) : error;
  }
  const { card, filters } = page;
  const { agentId: _agent, ...teamFilters } = filters;
  // Only to a viewer who may coach this agent (coaching:manage, the agent in their coaching scope).
  const coachHref = !ownCard && (await mayCoachAgent(db(), viewer, card.agent.id)) ? `/coaching/plans/new?agent=${card.agent.id}` : null;
  return {
    ok: true as const,
    page: {
      ...page,
      card: {
        ...card,
        recent: card.recent.map((evaluation) => ({ ...evaluation, conversationAt: formatDateTime(evaluation.conversationAt, timeZone) })),
        disputes: card.disputes.map((dispute) => ({ ...dispute, raisedAt: formatDate(dispute.raisedAt, timeZone), stateLabel: disputeStateLabels[dispute.state] })),
      },
    },
    values: page.values,
    ownCard,
    choices,
    coachHref,
    csvHref: `/reports/agents/${card.agent.id}/criteria.csv?${reportFiltersToSearchParams(teamFilters).toString()}`,
    teamHref: !ownCard && card.team ? reportHref("/reports/team", { ...teamFilters, teamId: card.team.id }) : null,
    drillHref: reportHref(DRILL_DOWN_PATH, filters),
  };
}

type CardData = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { ok: true }>;

const score = (value: number) => roundedNumber("score", value).toFixed(1);
const percent = (value: number) => `${roundedNumber("percent", value).toFixed(1)}%`;

export default function AgentCardRoute() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <h2>{data.ok ? (data.ownCard ? "Your card" : data.page.card.agent.name) : "Agent card"}</h2>
      <ReportFilterBar values={data.values} options={data.choices} fieldErrors={data.ok ? {} : data.fieldErrors} label="Filter the agent card" />
      {data.ok ? (
        <CardBody data={data} />
      ) : (
        <p className="alert alert--error" role="alert">
          {data.message}
        </p>
      )}
    </>
  );
}

function CardBody({ data }: { data: CardData }) {
  const { card, filters, table, trend } = data.page;
  const period = filters.period === "week" ? "week" : "month";
  return (
    <>
      <p className="muted">
        {card.team ? <>Compared with the team {data.teamHref ? <Link to={data.teamHref}>{card.team.name}</Link> : card.team.name}. </> : null}
        {filters.from} to {filters.to}, by {filters.dateBasis === "review" ? "review" : "conversation"} date{data.ownCard ? "; only evaluations released to you count" : ""}.
      </p>
      {data.coachHref ? (
        <p>
          <Link to={data.coachHref} className="button button--quiet">
            Start a coaching plan<span className="visually-hidden"> for {card.agent.name}</span>
          </Link>{" "}
          <Link to={`/coaching/sessions/new?agent=${card.agent.id}`} className="button button--quiet">
            Schedule a session<span className="visually-hidden"> with {card.agent.name}</span>
          </Link>
        </p>
      ) : null}
      <div className="report-figures">
        <div className="report-figure">
          <div className="report-figure__label">Quality score</div>
          {card.score ? (
            <>
              <div className="report-figure__value">
                <Link to={data.drillHref}>{score(card.score.mean)}</Link>
              </div>
              <p className="report-figure__detail">
                {card.score.interval ? `95% interval ${score(card.score.interval.low)} to ${score(card.score.interval.high)}, ` : "No interval from one evaluation, "}n {card.n}
              </p>
              <p className="report-figure__detail">{narrowingText(card.moreReviews, card.score.n)}</p>
            </>
          ) : (
            <p className="report-figure__detail">No evaluations{data.ownCard ? " released to you" : ""} in this range.</p>
          )}
        </div>
        {card.passRate ? (
          <div className="report-figure">
            <div className="report-figure__label">Pass rate</div>
            <div className="report-figure__value">
              <Link to={reportHref(DRILL_DOWN_PATH, filters, { outcome: "pass" })}>{percent(card.passRate.rate)}</Link>
            </div>
            <p className="report-figure__detail">
              95% interval {percent(card.passRate.interval.low)} to {percent(card.passRate.interval.high)}, {card.passRate.successes} of {card.passRate.n}
            </p>
          </div>
        ) : null}
        <div className="report-figure">
          <div className="report-figure__label">Team mean</div>
          {card.teamScore ? (
            <>
              <div className="report-figure__value">{score(card.teamScore.mean)}</div>
              <p className="report-figure__detail">
                {card.teamScore.interval ? `95% interval ${score(card.teamScore.interval.low)} to ${score(card.teamScore.interval.high)}, ` : ""}
                {card.teamScore.n !== null ? `n ${card.teamScore.n}` : "the mean of the team's released evaluations"}
              </p>
            </>
          ) : (
            <p className="report-figure__detail">
              {data.ownCard ? `Shown once it rests on at least ${TEAM_MEAN_MIN_N} released evaluations.` : "No evaluations of the team in this range."}
            </p>
          )}
        </div>
        <CustomerFigures card={card} ownCard={data.ownCard} />
      </div>
      {trend.length > 0 ? (
        <div className="report-charts">
          <TrendChart title={`Quality score by ${period}`} valueLabel="Mean score" series={[{ name: data.ownCard ? "You" : card.agent.name, points: trend }]} />
        </div>
      ) : null}
      <section aria-labelledby="card-criteria-title">
        <div className="section-header">
          <h3 id="card-criteria-title">Criteria against the team</h3>
        </div>
        {card.weakest.length > 0 ? (
          <p>
            Furthest below the team: {card.weakest.map((criterion) => `${criterion.label?.prompt ?? criterion.key} (${criterion.agent ? score(criterion.agent.mean) : "–"} vs ${criterion.team ? score(criterion.team.mean) : "–"})`).join("; ")}.
          </p>
        ) : null}
        <ReportTable table={table} csvHref={data.csvHref} empty="No criteria scored in this range." />
      </section>
      <section aria-labelledby="card-recent-title">
        <div className="section-header">
          <h3 id="card-recent-title">Recent evaluations</h3>
        </div>
        {card.recent.length === 0 ? (
          <p className="empty-state">No evaluations in this range.</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">The latest evaluations of {data.ownCard ? "your" : `${card.agent.name}'s`} conversations in this range, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Conversation</th>
                  <th scope="col">Scorecard</th>
                  <th scope="col">Score</th>
                </tr>
              </thead>
              <tbody>
                {card.recent.map((evaluation) => (
                  <tr key={evaluation.evaluationId}>
                    <th scope="row">
                      <Link to={`/evaluations/${evaluation.evaluationId}`}>{evaluation.conversationAt}</Link>
                    </th>
                    <td>{evaluation.scorecardName}</td>
                    <td>{scoreText(evaluation)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="card-disputes-title">
        <div className="section-header">
          <h3 id="card-disputes-title">Disputes</h3>
        </div>
        {card.disputes.length === 0 ? (
          <p className="empty-state">No disputes.</p>
        ) : (
          <ul className="card-disputes">
            {card.disputes.map((dispute) => (
              <li key={dispute.id}>
                <Link to={`/disputes/${dispute.id}`}>Raised {dispute.raisedAt}</Link>: {dispute.stateLabel}, {dispute.questionCount} {dispute.questionCount === 1 ? "question" : "questions"}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
