import { useState } from "react";
import type { QuestionScore } from "../../modules/scorecards/score-math";
import { type Answer, type Question, isScoringQuestion, MAX_COMMENT_CHARS } from "../../modules/scorecards/scorecard-definition.schema";
import { CharacterCount, overLimitMessage } from "../character-count";
import { AnswerControl } from "./answer-controls";
import { answerSummary, pointsLabel } from "./answers";

export const criticalLabels = {
  section: "Critical for its section",
  all: "Critical for the whole evaluation",
} as const;

interface QuestionFieldProps {
  question: Question;
  score: QuestionScore | undefined;
  answer: Answer | undefined;
  /** Unique per form on the page. */
  name: string;
  readOnly: boolean;
  error?: string;
  onChange: (patch: Partial<Answer>) => void;
}

/** One visible question: its prompt, help, control, N/A box and an optional comment. */
export function QuestionField({ question, score, answer, name, readOnly, error, onChange }: QuestionFieldProps) {
  const [commentOpen, setCommentOpen] = useState(Boolean(answer?.comment));
  const scoring = isScoringQuestion(question);
  const na = scoring && question.allowNa && answer?.na === true;
  const helpId = `${name}-help`;
  const errorId = `${name}-error`;
  const describedBy = [question.help ? helpId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
  const required = question.required;
  const prompt = (
    <>
      {question.prompt || <span className="muted">(question without a prompt)</span>}
      {required ? (
        <span className="scorecard-question__required" title="Required">
          {" "}
          *<span className="visually-hidden"> (required)</span>
        </span>
      ) : null}
    </>
  );
  const badges = (
    <span className="scorecard-question__badges">
      {scoring && question.critical ? <span className="badge badge--critical">{criticalLabels[question.critical]}</span> : null}
      {score?.criticalFailed ? (
        <span className="badge badge--critical-failed" role="img" aria-label="Critical question failed">
          Critical failed
        </span>
      ) : null}
    </span>
  );
  const control = (
    <AnswerControl
      question={question}
      answer={answer}
      name={name}
      disabled={readOnly || na}
      describedBy={describedBy}
      onValue={(value) => onChange({ value })}
    />
  );
  const hasAnswer = answer?.value !== undefined;
  const commentLength = answer?.comment?.length ?? 0;
  const commentTooLong = overLimitMessage("This comment", commentLength, MAX_COMMENT_CHARS);
  if (readOnly) return <ReadOnlyQuestion question={question} answer={answer} prompt={prompt} badges={badges} error={error} errorId={errorId} failed={score?.criticalFailed === true} />;

  return (
    <div className={`scorecard-question${score?.criticalFailed ? " scorecard-question--failed" : ""}${error ? " scorecard-question--invalid" : ""}`}>
      {question.kind === "text" ? (
        <div className="scorecard-question__body">
          <label htmlFor={`${name}-text`} className="scorecard-question__prompt">
            {prompt}
          </label>
          {badges}
          {question.help ? (
            <p className="field__hint" id={helpId}>
              {question.help}
            </p>
          ) : null}
          {control}
        </div>
      ) : (
        <fieldset className="scorecard-question__body" aria-invalid={error ? true : undefined}>
          <legend className="scorecard-question__prompt">{prompt}</legend>
          {badges}
          {question.help ? (
            <p className="field__hint" id={helpId}>
              {question.help}
            </p>
          ) : null}
          {control}
          <div className="scorecard-question__extras">
            {scoring && question.allowNa ? (
              <label className="check">
                <input type="checkbox" checked={na} disabled={readOnly} onChange={(event) => onChange({ na: event.target.checked })} />
                N/A (does not apply to this conversation)
              </label>
            ) : null}
            {!readOnly && hasAnswer && question.kind !== "tags" ? (
              <button type="button" className="button button--quiet button--small" onClick={() => onChange({ value: undefined })}>
                Clear answer
              </button>
            ) : null}
          </div>
        </fieldset>
      )}
      {error ? (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      ) : null}
      {readOnly && !answer?.comment ? null : (
      <details className="scorecard-question__comment" open={commentOpen} onToggle={(event) => setCommentOpen(event.currentTarget.open)}>
        <summary>{answer?.comment ? "Comment" : "Add a comment"}</summary>
        <label htmlFor={`${name}-comment`} className="visually-hidden">
          Comment on “{question.prompt}”
        </label>
        <textarea
          id={`${name}-comment`}
          rows={2}
          value={answer?.comment ?? ""}
          readOnly={readOnly}
          aria-invalid={commentTooLong ? true : undefined}
          aria-describedby={`${name}-comment-count ${name}-comment-error`}
          onChange={(event) => onChange({ comment: event.target.value === "" ? undefined : event.target.value })}
        />
        <CharacterCount id={`${name}-comment-count`} length={commentLength} max={MAX_COMMENT_CHARS} />
        {commentTooLong ? (
          <p id={`${name}-comment-error`} className="field__error">
            {commentTooLong} Until then it is not saved; the rest of the evaluation is.
          </p>
        ) : null}
      </details>
      )}
    </div>
  );
}

/**
 * A submitted answer as its reader needs it: the answer chosen in plain words, the points it
 * earned, and the reviewer's comment; not a form of disabled controls to decipher.
 */
function ReadOnlyQuestion({
  question,
  answer,
  prompt,
  badges,
  error,
  errorId,
  failed,
}: {
  question: Question;
  answer: Answer | undefined;
  prompt: React.ReactNode;
  badges: React.ReactNode;
  error: string | undefined;
  errorId: string;
  failed: boolean;
}) {
  const summary = answerSummary(question, answer);
  return (
    <div className={`scorecard-question scorecard-question--read${failed ? " scorecard-question--failed" : ""}`}>
      <p className="scorecard-question__prompt">{prompt}</p>
      {badges}
      <p className={`scorecard-answer${summary.counted ? "" : " scorecard-answer--none"}`}>
        <span className="scorecard-answer__value">{summary.text}</span>
        {summary.points ? <span className="scorecard-answer__points">{pointsLabel(summary.points)}</span> : null}
      </p>
      {answer?.comment ? (
        <div className="scorecard-answer__comment">
          <span className="muted small">Comment</span>
          <p>{answer.comment}</p>
        </div>
      ) : null}
      {error ? (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
