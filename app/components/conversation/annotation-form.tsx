/**
 * The small form behind a new or edited annotation: the comment, an optional scorecard
 * question, positive/negative/neither. A refused save shows the server's message and
 * keeps everything typed. Ctrl+Enter saves; Esc cancels while nothing was changed.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { MAX_ANNOTATION_CHARS } from "../../modules/evaluations/annotation.schema";
import { CharacterCount, overLimitMessage } from "../character-count";
import type { SaveOutcome } from "./use-annotations";
import { sentimentLabels, type Sentiment } from "./types";

export interface AnnotationFormValues {
  comment: string;
  sentiment: Sentiment;
  questionId: string | null;
}

type Choice = keyof typeof sentimentLabels;

export function AnnotationForm({
  title,
  anchorLabel,
  questions,
  initial,
  onSave,
  onCancel,
}: {
  title: string;
  anchorLabel: string;
  questions: readonly { id: string; prompt: string }[];
  initial: AnnotationFormValues;
  onSave: (values: AnnotationFormValues) => Promise<SaveOutcome>;
  onCancel: () => void;
}) {
  const id = useId();
  const [comment, setComment] = useState(initial.comment);
  const [sentiment, setSentiment] = useState<Choice>(initial.sentiment ?? "neither");
  const [questionId, setQuestionId] = useState(initial.questionId ?? "");
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<{ message: string; fieldErrors: Record<string, string> } | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    textarea.current?.focus();
    form.current?.scrollIntoView({ block: "nearest" });
    return () => {
      mounted.current = false;
    };
  }, []);

  const unchanged = comment === initial.comment && sentiment === (initial.sentiment ?? "neither") && questionId === (initial.questionId ?? "");

  async function save(event?: FormEvent) {
    event?.preventDefault();
    if (saving) return;
    if (comment.trim() === "") {
      setError({ message: "Write a comment.", fieldErrors: { comment: "Write a comment" } });
      textarea.current?.focus();
      return;
    }
    // Refused here, in full, rather than cut: the text stays for the reviewer to shorten.
    const tooLong = overLimitMessage("The comment", comment.trim().length, MAX_ANNOTATION_CHARS);
    if (tooLong) {
      setError({ message: `Not saved. ${tooLong}`, fieldErrors: { comment: tooLong } });
      textarea.current?.focus();
      return;
    }
    setSaving(true);
    setError(null);
    const result = await onSave({ comment: comment.trim(), sentiment: sentiment === "neither" ? null : sentiment, questionId: questionId || null });
    if (!mounted.current) return;
    setSaving(false);
    if (!result.ok) {
      setError({ message: result.message, fieldErrors: result.fieldErrors });
      textarea.current?.focus();
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void save();
    } else if (event.key === "Escape" && unchanged) {
      event.preventDefault();
      onCancel();
    }
  }

  const fieldError = (name: string) => error?.fieldErrors[name];
  return (
    <form ref={form} className="review-note-form" aria-labelledby={`${id}-title`} onSubmit={(event) => void save(event)} onKeyDown={onKeyDown} noValidate>
      <div className="review-note-form__head">
        <h3 id={`${id}-title`}>{title}</h3>
        <span className="muted small review-note-form__anchor">{anchorLabel}</span>
      </div>
      {error ? (
        <p className="alert alert--error" role="alert">
          {error.message}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-comment`}>Comment</label>
        <textarea
          ref={textarea}
          id={`${id}-comment`}
          rows={3}
          value={comment}
          onChange={(event) => setComment(event.currentTarget.value)}
          aria-invalid={fieldError("comment") || comment.length > MAX_ANNOTATION_CHARS ? true : undefined}
          aria-describedby={`${id}-comment-count${fieldError("comment") ? ` ${id}-comment-error` : ""}`}
        />
        <CharacterCount id={`${id}-comment-count`} length={comment.length} max={MAX_ANNOTATION_CHARS} />
        {fieldError("comment") ? (
          <p id={`${id}-comment-error`} className="field__error">
            {fieldError("comment")}
          </p>
        ) : null}
      </div>
      <div className="review-note-form__row">
        {questions.length > 0 ? (
          <div className="field">
            <label htmlFor={`${id}-question`}>Question (optional)</label>
            <select
              id={`${id}-question`}
              value={questionId}
              onChange={(event) => setQuestionId(event.currentTarget.value)}
              aria-invalid={fieldError("questionId") ? true : undefined}
            >
              <option value="">No question</option>
              {questions.map((question) => (
                <option key={question.id} value={question.id}>
                  {question.prompt}
                </option>
              ))}
            </select>
            {fieldError("questionId") ? <p className="field__error">{fieldError("questionId")}</p> : null}
          </div>
        ) : null}
        <fieldset className="field review-note-form__sentiment">
          <legend>Marked as</legend>
          {(Object.keys(sentimentLabels) as Choice[]).map((choice) => (
            <label key={choice} className={`check review-sentiment review-sentiment--${choice}`}>
              <input type="radio" name={`${id}-sentiment`} value={choice} checked={sentiment === choice} onChange={() => setSentiment(choice)} />
              {sentimentLabels[choice]}
            </label>
          ))}
        </fieldset>
      </div>
      <div className="review-note-form__actions">
        <button type="submit" className="button button--primary" disabled={saving}>
          {saving ? "Saving…" : "Save"}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={saving}>
          Cancel
        </button>
        <span className="muted small">Ctrl+Enter saves</span>
      </div>
    </form>
  );
}
