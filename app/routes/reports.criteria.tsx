/**
 * Criteria (issue 14 §3): per scorecard question, the mean q with its 95 % interval, the
 * failure and N/A rates with theirs, n and the trend, worst first; filters in the URL; every
 * number drills down to the evaluations behind it; the CSV (`/reports/criteria.csv`) is this
 * page's table. The work is loadCriteriaPage's; this route only shows it.
 */
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "../components/error-page";
import { ReportFilterBar } from "../components/reports/report-filter-bar";
import { ReportTable, sparklineColumn } from "../components/reports/report-table";
import { requirePermission } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { errorPage, refusalOf } from "../lib/errors.server";
import { loadCriteriaPage } from "../modules/reports/criteria-page.server";
import { listReportFilterOptionsFor } from "../modules/reports/report-filter-options.server";
import { reportFiltersToSearchParams } from "../modules/reports/report-filters";

export const meta: MetaFunction = () => [{ title: "Criteria · Reports · Parley" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "reports:view");
  const params = new URL(request.url).searchParams;
  try {
    const now = new Date();
    const [page, choices] = await Promise.all([loadCriteriaPage(db(), viewer, params, now), listReportFilterOptionsFor(db(), viewer, params, now)]);
    if (!page.ok) return data({ ok: false as const, message: page.error.message, fieldErrors: page.error.fieldErrors ?? {}, values: page.values, choices }, { status: page.error.status });
    const worst = page.worst;
    return {
      ok: true as const,
      values: page.values,
      choices,
      table: page.table,
      trends: page.trends,
      periods: page.periods,
      period: page.filters.period,
      csvHref: `/reports/criteria.csv?${reportFiltersToSearchParams(page.filters).toString()}`,
      worst: worst && { prompt: worst.prompt, scorecardName: worst.scorecardName, mean: worst.mean?.mean ?? null, href: page.table.rows[0] ? cellHref(page.table.rows[0].n) : null },
    };
  } catch (error) {
    const refusal = refusalOf(error);
    throw refusal ? errorPage(refusal) : error;
  }
}

const cellHref = (cell: unknown) => (cell !== null && typeof cell === "object" && "href" in cell && typeof cell.href === "string" ? cell.href : null);

export default function CriteriaPage() {
  const page = useLoaderData<typeof loader>();
  return (
    <>
      <h2>Criteria</h2>
      <p className="muted">Each scorecard question: its mean (q as a percentage), how often it fails (q below half) and is N/A, with 95% intervals and n. Worst first.</p>
      <ReportFilterBar values={page.values} options={page.choices} fieldErrors={page.ok ? {} : page.fieldErrors} label="Filter the criteria" />
      {page.ok ? (
        <>
          {page.worst && page.worst.mean !== null && page.worst.href ? (
            <p>
              Weakest: <Link to={page.worst.href}>{page.worst.prompt}</Link> ({page.worst.scorecardName}), {page.worst.mean.toFixed(1)}%.
            </p>
          ) : null}
          <ReportTable
            table={page.table}
            extraColumns={[
              sparklineColumn({
                after: page.table.columns[0]?.key ?? "criterion",
                label: `Trend by ${page.period}`,
                trends: page.trends.map((trend) => ({
                  values: trend.values,
                  label: `Mean by ${page.period}: ${trend.values.map((value, index) => `${page.periods[index]} ${value === null ? "none" : value.toFixed(1)}`).join(", ")}`,
                })),
              }),
            ]}
            csvHref={page.csvHref}
            empty="No scored questions in this range. Widen the dates or clear a filter."
          />
        </>
      ) : (
        <p className="alert alert--error" role="alert">
          {page.message}
        </p>
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
