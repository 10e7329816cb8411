/**
 * A submitted evaluation, read-only: the score and verdict, who scored it and when, whether
 * the agent can see it (and, for QA leads and admins, "Release to agent"), its history of
 * revisions, the conversation with its annotations, the scored form, the breakdown and the
 * overall feedback. A QA lead may correct its answers or void it, with a reason (docs/decisions/0020);
 * a void one is shown as void, without a score. Where its scorecard asks for it, the agent
 * acknowledges it here, with an optional comment; others see whether they have (issue 13 §3). Visible as getEvaluation scopes it: agents
 * their own released ones, supervisors their teams', QA all; anything else is "not found".
 * The reviewer's own draft opens in the workspace instead.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { z } from "zod";
import { CsrfField } from "../components/csrf-field";
import { CorrectionForm } from "../components/evaluation-history/correction-form";
import { historyView, voidView } from "../components/evaluation-history/history-data.server";
import { RevisionHistory } from "../components/evaluation-history/revision-history";
import { VoidDialog, type ChangeFailure } from "../components/evaluation-history/void-dialog";
import { RouteErrorBoundary } from "../components/error-page";
import { CommentThread } from "../components/comment-thread/comment-thread";
import { commentThreadView } from "../components/comment-thread/comment-thread-view.server";
import { SelfComparison } from "../components/self-evaluation/self-comparison";
import { selfComparisonView } from "../components/self-evaluation/comparison-view.server";
import { AcknowledgementPanel } from "../components/feedback/acknowledgement-panel";
import { acknowledgementPanelView } from "../components/feedback/acknowledgement-view.server";
import { DisputePanel } from "../components/disputes/dispute-panel";
import { disputePanelView } from "../components/disputes/dispute-panel-view.server";
import { useEvidenceCapture } from "../components/disputes/use-evidence-capture";
import { ExplainToggle } from "../components/review/explain-toggle";
import { browserStorage, clearLocalDraft } from "../components/review/local-draft";
import { ReviewMedia } from "../components/conversation/review-media";
import { EVALUATION_NOT_FOUND, evaluationIdOf, headerFactsOf, loadEvaluationOrThrow, mediaDataOf } from "./review.$evaluationId/evaluation-page.server";
import { ReviewFacts, WorkspaceLayout } from "../components/review/workspace-layout";
import { FeedbackView } from "../components/rich-text/feedback-view";
import { ScoreSummary, ScorecardForm } from "../components/scorecard-form/scorecard-form";
import { requirePermission } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { formatDateTime } from "../lib/time";
import { readForm } from "../lib/forms.server";
import { errorPage, runUseCase } from "../lib/errors.server";
import { blobStore } from "../lib/storage.server";
import { editEvaluation } from "../modules/evaluations/edit-evaluation.server";
import { MAX_REASON_CHARS } from "../modules/evaluations/evaluation-change.schema";
import { listEvaluationHistory } from "../modules/evaluations/list-evaluation-history.server";
import { releaseEvaluation } from "../modules/evaluations/release-evaluation.server";
import { voidEvaluation } from "../modules/evaluations/void-evaluation.server";
import { acknowledgeEvaluation } from "../modules/feedback/acknowledge-evaluation.server";
import { getAcknowledgement } from "../modules/feedback/get-acknowledgement.server";
import { getInteraction } from "../modules/interactions/get-interaction.server";
import { getOrganisation } from "../modules/users/get-organisation.server";
import { can } from "../modules/access/permissions";

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [
  { title: page ? `Evaluation: ${page.facts.title} · Parley` : "Evaluation · Parley" },
];

/** The answers travel as one JSON field; what they hold is checked by the use case against the pinned version. */
const answersField = z.string({ error: "The answers are missing; reload the page" }).transform((text, ctx) => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    ctx.addIssue({ code: "custom", message: "The answers could not be read; reload the page" });
    return z.NEVER;
  }
});
// Reason and revision are checked by the use case, after it has checked who may do this (404, then 403, then 422).
const actionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("release") }),
    z.object({ intent: z.literal("correct"), answers: answersField, reason: z.string().optional(), revision: z.string().optional() }),
    z.object({ intent: z.literal("void"), reason: z.string().optional(), revision: z.string().optional() }),
    // The comment's length and the revision are checked by the use case, after who may acknowledge.
    z.object({ intent: z.literal("acknowledge"), revisionId: z.string().optional().default(""), comment: z.string().optional() }),
  ],
  { error: "Unknown action; reload the page" },
);
const NOT_FOUND = EVALUATION_NOT_FOUND;

