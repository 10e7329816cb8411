import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, isRouteErrorResponse, useActionData, useLoaderData, useNavigation, useRouteError, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { dueCursorSchema, dueView, encodeDueCursor } from "../modules/assignments/due";
import { OpenAssignmentsFilter } from "../components/assignments/open-assignments-filter";
import { OpenAssignmentsTable } from "../components/assignments/open-assignments-table";
import { SkipDialog } from "../components/assignments/skip-dialog";
import { useSkipDialog } from "../components/assignments/use-skip-dialog";
import { WorkloadTable } from "../components/assignments/workload-table";
import { RouteErrorBoundary } from "../components/error-page";
import { requirePermission } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { channelLabels } from "../lib/format";
import { formatDateTime } from "../lib/time";
import { readForm } from "../lib/forms.server";
import { errorPage, runUseCase } from "../lib/errors.server";
import { MAX_SKIP_REASON, skipReasonSchema } from "../modules/assignments/assignments.schema";
import { assignmentsDashboard, listOpenAssignments, type RuleWorkloadRow } from "../modules/assignments/assignments-dashboard.server";
import { DEFAULT_DONE_PERIOD, donePeriodLabels, donePeriodShort, donePeriods, doneSince } from "../modules/assignments/done-period";
import { reassignAssignment } from "../modules/assignments/reassign-assignment.server";
import { skipAssignment } from "../modules/assignments/skip-assignment.server";
import { listScoreBadges } from "../modules/feedback/list-score-badges.server";
import { listReviewers } from "../modules/assignments/list-reviewers.server";
import { getOrganisation } from "../modules/users/get-organisation.server";

export const meta: MetaFunction = () => [{ title: "Assignments · Parley" }];

const PAGE_SIZE = 25;

/** HTML forms send "" for an untouched field: that means "no filter", not a bad value. */
const blankAsAbsent = (value: unknown) => (value === "" ? undefined : value);
const searchSchema = z.object({
  reviewer: z.preprocess(blankAsAbsent, z.uuid({ error: "Reviewer: choose a reviewer from the list" }).optional()),
  rule: z.preprocess(blankAsAbsent, z.uuid({ error: "Rule: choose a rule from the list" }).optional()),
  overdue: z.preprocess(blankAsAbsent, z.literal("1", { error: "Overdue only: tick the box or leave it empty" }).optional()),
  period: z.preprocess(blankAsAbsent, z.enum(donePeriods, { error: "Period: choose last 7 days, last 30 days or this month" }).optional()),
  after: dueCursorSchema,
});

const assignmentIdSchema = z.uuid({ error: "This assignment could not be found; reload the page" });
const actionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("reassign"), assignmentId: assignmentIdSchema, reviewerId: z.uuid({ error: "Choose a reviewer" }) }),
    z.object({
      intent: z.literal("skip"),
      assignmentId: assignmentIdSchema,
      reason: skipReasonSchema,
      // Only for the message.
      agentName: z.string().trim().max(200).optional(),
    }),
  ],
  { error: "Unknown action; reload the page" },
);

/** A rule's row: link to its open work; paused and deleted rules say so, manual work has no rule. */
function ruleRowView(row: RuleWorkloadRow) {
  const base = { open: row.open, overdue: row.overdue, done: row.done, skipped: row.skipped };
  if (row.kind === "manual") return { ...base, key: "manual", name: "Manual", href: null, note: null };
  if (row.kind === "deleted") return { ...base, key: `deleted:${row.name}`, name: row.name, href: null, note: "Rule deleted" };
  return { ...base, key: row.id ?? row.name, name: row.name, href: `?rule=${row.id}`, note: row.active ? null : "Paused" };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "assignments:manage");
  const search = searchSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!search.success) {
    const messages = [...new Set(search.error.issues.map((issue) => issue.message))];
    throw errorPage("bad_request", `These filters cannot be used. ${messages.join(". ")}.`);
  }
  const { reviewer, rule, overdue, after } = search.data;
  const period = search.data.period ?? DEFAULT_DONE_PERIOD;
  const now = new Date();
  const tz = (await getOrganisation(db())).timeZone;
  const since = doneSince(period, now, tz);
  const [dashboard, page, reviewers] = await Promise.all([
    assignmentsDashboard(db(), viewer, { now, doneSince: since }),
    listOpenAssignments(db(), viewer, { reviewerId: reviewer, ruleId: rule, overdueOnly: overdue === "1", after, limit: PAGE_SIZE, now }),
    listReviewers(db()),
  ]);
  const scores = await listScoreBadges(db(), viewer, page.items.map((item) => item.interactionId));
  const ruleOptions = dashboard.perRule.flatMap((row) => (row.kind === "rule" && row.id ? [{ id: row.id, name: row.name }] : []));
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
    perRule: dashboard.perRule.map(ruleRowView),
    period: {
      value: period,
      isDefault: period === DEFAULT_DONE_PERIOD,
      label: donePeriodLabels[period],
      short: donePeriodShort[period],
      since: formatDateTime(since, tz),
      choices: donePeriods.map((value) => ({ value, label: donePeriodLabels[value] })),
    },
    maxReason: MAX_SKIP_REASON,
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
      ruleDeleted: item.ruleDeleted,
      conversation: `${channelLabels[item.channel]} · ${formatDateTime(item.startedAt, tz)}`,
      due: dueView(item.dueAt, now, tz),
      score: scores[item.interactionId] ?? null,
    })),
    next: page.next ? encodeDueCursor(page.next) : null,
    isFirstPage: !after,
    // The period is not a filter of the list: clearing the filters keeps it.
    filtered: Boolean(reviewer || rule || overdue),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "assignments:manage");
  const form = await readForm(request, actionSchema);
  if (!form.ok) return form.response;
  const input = form.input;
  if (input.intent === "skip") {
    // The use case lets a lead skip anybody's open work (decision 0010, "Who may act").
    const skipped = await runUseCase(form.form, () => skipAssignment(db(), viewer, input.assignmentId, input.reason));
    if (!skipped.ok) return skipped.response;
    const whose = input.agentName ? `The conversation of ${input.agentName}` : "The conversation";
    return { ok: true as const, message: `Skipped. ${whose} has left the reviewer’s queue; the reason is kept with it.` };
  }
  const result = await runUseCase(form.form, () => reassignAssignment(db(), viewer, input.assignmentId, input.reviewerId));
  if (!result.ok) return result.response;
  return { ok: true as const, message: `Reassigned to ${result.value.reviewerName}. It is in their queue now.` };
}

