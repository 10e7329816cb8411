import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { RouteErrorBoundary } from "../components/error-page";
import { requirePermission } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { formatDateTime } from "../lib/time";
import {
  describeQuota,
  describeSchedule,
  runStatusLabels,
} from "../modules/sampling/describe-rule";
import { listSamplingRules } from "../modules/sampling/list-sampling-rules.server";
import { isScheduleOverdue } from "../modules/sampling/schedule";
import { getOrganisation } from "../modules/users/get-organisation.server";

export const meta: MetaFunction = () => [{ title: "Sampling rules · Parley" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "sampling:manage");
  const [organisation, rules] = await Promise.all([
    getOrganisation(db()),
    listSamplingRules(db(), viewer),
  ]);
  const tz = organisation.timeZone;
  const now = new Date();
  return {
    timeZone: tz,
    rules: rules.map((rule) => ({
      id: rule.id,
      name: rule.name,
      scorecardName: rule.scorecardName,
      active: rule.active,
      quota: describeQuota(rule.quota),
      schedule: describeSchedule(rule.schedule),
      reviewerCount: rule.reviewerCount,
      purpose: rule.purpose,
      nextRun: !rule.active
        ? "None while paused"
        : rule.schedule.kind === "manual"
          ? "Only when run by hand"
          : rule.nextRunAt
            ? formatDateTime(rule.nextRunAt, tz)
            : "Not scheduled",
      // The scheduler job is gone or the worker is down: the lead should know before a week goes unsampled.
      overdue: isScheduleOverdue(rule, now),
      lastRun: rule.lastRun
        ? {
            id: rule.lastRun.id,
            status: rule.lastRun.status,
            statusLabel: runStatusLabels[rule.lastRun.status],
            periodKey: rule.lastRun.periodKey,
            drawn: rule.lastRun.drawn,
            shortfall: rule.lastRun.shortfall,
            finishedAt: formatDateTime(rule.lastRun.finishedAt, tz),
          }
        : null,
    })),
  };
}

/** What the delete did, from the counts its redirect carries (sampling.$ruleId_.delete.tsx). */
function deletedMessage(params: URLSearchParams): string {
  const number = (name: string) => {
    const value = Number(params.get(name) ?? 0);
    return Number.isInteger(value) && value > 0 ? value : 0;
  };
  const cancelled = number("cancelled");
  const inProgress = number("inProgress");
  const parts = ["Sampling rule deleted."];
  if (cancelled > 0)
    parts.push(
      cancelled === 1
        ? "1 open assignment nobody had started was cancelled."
        : `${cancelled} open assignments nobody had started were cancelled.`,
    );
  if (inProgress > 0)
    parts.push(
      inProgress === 1
        ? "1 assignment already begun stays with its reviewer."
        : `${inProgress} assignments already begun stay with their reviewers.`,
    );
  if (cancelled + inProgress === 0) parts.push("No open work was affected.");
  return parts.join(" ");
}

export default function SamplingRules() {
  const { rules, timeZone } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const overdue = rules.filter((rule) => rule.overdue).length;
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Sampling rules</h1>
          <p className="muted">
            Rules pick conversations for review and put them in reviewers&apos;
            queues. Times in {timeZone}.
          </p>
        </div>
        <div className="page-header__actions">
          <Link to="/sampling/coverage" className="button">
            Coverage
          </Link>
          <Link to="/sampling/new" className="button button--primary">
            New rule
          </Link>
        </div>
      </div>
      {params.get("deleted") ? (
        <p className="alert alert--success" role="status">
          {deletedMessage(params)}
        </p>
      ) : null}
      {overdue > 0 ? (
        <div className="alert alert--shortfall" role="alert">
          <p>
            <strong>
              {overdue === 1 ? "One rule has" : `${overdue} rules have`} not run
              on schedule (marked “Overdue” below).
            </strong>{" "}
            Parley puts a missed run back in the queue within 15 minutes. If
            this warning stays, check that the background worker is running;
            meanwhile Run now on the rule samples its period by hand.
          </p>
        </div>
      ) : null}
      {rules.length === 0 ? (
        <div className="empty-state">
          <p>
            <strong>No sampling rules yet.</strong>
          </p>
          <p>
            A rule says which conversations to review (channels, teams, agents,
            queues, tags, a window such as the previous week), how many per
            agent, with which scorecard and by whom. It runs on a schedule or
            when you press Run now, and puts the drawn conversations in the
            reviewers&apos; queues.
          </p>
          <p>
            <Link to="/sampling/new" className="button button--primary">
              Create the first rule
            </Link>
          </p>
        </div>
      ) : (
        <div className="table-wrap">
          <table className="table sampling-table">
            <caption className="visually-hidden">
              Sampling rules, by name
            </caption>
            <thead>
              <tr>
                <th scope="col">Rule</th>
                <th scope="col">Scorecard</th>
                <th scope="col">Quota</th>
                <th scope="col">Schedule</th>
                <th scope="col">Next run</th>
                <th scope="col">Last run</th>
              </tr>
            </thead>
            <tbody>
              {rules.map((rule) => (
                <tr key={rule.id}>
                  <td>
                    <Link to={`/sampling/${rule.id}`}>{rule.name}</Link>
                    {rule.active ? null : (
                      <span className="badge badge--paused">Paused</span>
                    )}
                    <span className="muted small block">
                      {rule.purpose === "self"
                        ? "Self-evaluation by the agents"
                        : `${rule.reviewerCount} ${rule.reviewerCount === 1 ? "reviewer" : "reviewers"}`}
                    </span>
                  </td>
                  <td>{rule.scorecardName}</td>
                  <td>{rule.quota}</td>
                  <td>{rule.schedule}</td>
                  <td>
                    {rule.overdue ? (
                      <>
                        <span className="badge badge--overdue">
                          Overdue
                        </span>{" "}
                      </>
                    ) : null}
                    {rule.nextRun}
                  </td>
                  <td>
                    {rule.lastRun ? (
                      <>
                        <Link
                          to={`/sampling/runs/${rule.lastRun.id}`}
                          aria-label={`Run of ${rule.lastRun.periodKey}, ${rule.lastRun.statusLabel}`}
                        >
                          {rule.lastRun.periodKey}
                        </Link>{" "}
                        <span className={`badge badge--${rule.lastRun.status}`}>
                          {rule.lastRun.statusLabel}
                        </span>
                        <span className="small block">
                          {rule.lastRun.status === "failed" ? (
                            "Nothing assigned; the run page says why"
                          ) : (
                            <>
                              {rule.lastRun.drawn} drawn
                              {rule.lastRun.shortfall > 0 ? (
                                <strong className="shortfall">
                                  {" "}
                                  · {rule.lastRun.shortfall} short
                                </strong>
                              ) : (
                                " · no shortfall"
                              )}
                            </>
                          )}
                        </span>
                        <span className="muted small block">
                          {rule.lastRun.finishedAt}
                        </span>
                      </>
                    ) : (
                      <span className="muted">Never run</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
