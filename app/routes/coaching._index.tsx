/**
 * The team coaching page (issue 15 §4): plans active (overdue flagged) and recently closed,
 * the criteria most coached with how their measured effects fell, and a way to start a plan
 * for one of the coach's agents, with the sessions held this month and the overdue action
 * items. Supervisors see their teams', QA leads and admins everyone's.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { PlanList, planListRow } from "../components/coaching/plan-list";
import { RouteErrorBoundary } from "../components/error-page";
import { requireViewer } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { errorPage } from "../lib/errors.server";
import { can } from "../modules/access/permissions";
import { listCoachableAgents } from "../modules/coaching/coaching-options.server";
import { getTeamCoaching } from "../modules/coaching/team-coaching.server";

export const meta: MetaFunction = () => [{ title: "Coaching · Parley" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  if (!can(viewer, "coaching:oversee")) throw errorPage("forbidden", "Coaching is run by supervisors and QA leads. Your own plans are under My coaching.");
  const now = new Date();
  const [coaching, agents] = await Promise.all([getTeamCoaching(db(), viewer, {}, now), listCoachableAgents(db(), viewer)]);
  return {
    active: coaching.active.map(planListRow),
    overdue: coaching.overdue,
    heldThisMonth: coaching.heldThisMonth,
    overdueItems: coaching.overdueItems,
    closed: coaching.recentlyClosed.map(planListRow),
    criteria: coaching.criteria,
    agents: can(viewer, "coaching:manage") ? agents : [],
  };
}

export default function CoachingPage() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Coaching</h1>
          <p className="muted">
            {data.active.length === 1 ? "1 active plan" : `${data.active.length} active plans`}
            {data.overdue > 0 ? `, ${data.overdue} overdue` : ""}; {data.heldThisMonth === 1 ? "1 session" : `${data.heldThisMonth} sessions`} held this month;{" "}
            {data.overdueItems === 1 ? "1 action item" : `${data.overdueItems} action items`} overdue.
          </p>
        </div>
      </div>
      {data.agents.length > 0 ? (
        <Form method="get" action="/coaching/plans/new" className="inline-form coaching-inline" aria-label="Start a coaching plan">
          <div className="field">
            <label htmlFor="coaching-agent">Start a coaching plan for</label>
            <select id="coaching-agent" name="agent" required>
              {data.agents.map((agent) => (
                <option key={agent.id} value={agent.id}>
                  {agent.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button button--primary">
            Start a plan
          </button>
          <Link to="/coaching/sessions/new">Schedule a standalone session</Link>
        </Form>
      ) : null}
      <section aria-labelledby="active-plans">
        <h2 id="active-plans">Active plans</h2>
        {data.active.length === 0 ? <p className="empty-state">No active coaching plans.</p> : <PlanList plans={data.active} caption="Active coaching plans, the earliest due first" showAgent />}
      </section>
      <section aria-labelledby="coached-criteria">
        <h2 id="coached-criteria">Criteria most coached</h2>
        <p className="muted">
          Each plan’s effect is its agent’s change on the criterion minus the change of the team’s uncoached agents over the same weeks, with a 95 % interval.
          A plan counts as improved only when its whole interval is above zero.
        </p>
        {data.criteria.length === 0 ? (
          <p className="empty-state">No criteria coached yet.</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Criteria most coached and how their plans’ effects fell</caption>
              <thead>
                <tr>
                  <th scope="col">Criterion</th>
                  <th scope="col" className="num">
                    Plans
                  </th>
                  <th scope="col" className="num">
                    Improved beyond peers
                  </th>
                  <th scope="col" className="num">
                    Unclear
                  </th>
                  <th scope="col" className="num">
                    Worse than peers
                  </th>
                  <th scope="col" className="num">
                    Too few evaluations yet
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.criteria.map((c) => (
                  <tr key={c.questionKey}>
                    <th scope="row">{c.prompt}</th>
                    <td className="num">{c.plans}</td>
                    <td className="num">{c.improved}</td>
                    <td className="num">{c.unclear}</td>
                    <td className="num">{c.worse}</td>
                    <td className="num">{c.notYet}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="closed-plans">
        <h2 id="closed-plans">Recently closed</h2>
        {data.closed.length === 0 ? <p className="empty-state">No completed or cancelled plans yet.</p> : <PlanList plans={data.closed} caption="Recently completed or cancelled plans" showAgent />}
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
