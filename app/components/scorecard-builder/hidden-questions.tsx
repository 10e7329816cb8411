import { Form } from "@remix-run/react";
import { CsrfField } from "../csrf-field";

export interface HiddenQuestionsProps {
  questions: { id: string; prompt: string; scoring: boolean; hidden: boolean }[];
  busy: boolean;
  failure: { message: string } | null;
}

/**
 * "Hidden from the agent": notes meant for supervisors and QA (text and tags questions) that
 * the agent never sees, with their comments and linked annotations. Not versioned: it applies
 * at once to every version and to evaluations already scored. Scored questions always show.
 */
export function HiddenQuestions({ questions, busy, failure }: HiddenQuestionsProps) {
  const hideable = questions.filter((question) => !question.scoring);
  return (
    <section aria-labelledby="hidden-title" className="rule-page__section">
      <h2 id="hidden-title">Hidden from the agent</h2>
      <p className="muted">
        Not versioned: applies at once to every version and to evaluations already scored. The agent never sees a hidden question, its
        answer, its comment or the annotations linked to it. Scored questions always stay visible, with their score and its explanation.
      </p>
      {failure ? (
        <p className="alert alert--error" role="alert">
          {failure.message}
        </p>
      ) : null}
      {hideable.length === 0 ? (
        <p className="empty-state">This scorecard has no text or tags question to hide: every question is scored.</p>
      ) : (
        <Form method="post" className="form" key={questions.map((q) => `${q.id}:${q.hidden}`).join("|")}>
          <CsrfField />
          <input type="hidden" name="intent" value="visibility" />
          <fieldset className="field">
            <legend>Questions to hide from the agent</legend>
            {hideable.map((question) => (
              <label key={question.id} className="check">
                <input type="checkbox" name="hidden" value={question.id} defaultChecked={question.hidden} />
                {question.prompt} <span className="muted small mono">({question.id})</span>
              </label>
            ))}
          </fieldset>
          <div>
            <button type="submit" className="button" disabled={busy}>
              Save what agents see
            </button>
          </div>
        </Form>
      )}
    </section>
  );
}
