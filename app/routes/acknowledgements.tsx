/**
 * Who has not acknowledged their feedback (issue 13 §3): QA leads and admins see every team,
 * supervisors their own teams' agents. Counts of all that wait and of the overdue ones, a
 * filter to the overdue, the longest waiting first, keyset-paged.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { dueCursorSchema, encodeDueCursor } from "../modules/assignments/due";
import { KeysetPager, keysetListErrorBoundary } from "../components/keyset-pager";
import { scoreText } from "../components/score-badge";
import { requirePermission } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { errorPage } from "../lib/errors.server";
import { formatDate, formatDateTime } from "../lib/time";
import { listUnacknowledged } from "../modules/feedback/list-unacknowledged.server";
import { getOrganisation } from "../modules/users/get-organisation.server";

export const meta: MetaFunction = () => [{ title: "Acknowledgements · Parley" }];

const PAGE_SIZE = 25;

const searchSchema = z.object({
  // The cursor of the due lists, (time, id): here the time the acknowledgement was asked.
  after: dueCursorSchema,
  show: z.enum(["all", "overdue"], { error: "Show either all or the overdue ones" }).optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "acknowledgements:oversee");
  const search = searchSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!search.success) throw errorPage("bad_request", search.error.issues[0]?.message ?? "The page link is malformed; go back to the first page");
  const { after, show } = search.data;
  const organisation = await getOrganisation(db());
  const tz = organisation.timeZone;
  const page = await listUnacknowledged(db(), viewer, {
    overdueOnly: show === "overdue",
    after: after ? { askedAt: after.dueAt, id: after.id } : undefined,
    limit: PAGE_SIZE,
    now: new Date(),
    timeZone: tz,
  });
  return {
    role: viewer.role,
    overdueOnly: show === "overdue",
    counts: page.counts,
    items: page.items.map((item) => ({
      evaluationId: item.evaluationId,
      agentName: item.agentName,
      teamName: item.teamName,
      scorecardName: item.scorecardName,
      reviewerName: item.reviewerName,
      result: scoreText(item),
      passed: item.passed && !item.autoFailed,
      askedAt: formatDateTime(item.askedAt, tz),
      // Due at the first instant of the next day: the last day is the one before it.
      dueDay: item.dueAt ? formatDate(new Date(item.dueAt.getTime() - 1), tz) : null,
      overdue: item.overdue,
      again: item.again,
    })),
    next: page.next ? encodeDueCursor({ dueAt: page.next.askedAt, id: page.next.id }) : null,
    isFirstPage: !after,
  };
}

export default function Acknowledgements() {
  const data = useLoaderData<typeof loader>();
  const scope = data.role === "supervisor" ? "of your teams’ agents" : "of every team";
  const show = data.overdueOnly ? "overdue" : "all";
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Acknowledgements</h1>
          <p className="muted">Released evaluations {scope} that wait for the agent’s acknowledgement, the longest waiting first.</p>
        </div>
      </div>
      <ul className="ack-counts" aria-label="Counts">
        <li>
          <strong>{data.counts.awaiting}</strong> not acknowledged
        </li>
        <li>
          <strong>{data.counts.overdue}</strong> overdue
        </li>
      </ul>
      <Form method="get" className="filters" aria-label="Filter">
        <div className="field">
          <label htmlFor="ack-show">Show</label>
          <select id="ack-show" name="show" defaultValue={show}>
            <option value="all">All not acknowledged ({data.counts.awaiting})</option>
            <option value="overdue">Overdue only ({data.counts.overdue})</option>
          </select>
        </div>
        <button type="submit" className="button">
          Apply
        </button>
      </Form>
      {data.items.length === 0 ? (
        <p className="empty-state">
          {!data.isFirstPage ? "No more." : data.overdueOnly ? "Nothing is overdue." : "Every agent has acknowledged the feedback asked of them."}
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{data.overdueOnly ? "Overdue acknowledgements" : "Not acknowledged"}, the longest waiting first</caption>
            <thead>
              <tr>
                <th scope="col">Agent</th>
                <th scope="col">Evaluation</th>
                <th scope="col">Result</th>
                <th scope="col">Asked</th>
                <th scope="col">Due</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((item) => (
                <tr key={item.evaluationId} className={item.overdue ? "row--overdue" : undefined}>
                  <td>
                    {item.agentName}
                    {item.teamName ? <span className="muted small block">{item.teamName}</span> : null}
                  </td>
                  <td>
                    <Link to={`/evaluations/${item.evaluationId}`}>{item.scorecardName}</Link>
                    <span className="muted small block">by {item.reviewerName}</span>
                  </td>
                  <td>
                    <span className={`badge badge--${item.passed ? "pass" : "fail"}`}>{item.result}</span>
                  </td>
                  <td>
                    {item.askedAt}
                    {item.again ? <span className="muted small block">Asked again after a correction</span> : null}
                  </td>
                  <td>
                    {item.dueDay ?? <span className="muted">Optional</span>}
                    {item.overdue ? <span className="badge badge--overdue block-badge">Overdue</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <KeysetPager
        firstHref={data.isFirstPage ? null : data.overdueOnly ? "?show=overdue" : "/acknowledgements"}
        nextHref={data.next ? `?${new URLSearchParams({ ...(data.overdueOnly ? { show: "overdue" } : {}), after: data.next }).toString()}` : null}
      />
    </>
  );
}

export const ErrorBoundary = keysetListErrorBoundary("/acknowledgements", "Go to the first page");
