/**
 * Scheduling a standalone one-on-one session (issue 15 §2, "on a plan or standalone"): with one
 * of the coach's agents, outside any plan (a plan's sessions are scheduled on its page). The
 * agent is notified; the new session's page opens. Only `coaching:manage` (supervisors, QA leads).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ScheduleSessionForm } from "../components/coaching/plan-sessions";
import { RouteErrorBoundary } from "../components/error-page";
import { requirePermission, requireViewer } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { rethrowAsErrorPage, runUseCase } from "../lib/errors.server";
import { readForm } from "../lib/forms.server";
import { getNewSessionForm } from "../modules/coaching/new-session-form.server";
import { scheduleCoachingSession } from "../modules/coaching/schedule-session.server";

export const meta: MetaFunction = () => [{ title: "Schedule a coaching session · Parley" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const agentId = new URL(request.url).searchParams.get("agent");
  return getNewSessionForm(db(), viewer, { agentId }, new Date()).catch((error: unknown) => rethrowAsErrorPage(error));
}

const actionSchema = z.object({ intent: z.literal("schedule"), agentId: z.string(), date: z.string(), time: z.string(), durationMinutes: z.string() });

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "coaching:manage");
  const form = await readForm(request, actionSchema);
  if (!form.ok) return form.response;
  const { agentId, date, time, durationMinutes } = form.input;
  const result = await runUseCase(form.form, () => scheduleCoachingSession(db(), viewer, { agentId, date, time, durationMinutes }, new Date()));
  if (!result.ok) return result.response;
  throw redirect(`/coaching/sessions/${result.value.id}?done=schedule`);
}

export default function NewSessionPage() {
  const { agents, agentId, today, timeZone } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  return (
    <>
      <p className="breadcrumb">
        <Link to="/coaching">Coaching</Link>
      </p>
      <h1>Schedule a standalone session</h1>
      <p className="muted">A one-on-one outside any plan. To schedule a session on a plan, open the plan.</p>
      {failure && !failure.ok ? (
        <p className="alert alert--error" role="alert">
          {failure.message}
        </p>
      ) : null}
      {agents.length === 0 ? <p className="empty-state">You coach no agents.</p> : <ScheduleSessionForm errors={failure && !failure.ok ? failure.fieldErrors : {}} today={today} timeZone={timeZone} agents={agents} agentId={agentId} />}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
