import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  Link,
  isRouteErrorResponse,
  useActionData,
  useLoaderData,
  useLocation,
  useNavigate,
  useNavigation,
  useRouteError,
  useSearchParams,
} from "@remix-run/react";
import type { FormEvent } from "react";
import { z } from "zod";
import { DueCell } from "../components/assignments/due-cell";
import { dueCursorSchema, dueView, encodeDueCursor } from "../components/assignments/due";
import { ReassignForm } from "../components/assignments/reassign-form";
import { WorkloadTable } from "../components/assignments/workload-table";
import { RouteErrorBoundary } from "../components/error-page";
import { requirePermission } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { readForm } from "../lib/forms.server";
import { httpError, runUseCase } from "../lib/http.server";
import { assignmentsDashboard, listOpenAssignments } from "../modules/assignments/assignments-dashboard.server";
import { reassignAssignment } from "../modules/assignments/reassign-assignment.server";
import { listReviewers } from "../modules/sampling/rule-form-options.server";
import { getOrganisation } from "../modules/users/get-organisation.server";

export const meta: MetaFunction = () => [{ title: "Assignments · Parley" }];

const PAGE_SIZE = 25;

/** HTML forms send "" for an untouched field: that means "no filter", not a bad value. */
const blankAsAbsent = (value: unknown) => (value === "" ? undefined : value);
const searchSchema = z.object({
  reviewer: z.preprocess(blankAsAbsent, z.uuid({ error: "Reviewer: choose a reviewer from the list" }).optional()),
  rule: z.preprocess(blankAsAbsent, z.uuid({ error: "Rule: choose a rule from the list" }).optional()),
  overdue: z.preprocess(blankAsAbsent, z.literal("1", { error: "Overdue only: tick the box or leave it empty" }).optional()),
  after: dueCursorSchema,
});

const actionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("reassign"),
      assignmentId: z.uuid({ error: "This assignment could not be found; reload the page" }),
      reviewerId: z.uuid({ error: "Choose a reviewer" }),
    }),
  ],
  { error: "Unknown action; reload the page" },
);

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "assignments:manage");
  const search = searchSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!search.success) {
    const messages = [...new Set(search.error.issues.map((issue) => issue.message))];
    throw httpError(400, `These filters cannot be used. ${messages.join(". ")}.`);
  }
  const { reviewer, rule, overdue, after } = search.data;
  const [organisation, dashboard, page, reviewers] = await Promise.all([
    getOrganisation(db()),
    assignmentsDashboard(db()),
    listOpenAssignments(db(), { reviewerId: reviewer, ruleId: rule, overdueOnly: overdue === "1", after, limit: PAGE_SIZE }),
    listReviewers(db()),
  ]);
  const tz = organisation.timeZone;
  const now = new Date();
  const ruleOptions = dashboard.perRule.flatMap((row) => (row.id ? [{ id: row.id, name: row.name }] : []));
  const reviewerOptions = dashboard.perReviewer.flatMap((row) => (row.id ? [{ id: row.id, name: row.name }] : []));
  return {
    timeZone: tz,
    perReviewer: dashboard.perReviewer.map((row) => ({
      key: row.id ?? "none",
      name: row.name,
      href: row.id ? `?reviewer=${row.id}` : null,
      open: row.open,
      overdue: row.overdue,
      done: row.done,
      skipped: row.skipped,
    })),
    perRule: dashboard.perRule.map((row) => ({
      key: row.id ?? "manual",
      // Work assigned by hand from an interaction page has no rule.
      name: row.id ? row.name : "Manual",
      href: row.id ? `?rule=${row.id}` : null,
      open: row.open,
      overdue: row.overdue,
      done: row.done,
      skipped: row.skipped,
    })),
    filters: { reviewer: reviewer ?? "", rule: rule ?? "", overdue: overdue === "1" },
    options: {
      reviewers: reviewerOptions,
      // A rule from a shared link stays selectable even when it has no work right now.
      rules: rule && !ruleOptions.some((option) => option.id === rule) ? [...ruleOptions, { id: rule, name: "A rule with no recent work" }] : ruleOptions,
    },
    reviewers,
    items: page.items.map((item) => ({
      id: item.id,
      interactionId: item.interactionId,
      agentName: item.agentName,
      reviewerId: item.reviewerId,
      reviewerName: item.reviewerName,
      scorecardName: item.scorecardName,
      ruleName: item.ruleName,
      due: dueView(item.dueAt, now, tz),
    })),
    next: page.next ? encodeDueCursor(page.next) : null,
    isFirstPage: !after,
    filtered: Boolean(reviewer || rule || overdue),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "assignments:manage");
  const form = await readForm(request, actionSchema);
  if (!form.ok) return form.response;
  const input = form.input;
  const result = await runUseCase(form.form, () => reassignAssignment(db(), viewer, input.assignmentId, input.reviewerId));
  if (!result.ok) return result.response;
  const reviewer = (await listReviewers(db())).find((option) => option.id === input.reviewerId);
  return { ok: true as const, message: `Reassigned to ${reviewer?.name ?? "the chosen reviewer"}. It is in their queue now.` };
}

