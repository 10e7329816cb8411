/**
 * The drill-down (issue 14 §3): the evaluations behind a report's number, with the report's
 * filters plus question, reviewer and outcome (list-report-evaluations.server.ts says what
 * each means), scoped like the figures, newest first, keyset-paged. Its count is the number's n.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { KeysetPager, keysetListErrorBoundary } from "../components/keyset-pager";
import { scoreText } from "../components/score-badge";
import { requirePermission } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { rethrowAsErrorPage } from "../lib/errors.server";
import { formatDateTime } from "../lib/time";
import { encodeDrillCursor, listReportEvaluations, parseDrillDown, type DrillDownQuery } from "../modules/reports/list-report-evaluations.server";
import { DRILL_DOWN_PATH, reportHref } from "../modules/reports/report-filters";
import { getOrganisation } from "../modules/users/get-organisation.server";

export const meta: MetaFunction = () => [{ title: "Evaluations behind a figure · Reports · Parley" }];

const PAGE_SIZE = 50;

const outcomeWords: Record<string, string> = {
  pass: "passed",
  fail: "failed",
  autofail: "auto-failed",
  na: "answered N/A",
  answered: "answered (not N/A)",
};

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "reports:view");
  const params = new URL(request.url).searchParams;
  const { timeZone } = await getOrganisation(db());
  let query: DrillDownQuery;
  try {
    query = parseDrillDown(params, { now: new Date(), timeZone });
  } catch (error) {
    rethrowAsErrorPage(error);
  }
  const page = await listReportEvaluations(db(), viewer, query, { limit: PAGE_SIZE }).catch((error: unknown) => rethrowAsErrorPage(error));
  const extra = { question: query.question, reviewer: query.reviewerId, outcome: query.outcome };
  const { filters } = query;
  const describe = [
    `${filters.from} to ${filters.to} by ${filters.dateBasis} date`,
    query.question ? `question ${query.question}` : null,
    query.outcome ? outcomeWords[query.outcome] : null,
  ].filter(Boolean);
  return {
    total: page.total,
    description: describe.join(", "),
    hasQuestion: query.question !== undefined,
    items: page.items.map((item) => ({
      ...item,
      conversationAt: formatDateTime(item.conversationAt, timeZone),
      reviewedAt: formatDateTime(item.reviewedAt, timeZone),
    })),
    firstHref: query.after ? reportHref(DRILL_DOWN_PATH, filters, extra) : null,
    nextHref: page.next ? reportHref(DRILL_DOWN_PATH, filters, { ...extra, after: encodeDrillCursor(page.next) }) : null,
    overviewHref: reportHref("/reports", filters),
  };
}

export default function DrillDown() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <h2>Evaluations behind the figure</h2>
      <p>
        <strong data-testid="drill-down-total">{data.total === 1 ? "1 evaluation" : `${data.total} evaluations`}</strong>: {data.description}.{" "}
        <Link to={data.overviewHref}>Back to the overview</Link>
      </p>
      {data.items.length === 0 ? (
        <p className="empty-state">{data.firstHref ? "No more evaluations." : "No evaluations match these filters."}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Evaluations behind the figure, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Conversation</th>
                <th scope="col">Agent</th>
                <th scope="col">Scorecard</th>
                <th scope="col">Reviewer</th>
                <th scope="col" className="num">
                  Score
                </th>
                {data.hasQuestion ? (
                  <th scope="col" className="num">
                    Question q
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {data.items.map((item) => (
                <tr key={item.evaluationId}>
                  <td>
                    <Link to={`/evaluations/${item.evaluationId}`}>{item.conversationAt}</Link>
                    <span className="muted small block">Reviewed {item.reviewedAt}</span>
                  </td>
                  <td>
                    {item.agentName}
                    {item.teamName ? <span className="muted small block">{item.teamName}</span> : null}
                  </td>
                  <td>{item.scorecardName}</td>
                  <td>{item.reviewerName}</td>
                  <td className="num">
                    {scoreText(item)}
                  </td>
                  {data.hasQuestion ? <td className="num">{item.questionQ === null || item.questionQ === undefined ? "N/A" : item.questionQ.toFixed(2)}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <KeysetPager firstHref={data.firstHref} nextHref={data.nextHref} />
    </>
  );
}

export const ErrorBoundary = keysetListErrorBoundary(DRILL_DOWN_PATH, "Go to the first page");
