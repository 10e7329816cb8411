/**
 * The review workspace: the conversation (waveform, transcript, annotations) on the left,
 * the scorecard with live score, overall feedback and submit on the right. Only the
 * evaluation's reviewer works here, and only while it is a draft; everyone else who may see
 * it goes to its read-only page. The action takes JSON from the page: "save" (autosave,
 * 409 on a stale revision, 422 naming answers that do not fit) and "submit" (422 naming
 * missing answers; on success, the next queue item's workspace, or the queue when done).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Link,
  useLoaderData,
  useRevalidator,
  useSearchParams,
  type ClientActionFunctionArgs,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { z } from "zod";
import { RouteErrorBoundary } from "../../components/error-page";
import { ReviewMedia } from "../../components/conversation/review-media";
import { EVALUATION_NOT_FOUND, evaluationIdOf, headerFactsOf, loadEvaluationOrThrow, mediaDataOf } from "./evaluation-page.server";
import { ScorecardPanel, type ScorecardPanelHandle } from "../../components/review/scorecard-panel";
import { readSubmittedFlash, submittedSearch, submittedText } from "../../components/review/submitted-flash";
import { failureKindOf, type WorkspaceActionResult, type WorkspaceIntent } from "../../components/review/workspace-action";
import { ReviewFacts, WorkspaceLayout } from "../../components/review/workspace-layout";
import { assertCsrf, getSession, requirePermission, requireViewer } from "../../lib/auth.server";
import { db } from "../../lib/db.server";
import { DomainError, fieldErrorsOf, isErrorCode } from "../../lib/errors";
import { errorPage, refusalOf } from "../../lib/errors.server";
import { nulInField, nulPath } from "../../lib/nul";
import { blobStore } from "../../lib/storage.server";
import { evaluationInputSchema } from "../../modules/evaluations/evaluation-input.schema";
import { saveEvaluationDraft } from "../../modules/evaluations/save-evaluation-draft.server";
import { submitAndOpenNext } from "../../modules/evaluations/submit-and-open-next.server";
import { getInteraction } from "../../modules/interactions/get-interaction.server";
import { getOrganisation } from "../../modules/users/get-organisation.server";
import { can } from "../../modules/access/permissions";

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [
  { title: page ? `Review: ${page.facts.title} · Parley` : "Review · Parley" },
];

const NOT_FOUND = EVALUATION_NOT_FOUND;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "interactions:view");
  const id = evaluationIdOf(params);
  const evaluation = await loadEvaluationOrThrow(viewer, id);
  // Submitted, or somebody else's: the read-only page (which applies its own scope).
  if (!evaluation.editable) throw redirect(`/evaluations/${id}`);
  const [organisation, interaction] = await Promise.all([getOrganisation(db()), getInteraction(db(), blobStore(), viewer, evaluation.interactionId)]);
  if (!interaction) throw errorPage("not_found", NOT_FOUND);
  const tz = organisation.timeZone;
  return {
    evaluation: {
      id: evaluation.id,
      // An agent's self-evaluation uses this same workspace (docs/decisions/0025).
      self: evaluation.kind === "self",
      revision: evaluation.revision,
      answers: evaluation.answers,
      feedback: evaluation.feedback,
      updatedAt: evaluation.updatedAt.toISOString(),
      definition: evaluation.version.definition,
    },
    facts: headerFactsOf(interaction, evaluation, tz),
    media: mediaDataOf(interaction, evaluation),
    currentUserId: viewer.id,
    timeZone: tz,
  };
}

const requestSchema = z.object({
  intent: z.enum(["save", "submit"], { error: "Unknown action; reload the page" }),
  _csrf: z.string().optional(),
  overwrite: z.boolean().optional(),
});

/** A refusal as the workspace's answer: the code decides what the page does about it. */
function failure(intent: WorkspaceIntent, error: DomainError) {
  const body: WorkspaceActionResult = { intent, ok: false, code: error.code, kind: failureKindOf(error.code), message: error.message, fieldErrors: error.fieldErrors };
  return data(body, { status: error.status });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireViewer(request);
  // Reviewers, and agents on their self-evaluations; the use cases check which evaluation is whose.
  if (!can(viewer, "reviews:work") && !can(viewer, "evaluations:self")) throw errorPage("forbidden", "You do not have access to this page.");
  const id = evaluationIdOf(params);
  const session = await getSession(request);
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return failure("save", new DomainError("bad_request", "The request could not be read. Reload the page and try again."));
  }
  const nul = nulPath(body);
  if (nul) {
    return failure(body && typeof body === "object" && "intent" in body && body.intent === "submit" ? "submit" : "save", nulInField(nul, "The evaluation"));
  }
  const head = requestSchema.safeParse(body);
  if (!head.success) return failure("save", new DomainError("bad_request", head.error.issues[0]?.message ?? "Unknown action; reload the page"));
  const { intent, overwrite } = head.data;
  const csrf = new FormData();
  csrf.set("_csrf", head.data._csrf ?? "");
  try {
    if (!session) throw new DomainError("unauthenticated", "Your session ended. Sign in again in another tab, then save.");
    assertCsrf(session, csrf);
  } catch (error) {
    if (error instanceof DomainError) return failure(intent, error);
    throw error;
  }
  const input = evaluationInputSchema.safeParse(body);
  if (!input.success) {
    const fieldErrors = fieldErrorsOf(input.error.issues);
    const feedbackProblem = Object.entries(fieldErrors).find(([field]) => field.startsWith("feedback"))?.[1];
    const message = feedbackProblem ? `Overall feedback: ${feedbackProblem}` : "Some answers could not be read; check the highlighted questions.";
    return failure(intent, new DomainError("invalid", message, fieldErrors));
  }

  try {
    if (intent === "save") {
      // "Keep mine and overwrite": save over whatever revision the server has now.
      const saved = await saveEvaluationDraft(db(), viewer, id, input.data, { overwrite: overwrite === true });
      const result: WorkspaceActionResult = { intent: "save", ok: true, revision: saved.revision, savedAt: saved.savedAt.toISOString() };
      return result;
    }

    const { outcome, then } = await submitAndOpenNext(db(), viewer, id, input.data);
    if (then.to === "self-evaluation") throw redirect(`/evaluations/${then.evaluationId}?self=submitted`);
    if (then.to === "evaluation") throw redirect(`/review/${then.evaluationId}${submittedSearch(outcome)}`);
    throw redirect(`/queue${submittedSearch(outcome, { queueDone: then.queueDone })}`);
  } catch (error) {
    const refusal = refusalOf(error, { notFound: NOT_FOUND });
    if (!refusal) throw error;
    return failure(intent, refusal);
  }
}

