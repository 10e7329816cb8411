/**
 * The disputes queue (issue 13 §6): every dispute the viewer may see (arbiters all, a reviewer
 * those of their own work, a supervisor their teams', an agent their own), oldest due first,
 * keyset-paged; filters by status, overdue, scorecard, reviewer ("My work"), team. Overdue ones
 * are flagged.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { KeysetPager, keysetListErrorBoundary } from "../components/keyset-pager";
import { requireViewer } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { errorPage } from "../lib/errors.server";
import { formatDateTime } from "../lib/time";
import { dueCursorSchema, encodeDueCursor } from "../modules/assignments/due";
import { disputeStateLabels, disputeStatusFilters } from "../modules/disputes/dispute-states";
import { listDisputeFilterOptions, listDisputes } from "../modules/disputes/list-disputes.server";
import { getOrganisation } from "../modules/users/get-organisation.server";

export const meta: MetaFunction = () => [{ title: "Disputes · Parley" }];

const PAGE_SIZE = 25;
const optionalId = z.preprocess((value) => (value === "" ? undefined : value), z.uuid({ error: "That filter is not one of the list's; go back to the first page" }).optional());
const searchSchema = z.object({
  after: dueCursorSchema,
  status: z.enum(disputeStatusFilters, { error: "Choose a status from the list" }).optional().default("active"),
  overdue: z.enum(["1"]).optional(),
  mine: z.enum(["1"]).optional(),
  scorecard: optionalId,
  reviewer: optionalId,
  team: optionalId,
});

const statusLabels: Record<(typeof disputeStatusFilters)[number], string> = {
  active: "Waiting for a decision",
  decided: "Decided",
  closed: "Declined or withdrawn",
  all: "All",
  ...disputeStateLabels,
};

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const url = new URL(request.url);
  const search = searchSchema.safeParse(Object.fromEntries(url.searchParams));
  if (!search.success) throw errorPage("bad_request", search.error.issues[0]?.message ?? "The page link is malformed; go back to the first page");
  const s = search.data;
  const now = new Date();
  const [organisation, options, page] = await Promise.all([
    getOrganisation(db()),
    listDisputeFilterOptions(db(), viewer),
    listDisputes(db(), viewer, {
      status: s.status,
      overdueOnly: s.overdue === "1",
      scorecardId: s.scorecard,
      reviewerId: s.mine === "1" ? viewer.id : s.reviewer,
      teamId: s.team,
      after: s.after,
      limit: PAGE_SIZE,
      now,
    }),
  ]);
  const tz = organisation.timeZone;
  const filters = new URLSearchParams(url.searchParams);
  filters.delete("after");
  return {
    filters: { status: s.status, overdue: s.overdue === "1", mine: s.mine === "1", scorecard: s.scorecard ?? "", reviewer: s.reviewer ?? "", team: s.team ?? "" },
    options,
    reviews: viewer.role === "qa" || viewer.role === "qa_lead",
    items: page.items.map((item) => ({
      id: item.id,
      state: disputeStateLabels[item.state],
      stateKey: item.state,
      overdue: item.overdue,
      dueAt: formatDateTime(item.dueAt, tz),
      raisedAt: formatDateTime(item.raisedAt, tz),
      agentName: item.agentName,
      reviewerName: item.reviewerName,
      raisedByName: item.raisedByName,
      takenByName: item.takenByName,
      scorecardName: item.scorecardName,
      questionCount: item.questionCount,
    })),
    firstHref: s.after ? `?${filters.toString()}` : null,
    nextHref: page.next ? `?${new URLSearchParams([...filters.entries(), ["after", encodeDueCursor(page.next)]]).toString()}` : null,
    isFirstPage: !s.after,
  };
}

export default function Disputes() {
  const data = useLoaderData<typeof loader>();
  const { filters, options } = data;
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Disputes</h1>
          <p className="muted">Disputes you may see, the oldest due first. Overdue ones are flagged.</p>
        </div>
      </div>
      <Form method="get" className="filters" aria-label="Filter disputes">
        <div className="field">
          <label htmlFor="disputes-status">Status</label>
          <select id="disputes-status" name="status" defaultValue={filters.status}>
            {disputeStatusFilters.map((status) => (
              <option key={status} value={status}>
                {statusLabels[status]}
              </option>
            ))}
          </select>
        </div>
        <FilterSelect id="disputes-scorecard" name="scorecard" label="Scorecard" value={filters.scorecard} options={options.scorecards} />
        <FilterSelect id="disputes-reviewer" name="reviewer" label="Reviewer" value={filters.reviewer} options={options.reviewers} />
        <FilterSelect id="disputes-team" name="team" label="Team" value={filters.team} options={options.teams} />
        <div className="field field--checkbox">
          <input id="disputes-overdue" type="checkbox" name="overdue" value="1" defaultChecked={filters.overdue} />
          <label htmlFor="disputes-overdue">Overdue only</label>
        </div>
        {data.reviews ? (
          <div className="field field--checkbox">
            <input id="disputes-mine" type="checkbox" name="mine" value="1" defaultChecked={filters.mine} />
            <label htmlFor="disputes-mine">My work (evaluations I scored)</label>
          </div>
        ) : null}
        <button type="submit" className="button">
          Apply
        </button>
      </Form>
      {data.items.length === 0 ? (
        <p className="empty-state">{data.isFirstPage ? "No disputes match these filters." : "No more disputes."}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Disputes, the oldest due first</caption>
            <thead>
              <tr>
                <th scope="col">Agent</th>
                <th scope="col">Evaluation</th>
                <th scope="col">Status</th>
                <th scope="col">Raised</th>
                <th scope="col">Due</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((item) => (
                <tr key={item.id} className={item.overdue ? "row--overdue" : undefined}>
                  <td>
                    <Link to={`/disputes/${item.id}`}>{item.agentName}</Link>
                    <span className="muted small block">
                      {item.questionCount === 1 ? "1 question" : `${item.questionCount} questions`}
                    </span>
                  </td>
                  <td>
                    {item.scorecardName}
                    <span className="muted small block">by {item.reviewerName}</span>
                  </td>
                  <td>
                    <span className={`badge badge--dispute-${item.stateKey}`}>{item.state}</span>
                    {item.takenByName ? <span className="muted small block">{item.takenByName}</span> : null}
                  </td>
                  <td>
                    {item.raisedAt}
                    {item.raisedByName !== item.agentName ? <span className="muted small block">by {item.raisedByName}</span> : null}
                  </td>
                  <td>
                    {item.dueAt}
                    {item.overdue ? <span className="badge badge--overdue block-badge">Overdue</span> : null}
                  </td>
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

/** A filter among the disputes' own scorecards, reviewers or teams; shown only when there is a choice. */
function FilterSelect({ id, name, label, value, options }: { id: string; name: string; label: string; value: string; options: { id: string; name: string }[] }) {
  if (options.length < 2) return null;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value}>
        <option value="">Any</option>
        {options.map((option) => (
          <option key={option.id} value={option.id}>
            {option.name}
          </option>
        ))}
      </select>
    </div>
  );
}

export const ErrorBoundary = keysetListErrorBoundary("/disputes", "Go to the first page");