export default function Assignments() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const location = useLocation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const failure = result && !result.ok ? result : null;
  const failedRow = failure?.values.assignmentId;
  const rowFailure = (id: string) =>
    failure && failedRow === id ? { message: failure.fieldErrors.reviewerId ?? failure.message, reviewerId: failure.values.reviewerId ?? "" } : null;
  const failureInRow = failure && data.items.some((item) => item.id === failedRow);
  const submittingRow = navigation.state === "submitting" ? navigation.formData?.get("assignmentId") : null;

  const nextParams = new URLSearchParams(params);
  if (data.next) nextParams.set("after", data.next);
  const firstParams = new URLSearchParams(params);
  firstParams.delete("after");
  const firstSearch = firstParams.toString();

  // A shareable URL holds only the filters that are set (without JavaScript the form
  // still works: empty fields mean "no filter").
  function submitFilters(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const search = new URLSearchParams();
    for (const [name, value] of new FormData(event.currentTarget)) {
      if (typeof value === "string" && value !== "") search.set(name, value);
    }
    const query = search.toString();
    navigate(query ? `?${query}` : "/assignments");
  }

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Assignments</h1>
          <p className="muted">
            Review work across the team. Done and skipped count the last 7 days; times in {data.timeZone}.
          </p>
        </div>
      </div>
      {result?.ok ? (
        <p className="alert alert--success" role="status">
          {result.message}
        </p>
      ) : null}
      {failure ? (
        <p className="alert alert--error" role="alert">
          {failureInRow ? `Not reassigned: ${failure.fieldErrors.reviewerId ?? failure.message}` : failure.message}
        </p>
      ) : null}

      <div className="workload-grid">
        <section aria-labelledby="per-reviewer-title">
          <h2 id="per-reviewer-title">Per reviewer</h2>
          {data.perReviewer.length === 0 ? (
            <p className="empty-state">There are no QA specialists or QA leads yet. Add them under Users.</p>
          ) : (
            <WorkloadTable caption="Work per reviewer" heading="Reviewer" rows={data.perReviewer} />
          )}
        </section>
        <section aria-labelledby="per-rule-title">
          <h2 id="per-rule-title">Per rule</h2>
          {data.perRule.length === 0 ? (
            <p className="empty-state">No work is open, and none was done or skipped in the last 7 days.</p>
          ) : (
            <WorkloadTable caption="Work per sampling rule; Manual is work assigned by hand" heading="Rule" rows={data.perRule} />
          )}
        </section>
      </div>

      <section aria-labelledby="open-title" className="open-assignments">
        <h2 id="open-title">Open assignments</h2>
        {/* Keyed by the URL so the fields show the filters in force after every navigation. */}
        <Form key={location.search} method="get" className="filter-form" aria-label="Filter open assignments" onSubmit={submitFilters}>
          <div className="filter-form__fields">
            <div className="field">
              <label htmlFor="filter-reviewer">Reviewer</label>
              <select id="filter-reviewer" name="reviewer" defaultValue={data.filters.reviewer}>
                <option value="">All reviewers</option>
                {data.options.reviewers.map((reviewer) => (
                  <option key={reviewer.id} value={reviewer.id}>
                    {reviewer.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="filter-rule">Rule</label>
              <select id="filter-rule" name="rule" defaultValue={data.filters.rule}>
                <option value="">All rules and manual</option>
                {data.options.rules.map((rule) => (
                  <option key={rule.id} value={rule.id}>
                    {rule.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field field--checkbox">
              <label className="check" htmlFor="filter-overdue">
                <input id="filter-overdue" type="checkbox" name="overdue" value="1" defaultChecked={data.filters.overdue} />
                Overdue only
              </label>
            </div>
          </div>
          <div className="filter-form__actions">
            <button type="submit" className="button button--primary">
              Apply filters
            </button>
            {data.filtered ? <Link to="/assignments">Clear filters</Link> : null}
          </div>
        </Form>

        {data.items.length === 0 ? (
          <div className="empty-state" role="status">
            {!data.isFirstPage ? (
              <p>There are no more open assignments after the previous page.</p>
            ) : data.filtered ? (
              <>
                <p>No open assignments match these filters.</p>
                <p>
                  <Link to="/assignments">Clear the filters</Link>
                </p>
              </>
            ) : (
              <>
                <p>
                  <strong>No open assignments</strong>
                </p>
                <p>Work appears here when a sampling rule runs, or when you assign a conversation from its page.</p>
              </>
            )}
          </div>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Open assignments, due soonest first</caption>
              <thead>
                <tr>
                  <th scope="col">Due</th>
                  <th scope="col">Agent</th>
                  <th scope="col">Scorecard</th>
                  <th scope="col">Rule</th>
                  <th scope="col">Reviewer</th>
                  <th scope="col">Reassign</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((item) => (
                  <tr key={item.id} className={item.due.overdue ? "row--overdue" : undefined}>
                    <td>
                      <DueCell due={item.due} />
                    </td>
                    <td>
                      <Link to={`/interactions/${item.interactionId}`}>{item.agentName}</Link>
                    </td>
                    <td>{item.scorecardName}</td>
                    <td>{item.ruleName ?? <span className="muted">Manual</span>}</td>
                    <td>{item.reviewerName}</td>
                    <td>
                      <ReassignForm
                        key={`${item.id}-${item.reviewerId}`}
                        assignmentId={item.id}
                        reviewerId={item.reviewerId}
                        agentName={item.agentName}
                        reviewers={data.reviewers}
                        failure={rowFailure(item.id)}
                        submitting={submittingRow === item.id}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <nav className="pager" aria-label="Pages">
          {!data.isFirstPage ? <Link to={firstSearch ? `?${firstSearch}` : "/assignments"}>First page</Link> : null}
          {data.next ? (
            <Link to={`?${nextParams.toString()}`} rel="next">
              Next page
            </Link>
          ) : null}
        </nav>
      </section>
    </>
  );
}

/** Bad filters answer 400 with what is wrong; the way out is the unfiltered page. */
export function ErrorBoundary() {
  const error = useRouteError();
  return (
    <>
      <RouteErrorBoundary />
      {isRouteErrorResponse(error) && error.status === 400 ? (
        <p className="error-page__extra">
          <Link to="/assignments">Show all open assignments</Link>
        </p>
      ) : null}
    </>
  );
}
