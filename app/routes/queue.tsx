import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, isRouteErrorResponse, useActionData, useLoaderData, useNavigation, useRouteError, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { DueCell } from "../components/assignments/due-cell";
import { RuleCell } from "../components/assignments/rule-cell";
import { ScoreBadge } from "../components/score-badge";
import { dueCursorSchema, dueView, encodeDueCursor } from "../modules/assignments/due";
import { SkipDialog, type SkipTarget } from "../components/assignments/skip-dialog";
import { useSkipDialog } from "../components/assignments/use-skip-dialog";
import { CsrfField } from "../components/csrf-field";
import { RouteErrorBoundary } from "../components/error-page";
import { readSubmittedFlash, submittedText } from "../components/review/submitted-flash";
import { requirePermission } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { channelLabels, formatDuration } from "../lib/format";
import { formatDateTime } from "../lib/time";
import { readForm } from "../lib/forms.server";
import { errorPage, runUseCase } from "../lib/errors.server";
import { listMyQueue } from "../modules/assignments/list-my-queue.server";
import { listScoreBadges } from "../modules/feedback/list-score-badges.server";
import { replaceAssignment } from "../modules/sampling/replace-assignment.server";
import { MAX_SKIP_REASON, skipReasonSchema } from "../modules/assignments/assignments.schema";
import { skipAssignment } from "../modules/assignments/skip-assignment.server";
import { getOrganisation } from "../modules/users/get-organisation.server";

export const meta: MetaFunction = () => [{ title: "My queue · Parley" }];

const PAGE_SIZE = 25;

const searchSchema = z.object({ after: dueCursorSchema });

const assignmentIdSchema = z.uuid({ error: "This assignment is not in your queue any more; reload the page" });
const actionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("skip"), assignmentId: assignmentIdSchema, reason: skipReasonSchema }),
    z.object({
      intent: z.literal("replace"),
      assignmentId: assignmentIdSchema,
      reason: skipReasonSchema,
      // Only for the message: the replacement is a conversation of the same agent.
      agentName: z.string().trim().max(200).optional(),
    }),
  ],
  { error: "Unknown action; reload the page" },
);

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "reviews:work");
  const search = searchSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!search.success) throw errorPage("bad_request", search.error.issues[0]?.message ?? "The page link is malformed; go back to the first page");
  const after = search.data.after;
  const [organisation, page] = await Promise.all([getOrganisation(db()), listMyQueue(db(), viewer, { after, limit: PAGE_SIZE })]);
  const tz = organisation.timeZone;
  const now = new Date();
  // A conversation in the queue may already have a current evaluation with another scorecard.
  const scores = await listScoreBadges(db(), viewer, page.items.map((item) => item.interactionId));
  return {
    counts: page.counts,
    timeZone: tz,
    maxReason: MAX_SKIP_REASON,
    items: page.items.map((item) => ({
      id: item.id,
      interactionId: item.interactionId,
      channel: item.channel,
      agentName: item.agentName,
      queue: item.queue,
      startedAt: formatDateTime(item.startedAt, tz),
      duration: formatDuration(item.durationMs),
      scorecardName: item.scorecardName,
      ruleName: item.ruleName,
      ruleDeleted: item.ruleDeleted,
      // Only work drawn by a sampling run can be swapped for the run's next candidate.
      replaceable: item.runId !== null,
      due: dueView(item.dueAt, now, tz),
      score: scores[item.interactionId] ?? null,
    })),
    next: page.next ? encodeDueCursor(page.next) : null,
    isFirstPage: !after,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "reviews:work");
  const form = await readForm(request, actionSchema);
  if (!form.ok) return form.response;
  const input = form.input;
  const result = await runUseCase(form.form, async () => {
    if (input.intent === "skip") {
      await skipAssignment(db(), viewer, input.assignmentId, input.reason);
      return "Skipped. It has left your queue.";
    }
    const outcome = await replaceAssignment(db(), viewer, input.assignmentId, input.reason);
    const agent = input.agentName || "the same agent";
    return outcome.replacedBy
      ? `Skipped. Replaced with another conversation of ${agent}, due at the same time.`
      : `Skipped. No other conversation of ${agent} matches the run, so nothing replaces it.`;
  });
  if (!result.ok) return result.response;
  return { ok: true as const, message: result.value };
}

type QueueRow = ReturnType<typeof useLoaderData<typeof loader>>["items"][number];

function skipTarget(item: QueueRow, intent: SkipTarget["intent"]): SkipTarget {
  return {
    intent,
    assignmentId: item.id,
    agentName: item.agentName,
    scorecardName: item.scorecardName,
    conversation: `${channelLabels[item.channel]} · ${item.startedAt}`,
  };
}

