/**
 * "My coaching" (issue 15 §5): the agent's own coaching plans, active first, with whether they
 * have acknowledged each; a plan opens on its page, where the agent acknowledges it; sessions
 * (upcoming and past) and open action items open the session's page.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PlanList, planListRow } from "../components/coaching/plan-list";
import { sessionStateLabels } from "../components/coaching/plan-sessions";
import { RouteErrorBoundary } from "../components/error-page";
import { requireViewer } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { listCoachingPlans } from "../modules/coaching/list-plans.server";
import { listSessions } from "../modules/coaching/session-actions.server";
import { getOrganisation } from "../modules/users/get-organisation.server";
import { formatDateTime, formatLocalDate, localDateOf } from "../lib/time";

export const meta: MetaFunction = () => [{ title: "My coaching · Parley" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const now = new Date();
  const { timeZone } = await getOrganisation(db());
  const today = formatLocalDate(localDateOf(now, timeZone));
  const [plans, sessions] = await Promise.all([listCoachingPlans(db(), viewer, { agentId: viewer.id }, now), listSessions(db(), viewer, { agentId: viewer.id }, today)]);
  return {
    plans: plans.map(planListRow),
    toAcknowledge: plans.filter((p) => p.acknowledgedAt === null && p.status === "active").length,
    sessions: sessions.map((s) => ({
      id: s.id,
      when: formatDateTime(s.startsAt, timeZone),
      durationMinutes: s.durationMinutes,
      coachName: s.coachName,
      state: s.state,
      toAcknowledge: s.state === "held" && s.acknowledgedAt === null,
    })),
    items: sessions.flatMap((s) =>
      s.actionItems.filter((i) => i.doneAt === null && i.owner === "agent").map((i) => ({ id: i.id, text: i.text, dueOn: i.dueOn, overdue: i.overdue, sessionId: s.id })),
    ),
  };
}

export default function MyCoaching() {
  const { plans, toAcknowledge, sessions, items } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-header">
        <div>
          <h1>My coaching</h1>
          <p className="muted">Your coaching plans: what to work on, the evidence behind it, and how it is going.</p>
        </div>
      </div>
      {toAcknowledge > 0 ? (
        <p className="alert alert--info" role="status">
          {toAcknowledge === 1 ? "1 plan is waiting for your acknowledgement." : `${toAcknowledge} plans are waiting for your acknowledgement.`}
        </p>
      ) : null}
      {plans.length === 0 ? <p className="empty-state">You have no coaching plans.</p> : <PlanList plans={plans} caption="Your coaching plans" showAgent={false} />}
      <section aria-labelledby="my-sessions">
        <h2 id="my-sessions">Sessions</h2>
        {sessions.length === 0 ? (
          <p className="empty-state">No sessions yet.</p>
        ) : (
          <ul>
            {sessions.map((s) => (
              <li key={s.id}>
                <Link to={`/coaching/sessions/${s.id}`}>{s.when}</Link>, {s.durationMinutes} minutes with {s.coachName} <span className="badge">{sessionStateLabels[s.state]}</span>
                {s.toAcknowledge ? <span className="muted small"> · to acknowledge</span> : null}
                {s.state === "scheduled" ? (
                  <>
                    {" "}
                    <a href={`/coaching/sessions/${s.id}/calendar.ics`}>Add to calendar (.ics)</a>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="my-items">
        <h2 id="my-items">Your open action items</h2>
        {items.length === 0 ? (
          <p className="empty-state">No open action items.</p>
        ) : (
          <ul>
            {items.map((i) => (
              <li key={i.id}>
                <Link to={`/coaching/sessions/${i.sessionId}`}>{i.text}</Link>
                {i.dueOn ? ` (due ${i.dueOn})` : ""}
                {i.overdue ? <span className="badge badge--overdue"> Overdue</span> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
