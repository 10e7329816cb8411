/**
 * The right half of the review workspace: the live score, the scorecard form, the overall
 * feedback and the submit button, with autosave. Answers and feedback live here in React
 * state; every change is saved about a second later (use-autosave.ts), and nothing typed is
 * lost to a network error, a stale revision (409) or a refused submit (422).
 */
import { Link, useFetcher } from "@remix-run/react";
import { forwardRef, useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState, type FocusEvent } from "react";
import { formatHourMinute } from "../../lib/time";
import { MAX_FEEDBACK_CHARS, type FeedbackDocument } from "../../modules/evaluations/feedback-document";
import { scoreEvaluation, type ScoreResult } from "../../modules/scorecards/score-math";
import { questionsInOrder, type Answers, type ScorecardDefinition } from "../../modules/scorecards/scorecard-definition.schema";
import { ScoreSummary, ScorecardForm } from "../scorecard-form/scorecard-form";
import { CharacterCount, overLimitMessage } from "../character-count";
import { questionErrorsOf } from "./autosave-state";
import { ExplainToggle } from "./explain-toggle";
import { FeedbackEditor } from "./feedback-editor";
import { feedbackLength } from "./held-back";
import { browserStorage, clearLocalDraft, readLocalDraft, shouldOfferRestore, type LocalDraft } from "./local-draft";
import { SubmitDialog } from "./submit-dialog";
import { useAutosave, useCsrfToken, workspaceActionPath } from "./use-autosave";
import { useReconcileOnShow } from "./use-reconcile";
import type { WorkspaceActionResult, WorkspaceRequestBody } from "./workspace-action";

export interface ScorecardPanelProps {
  evaluationId: string;
  definition: ScorecardDefinition;
  answers: Answers;
  feedback: FeedbackDocument;
  revision: number;
  /** When the server last stored the draft (ISO). */
  updatedAt: string;
  timeZone: string;
  /** Take the server's copy again (after a conflict): the page reloads its data and remounts this panel. */
  onReloadSaved: () => void;
  /** Words for a self-evaluation, whose reader and next step differ from a review's. */
  wording?: { feedbackHint: string; afterSubmit: string };
}

const reviewWording = {
  feedbackHint: "What the agent reads first. Headings, lists, bold, italic and links; Ctrl+B, Ctrl+I and Ctrl+K work.",
  afterSubmit: "The next item of your queue opens after it.",
};

export interface ScorecardPanelHandle {
  /** Scrolls the form to a question and focuses its first control. */
  focusQuestion(questionId: string): void;
}

/**
 * The element of a question in the rendered form: `[data-question-id]` when the form marks it,
 * else the nth `.scorecard-question` among the visible questions (the form renders one per
 * visible question, in definition order).
 */
export function findQuestionElement(container: HTMLElement, result: ScoreResult, questionId: string): HTMLElement | null {
  const marked = container.querySelector<HTMLElement>(`[data-question-id="${CSS.escape(questionId)}"]`);
  if (marked) return marked;
  const visible = result.sections.flatMap((section) => section.questions.filter((q) => q.visible).map((q) => q.id));
  const index = visible.indexOf(questionId);
  if (index < 0) return null;
  return container.querySelectorAll<HTMLElement>(".scorecard-question").item(index) ?? null;
}

function focusElement(element: HTMLElement) {
  const control =
    element.querySelector<HTMLElement>("input:checked:not(:disabled)") ??
    element.querySelector<HTMLElement>("input:not(:disabled), textarea:not(:disabled), select:not(:disabled), button:not(:disabled)");
  const reduceMotion = window.matchMedia?.("(prefers-reduced-motion: reduce)").matches;
  element.scrollIntoView({ behavior: reduceMotion ? "auto" : "smooth", block: "center" });
  element.classList.add("scorecard-question--flash");
  window.setTimeout(() => element.classList.remove("scorecard-question--flash"), 1600);
  if (control) control.focus({ preventScroll: true });
  else {
    element.tabIndex = -1;
    element.focus({ preventScroll: true });
  }
}