export default function MyQueue() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  // A refused post keeps its dialog open (with the typed reason); a done one closes it and
  // moves focus to the message, as the row it came from has gone.
  const skip = useSkipDialog(result);
  const failure = skip.failure;
  // "Submitted: 86.5 (pass)." after the workspace's last submit (review.$evaluationId.tsx).
  const [search] = useSearchParams();
  const submitted = result ? null : readSubmittedFlash(search);

  const failureForTarget = skip.targetFailure;
  const { counts } = data;
  return (
    <>
      <div className="page-header">
        <div>
          <h1>My queue</h1>
          <p className="muted">Conversations assigned to you for review, due soonest first. Times in {data.timeZone}.</p>
        </div>
      </div>
      {submitted ? (
        <p className="alert alert--success" role="status">
          {submittedText(submitted)}{" "}
          {submitted.queueDone ? "Queue done: nothing else is waiting for you." : "Pick the next conversation below."}
        </p>
      ) : null}
      {result?.ok ? (
        <p className="alert alert--success" role="status" tabIndex={-1} ref={skip.status}>
          {result.message}
        </p>
      ) : null}
      {failure && !failureForTarget ? (
        <p className="alert alert--error" role="alert">
          {failure.message}
        </p>
      ) : null}
      <section aria-labelledby="queue-counts-title" className="stats queue-counts">
        <h2 id="queue-counts-title" className="visually-hidden">
          Your work at a glance
        </h2>
        <div className="stat">
          <span className="stat__value">{counts.open}</span>
          <span className="stat__label">Open</span>
        </div>
        <div className={counts.overdue > 0 ? "stat stat--overdue" : "stat"}>
          <span className="stat__value">{counts.overdue}</span>
          <span className="stat__label">Overdue</span>
        </div>
        <div className="stat">
          <span className="stat__value">{counts.dueWithinDay}</span>
          <span className="stat__label">Due within 24 h</span>
        </div>
        <div className="stat">
          <span className="stat__value">{counts.doneLast7Days}</span>
          <span className="stat__label">Done in the last 7 days</span>
        </div>
      </section>
      {data.items.length === 0 ? (
        data.isFirstPage ? (
          <div className="empty-state queue-empty" role="status">
            <p>
              <strong>Your queue is empty</strong>
            </p>
            <p>
              Conversations arrive here when a sampling rule runs and draws them for you, or when a QA lead assigns one to you
              from its page.
            </p>
          </div>
        ) : (
          <div className="empty-state queue-empty" role="status">
            <p>There are no more assignments after the previous page.</p>
            <p>
              <Link to="/queue">Back to the first page</Link>
            </p>
          </div>
        )
      ) : (
        <div className="table-wrap">
          <table className="table queue-table">
            <caption className="visually-hidden">Your open assignments, due soonest first</caption>
            <thead>
              <tr>
                <th scope="col">Due</th>
                <th scope="col">Agent</th>
                <th scope="col">Channel</th>
                <th scope="col">Started</th>
                <th scope="col" className="num">
                  Length
                </th>
                <th scope="col">Scorecard</th>
                <th scope="col">Rule</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((item) => (
                <tr key={item.id} className={item.due.overdue ? "row--overdue" : undefined}>
                  <td>
                    <DueCell due={item.due} />
                  </td>
                  <td>
                    {item.agentName}
                    {item.queue ? <span className="muted small block">{item.queue}</span> : null}
                    {item.score ? <ScoreBadge badge={item.score} /> : null}
                  </td>
                  <td>
                    <span className={`badge badge--${item.channel}`}>{channelLabels[item.channel]}</span>
                  </td>
                  <td>{item.startedAt}</td>
                  <td className="num">{item.duration}</td>
                  <td>{item.scorecardName}</td>
                  <td>
                    <RuleCell ruleName={item.ruleName} ruleDeleted={item.ruleDeleted} />
                  </td>
                  <td>
                    <div className="row-actions">
                      <Form method="post" action="/review/start" className="review-start-form">
                        <CsrfField />
                        <input type="hidden" name="assignment" value={item.id} />
                        <button
                          type="submit"
                          className="button button--primary button--small"
                          aria-label={`Review the conversation of ${item.agentName}, ${item.startedAt}`}
                        >
                          Review
                        </button>
                      </Form>
                      <button
                        type="button"
                        className="button button--quiet button--small"
                        aria-label={`Skip the conversation of ${item.agentName}, ${item.startedAt}`}
                        onClick={() => skip.open(skipTarget(item, "skip"))}
                      >
                        Skip…
                      </button>
                      {item.replaceable ? (
                        <button
                          type="button"
                          className="button button--quiet button--small"
                          aria-label={`Skip and replace the conversation of ${item.agentName}, ${item.startedAt}`}
                          onClick={() => skip.open(skipTarget(item, "replace"))}
                        >
                          Replace…
                        </button>
                      ) : null}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pager" aria-label="Pages">
        {!data.isFirstPage ? <Link to="/queue">First page</Link> : null}
        {data.next ? (
          <Link to={`?after=${encodeURIComponent(data.next)}`} rel="next">
            Next page
          </Link>
        ) : null}
      </nav>
      <SkipDialog
        target={skip.target}
        maxReason={data.maxReason}
        failure={failureForTarget}
        submitting={navigation.state === "submitting"}
        onClose={skip.close}
      />
    </>
  );
}

/** A bad page link answers 400; the way out is the first page. */
export function ErrorBoundary() {
  const error = useRouteError();
  return (
    <>
      <RouteErrorBoundary />
      {isRouteErrorResponse(error) && error.status === 400 ? (
        <p className="error-page__extra">
          <Link to="/queue">Go to the first page of your queue</Link>
        </p>
      ) : null}
    </>
  );
}