/**
 * In the browser, a request that never reaches the server (offline) or an unexpected server
 * error becomes a failure the page shows and retries, instead of an error page that would
 * take the reviewer's unsaved input with it. Redirects (a submitted evaluation) go through.
 */
export async function clientAction({ request, serverAction }: ClientActionFunctionArgs): Promise<WorkspaceActionResult> {
  let intent: WorkspaceIntent = "save";
  try {
    const body = (await request.clone().json()) as { intent?: unknown };
    if (body.intent === "submit") intent = "submit";
  } catch {
    // The server answers a body it cannot read.
  }
  if (typeof navigator !== "undefined" && navigator.onLine === false) {
    return { intent, ok: false, kind: "offline", message: "You are offline.", fieldErrors: {} };
  }
  try {
    return await serverAction<typeof action>();
  } catch (error) {
    if (error instanceof Response && error.status >= 300 && error.status < 400) throw error;
    if (isRouteErrorResponse(error)) {
      const payload: unknown = error.data;
      const message = payload && typeof payload === "object" && "message" in payload && typeof payload.message === "string" ? payload.message : error.statusText;
      const code = payload && typeof payload === "object" && "code" in payload && isErrorCode(payload.code) ? payload.code : undefined;
      return { intent, ok: false, ...(code ? { code } : {}), kind: failureKindOf(code), message, fieldErrors: {} };
    }
    const offline = error instanceof TypeError || (typeof navigator !== "undefined" && navigator.onLine === false);
    return {
      intent,
      ok: false,
      kind: offline ? "offline" : "server",
      message: offline ? "The server could not be reached." : "The server had a problem.",
      fieldErrors: {},
    };
  }
}

