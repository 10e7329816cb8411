/**
 * Reviewers (issue 14 §3): each reviewer's output (evaluations, per day, median time from
 * opening to submitting), mean score, dispute overturn rate, and their mean against their peers
 * on the same scorecard — lenient or strict when the 95 % interval of the difference excludes 0.
 * QA leads and admins see everyone; a QA specialist their own row; other roles are refused
 * (queryReviewers). Both tables export CSV (`/reports/reviewers.csv`, `&table=peers`).
 */
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "../components/error-page";
import { ReportFilterBar } from "../components/reports/report-filter-bar";
import { ReportTable } from "../components/reports/report-table";
import { requirePermission } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { errorPage, refusalOf } from "../lib/errors.server";
import { listReportFilterOptionsFor } from "../modules/reports/report-filter-options.server";
import { reportFiltersToSearchParams } from "../modules/reports/report-filters";
import { loadReviewersPage } from "../modules/reports/reviewers-page.server";

export const meta: MetaFunction = () => [{ title: "Reviewers · Reports · Parley" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "reports:view");
  const params = new URL(request.url).searchParams;
  try {
    const now = new Date();
    const [page, choices] = await Promise.all([loadReviewersPage(db(), viewer, params, now), listReportFilterOptionsFor(db(), viewer, params, now)]);
    if (!page.ok) return data({ ok: false as const, message: page.error.message, fieldErrors: page.error.fieldErrors ?? {}, values: page.values, choices }, { status: page.error.status });
    const query = reportFiltersToSearchParams(page.filters).toString();
    return {
      ok: true as const,
      values: page.values,
      choices,
      output: page.output,
      peers: page.peers,
      days: page.days,
      ownOnly: page.ownOnly,
      csvHref: `/reports/reviewers.csv?${query}`,
      peersCsvHref: `/reports/reviewers.csv?${query}&table=peers`,
    };
  } catch (error) {
    const refusal = refusalOf(error);
    throw refusal ? errorPage(refusal) : error;
  }
}

export default function ReviewersPage() {
  const page = useLoaderData<typeof loader>();
  return (
    <>
      <h2>Reviewers</h2>
      <ReportFilterBar values={page.values} options={page.choices} fieldErrors={page.ok ? {} : page.fieldErrors} label="Filter the reviewers" />
      {page.ok ? (
        <>
          {page.ownOnly ? <p className="muted">Your own figures, compared with everyone who scored on the same scorecards.</p> : null}
          <section aria-labelledby="reviewers-output-title">
            <h3 id="reviewers-output-title">Output</h3>
            <p className="muted">Per day: evaluations over the {page.days} days of the range up to today. Minutes to submit: the median from opening an evaluation to submitting it.</p>
            <ReportTable table={page.output} csvHref={page.csvHref} empty="No evaluations in this range. Widen the dates or clear a filter." />
          </section>
          <section aria-labelledby="reviewers-peers-title">
            <h3 id="reviewers-peers-title">Against peers on the same scorecard</h3>
            <p className="muted">
              The difference between a reviewer&apos;s mean score and everybody else&apos;s on the scorecard, with its 95% interval (Welch). Lenient or strict only when the interval
              lies wholly above or below 0.
            </p>
            <ReportTable table={page.peers} csvHref={page.peersCsvHref} empty="No evaluations to compare in this range." />
          </section>
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