export const ScorecardPanel = forwardRef<ScorecardPanelHandle, ScorecardPanelProps>(function ScorecardPanel(props, ref) {
  const { evaluationId, definition, timeZone, onReloadSaved, wording = reviewWording } = props;
  const [answers, setAnswers] = useState<Answers>(props.answers);
  const [feedback, setFeedback] = useState<FeedbackDocument>(props.feedback);
  // Remounts the editor when its content is replaced from outside (a restored local copy).
  const [editorKey, setEditorKey] = useState(0);
  const [confirming, setConfirming] = useState(false);
  const [restoreOffer, setRestoreOffer] = useState<LocalDraft | null>(null);
  const container = useRef<HTMLDivElement>(null);

  const formatTime = useCallback((iso: string) => formatHourMinute(iso, timeZone), [timeZone]);
  const content = useMemo(() => ({ answers, feedback }), [answers, feedback]);
  const autosave = useAutosave({ evaluationId, revision: props.revision, savedAt: props.updatedAt, content, formatTime });
  const result = useMemo(() => scoreEvaluation(definition, answers), [definition, answers]);
  const prompts = useMemo(() => new Map(questionsInOrder(definition).map(({ question }) => [question.id, question.prompt])), [definition]);

  // A copy left in this browser by an earlier visit (offline, or closed before its save).
  const serverCopy = useRef({ answers: props.answers, feedback: props.feedback, revision: props.revision, updatedAt: props.updatedAt });
  useEffect(() => {
    const storage = browserStorage();
    const local = readLocalDraft(storage, evaluationId);
    if (shouldOfferRestore(local, serverCopy.current)) setRestoreOffer(local);
    else if (local) clearLocalDraft(storage, evaluationId);
  }, [evaluationId]);

  const { changed } = autosave;
  const onAnswers = useCallback(
    (next: Answers) => {
      setAnswers(next);
      changed();
    },
    [changed],
  );
  const onFeedback = useCallback(
    (next: FeedbackDocument) => {
      setFeedback(next);
      changed();
    },
    [changed],
  );

  function restore(local: LocalDraft) {
    setAnswers(local.answers);
    setFeedback(local.feedback);
    setEditorKey((key) => key + 1);
    setRestoreOffer(null);
    changed();
  }
  function discardLocal() {
    clearLocalDraft(browserStorage(), evaluationId);
    setRestoreOffer(null);
  }
  function reloadSaved() {
    clearLocalDraft(browserStorage(), evaluationId);
    onReloadSaved();
  }

  useImperativeHandle(
    ref,
    () => ({
      focusQuestion(questionId: string) {
        const element = container.current ? findQuestionElement(container.current, result, questionId) : null;
        if (element) focusElement(element);
      },
    }),
    [result],
  );

  // Submitting: the same body as a save, through its own fetcher. Success redirects to the
  // next item; a refusal comes back here with the input untouched.
  const submitter = useFetcher<WorkspaceActionResult>({ key: `submit:${evaluationId}` });
  const csrf = useCsrfToken();
  const submitting = submitter.state !== "idle";
  const [submitRefusal, setSubmitRefusal] = useState<{ message: string; errors: Record<string, string>; answersAt: Answers } | null>(null);
  const handledSubmit = useRef(submitter.data);
  const { pause, resume, report } = autosave;
  useEffect(() => {
    const data = submitter.data;
    if (submitter.state !== "idle" || !data || data === handledSubmit.current) return;
    handledSubmit.current = data;
    if (data.ok) return;
    resume();
    setConfirming(false);
    if (data.kind === "invalid") {
      setSubmitRefusal({ message: data.message, errors: questionErrorsOf(data.fieldErrors), answersAt: answers });
    } else if (data.kind === "offline" || data.kind === "server") {
      setSubmitRefusal({ message: `Not submitted: ${data.message}`, errors: {}, answersAt: answers });
    } else {
      setSubmitRefusal(null);
      report(data.kind, data.message);
    }
  }, [submitter.state, submitter.data, answers, resume, report]);

  function submit() {
    if (autosave.busy || submitting) return;
    pause();
    setSubmitRefusal(null);
    const body: WorkspaceRequestBody = { intent: "submit", _csrf: csrf, answers, feedback, revision: autosave.revision };
    submitter.submit(body as unknown as Parameters<typeof submitter.submit>[0], {
      method: "post",
      action: workspaceActionPath(evaluationId),
      encType: "application/json",
    });
  }

  // Messages next to the questions: the last refused submit's (while that answer is unchanged)
  // and the last refused save's.
  const errors = useMemo(() => {
    const merged: Record<string, string> = { ...autosave.questionErrors };
    if (submitRefusal) {
      for (const [id, message] of Object.entries(submitRefusal.errors)) {
        if (answers[id] === submitRefusal.answersAt[id]) merged[id] = message;
      }
    }
    return merged;
  }, [autosave.questionErrors, submitRefusal, answers]);

  // Input waits until the server's draft is known to be the one on screen (use-reconcile.ts).
  const { checking } = useReconcileOnShow({ evaluationId, autosave, onTakeServer: onReloadSaved });
  useEffect(() => {
    if (checking) container.current?.setAttribute("inert", "");
    else container.current?.removeAttribute("inert");
  }, [checking]);
  const missing = result.missingRequired;
  const feedbackChars = useMemo(() => feedbackLength(feedback), [feedback]);
  const feedbackTooLong = overLimitMessage("The overall feedback", feedbackChars, MAX_FEEDBACK_CHARS);
  const held = autosave.held;
  const failure = autosave.state.failure;
  const status = checking ? { kind: "saving" as const, label: "Checking for a newer save…" } : autosave.status;
  const leaveFlush = (event: FocusEvent<HTMLDivElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget)) autosave.flush();
  };

  return (
    <div className="scorecard-panel" ref={container} onBlur={leaveFlush} aria-busy={checking}>
      <div className="scorecard-panel__top">
        <ScoreSummary definition={definition} answers={answers} />
        <div className="scorecard-panel__tools">
          <p className={`save-status save-status--${status.kind}`} role="status" aria-live="polite">
            {status.label}
          </p>
          <ExplainToggle definition={definition} answers={answers} />
        </div>
      </div>

      {restoreOffer ? (
        <div className="alert alert--info restore-offer" role="alert">
          <p>
            This browser kept changes from {formatTime(restoreOffer.changedAt)} that were not saved to the server. Restore them, or keep
            the saved version?
          </p>
          <div className="restore-offer__actions">
            <button type="button" className="button button--primary button--small" onClick={() => restore(restoreOffer)}>
              Restore my unsaved changes
            </button>
            <button type="button" className="button button--small" onClick={discardLocal}>
              Keep the saved version
            </button>
          </div>
        </div>
      ) : null}

      {failure?.kind === "conflict" ? (
        <div className="alert alert--error conflict-alert" role="alert">
          <p>
            <strong>Another tab or window saved this evaluation</strong> after this page loaded, so your latest changes were not saved.
            Everything you typed is still here.
          </p>
          <div className="conflict-alert__actions">
            <button type="button" className="button button--small" onClick={reloadSaved}>
              Reload the saved version
            </button>
            <button type="button" className="button button--danger button--small" onClick={autosave.overwrite} disabled={autosave.busy}>
              Keep mine and overwrite
            </button>
          </div>
        </div>
      ) : failure?.kind === "locked" ? (
        <div className="alert alert--error" role="alert">
          <p>
            {failure.message} Your changes here were not saved.{" "}
            <Link to={`/evaluations/${evaluationId}`}>Open the evaluation</Link>
          </p>
        </div>
      ) : failure?.kind === "invalid" ? (
        <p className="alert alert--error" role="alert">
          Not saved: {failure.message}
        </p>
      ) : null}

      <ScorecardForm definition={definition} answers={answers} onChange={onAnswers} errors={errors} summary={false} />

      <section className="feedback-section" aria-labelledby="feedback-title">
        <h3 id="feedback-title">Overall feedback</h3>
        <p className="field__hint" id="feedback-hint">
          {wording.feedbackHint}
        </p>
        <FeedbackEditor
          key={editorKey}
          value={feedback}
          onChange={onFeedback}
          onBlur={autosave.flush}
          labelledBy="feedback-title"
          describedBy="feedback-hint feedback-count feedback-error"
        />
        <CharacterCount id="feedback-count" length={feedbackChars} max={MAX_FEEDBACK_CHARS} />
        {feedbackTooLong ? (
          <p id="feedback-error" className="field__error">
            {feedbackTooLong} Your answers are still saved as you go.
          </p>
        ) : null}
      </section>

      <div className="submit-bar">
        {submitRefusal ? (
          <p className="alert alert--error" role="alert">
            {submitRefusal.message}
          </p>
        ) : null}
        <button
          type="button"
          className="button button--primary"
          disabled={missing.length > 0 || held.length > 0 || submitting}
          aria-describedby={missing.length > 0 || held.length > 0 ? "submit-blocked" : undefined}
          onClick={() => setConfirming(true)}
        >
          {submitting ? "Submitting…" : "Submit evaluation"}
        </button>
        {held.length > 0 && missing.length === 0 ? (
          <p id="submit-blocked" className="muted small">
            Shorten the {held.some((part) => part.kind === "feedback") ? "overall feedback" : "comments"} marked in red to submit.
          </p>
        ) : null}
        {missing.length > 0 ? (
          <div id="submit-blocked" className="submit-bar__blocked">
            <p className="muted small">
              Answer {missing.length === 1 ? "the last required question" : `${missing.length} more required questions`} to submit:
            </p>
            <ul className="submit-bar__missing">
              {missing.map((id) => (
                <li key={id}>
                  <button type="button" className="link-button" onClick={() => {
                    const element = container.current ? findQuestionElement(container.current, result, id) : null;
                    if (element) focusElement(element);
                  }}>
                    {prompts.get(id) ?? id}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>

      <SubmitDialog
        open={confirming}
        result={result}
        waiting={autosave.busy}
        submitting={submitting}
        afterText={wording.afterSubmit}
        onConfirm={submit}
        onClose={() => {
          if (!submitting) setConfirming(false);
        }}
      />
    </div>
  );
});
