/**
 * "My coaching" (issue 15 §5): the agent's own coaching plans, active first, with whether they
 * have acknowledged each; a plan opens on its page, where the agent acknowledges it. Sessions
 * and action items join this page when sessions are built.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { PlanList, planListRow } from "../components/coaching/plan-list";
import { RouteErrorBoundary } from "../components/error-page";
import { requireViewer } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { listCoachingPlans } from "../modules/coaching/list-plans.server";

export const meta: MetaFunction = () => [{ title: "My coaching · Parley" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const plans = await listCoachingPlans(db(), viewer, { agentId: viewer.id }, new Date());
  return { plans: plans.map(planListRow), toAcknowledge: plans.filter((p) => p.acknowledgedAt === null && p.status === "active").length };
}

export default function MyCoaching() {
  const { plans, toAcknowledge } = useLoaderData<typeof loader>();
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
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