/** Autosaves answer with the new revision; nothing else on the page changed, so nothing is reloaded. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ json, defaultShouldRevalidate }) => {
  if (json && typeof json === "object" && "intent" in json && json.intent === "save") return false;
  return defaultShouldRevalidate;
};

type WorkspacePage = ReturnType<typeof useLoaderData<typeof loader>>;

export default function ReviewWorkspaceRoute() {
  const page = useLoaderData<typeof loader>();
  // A new evaluation (the next queue item after a submit) starts a fresh workspace.
  return <ReviewWorkspace key={page.evaluation.id} page={page} />;
}

function ReviewWorkspace({ page }: { page: WorkspacePage }) {
  const { evaluation, facts, media } = page;
  const [search] = useSearchParams();
  const flash = readSubmittedFlash(search);
  const panel = useRef<ScorecardPanelHandle>(null);
  const revalidator = useRevalidator();
  // The presigned media URLs change with every load; the player keeps the first ones.
  const [player] = useState(media.player);
  // "Reload the saved version": fetch the page's data again, then remount the scorecard with it.
  const [generation, setGeneration] = useState(0);
  const [reloading, setReloading] = useState(false);
  useEffect(() => {
    if (reloading && revalidator.state === "idle") {
      setReloading(false);
      setGeneration((value) => value + 1);
    }
  }, [reloading, revalidator.state]);
  const reloadSaved = useCallback(() => {
    setReloading(true);
    revalidator.revalidate();
  }, [revalidator]);
  const focusQuestion = useCallback((questionId: string) => panel.current?.focusQuestion(questionId), []);

  return (
    <>
      <p className="breadcrumb">{evaluation.self ? <Link to="/feedback">My feedback</Link> : <Link to="/queue">My queue</Link>}</p>
      {evaluation.self ? (
        <p className="alert alert--info">
          Your self-evaluation: score your own conversation as you see it. Reviewers see it only after submitting their own review; it never counts in
          your quality score. You can change it until you submit it, or until the review is released to you.
        </p>
      ) : null}
      <div className="page-header review-header">
        <div>
          <h1>{facts.title}</h1>
          <ReviewFacts facts={facts}>
            <div>
              <dt>Conversation</dt>
              <dd>
                <Link to={`/interactions/${facts.interactionId}`}>Open its page</Link>
              </dd>
            </div>
          </ReviewFacts>
        </div>
      </div>
      {flash ? (
        <p className="alert alert--success" role="status">
          {submittedText(flash)} Next: {facts.agentName}’s {facts.channelLabel.toLowerCase()} of {facts.startedAt}
          {facts.due ? `, due ${facts.due.relative}` : ""}.
        </p>
      ) : null}
      <WorkspaceLayout
        media={
          <ReviewMedia
            key={evaluation.id}
            evaluationId={evaluation.id}
            player={player}
            transcript={media.transcript}
            annotations={media.annotations}
            questions={media.questions}
            editable
            currentUserId={page.currentUserId}
            timeZone={page.timeZone}
            onFocusQuestion={focusQuestion}
          />
        }
        scorecard={
          <ScorecardPanel
            key={`${evaluation.id}:${generation}`}
            ref={panel}
            evaluationId={evaluation.id}
            definition={evaluation.definition}
            answers={evaluation.answers}
            feedback={evaluation.feedback}
            revision={evaluation.revision}
            updatedAt={evaluation.updatedAt}
            timeZone={page.timeZone}
            onReloadSaved={reloadSaved}
            wording={evaluation.self ? selfWording : undefined}
          />
        }
      />
    </>
  );
}

const selfWording = {
  feedbackHint: "Optional: what went well and what you would do differently. Your supervisor and QA read it beside the review.",
  afterSubmit: "Once submitted it cannot be changed.",
};

export const ErrorBoundary = RouteErrorBoundary;
