import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { RouteErrorBoundary } from "../components/error-page";
import { Stat } from "../components/sampling/sample-preview";
import { requirePermission } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { DomainError } from "../lib/errors";
import { formatDateTime } from "../lib/format";
import { httpError, rethrowAsHttp } from "../lib/http.server";
import {
  assignmentStatusLabels,
  describePeriod,
  describeQuota,
  describeTrigger,
  describeWindow,
  runStatusLabels,
  unassignedReasonLabels,
} from "../modules/sampling/describe-rule";
import { getSamplingRun, type SamplingRunDetail } from "../modules/sampling/get-sampling-run.server";
import { getOrganisation } from "../modules/users/get-organisation.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Run ${data.run.periodKey} of ${data.run.ruleName} · Parley` : "Sampling run · Parley" },
];

const NOT_FOUND = "There is no sampling run at this address. Its rule may have been deleted.";
const paramsSchema = z.object({ runId: z.uuid() });

async function loadRun(params: unknown): Promise<SamplingRunDetail> {
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw httpError(404, NOT_FOUND);
  try {
    return await getSamplingRun(db(), parsed.data.runId);
  } catch (error) {
    if (error instanceof DomainError && error.status === 404) throw httpError(404, NOT_FOUND);
    rethrowAsHttp(error);
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "sampling:manage");
  const [run, organisation] = await Promise.all([loadRun(params), getOrganisation(db())]);
  const tz = organisation.timeZone;
  return {
    timeZone: tz,
    run: {
      id: run.id,
      ruleId: run.ruleId,
      ruleName: run.ruleName,
      periodKey: run.periodKey,
      period: describePeriod(run.periodStart, run.periodEnd, tz),
      trigger: describeTrigger(run.trigger, run.startedByName),
      status: run.status,
      statusLabel: runStatusLabels[run.status],
      error: run.error,
      matched: run.matched,
      drawn: run.drawn,
      assigned: run.assigned,
      shortfall: run.shortfall,
      startedAt: formatDateTime(run.startedAt, tz),
      settings: `${describeWindow(run.settings.filters.window)} · ${describeQuota(run.settings.quota)} · due ${run.settings.dueInHours} h after the run`,
    },
    perAgent: run.perAgent,
    unassigned: run.unassigned.map((item) => ({ interactionId: item.interactionId, reason: unassignedReasonLabels[item.reason] ?? item.reason })),
    assignments: run.assignments.map((assignment) => ({
      id: assignment.id,
      interactionId: assignment.interactionId,
      agentName: assignment.agentName,
      reviewerName: assignment.reviewerName,
      status: assignmentStatusLabels[assignment.status],
      skipReason: assignment.skipReason,
      dueAt: formatDateTime(assignment.dueAt, tz),
    })),
  };
}

/** The end of a conversation's id: enough to tell rows apart, the link leads to the conversation. */
const shortId = (id: string) => `…${id.slice(-8)}`;

