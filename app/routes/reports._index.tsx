/**
 * Quality overview (issue 14 §3): the quality score by week or month with its 95 % interval
 * band, the pass and auto-fail rates with Wilson intervals, per team or scorecard, n on every
 * point (an agent sees their own, with their team's mean beside it); filters in the URL; every number drills down; the CSV (`/reports/overview.csv`) is
 * this page's table. The work is buildQualityOverview's; this route only shows it.
 */
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { TrendChart, formatRate } from "../components/charts";
import { RouteErrorBoundary } from "../components/error-page";
import { ReportFilterBar } from "../components/reports/report-filter-bar";
import { ReportTable } from "../components/reports/report-table";
import { requirePermission } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { errorPage, refusalOf } from "../lib/errors.server";
import { listReportFilterOptions } from "../modules/reports/report-filter-options.server";
import { TEAM_MEAN_MIN_N } from "../modules/reports/narrowing";
import { roundedNumber } from "../modules/reports/report-table";
import { buildQualityOverview, overviewGroupOf, type QualityOverview } from "../modules/reports/quality-overview.server";
import { defaultRange, parseReportFilters, reportFilterValues, reportFiltersToSearchParams } from "../modules/reports/report-filters";
import { localDateOf } from "../lib/time";
import { getOrganisation } from "../modules/users/get-organisation.server";

export const meta: MetaFunction = () => [{ title: "Quality overview · Reports · Parley" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "reports:view");
  const params = new URL(request.url).searchParams;
  const now = new Date();
  const { timeZone } = await getOrganisation(db());
  const group = overviewGroupOf(params, viewer);
  // The choices for the bar: over the URL's range when it reads, else the default one.
  const range = parseReportFilters(params, { now, timeZone });
  const options = await listReportFilterOptions(db(), viewer, range.ok ? range.filters : defaultRange(localDateOf(now, timeZone), "week"));
  let overview: QualityOverview;
  try {
    overview = await buildQualityOverview(db(), viewer, params, { now, timeZone });
  } catch (error) {
    const refusal = refusalOf(error);
    if (refusal?.code === "invalid") {
      return data(
        { ok: false as const, message: refusal.message, fieldErrors: refusal.fieldErrors, values: reportFilterValues(params), group, options, agentView: group === null },
        { status: refusal.status },
      );
    }
    throw refusal ? errorPage(refusal) : error;
  }
  const query = reportFiltersToSearchParams(overview.filters, { group: group ?? undefined }).toString();
  return {
    ok: true as const,
    overview,
    values: overview.values,
    group,
    options,
    agentView: group === null,
    csvHref: `/reports/overview.csv?${query}`,
  };
}

type OverviewData = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { ok: true }>;

export default function QualityOverviewPage() {
  const data = useLoaderData<typeof loader>();
  const options = data.agentView ? { scorecards: data.options.scorecards, channels: data.options.channels, queues: data.options.queues } : data.options;
  return (
    <>
      <h2>Quality overview</h2>
      <ReportFilterBar
        values={data.values}
        options={options}
        fieldErrors={data.ok ? {} : data.fieldErrors}
        hidden={data.group ? { group: data.group } : {}}
        label="Filter the quality overview"
      />
      {data.ok ? <Overview data={data} /> : <p className="alert alert--error" role="alert">{data.message}</p>}
    </>
  );
}

function Overview({ data }: { data: OverviewData }) {
  const { overview } = data;
  const period = overview.filters.period === "week" ? "week" : "month";
  if (overview.total === 0) {
    return (
      <p className="empty-state">
        No evaluations in this range{data.agentView ? " have been released to you" : ""}. Widen the dates or clear a filter.
      </p>
    );
  }
  const groupLink = (group: "team" | "scorecard", label: string) => {
    const params = reportFiltersToSearchParams(overview.filters, { group });
    return (
      <Link to={`?${params.toString()}`} aria-current={data.group === group ? "true" : undefined}>
        {label}
      </Link>
    );
  };
  const name = data.agentView ? "Your evaluations" : "All in view";
  return (
    <>
      <p className="muted">
        {overview.total} evaluations, {overview.filters.from} to {overview.filters.to}, by {overview.filters.dateBasis === "review" ? "review" : "conversation"} date.
      </p>
      {overview.teamMean ? (
        <p className="report-team-mean">
          {overview.teamMean.mean !== null
            ? `Your team ${overview.teamMean.team.name}: mean ${roundedNumber("score", overview.teamMean.mean).toFixed(1)} over these dates, from its released evaluations.`
            : `Your team ${overview.teamMean.team.name}'s mean is shown once it rests on at least ${TEAM_MEAN_MIN_N} released evaluations.`}
        </p>
      ) : null}
      <div className="report-charts">
        <TrendChart
          title={`Quality score by ${period}`}
          valueLabel="Mean score"
          series={[
            { name, points: overview.charts.score },
            ...(overview.charts.teamScore && overview.teamMean ? [{ name: `Team ${overview.teamMean.team.name} mean`, points: overview.charts.teamScore }] : []),
          ]}
        />
        <TrendChart title={`Pass rate by ${period}`} valueLabel="Pass rate" domain={[0, 1]} format={formatRate} series={[{ name, points: overview.charts.passRate }]} />
        <TrendChart title={`Auto-fail rate by ${period}`} valueLabel="Auto-fail rate" domain={[0, 1]} format={formatRate} series={[{ name, points: overview.charts.autoFailRate }]} />
      </div>
      <section aria-labelledby="overview-table-title">
        <div className="section-header">
          <h3 id="overview-table-title">Figures by {period}</h3>
        </div>
        {data.group ? (
          <p className="report-group-toggle">
            <span>Group by:</span> {groupLink("team", "Team")} {groupLink("scorecard", "Scorecard")}
          </p>
        ) : null}
        <ReportTable table={overview.table} csvHref={data.csvHref} />
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
