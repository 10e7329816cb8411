import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { z } from "zod";
import { AssignForReview, type AssignResult } from "../components/assignments/assign-for-review";
import { dueView } from "../modules/assignments/due";
import { CsrfField } from "../components/csrf-field";
import { RouteErrorBoundary } from "../components/error-page";
import { InteractionEvaluations, ScoreThisInteraction } from "../components/review/interaction-panels";
import { ReviewMedia, type SerializedAnnotation } from "../components/conversation/review-media";
import { SelfEvaluationPanel } from "../components/self-evaluation/self-evaluation-panel";
import { selfEvaluationPanelView } from "../components/self-evaluation/self-evaluation-panel-view.server";
import { conversationMediaOf } from "./review.$evaluationId/evaluation-page.server";
import { requirePermission } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { channelLabels, formatDuration, formatPercent } from "../lib/format";
import { formatDateTime, parseLocalDateTime, zoneOffsetLabel } from "../lib/time";
import { readForm } from "../lib/forms.server";
import { errorPage, formFailure, invalidFields, runUseCase } from "../lib/errors.server";
import { blobStore } from "../lib/storage.server";
import { assignInteraction } from "../modules/assignments/assign-interaction.server";
import { scorecardsToScore } from "../modules/evaluations/scorecards-to-score.server";
import { listInteractionEvaluations } from "../modules/evaluations/list-interaction-evaluations.server";
import { getInteraction } from "../modules/interactions/get-interaction.server";
import { processingRetryFor } from "../modules/interactions/processing-retry";
import { retryProcessing } from "../modules/interactions/retry-processing.server";
import { assignmentOptions, type AssignmentOptions } from "../modules/assignments/assignment-options.server";
import { getOrganisation } from "../modules/users/get-organisation.server";
import { getConfig } from "../../server/config";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.title} · Parley` : "Interaction · Parley" },
];

const paramsSchema = z.object({ interactionId: z.uuid() });
const actionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("retry") }),
    z.object({
      intent: z.literal("assign"),
      scorecardId: z.uuid({ error: "Choose a scorecard" }),
      reviewerId: z.uuid({ error: "Choose a reviewer" }),
      dueAt: z.string({ error: "Enter when the review is due" }).trim().min(1, "Enter when the review is due"),
    }),
  ],
  { error: "Unknown action; reload the page" },
);
/** A manual assignment is due two days out unless the lead says otherwise. */
const DEFAULT_DUE_MS = 48 * 3_600_000;
const NOT_FOUND = "There is no interaction at this address, or you do not have access to it.";
/** How often a page waiting for its waveform asks again. */
const PROCESSING_POLL_MS = 3000;

function interactionIdOf(params: unknown): string {
  const parsed = paramsSchema.safeParse(params);
  // A malformed id is as absent as someone else's: 404 either way.
  if (!parsed.success) throw errorPage("not_found", NOT_FOUND);
  return parsed.data.interactionId;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "interactions:view");
  const id = interactionIdOf(params);
  const [organisation, interaction] = await Promise.all([
    getOrganisation(db()),
    getInteraction(db(), blobStore(), viewer, id),
  ]);
  if (!interaction) throw errorPage("not_found", NOT_FOUND);
  const tz = organisation.timeZone;
  const now = new Date();
  const { canRetry, stalledMinutes } = processingRetryFor(viewer, interaction, now, getConfig().PROCESSING_RETRY_AFTER_MINUTES);
  // Loaded only after the scoped query above found the interaction for this viewer; each
  // answers null for a viewer whose role does not score or assign.
  const [scorecards, evaluations, assign] = await Promise.all([
    scorecardsToScore(db(), viewer, id),
    listInteractionEvaluations(db(), viewer, id),
    assignmentOptions(db(), viewer, id, { now }),
  ]);
  return {
    title: `${channelLabels[interaction.channel]} with ${interaction.customerName ?? "a customer"}`,
    interaction: {
      ...interaction,
      startedAt: formatDateTime(interaction.startedAt, tz),
      duration: formatDuration(interaction.durationMs),
      transcript: null,
      recording: null,
      peaks: null,
      statusSince: undefined,
    },
    stalledMinutes,
    media: conversationMediaOf(interaction),
    currentUserId: viewer.id,
    timeZone: tz,
    canRetry,
    assign: assign && assignPanel(assign, now, tz),
    score: scorecards && { scorecards: scorecards.map(({ id, name }) => ({ id, name })) },
    selfEvaluation: await selfEvaluationPanelView(db(), viewer, id),
    evaluations: evaluations.map((evaluation) => ({
      ...evaluation,
      score: evaluation.score === null ? null : evaluation.score.toFixed(1),
      submittedAt: evaluation.submittedAt ? formatDateTime(evaluation.submittedAt, tz) : null,
    })),
  };
}

/** The "Assign for review" panel: what can be chosen, and the assignments the interaction has. */
function assignPanel({ scorecards, reviewers, assignments }: AssignmentOptions, now: Date, tz: string) {
  return {
    scorecards: scorecards.map(({ id, name }) => ({ id, name })),
    reviewers,
    defaultDueAt: formatDateTime(new Date(now.getTime() + DEFAULT_DUE_MS), tz),
    timeZone: tz,
    zoneLabel: zoneOffsetLabel(now, tz),
    assignments: assignments.map((assignment) => ({
      id: assignment.id,
      scorecardName: assignment.scorecardName,
      reviewerName: assignment.reviewerName,
      ruleName: assignment.ruleName,
      ruleDeleted: assignment.ruleDeleted,
      status: assignment.status,
      due: dueView(assignment.dueAt, now, tz),
      closedAt: assignment.closedAt ? formatDateTime(assignment.closedAt, tz) : null,
      skipReason: assignment.skipReason,
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "interactions:view");
  const id = interactionIdOf(params);
  const form = await readForm(request, actionSchema);
  if (!form.ok) return form.response;
  const input = form.input;
  // Each use case checks the viewer's permission on the interaction itself (404 outside their scope, 403 when not theirs to do).
  if (input.intent === "retry") {
    const retryAfterMinutes = getConfig().PROCESSING_RETRY_AFTER_MINUTES;
    const result = await runUseCase(form.form, () => retryProcessing(db(), viewer, id, { retryAfterMinutes }));
    if (!result.ok) return result.response;
    throw redirect(`/interactions/${id}`);
  }

  const { timeZone } = await getOrganisation(db());
  // A time the clocks skipped is refused with the jump named (decision 0017), not guessed.
  const due = parseLocalDateTime(input.dueAt, timeZone);
  if (!due.ok) return formFailure(invalidFields({ dueAt: due.message }), form.form);
  const dueAt = due.instant.toISOString();
  const { scorecardId, reviewerId } = input;
  const result = await runUseCase(form.form, () =>
    assignInteraction(db(), viewer, { interactionId: id, scorecardId, reviewerId, dueAt: new Date(dueAt) }),
  );
  if (!result.ok) return result.response;
  return { ok: true as const, intent: "assign" as const, scorecardId, reviewerId, dueAt };
}

/** While the waveform is being computed, the page asks again every few seconds (only while visible). */
function useRefreshWhileProcessing(processing: boolean) {
  const { revalidate, state } = useRevalidator();
  useEffect(() => {
    if (!processing || state !== "idle") return;
    const timer = window.setInterval(() => {
      if (document.visibilityState === "visible") revalidate();
    }, PROCESSING_POLL_MS);
    return () => window.clearInterval(timer);
  }, [processing, state, revalidate]);
}

// The page has no evaluation: constant, so the page's polling while processing re-renders nothing below.
const NO_ANNOTATIONS: SerializedAnnotation[] = [];
const NO_QUESTIONS: { id: string; prompt: string }[] = [];

export default function InteractionPage() {
  const { title, interaction, media, currentUserId, timeZone, canRetry, stalledMinutes, assign, score, evaluations, selfEvaluation } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const assignResult: AssignResult | null = !actionData ? null : actionData.ok || actionData.values.intent === "assign" ? actionData : null;
  const failure = actionData && !actionData.ok && actionData.values.intent !== "assign" ? actionData : null;
  const navigation = useNavigation();
  const retrying = navigation.state === "submitting" && navigation.formData?.get("intent") === "retry";
  useRefreshWhileProcessing(interaction.status === "processing");

  const m = interaction.metrics;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/interactions">Interactions</Link>
      </p>
      <div className="page-header">
        <div>
          <h1>{title}</h1>
          <p className="muted">
            {interaction.agentName}
            {interaction.teamName ? ` · ${interaction.teamName}` : ""} · {interaction.startedAt} · {interaction.duration}
          </p>
        </div>
      </div>
      {interaction.status === "processing" && stalledMinutes === null ? (
        <p className="alert alert--info" role="status">
          The waveform is being prepared. The recording already plays; this page updates by itself when the waveform is
          ready.
        </p>
      ) : null}
      {stalledMinutes !== null ? (
        <div className="alert alert--warning interaction-failure" role="status">
          <p>
            The waveform has been in preparation for {stalledMinutes} minutes, longer than it should take. The recording
            plays meanwhile.{" "}
            {canRetry ? "Retry starts its preparation again." : "A QA lead or an administrator can start it again."}
          </p>
          {canRetry ? <RetryProcessing submitting={retrying} /> : null}
        </div>
      ) : null}
      {interaction.status === "failed" ? (
        <div className="alert alert--error interaction-failure" role="alert">
          <p>Processing failed: {interaction.failureReason ?? "unknown reason"}</p>
          {canRetry ? <RetryProcessing submitting={retrying} /> : null}
        </div>
      ) : null}
      {interaction.warnings.length > 0 ? (
        <div className="alert interaction-warnings" role="note" aria-labelledby="interaction-warnings-title">
          <p id="interaction-warnings-title">Notes from the import:</p>
          <ul>
            {interaction.warnings.map((warning, index) => (
              <li key={`${index}:${warning}`}>{warning}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {failure ? (
        <p className="alert alert--error" role="alert">
          {failure.message}
        </p>
      ) : null}
      <div className="detail-grid">
        <div className="panel">
          <ReviewMedia
            key={interaction.id}
            evaluationId={null}
            player={media.player}
            transcript={media.transcript}
            annotations={NO_ANNOTATIONS}
            questions={NO_QUESTIONS}
            editable={false}
            currentUserId={currentUserId}
            timeZone={timeZone}
          />
        </div>
        <aside className="panel" aria-labelledby="details-title">
          <h2 id="details-title">Details</h2>
          <dl className="facts">
            <dt>Channel</dt>
            <dd>{channelLabels[interaction.channel]}</dd>
            <dt>Direction</dt>
            <dd>{interaction.direction ?? "—"}</dd>
            <dt>Queue</dt>
            <dd>{interaction.queue ?? "—"}</dd>
            <dt>Tags</dt>
            <dd>{interaction.tags.length ? interaction.tags.join(", ") : "—"}</dd>
            <dt>Source</dt>
            <dd>
              {interaction.source} · {interaction.externalId}
            </dd>
            {interaction.summary ? (
              <>
                <dt>Summary</dt>
                <dd>{interaction.summary}</dd>
              </>
            ) : null}
          </dl>
          {interaction.channel === "call" && m.agentTalkMs !== null ? (
            <>
              <h3>Talk metrics</h3>
              <dl className="facts">
                <dt>Agent talk</dt>
                <dd>{formatDuration(m.agentTalkMs)}</dd>
                <dt>Customer talk</dt>
                <dd>{formatDuration(m.customerTalkMs ?? 0)}</dd>
                <dt>Silence</dt>
                <dd>{formatPercent(m.silenceRatio ?? 0)}</dd>
                <dt>Longest silence</dt>
                <dd>{formatDuration(m.longestSilenceMs ?? 0)}</dd>
                <dt>Overtalk</dt>
                <dd>{formatDuration(m.overtalkMs ?? 0)}</dd>
              </dl>
            </>
          ) : null}
          <InteractionEvaluations evaluations={evaluations} />
          {score ? <ScoreThisInteraction interactionId={interaction.id} scorecards={score.scorecards} /> : null}
          {selfEvaluation ? <SelfEvaluationPanel interactionId={interaction.id} panel={selfEvaluation} /> : null}
          {assign ? (
            <AssignForReview
              data={assign}
              result={assignResult}
              submitting={navigation.state === "submitting" && navigation.formData?.get("intent") === "assign"}
            />
          ) : null}
        </aside>
      </div>
    </>
  );
}

/** Starts the waveform's preparation again (a failed one, or one that takes far too long). */
function RetryProcessing({ submitting }: { submitting: boolean }) {
  return (
    <Form method="post" className="inline-form">
      <CsrfField />
      <input type="hidden" name="intent" value="retry" />
      <button type="submit" className="button" disabled={submitting}>
        {submitting ? "Retrying…" : "Retry"}
      </button>
    </Form>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
