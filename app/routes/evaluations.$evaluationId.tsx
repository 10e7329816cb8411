/**
 * A submitted evaluation, read-only: the score and verdict, who scored it and when, whether
 * the agent can see it (and, for QA leads and admins, "Release to agent"), the conversation
 * with its annotations, the scored form, the breakdown and the overall feedback. Visible as
 * getEvaluation scopes it: agents their own released ones, supervisors their teams', QA all;
 * anything else is "not found". The reviewer's own draft opens in the workspace instead.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { z } from "zod";
import { CsrfField } from "../components/csrf-field";
import { RouteErrorBoundary } from "../components/error-page";
import { ExplainToggle } from "../components/review/explain-toggle";
import { browserStorage, clearLocalDraft } from "../components/review/local-draft";
import { ReviewMedia } from "../components/review/media/review-media";
import { EVALUATION_NOT_FOUND, evaluationIdOf, headerFactsOf, loadEvaluationOrThrow, mediaDataOf } from "../components/review/review-data.server";
import { ReviewFacts, WorkspaceLayout } from "../components/review/workspace-layout";
import { FeedbackView } from "../components/rich-text/feedback-view";
import { ScoreSummary, ScorecardForm } from "../components/scorecard-form/scorecard-form";
import { requirePermission } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { formatDateTime } from "../lib/time";
import { readForm } from "../lib/forms.server";
import { errorPage, runUseCase } from "../lib/errors.server";
import { blobStore } from "../lib/storage.server";
import { releaseEvaluation } from "../modules/evaluations/release-evaluation.server";
import { getInteraction } from "../modules/interactions/get-interaction.server";
import { getOrganisation } from "../modules/users/get-organisation.server";
import { can } from "../modules/users/permissions";

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [
  { title: page ? `Evaluation: ${page.facts.title} · Parley` : "Evaluation · Parley" },
];

const actionSchema = z.object({ intent: z.literal("release", { error: "Unknown action; reload the page" }) });
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
  return {
    evaluation: {
      id: evaluation.id,
      kind: evaluation.kind,
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
    canRelease: !released && can(viewer, "scorecards:manage"),
    currentUserId: viewer.id,
    timeZone: tz,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "interactions:view");
  const id = evaluationIdOf(params);
  const form = await readForm(request, actionSchema);
  if (!form.ok) return form.response;
  if (!can(viewer, "scorecards:manage")) throw errorPage("forbidden", "Only QA leads and admins release evaluations to agents.");
  // Scoped first: an evaluation the viewer cannot see is not found, whatever their role.
  await loadEvaluationOrThrow(viewer, id);
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
  const releasing = navigation.state === "submitting" && navigation.formData?.get("intent") === "release";

  // A copy of the draft kept in this browser while it was being scored is no longer needed.
  useEffect(() => clearLocalDraft(browserStorage(), evaluation.id), [evaluation.id]);

  const verdict = evaluation.autoFailed ? "fail" : evaluation.passed ? "pass" : "fail";
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/interactions/${facts.interactionId}`}>{facts.title}</Link>
      </p>
      <div className="page-header evaluation-header">
        <div>
          <h1>Evaluation of {facts.agentName}’s {facts.channelLabel.toLowerCase()}</h1>
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
          <p className="evaluation-score__value">
            <span className="visually-hidden">Score </span>
            {scoreLabel(evaluation.score)}
          </p>
          <p className="evaluation-score__verdict">
            <span className={`badge badge--${verdict}`}>{verdict === "pass" ? "Pass" : "Fail"}</span>
            {evaluation.autoFailed ? <span className="badge badge--critical-failed">Auto-failed</span> : null}
            <span className="muted small"> pass mark {evaluation.passMark}</span>
          </p>
        </div>
      </div>

      {search.get("released") === "1" && evaluation.releasedAt ? (
        <p className="alert alert--success" role="status">
          Released. {facts.agentName} can now read this evaluation.
        </p>
      ) : null}
      {failure && !failure.ok ? (
        <p className="alert alert--error" role="alert">
          {failure.message}
        </p>
      ) : null}

      <div className="release-state">
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
      </div>

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
          />
        }
        scorecard={
          <div className="evaluation-scores">
            <ScoreSummary definition={evaluation.definition} answers={evaluation.answers} />
            <ExplainToggle definition={evaluation.definition} answers={evaluation.answers} />
            <section className="feedback-section" aria-labelledby="feedback-title">
              <h3 id="feedback-title">Overall feedback</h3>
              <FeedbackView doc={evaluation.feedback} headingLevel={3} />
            </section>
            <h3>Answers</h3>
            <ScorecardForm definition={evaluation.definition} answers={evaluation.answers} onChange={noChange} readOnly summary={false} />
          </div>
        }
      />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
