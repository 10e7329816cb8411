import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Link,
  isRouteErrorResponse,
  useLoaderData,
  useLocation,
  useRouteError,
} from "@remix-run/react";
import { z } from "zod";
import { purposeOf } from "../modules/sampling/sampling-rule.schema";
import { RouteErrorBoundary } from "../components/error-page";
import { RunAgentsSection } from "../components/sampling/run-agents-table";
import { RunAssignmentsSection } from "../components/sampling/run-assignments-table";
import { Stat } from "../components/sampling/sample-preview";
import { requirePermission } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { channelLabels } from "../lib/format";
import { formatDateTime } from "../lib/time";
import { errorPage, rethrowAsErrorPage } from "../lib/errors.server";
import {
  assignmentStatusLabels,
  describePeriod,
  describeQuota,
  describeTrigger,
  describeWindow,
  runStatusLabels,
  unassignedReasonLabels,
} from "../modules/sampling/describe-rule";
import {
  getSamplingRun,
  type SamplingRunDetail,
} from "../modules/sampling/get-sampling-run.server";
import { listRunAgents } from "../modules/sampling/list-run-agents.server";
import { listRunAssignments } from "../modules/sampling/list-run-assignments.server";
import { listScoreBadges } from "../modules/feedback/list-score-badges.server";
import { getOrganisation } from "../modules/users/get-organisation.server";
import { getUser } from "../modules/users/list-users.server";
import type { Viewer } from "../modules/users/roles";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `Run ${data.run.periodKey} of ${data.run.ruleName} · Parley`
      : "Sampling run · Parley",
  },
];

/** Rows per page of each list: a run of 1,000 agents × 5 is 20 pages of agents and 100 of assignments. */
const RUN_PAGE_SIZE = 50;

const NOT_FOUND =
  "There is no sampling run at this address. Its rule may have been deleted.";
const paramsSchema = z.object({ runId: z.uuid() });
const MALFORMED = "The page link is malformed; go back to the first page";
/** HTML forms and hand-edited links send "" for "none". */
const blankAsAbsent = (value: unknown) => (value === "" ? undefined : value);
const searchSchema = z.object({
  short: z.preprocess(
    blankAsAbsent,
    z
      .literal("1", { error: "Only agents short: use 1 or leave it out" })
      .optional(),
  ),
  agentsAfter: z.preprocess(
    blankAsAbsent,
    z.uuid({ error: MALFORMED }).optional(),
  ),
  agent: z.preprocess(
    blankAsAbsent,
    z.uuid({ error: "Agent: choose an agent from the table" }).optional(),
  ),
  after: z.preprocess(blankAsAbsent, z.uuid({ error: MALFORMED }).optional()),
});

async function loadRun(
  viewer: Viewer,
  params: unknown,
): Promise<SamplingRunDetail> {
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw errorPage("not_found", NOT_FOUND);
  try {
    return await getSamplingRun(db(), viewer, parsed.data.runId);
  } catch (error) {
    rethrowAsErrorPage(error, { notFound: NOT_FOUND });
  }
}

/** A conversation as people name it: "Call with Robin Vale", "Chat with a customer". */
function conversationName(
  channel: keyof typeof channelLabels,
  customerName: string | null,
): string {
  return `${channelLabels[channel]} with ${customerName ?? "a customer"}`;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "sampling:manage");
  const search = searchSchema.safeParse(
    Object.fromEntries(new URL(request.url).searchParams),
  );
  if (!search.success)
    throw errorPage(
      "bad_request",
      [...new Set(search.error.issues.map((issue) => issue.message))].join(
        ". ",
      ),
    );
  const { short, agentsAfter, agent, after } = search.data;
  const run = await loadRun(viewer, params);
  const [organisation, agents, assignments, agentUser] = await Promise.all([
    getOrganisation(db()),
    listRunAgents(db(), viewer, run.id, {
      shortOnly: short === "1",
      after: agentsAfter,
      limit: RUN_PAGE_SIZE,
    }),
    listRunAssignments(db(), viewer, run.id, {
      agentId: agent,
      after,
      limit: RUN_PAGE_SIZE,
    }),
    agent ? getUser(db(), viewer, agent) : null,
  ]);
  const tz = organisation.timeZone;
  const scores = await listScoreBadges(
    db(),
    viewer,
    assignments.items.map((assignment) => assignment.interactionId),
  );
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
      selfEvaluation: purposeOf(run.settings) === "self",
      shortfall: run.shortfall,
      startedAt: formatDateTime(run.startedAt, tz),
      settings: `${describeWindow(run.settings.filters.window)} · ${describeQuota(run.settings.quota)} · due ${run.settings.dueInHours} h after the run`,
      agentCount: run.agentCount,
      agentsShort: run.agentsShort,
    },
    agents: {
      items: agents.items,
      next: agents.next,
      isFirstPage: !agentsAfter,
      shortOnly: short === "1",
    },
    unassigned: run.unassigned.map((item) => ({
      interactionId: item.interactionId,
      conversation: item.channel
        ? conversationName(item.channel, item.customerName)
        : "A conversation deleted since",
      startedAt: item.startedAt ? formatDateTime(item.startedAt, tz) : "—",
      agentName: item.agentName ?? "—",
      reason: unassignedReasonLabels[item.reason] ?? item.reason,
    })),
    unassignedCount: run.unassignedCount,
    assignments: {
      items: assignments.items.map((assignment) => ({
        id: assignment.id,
        interactionId: assignment.interactionId,
        conversation: conversationName(
          assignment.channel,
          assignment.customerName,
        ),
        startedAt: formatDateTime(assignment.startedAt, tz),
        agentName: assignment.agentName,
        reviewerName: assignment.reviewerName,
        status: assignmentStatusLabels[assignment.status],
        skipReason: assignment.skipReason,
        dueAt: formatDateTime(assignment.dueAt, tz),
        score: scores[assignment.interactionId] ?? null,
      })),
      next: assignments.next,
      isFirstPage: !after,
      agent: agent
        ? { id: agent, name: agentUser?.name ?? "an agent no longer known" }
        : null,
    },
  };
}

