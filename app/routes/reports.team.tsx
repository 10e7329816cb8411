/**
 * The team page (issue 14 §3): each agent of a team with their quality score, 95 % interval,
 * n, pass rate, weekly trend, rank range, reviews needed for ±5 points and weakest criteria,
 * and beside them mean CSAT with its responses and mean handling time;
 * every number drills down to the evaluations behind it; the CSV (`/reports/team.csv`) is this
 * table. Supervisors choose among their teams (their first by default), QA, leads and admins
 * among all; agents are sent to their own card. The work is buildTeamPage's.
 */
import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "../components/error-page";
import { ReportFilterBar } from "../components/reports/report-filter-bar";
import { TeamTable, type TeamTableColumn } from "../components/reports/team-table";
import { requirePermission } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { errorPage, refusalOf } from "../lib/errors.server";
import { can, interactionScope } from "../modules/access/permissions";
import { coachingOfAgents, type AgentCoaching } from "../modules/coaching/agents-coaching.server";
import { DRILL_DOWN_PATH, reportFilterValues, reportFiltersToSearchParams, reportHref } from "../modules/reports/report-filters";
import { listReportFilterOptionsFor } from "../modules/reports/report-filter-options.server";
import { roundedNumber } from "../modules/reports/report-table";
import { customerSentence } from "../modules/reports/customer-columns";
import { buildTeamPage, type TeamPage } from "../modules/reports/team-page.server";
import { reportTeamsFor } from "../modules/reports/report-teams.server";
import { getOrganisation } from "../modules/users/get-organisation.server";

export const meta: MetaFunction = () => [{ title: "Team · Reports · Parley" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "reports:view");
  // An agent's reports are their own card (with the team's mean on it).
  if (interactionScope(viewer).kind === "own") throw redirect(`/reports/agents/${viewer.id}${new URL(request.url).search}`);
  const params = new URL(request.url).searchParams;
  const now = new Date();
  const { timeZone } = await getOrganisation(db());
  // The bar's scorecards, channels and queues, as every report's.
  const { scorecards, channels, queues } = await listReportFilterOptionsFor(db(), viewer, params, now);
  const choices = { scorecards, channels, queues };
  let page: TeamPage;
  try {
    page = await buildTeamPage(db(), viewer, params, { now, timeZone });
  } catch (error) {
    const refusal = refusalOf(error);
    if (refusal?.code === "invalid") {
      const teams = await reportTeamsFor(db(), viewer);
      return data({ ok: false as const, message: refusal.message, fieldErrors: refusal.fieldErrors, values: reportFilterValues(params), teams, choices }, { status: refusal.status });
    }
    throw refusal ? errorPage(refusal) : error;
  }
  // Each agent's active plan, next session and overdue action items, in the viewer's coaching scope, for those who oversee coaching (not QA specialists).
  const coaching = !can(viewer, "coaching:oversee") ? null : Object.fromEntries(await coachingOfAgents(db(), viewer, page.report.agents.map((agent) => agent.agentId), now));
  return {
    ok: true as const,
    page,
    coaching,
    values: page.values,
    teams: page.report.teams,
    choices,
    csvHref: page.filters ? `/reports/team.csv?${reportFiltersToSearchParams(page.filters).toString()}` : undefined,
  };
}

type PageData = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { ok: true }>;

export default function TeamReportPage() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <h2>Team</h2>
      <ReportFilterBar values={data.values} options={{ teams: data.teams, ...data.choices }} fieldErrors={data.ok ? {} : data.fieldErrors} label="Filter the team page" />
      {data.ok ? (
        <TeamBody data={data} />
      ) : (
        <p className="alert alert--error" role="alert">
          {data.message}
        </p>
      )}
    </>
  );
}

const score = (value: number) => roundedNumber("score", value).toFixed(1);

function TeamBody({ data }: { data: PageData }) {
  const { page } = data;
  const { report, filters } = page;
  if (!report.team || !filters) return <p className="empty-state">You lead no team yet: once an administrator adds you to a team as its supervisor, its agents appear here.</p>;
  const figures = report.teamFigures;
  return (
    <>
      <section aria-labelledby="team-headline" className="team-headline">
        <h3 id="team-headline">{report.team.name}</h3>
        {figures?.score ? (
          <p>
            Quality score{" "}
            <Link to={reportHref(DRILL_DOWN_PATH, filters)}>
              <strong>{score(figures.score.mean)}</strong>
            </Link>
            {figures.score.interval ? ` (95% interval ${score(figures.score.interval.low)} to ${score(figures.score.interval.high)})` : ""}, n {figures.n}
            {figures.passRate ? `, pass rate ${roundedNumber("percent", figures.passRate.rate).toFixed(1)}%` : ""}, {filters.from} to {filters.to}.
          </p>
        ) : (
          <p className="muted">No evaluations of this team from {filters.from} to {filters.to}.</p>
        )}
        {report.teamCustomer ? <p className="team-headline__customer">{customerSentence(report.teamCustomer)}</p> : null}
        <p className="muted">
          Rank ranges instead of ranks: an agent's best possible rank counts the agents whose interval lies wholly above theirs, the worst those whose interval does not lie wholly below.
          Overlapping intervals are ties. An agent with one evaluation has no interval and is unranked.
        </p>
      </section>
      {report.agents.length === 0 ? (
        <p className="empty-state">This team has no agents yet.</p>
      ) : (
        <TeamTable table={page.table} agents={page.sparklines} csvHref={data.csvHref} extraColumns={data.coaching ? [coachingColumn(data.coaching)] : []} />
      )}
    </>
  );
}

/** The coaching column: the agent's active plan (a link), their next session and their overdue action items. */
function coachingColumn(coaching: Record<string, AgentCoaching>): TeamTableColumn {
  return {
    key: "coaching",
    label: "Coaching",
    render: (agentId) => {
      const entry = coaching[agentId];
      const overdue = entry?.overdueItems ?? 0;
      return (
        <>
          {entry?.plan ? (
            <Link to={`/coaching/plans/${entry.plan.id}`}>
              {entry.plan.title}
              {entry.plan.overdue ? " (overdue)" : ""}
            </Link>
          ) : (
            <span className="muted">No active plan</span>
          )}
          {entry?.nextSession ? (
            <span className="small block">
              Next session: <time dateTime={entry.nextSession.startsAt}>{entry.nextSession.when}</time>
            </span>
          ) : null}
          {overdue > 0 ? <span className="small block">{overdue === 1 ? "1 overdue action item" : `${overdue} overdue action items`}</span> : null}
        </>
      );
    },
  };
}

export const ErrorBoundary = RouteErrorBoundary;