const noChange = () => {};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "interactions:view");
  const id = evaluationIdOf(params);
  const evaluation = await loadEvaluationOrThrow(viewer, id);
  // Only its reviewer sees a draft, and a draft is worked on in the workspace.
  if (evaluation.status === "draft") throw redirect(`/review/${id}`);
  const [organisation, interaction] = await Promise.all([getOrganisation(db()), getInteraction(db(), blobStore(), viewer, evaluation.interactionId)]);
  if (!interaction) throw errorPage("not_found", NOT_FOUND);
  const tz = organisation.timeZone;
  const released = evaluation.releasedAt !== null;
  const [history, acknowledgement, comments, selfComparison, disputes] = await Promise.all([
    listEvaluationHistory(db(), viewer, id),
    getAcknowledgement(db(), viewer, id, new Date(), tz),
    commentThreadView(db(), viewer, id, tz),
    selfComparisonView(db(), viewer, evaluation),
    disputePanelView(viewer, evaluation, tz),
  ]);
  // A self-evaluation is the agent's own judgement: nobody corrects or voids it (docs/decisions/0025).
  const changeable = evaluation.status === "submitted" && evaluation.kind === "review" && can(viewer, "evaluations:edit");
  return {
    evaluation: {
      id: evaluation.id,
      kind: evaluation.kind,
      status: evaluation.status,
      revision: evaluation.revision,
      score: evaluation.score,
      passed: evaluation.passed === true,
      autoFailed: evaluation.autoFailed,
      reviewerName: evaluation.reviewer.name,
      submittedAt: evaluation.submittedAt ? formatDateTime(evaluation.submittedAt, tz) : null,
      releasedAt: evaluation.releasedAt ? formatDateTime(evaluation.releasedAt, tz) : null,
      answers: evaluation.answers,
      feedback: evaluation.feedback,
      definition: evaluation.version.definition,
      passMark: evaluation.version.definition.passMark,
    },
    facts: headerFactsOf(interaction, evaluation, tz),
    media: mediaDataOf(interaction, evaluation),
    history: historyView(history, tz),
    voided: voidView(evaluation, tz),
    acknowledgement: acknowledgementPanelView(acknowledgement, tz),
    comments,
    selfComparison,
    disputes,
    canRelease: !released && evaluation.status === "submitted" && evaluation.kind === "review" && can(viewer, "evaluations:release"),
    canChange: changeable,
    maxReason: MAX_REASON_CHARS,
    currentUserId: viewer.id,
    timeZone: tz,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "interactions:view");
  const id = evaluationIdOf(params);
  const form = await readForm(request, actionSchema);
  if (!form.ok) return form.response;
  const { input } = form;
  if (input.intent === "correct") {
    const result = await runUseCase(form.form, () => editEvaluation(db(), viewer, id, input));
    if (!result.ok) return result.response;
    throw redirect(`/evaluations/${id}?corrected=${result.value.revision}`);
  }
  if (input.intent === "acknowledge") {
    const result = await runUseCase(form.form, () => acknowledgeEvaluation(db(), viewer, id, input));
    if (!result.ok) return result.response;
    throw redirect(`/evaluations/${id}?acknowledged=${result.value.created ? "1" : "already"}`);
  }
  if (input.intent === "void") {
    const result = await runUseCase(form.form, () => voidEvaluation(db(), viewer, id, input));
    if (!result.ok) return result.response;
    throw redirect(`/evaluations/${id}?voided=1`);
  }
  // Releasing is an action of QA leads and admins: other roles get the error page whatever the
  // evaluation; the use case checks scope, permission and state (access/refusals.ts).
  if (!can(viewer, "evaluations:release")) throw errorPage("forbidden", "Only QA leads and admins release evaluations to agents.");
  const result = await runUseCase(form.form, () => releaseEvaluation(db(), viewer, id));
  if (!result.ok) return result.response;
  throw redirect(`/evaluations/${id}?released=1`);
}