export default function SamplingRun() {
  const { run, agents, unassigned, unassignedCount, assignments, timeZone } =
    useLoaderData<typeof loader>();
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/sampling/${run.ruleId}`}>{run.ruleName}</Link>
      </p>
      <div className="page-header">
        <div>
          <h1>
            Run {run.periodKey}{" "}
            <span className={`badge badge--${run.status}`}>
              {run.statusLabel}
            </span>
          </h1>
          <p className="muted">
            Rule <Link to={`/sampling/${run.ruleId}`}>{run.ruleName}</Link> ·
            period {run.period} · {run.trigger} · {run.startedAt} ({timeZone})
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
          <p>
            Fix the cause, then press Run now on the rule: a new run of the same
            period draws what this one would have.
          </p>
        </div>
      ) : null}
      <dl className="stats sampling-stats">
        <Stat label="Matched" value={run.matched} />
        <Stat label="Drawn" value={run.drawn} />
        {/* A self-evaluation rule's run sends requests to the agents, not assignments. */}
        <Stat
          label={
            run.selfEvaluation ? "Sent to agents to self-evaluate" : "Assigned"
          }
          value={run.assigned}
        />
        <Stat
          label="Shortfall"
          value={run.shortfall}
          warn={run.shortfall > 0}
        />
      </dl>

      <RunAgentsSection
        agents={agents.items}
        next={agents.next}
        isFirstPage={agents.isFirstPage}
        shortOnly={agents.shortOnly}
        agentCount={run.agentCount}
        agentsShort={run.agentsShort}
      />

      {unassignedCount > 0 ? (
        <section
          aria-labelledby="unassigned-title"
          className="rule-page__section"
        >
          <h2 id="unassigned-title">Drawn but not assigned</h2>
          <p>
            {unassignedCount === 1
              ? "This conversation was"
              : `These ${unassignedCount} conversations were`}{" "}
            drawn but no reviewer could take them. Assign them by hand, or widen
            the reviewer pool or its caps.
            {unassignedCount > unassigned.length
              ? ` The first ${unassigned.length} are listed.`
              : ""}
          </p>
          <div className="table-wrap">
            <table className="table sampling-table">
              <caption className="visually-hidden">
                Drawn but not assigned
              </caption>
              <thead>
                <tr>
                  <th scope="col">Conversation</th>
                  <th scope="col">Started</th>
                  <th scope="col">Agent</th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {unassigned.map((item) => (
                  <tr key={item.interactionId}>
                    <td>
                      <Link to={`/interactions/${item.interactionId}`}>
                        {item.conversation}
                      </Link>
                    </td>
                    <td>{item.startedAt}</td>
                    <td>{item.agentName}</td>
                    <td>{item.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      <RunAssignmentsSection
        assignments={assignments.items}
        next={assignments.next}
        isFirstPage={assignments.isFirstPage}
        agent={assignments.agent}
        failed={run.status === "failed"}
      />
    </>
  );
}

/** A bad page link answers 400; the way out is the run's first page. */
export function ErrorBoundary() {
  const error = useRouteError();
  const location = useLocation();
  return (
    <>
      <RouteErrorBoundary />
      {isRouteErrorResponse(error) && error.status === 400 ? (
        <p className="error-page__extra">
          <Link to={location.pathname}>Go to the first page of this run</Link>
        </p>
      ) : null}
    </>
  );
}
