import type { Answer, AnswerValue, Question } from "../../modules/scorecards/scorecard-definition.schema";
import { scalePoints, tagsOf, toggleTag } from "./answers";

export interface AnswerControlProps {
  question: Question;
  answer: Answer | undefined;
  /** Unique per form on the page: radio group names and element ids start with it. */
  name: string;
  disabled: boolean;
  onValue: (value: AnswerValue | undefined) => void;
  /** Element ids that describe every control (help text, error). */
  describedBy?: string;
}

/** The control that answers one question: radios, a scale, a textarea or tag checkboxes. */
export function AnswerControl({ question, answer, name, disabled, onValue, describedBy }: AnswerControlProps) {
  const value = answer?.value;
  switch (question.kind) {
    case "binary":
      return (
        <div className="answer-options answer-options--row">
          {[
            { label: "Yes", option: true },
            { label: "No", option: false },
          ].map(({ label, option }) => (
            <label key={label} className="answer-option">
              <input
                type="radio"
                name={name}
                checked={value === option}
                disabled={disabled}
                onChange={() => onValue(option)}
                aria-describedby={describedBy}
              />
              {label}
            </label>
          ))}
        </div>
      );
    case "scale": {
      const points = scalePoints(question);
      if (points.length === 0) return <p className="field__hint">This scale&apos;s ends do not make 2 to 11 points yet.</p>;
      return (
        <div className="answer-scale">
          {question.minLabel ? (
            <span className="answer-scale__end" aria-hidden="true">
              {question.minLabel}
            </span>
          ) : null}
          <div className="answer-options answer-options--row">
            {points.map((point) => {
              const end = point === question.min ? question.minLabel : point === question.max ? question.maxLabel : undefined;
              return (
                <label key={point} className="answer-option answer-option--point">
                  <input
                    type="radio"
                    name={name}
                    checked={value === point}
                    disabled={disabled}
                    onChange={() => onValue(point)}
                    aria-describedby={describedBy}
                  />
                  {point}
                  {end ? <span className="visually-hidden">, {end}</span> : null}
                </label>
              );
            })}
          </div>
          {question.maxLabel ? (
            <span className="answer-scale__end" aria-hidden="true">
              {question.maxLabel}
            </span>
          ) : null}
        </div>
      );
    }
    case "choice":
      return (
        <div className="answer-options">
          {question.options.map((option) => (
            <label key={option.id} className="answer-option">
              <input
                type="radio"
                name={name}
                checked={value === option.id}
                disabled={disabled}
                onChange={() => onValue(option.id)}
                aria-describedby={describedBy}
              />
              {option.label}
              <span className="muted small">
                {" "}
                ({option.points} {option.points === 1 ? "point" : "points"})
              </span>
            </label>
          ))}
        </div>
      );
    case "text":
      return (
        <textarea
          id={`${name}-text`}
          className="answer-text"
          rows={3}
          value={typeof value === "string" ? value : ""}
          disabled={disabled}
          onChange={(event) => onValue(event.target.value === "" ? undefined : event.target.value)}
          aria-describedby={describedBy}
        />
      );
    case "tags": {
      const chosen = tagsOf(value);
      return (
        <div className="answer-options answer-options--tags">
          {question.options.map((option) => (
            <label key={option.id} className="answer-option">
              <input
                type="checkbox"
                checked={chosen.includes(option.id)}
                disabled={disabled}
                onChange={(event) => {
                  const next = toggleTag(chosen, option.id, event.target.checked);
                  onValue(next.length === 0 ? undefined : next);
                }}
                aria-describedby={describedBy}
              />
              {option.label}
            </label>
          ))}
        </div>
      );
    }
  }
}