export default function Assignments() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const skip = useSkipDialog(result);
  const failure = skip.failure;
  const reassignFailed = failure?.values.intent === "reassign" ? failure : null;
  const failedRow = reassignFailed?.values.assignmentId;
  const rowFailure = (id: string) =>
    reassignFailed && failedRow === id ? { message: reassignFailed.fieldErrors.reviewerId ?? reassignFailed.message, reviewerId: reassignFailed.values.reviewerId ?? "" } : null;
  const failureInRow = reassignFailed && data.items.some((item) => item.id === failedRow);
  // A refused skip stays in its dialog, with the typed reason.
  const skipFailure = skip.targetFailure;
  const submittingRow = navigation.state === "submitting" ? navigation.formData?.get("assignmentId") : null;

  const nextParams = new URLSearchParams(params);
  if (data.next) nextParams.set("after", data.next);
  const firstParams = new URLSearchParams(params);
  firstParams.delete("after");
  const firstSearch = firstParams.toString();
  const keepPeriod = data.period.isDefault ? "" : `?period=${data.period.value}`;
  const unfiltered = `/assignments${keepPeriod}`;
  const withPeriod = (value: string) => {
    const search = new URLSearchParams(params);
    if (value === DEFAULT_DONE_PERIOD) search.delete("period");
    else search.set("period", value);
    const query = search.toString();
    return query ? `?${query}` : "/assignments";
  };

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Assignments</h1>
          <p className="muted">
            Review work across the team. Done and skipped cover {data.period.value === "month" ? "this month" : `the ${data.period.label.toLowerCase()}`}{" "}
            (since {data.period.since}); times in {data.timeZone}.
          </p>
        </div>
      </div>
      {result?.ok ? (
        <p className="alert alert--success" role="status" tabIndex={-1} ref={skip.status}>
          {result.message}
        </p>
      ) : null}
      {failure && !skipFailure ? (
        <p className="alert alert--error" role="alert">
          {failureInRow ? `Not reassigned: ${failure.fieldErrors.reviewerId ?? failure.message}` : failure.message}
        </p>
      ) : null}

      <nav className="period-choice" aria-label="Period of done and skipped work">
        <span className="muted">Done and skipped:</span>
        {data.period.choices.map((choice) => (
          <Link key={choice.value} to={withPeriod(choice.value)} aria-current={choice.value === data.period.value ? "page" : undefined}>
            {choice.label}
          </Link>
        ))}
      </nav>
      <div className="workload-grid">
        <section aria-labelledby="per-reviewer-title">
          <h2 id="per-reviewer-title">Per reviewer</h2>
          {data.perReviewer.length === 0 ? (
            <p className="empty-state">There are no QA specialists or QA leads yet. Add them under Users.</p>
          ) : (
            <WorkloadTable caption="Work per reviewer" heading="Reviewer" period={data.period.short} rows={data.perReviewer} />
          )}
        </section>
        <section aria-labelledby="per-rule-title">
          <h2 id="per-rule-title">Per rule</h2>
          {data.perRule.length === 0 ? (
            <p className="empty-state">
              There are no active sampling rules, no work is open, and none was done or skipped in this period.{" "}
              <Link to="/sampling/new">Create a sampling rule</Link>
            </p>
          ) : (
            <WorkloadTable
              caption="Work per sampling rule: every active rule, then deleted rules and Manual (work assigned by hand)"
              heading="Rule"
              period={data.period.short}
              rows={data.perRule}
            />
          )}
        </section>
      </div>

      <section aria-labelledby="open-title" className="open-assignments">
        <h2 id="open-title">Open assignments</h2>
        <OpenAssignmentsFilter
          filters={data.filters}
          reviewers={data.options.reviewers}
          rules={data.options.rules}
          period={data.period.isDefault ? null : data.period.value}
          filtered={data.filtered}
          unfiltered={unfiltered}
        />

        {data.items.length === 0 ? (
          <div className="empty-state" role="status">
            {!data.isFirstPage ? (
              <p>There are no more open assignments after the previous page.</p>
            ) : data.filtered ? (
              <>
                <p>No open assignments match these filters.</p>
                <p>
                  <Link to={unfiltered}>Clear the filters</Link>
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
          <OpenAssignmentsTable
            items={data.items}
            reviewers={data.reviewers}
            reassignFailure={rowFailure}
            submittingRow={submittingRow}
            onSkip={skip.open}
          />
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
      <SkipDialog
        target={skip.target}
        maxReason={data.maxReason}
        failure={skipFailure}
        submitting={navigation.state === "submitting"}
        onClose={skip.close}
      />
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