function scoreLabel(score: number | null): string {
  return score === null ? "—" : score.toFixed(1);
}

export default function EvaluationPage() {
  const page = useLoaderData<typeof loader>();
  const { evaluation, facts, media } = page;
  const failure = useActionData<typeof action>();
  const navigation = useNavigation();
  const [search] = useSearchParams();
  const confirm = useRef<HTMLDialogElement>(null);
  const posting = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const releasing = posting === "release";
  const [correcting, setCorrecting] = useState(false);
  const correctButton = useRef<HTMLButtonElement>(null);
  const evidence = useEvidenceCapture();
  const stopCorrecting = () => {
    setCorrecting(false);
    // Back to the button that opened the form, once it is shown again.
    requestAnimationFrame(() => correctButton.current?.focus());
  };
  // The refusal of the form it belongs to, so each form shows its own and keeps what was typed.
  const failed = failure && !failure.ok ? failure : null;
  const failureOf = (intent: string): ChangeFailure | null => (failed?.values.intent === intent ? failed : null);

  // A copy of the draft kept in this browser while it was being scored is no longer needed.
  useEffect(() => clearLocalDraft(browserStorage(), evaluation.id), [evaluation.id]);
  // A saved correction (a new autosave counter) closes the form; the history shows it.
  useEffect(() => setCorrecting(false), [evaluation.revision]);

  const isVoid = evaluation.status === "void";
  const verdict = isVoid ? "void" : evaluation.autoFailed ? "fail" : evaluation.passed ? "pass" : "fail";
  const corrected = search.get("corrected");
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/interactions/${facts.interactionId}`}>{facts.title}</Link>
      </p>
      <div className="page-header evaluation-header">
        <div>
          <h1>
            {evaluation.kind === "self" ? "Self-evaluation" : "Evaluation"} of {facts.agentName}’s {facts.channelLabel.toLowerCase()}
          </h1>
          <ReviewFacts facts={facts}>
            <div>
              <dt>Reviewer</dt>
              <dd>{evaluation.reviewerName}</dd>
            </div>
            <div>
              <dt>Submitted</dt>
              <dd>{evaluation.submittedAt ?? "—"}</dd>
            </div>
          </ReviewFacts>
        </div>
        <div className={`evaluation-score evaluation-score--${verdict}`} aria-label="Result">
          {isVoid ? (
            <p className="evaluation-score__value">Void</p>
          ) : (
            <>
              <p className="evaluation-score__value">
                <span className="visually-hidden">Score </span>
                {scoreLabel(evaluation.score)}
              </p>
              <p className="evaluation-score__verdict">
                <span className={`badge badge--${verdict}`}>{verdict === "pass" ? "Pass" : "Fail"}</span>
                {evaluation.autoFailed ? <span className="badge badge--critical-failed">Auto-failed</span> : null}
                <span className="muted small"> pass mark {evaluation.passMark}</span>
              </p>
            </>
          )}
        </div>
      </div>

      {search.get("released") === "1" && evaluation.releasedAt ? (
        <p className="alert alert--success" role="status">
          Released. {facts.agentName} can now read this evaluation.
        </p>
      ) : null}
      {corrected && !isVoid ? (
        <p className="alert alert--success" role="status">
          Correction saved as revision {corrected}. The score is now {scoreLabel(evaluation.score)} ({evaluation.autoFailed ? "auto-failed" : evaluation.passed ? "pass" : "fail"}).
        </p>
      ) : null}
      {page.voided ? (
        <div className="alert alert--void" role={search.get("voided") === "1" ? "status" : undefined}>
          <p>
            <strong>This evaluation is void.</strong> {page.voided.byName} voided it on {page.voided.at}: “{page.voided.reason}”
          </p>
          <p>It no longer counts in any score, list or figure. Its answers and history are kept below for the record.</p>
        </div>
      ) : null}
      {search.get("acknowledged") ? (
        <p className="alert alert--success" role="status">
          {search.get("acknowledged") === "already" ? "You had already acknowledged this version; that acknowledgement stands." : "Acknowledged. Thank you."}
        </p>
      ) : null}
      {failed && failed.values.intent !== "correct" && failed.values.intent !== "void" && failed.values.intent !== "acknowledge" ? (
        <p className="alert alert--error" role="alert">
          {failed.message}
        </p>
      ) : null}

      {search.get("self") === "submitted" ? (
        <p className="alert alert--success" role="status">
          Self-evaluation submitted. It shows beside the review once the review is released to you.
        </p>
      ) : null}
      {page.selfComparison ? <SelfComparison comparison={page.selfComparison} current={evaluation.kind === "self" ? "self" : "review"} /> : null}

      <div className="release-state" hidden={evaluation.kind === "self"}>
        {evaluation.releasedAt ? (
          <p>
            <span className="badge badge--released">Released</span> Visible to the agent since {evaluation.releasedAt}.
          </p>
        ) : (
          <p>
            <span className="badge badge--unreleased">Not released</span> Not released to the agent.
          </p>
        )}
        {page.canRelease ? (
          <>
            <button type="button" className="button button--primary" onClick={() => confirm.current?.showModal()}>
              Release to agent…
            </button>
            <dialog ref={confirm} className="dialog" aria-labelledby="release-title">
              <h2 id="release-title">Release this evaluation to {facts.agentName}?</h2>
              <p>
                {facts.agentName} will see the score, the answers, the annotations and the feedback on their conversation. This cannot be
                undone.
              </p>
              <div className="dialog__actions">
                <button type="button" className="button" onClick={() => confirm.current?.close()}>
                  Cancel
                </button>
                <Form method="post" onSubmit={() => confirm.current?.close()}>
                  <CsrfField />
                  <button type="submit" name="intent" value="release" className="button button--primary" disabled={releasing}>
                    {releasing ? "Releasing…" : "Release"}
                  </button>
                </Form>
              </div>
            </dialog>
          </>
        ) : null}
        {page.canChange ? (
          <div className="evaluation-changes">
            {correcting ? null : (
              <button ref={correctButton} type="button" className="button" onClick={() => setCorrecting(true)}>
                Correct answers…
              </button>
            )}
            <VoidDialog agentName={facts.agentName} revision={evaluation.revision} maxReason={page.maxReason} failure={failureOf("void")} submitting={posting === "void"} />
          </div>
        ) : null}
      </div>

      {page.acknowledgement ? (
        <AcknowledgementPanel
          key={page.acknowledgement.kind}
          panel={page.acknowledgement}
          agentName={facts.agentName}
          failure={failureOf("acknowledge")}
          submitting={posting === "acknowledge"}
        />
      ) : null}

      <DisputePanel panel={page.disputes} evaluationId={evaluation.id} definition={evaluation.definition} answers={evaluation.answers} connect={evidence.connect} />

      <WorkspaceLayout
        scorecardLabel="Scores and feedback"
        media={
          <ReviewMedia
            key={evaluation.id}
            evaluationId={evaluation.id}
            player={media.player}
            transcript={media.transcript}
            annotations={media.annotations}
            questions={media.questions}
            editable={false}
            currentUserId={page.currentUserId}
            timeZone={page.timeZone}
            evidence={evidence.capture}
          />
        }
        scorecard={
          correcting && page.canChange ? (
            <CorrectionForm
              definition={evaluation.definition}
              answers={evaluation.answers}
              revision={evaluation.revision}
              maxReason={page.maxReason}
              failure={failureOf("correct")}
              submitting={posting === "correct"}
              onCancel={stopCorrecting}
            />
          ) : (
            <div className="evaluation-scores">
              {isVoid ? null : (
                <>
                  <ScoreSummary definition={evaluation.definition} answers={evaluation.answers} />
                  <ExplainToggle definition={evaluation.definition} answers={evaluation.answers} />
                </>
              )}
              <RevisionHistory revisions={page.history} voided={page.voided} />
              <section className="feedback-section" aria-labelledby="feedback-title">
                <h3 id="feedback-title">Overall feedback</h3>
                <FeedbackView doc={evaluation.feedback} headingLevel={3} />
              </section>
              <h3>Answers</h3>
              <ScorecardForm definition={evaluation.definition} answers={evaluation.answers} onChange={noChange} readOnly summary={false} />
            </div>
          )
        }
      />
      {page.comments ? <CommentThread thread={page.comments} /> : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
