/**
 * One coaching plan (issue 15 §1, §3, §4): its focus criteria with the baseline as it was at
 * creation, the target and the effect measured now against the team's uncoached agents; the
 * evidence (the transcript span quoted, the annotated moment playing inline); follow-up
 * sampling; and what the viewer may do — the coach attaches evidence, turns on follow-up
 * sampling, completes or cancels (each confirmed); the agent acknowledges. 404 for a plan the
 * viewer may not see. Sessions are scheduled here and listed, each opening its own page
 * (/coaching/sessions/:id: agenda, notes, action items, marking, acknowledgement).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { ActionOutcome } from "../components/action-outcome";
import { FollowUpReviewers } from "../components/coaching/follow-up-reviewers";
import { PlanEvidence } from "../components/coaching/plan-evidence";
import { PlanSessions } from "../components/coaching/plan-sessions";
import { ConfirmDialog } from "../components/confirm-dialog";
import { CsrfField } from "../components/csrf-field";
import { RouteErrorBoundary } from "../components/error-page";
import { FieldError } from "../components/field-error";
import { requireViewer } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { blobStore } from "../lib/storage.server";
import { errorPage, rethrowAsErrorPage, runUseCase } from "../lib/errors.server";
import { readForm } from "../lib/forms.server";
import { formatDate, formatDateTime, formatLocalDate, localDateOf } from "../lib/time";
import { can } from "../modules/access/permissions";
import { acknowledgeCoachingPlan } from "../modules/coaching/acknowledge-plan.server";
import { addEvidence } from "../modules/coaching/add-evidence.server";
import { closeCoachingPlan } from "../modules/coaching/close-plan.server";
import { listEvidenceCandidates } from "../modules/coaching/coaching-options.server";
import { clock, evidenceViews } from "../modules/coaching/evidence-views.server";
import { choosesFollowUpReviewers, listFollowUpReviewers } from "../modules/coaching/follow-up-reviewers.server";
import { getCoachingPlan } from "../modules/coaching/get-plan.server";
import { scheduleCoachingSession } from "../modules/coaching/schedule-session.server";
import { listSessions } from "../modules/coaching/session-actions.server";
import { startFollowUpSampling } from "../modules/coaching/start-follow-up.server";
import { getOrganisation } from "../modules/users/get-organisation.server";

export const meta: MetaFunction = () => [{ title: "Coaching plan · Parley" }];

const NOT_FOUND = "There is no coaching plan at this address, or you do not have access to it.";
const paramsSchema = z.object({ planId: z.uuid() });

function planIdOf(params: unknown): string {
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw errorPage("not_found", NOT_FOUND);
  return parsed.data.planId;
}

const pct = (value: number | null) => (value === null ? "—" : `${Math.round(value)} %`);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const planId = planIdOf(params);
  const now = new Date();
  const plan = await getCoachingPlan(db(), viewer, planId, now).catch((error: unknown) => rethrowAsErrorPage(error, { notFound: NOT_FOUND }));
  const { timeZone } = await getOrganisation(db());
  const candidates = plan.may.manage ? await listEvidenceCandidates(db(), viewer, { agent_id: plan.agent.id }) : [];
  const reviewerChoices = plan.may.manage && !plan.followUp && choosesFollowUpReviewers(viewer) ? await listFollowUpReviewers(db()) : [];
  const today = formatLocalDate(localDateOf(now, timeZone));
  const sessions = await listSessions(db(), viewer, { planId: plan.id }, today);
  const attached = new Set(plan.evidence.map((e) => `${e.evaluationId}:${e.annotation?.id ?? ""}`));
  return {
    plan: {
      id: plan.id,
      title: plan.title,
      status: plan.status,
      cancelReason: plan.cancelReason,
      agentName: plan.agent.name,
      ownerName: plan.owner.name,
      scorecardName: plan.scorecard.name,
      dueOn: plan.dueOn,
      overdue: plan.overdue,
      createdAt: formatDateTime(plan.createdAt, timeZone),
      acknowledgedAt: plan.acknowledgedAt ? formatDateTime(plan.acknowledgedAt, timeZone) : null,
      closedAt: plan.closedAt ? formatDateTime(plan.closedAt, timeZone) : null,
      afterWindow: plan.afterWindow,
      may: plan.may,
    },
    criteria: plan.criteria.map((c) => ({
      questionKey: c.questionKey,
      prompt: c.prompt,
      target: c.target,
      baseline:
        c.baseline.n === 0
          ? `no evaluations (${c.baseline.from} to ${c.baseline.to})`
          : `${pct(c.baseline.mean)}${c.baseline.low === null ? "" : ` (95 % ${pct(c.baseline.low)} to ${pct(c.baseline.high)})`}, n = ${c.baseline.n}, ${c.baseline.from} to ${c.baseline.to}`,
      reason: c.suggestionReason,
      reading: c.effect.reading,
    })),
    evidence: await evidenceViews(db(), blobStore(), plan.evidence, timeZone),
    reviewerChoices,
    candidates: candidates.flatMap((c) => {
      const label = `${formatDate(c.conversationAt, timeZone)} · ${c.scorecardName} · ${c.score === null ? "no score" : c.score.toFixed(1)}`;
      return [
        { value: `${c.evaluationId}:`, label: `${label} — the whole evaluation` },
        ...c.annotations.map((a) => ({
          value: `${c.evaluationId}:${a.id}`,
          label: `${label} — ${a.startMs === null ? "" : `${clock(a.startMs)} `}“${(a.quote ?? a.comment).slice(0, 80)}”`,
        })),
      ].filter((option) => !attached.has(option.value));
    }),
    today,
    timeZone,
    sessions: sessions.map((session) => ({
      id: session.id,
      when: formatDateTime(session.startsAt, timeZone),
      durationMinutes: session.durationMinutes,
      coachName: session.coachName,
      state: session.state,
      acknowledged: session.acknowledgedAt !== null,
      openItems: session.actionItems.filter((item) => item.doneAt === null).length,
      overdueItems: session.actionItems.filter((item) => item.overdue).length,
    })),
    followUp: plan.followUp
      ? {
          ruleId: plan.followUp.ruleId,
          perWeek: plan.followUp.perWeek,
          active: plan.followUp.active,
          endsAt: plan.followUp.endsAt ? formatDateTime(plan.followUp.endsAt, timeZone) : null,
          linkable: can(viewer, "sampling:manage"),
        }
      : null,
  };
}

const actionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("acknowledge") }),
    z.object({ intent: z.literal("evidence"), evidence: z.string({ error: "Choose the evidence" }).regex(/^[0-9a-f-]{36}:([0-9a-f-]{36})?$/, "Choose the evidence from the list"), kind: z.string().optional(), note: z.string().optional() }),
    z.object({ intent: z.literal("follow-up"), perWeek: z.string(), reviewerIds: z.union([z.string(), z.array(z.string())]).optional() }),
    z.object({ intent: z.literal("complete") }),
    z.object({ intent: z.literal("cancel"), reason: z.string().optional() }),
    z.object({ intent: z.literal("schedule"), date: z.string(), time: z.string(), durationMinutes: z.string() }),
  ],
  { error: "Unknown action; reload the page" },
);

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireViewer(request);
  const planId = planIdOf(params);
  const form = await readForm(request, actionSchema);
  if (!form.ok) return form.response;
  const input = form.input;
  const now = new Date();
  const result = await runUseCase(form.form, async () => {
    switch (input.intent) {
      case "acknowledge":
        return acknowledgeCoachingPlan(db(), viewer, planId, now);
      case "evidence": {
        const [evaluationId, annotationId] = input.evidence.split(":");
        return addEvidence(db(), viewer, planId, { evaluationId, annotationId: annotationId || undefined, kind: input.kind, note: input.note ?? "" }, now);
      }
      case "follow-up":
        return startFollowUpSampling(db(), viewer, planId, { perWeek: input.perWeek, reviewerIds: input.reviewerIds }, now);
      case "complete":
        return closeCoachingPlan(db(), viewer, planId, { outcome: "completed" }, now);
      case "cancel":
        return closeCoachingPlan(db(), viewer, planId, { outcome: "cancelled", reason: input.reason ?? "" }, now);
      case "schedule": {
        const plan = await getCoachingPlan(db(), viewer, planId, now);
        return scheduleCoachingSession(db(), viewer, { agentId: plan.agent.id, planId, date: input.date, time: input.time, durationMinutes: input.durationMinutes }, now);
      }
    }
  });
  if (!result.ok) return result.response;
  throw redirect(`/coaching/plans/${planId}?done=${input.intent}`);
}

const doneMessages: Record<string, string> = {
  created: "The plan is started. The agent has been told.",
  acknowledge: "Acknowledged. Your coach has been told.",
  evidence: "Evidence attached.",
  "follow-up": "Follow-up sampling is on: the agent’s conversations are drawn for review each Monday until the due date.",
  complete: "The plan is completed. Its follow-up sampling has ended.",
  cancel: "The plan is cancelled. Its follow-up sampling has ended.",
  schedule: "Session scheduled. The agent has been told.",
};
const statusLabels = { active: "Active", completed: "Completed", cancelled: "Cancelled" } as const;

export default function PlanPage() {
  const { plan, criteria, evidence, candidates, followUp, sessions, today, timeZone, reviewerChoices } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const failed = failure && !failure.ok ? failure : null;
  const errors = failed?.fieldErrors ?? {};
  const [search] = useSearchParams();
  const done = search.get("created") === "1" ? "created" : search.get("done");
  const submitting = useNavigation().state === "submitting";
  return (
    <>
      <p className="breadcrumb">{!plan.may.seePrivateNotes ? <Link to="/my/coaching">My coaching</Link> : <Link to="/coaching">Coaching</Link>}</p>
      <div className="page-header">
        <div>
          <h1>{plan.title}</h1>
          <p className="muted">
            {plan.agentName}, coached by {plan.ownerName} on {plan.scorecardName}. Started {plan.createdAt}; due {plan.dueOn}.
          </p>
        </div>
        <p>
          <span className="badge">{statusLabels[plan.status]}</span>
          {plan.overdue ? <span className="badge badge--overdue"> Overdue</span> : null}
        </p>
      </div>
      <ActionOutcome success={done ? doneMessages[done] : null} error={failed?.message} />
      {plan.status === "cancelled" ? <p className="alert alert--info">Cancelled {plan.closedAt}: {plan.cancelReason}</p> : null}
      {plan.status === "completed" ? <p className="alert alert--info">Completed {plan.closedAt}.</p> : null}
      <section aria-labelledby="plan-ack">
        <h2 id="plan-ack">Acknowledgement</h2>
        {plan.acknowledgedAt ? (
          <p>
            {plan.agentName} acknowledged this plan on {plan.acknowledgedAt}.
          </p>
        ) : plan.may.acknowledge ? (
          <Form method="post" className="inline-form coaching-inline">
            <CsrfField />
            <p>Read the focus and the evidence below, then acknowledge the plan.</p>
            <button type="submit" name="intent" value="acknowledge" className="button button--primary" disabled={submitting}>
              Acknowledge the plan
            </button>
          </Form>
        ) : (
          <p className="muted">{plan.agentName} has not acknowledged this plan yet.</p>
        )}
      </section>
      <section aria-labelledby="plan-criteria">
        <h2 id="plan-criteria">Focus criteria</h2>
        <p className="muted">
          Effect: the mean since the plan started ({plan.afterWindow.from} to {plan.afterWindow.to}) against the baseline, beside the same change for the team’s agents
          not coached on the criterion; points are percentage points, with 95 % intervals.
        </p>
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Focus criteria with their baseline, target and effect</caption>
            <thead>
              <tr>
                <th scope="col">Criterion</th>
                <th scope="col">Baseline at creation</th>
                <th scope="col" className="num">
                  Target
                </th>
                <th scope="col">Effect so far</th>
              </tr>
            </thead>
            <tbody>
              {criteria.map((c) => (
                <tr key={c.questionKey}>
                  <th scope="row">
                    {c.prompt}
                    {c.reason ? <span className="muted small block">Suggested: {c.reason}</span> : null}
                  </th>
                  <td>{c.baseline}</td>
                  <td className="num">{c.target} %</td>
                  <td>{c.reading}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <PlanEvidence evidence={evidence} candidates={candidates} manage={plan.may.manage} agentName={plan.agentName} errors={errors} submitting={submitting} />
      <PlanSessions sessions={sessions} coach={plan.may.manage} errors={errors} today={today} timeZone={timeZone} />
      <section aria-labelledby="plan-follow-up">
        <h2 id="plan-follow-up">Follow-up sampling</h2>
        {followUp ? (
          <p>
            {followUp.perWeek ?? "Some"} of {plan.agentName}’s conversations a week are drawn for QA review{followUp.active ? "" : " (ended)"}
            {followUp.endsAt ? `, until ${followUp.endsAt}` : ""}.{" "}
            {followUp.linkable ? <Link to={`/sampling/${followUp.ruleId}`}>The sampling rule</Link> : null}
          </p>
        ) : plan.may.manage ? (
          <Form method="post" className="inline-form coaching-inline" aria-label="Turn on follow-up sampling">
            <CsrfField />
            <div className="field">
              <label htmlFor="follow-up-per-week">Conversations of {plan.agentName} to review per week, until the due date</label>
              <input id="follow-up-per-week" name="perWeek" type="number" min={1} max={50} defaultValue={2} className="input--short" aria-describedby="follow-up-error" />
              <FieldError id="follow-up-error" message={errors.perWeek} />
            </div>
            {reviewerChoices.length > 0 ? <FollowUpReviewers reviewers={reviewerChoices} error={errors.reviewerIds} /> : null}
            <button type="submit" name="intent" value="follow-up" className="button" disabled={submitting}>
              Turn on follow-up sampling
            </button>
          </Form>
        ) : (
          <p className="muted">No follow-up sampling.</p>
        )}
      </section>
      {plan.may.manage ? (
        <section aria-labelledby="plan-status">
          <h2 id="plan-status">Close the plan</h2>
          <div className="button-row">
            <ConfirmDialog opener="Complete…" title="Complete this plan?" intent="complete" confirmLabel="Complete" keepLabel="Keep it open">
              <p>The plan closes and its follow-up sampling ends. Its effect stays measured up to today.</p>
            </ConfirmDialog>
            <ConfirmDialog opener="Cancel the plan…" openerTone="danger" title="Cancel this plan?" intent="cancel" confirmLabel="Cancel the plan" keepLabel="Keep it open" tone="danger" reason="Why is it cancelled?" />
          </div>
          <FieldError id="cancel-error" message={errors.reason} />
        </section>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