export default function SamplingRun() {
  const { run, perAgent, unassigned, assignments, timeZone } = useLoaderData<typeof loader>();
  const short = perAgent.filter((agent) => agent.shortfall > 0).length;
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/sampling/${run.ruleId}`}>{run.ruleName}</Link>
      </p>
      <div className="page-header">
        <div>
          <h1>
            Run {run.periodKey} <span className={`badge badge--${run.status}`}>{run.statusLabel}</span>
          </h1>
          <p className="muted">
            Rule <Link to={`/sampling/${run.ruleId}`}>{run.ruleName}</Link> · period {run.period} · {run.trigger} · {run.startedAt} ({timeZone})
          </p>
          <p className="muted small">Settings used: {run.settings}</p>
        </div>
      </div>
      {run.status === "failed" ? (
        <div className="alert alert--error" role="alert">
          <p>
            <strong>This run failed and assigned nothing.</strong>
          </p>
          <p className="run-error">{run.error ?? "No error was recorded."}</p>
          <p>Fix the cause, then press Run now on the rule: a new run of the same period draws what this one would have.</p>
        </div>
      ) : null}
      <dl className="stats sampling-stats">
        <Stat label="Matched" value={run.matched} />
        <Stat label="Drawn" value={run.drawn} />
        <Stat label="Assigned" value={run.assigned} />
        <Stat label="Shortfall" value={run.shortfall} warn={run.shortfall > 0} />
      </dl>

      <section aria-labelledby="agents-title" className="rule-page__section">
        <h2 id="agents-title">Per agent</h2>
        {short > 0 ? (
          <p>
            {short} {short === 1 ? "agent" : "agents"} had fewer matching conversations than the quota wants, marked “short” below.
          </p>
        ) : null}
        {perAgent.length === 0 ? (
          <p className="empty-state">No agent had conversations matching the rule in this period.</p>
        ) : (
          <div className="table-wrap">
            <table className="table sampling-table">
              <caption className="visually-hidden">Per agent, by name</caption>
              <thead>
                <tr>
                  <th scope="col">Agent</th>
                  <th scope="col" className="num">Matched</th>
                  <th scope="col" className="num">Already taken</th>
                  <th scope="col" className="num">Wanted</th>
                  <th scope="col" className="num">Drawn</th>
                  <th scope="col" className="num">Shortfall</th>
                </tr>
              </thead>
              <tbody>
                {perAgent.map((agent) => (
                  <tr key={agent.agentId} className={agent.shortfall > 0 ? "row--shortfall" : undefined}>
                    <th scope="row">{agent.agentName}</th>
                    <td className="num">{agent.matched}</td>
                    <td className="num">{agent.taken}</td>
                    <td className="num">{agent.wanted}</td>
                    <td className="num">{agent.drawn}</td>
                    <td className="num">{agent.shortfall > 0 ? <strong className="shortfall">{agent.shortfall} short</strong> : "0"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {unassigned.length > 0 ? (
        <section aria-labelledby="unassigned-title" className="rule-page__section">
          <h2 id="unassigned-title">Drawn but not assigned</h2>
          <p>These conversations were drawn but no reviewer could take them. Assign them by hand, or widen the reviewer pool or its caps.</p>
          <div className="table-wrap">
            <table className="table sampling-table">
              <caption className="visually-hidden">Drawn but not assigned</caption>
              <thead>
                <tr>
                  <th scope="col">Conversation</th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {unassigned.map((item) => (
                  <tr key={item.interactionId}>
                    <td>
                      <Link to={`/interactions/${item.interactionId}`} className="mono">
                        {shortId(item.interactionId)}
                      </Link>
                    </td>
                    <td>{item.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      <section aria-labelledby="assignments-title" className="rule-page__section">
        <h2 id="assignments-title">Assignments made</h2>
        {assignments.length === 0 ? (
          <p className="empty-state">
            {run.status === "failed" ? "The run failed, so nothing was assigned." : "This run assigned nothing: there was nothing new to draw."}
          </p>
        ) : (
          <div className="table-wrap">
            <table className="table sampling-table">
              <caption className="visually-hidden">Assignments made by this run, by agent</caption>
              <thead>
                <tr>
                  <th scope="col">Conversation</th>
                  <th scope="col">Agent</th>
                  <th scope="col">Reviewer</th>
                  <th scope="col">Status</th>
                  <th scope="col">Due</th>
                </tr>
              </thead>
              <tbody>
                {assignments.map((assignment) => (
                  <tr key={assignment.id}>
                    <td>
                      <Link to={`/interactions/${assignment.interactionId}`} className="mono">
                        {shortId(assignment.interactionId)}
                      </Link>
                    </td>
                    <td>{assignment.agentName}</td>
                    <td>{assignment.reviewerName}</td>
                    <td>
                      {assignment.status}
                      {assignment.skipReason ? <span className="muted small block">Skipped: {assignment.skipReason}</span> : null}
                    </td>
                    <td>{assignment.dueAt}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
