/**
 * A QA lead's correction of a submitted evaluation, in place of the read-only answers: the
 * scorecard with the answers in force, the live score as the server will record it (same
 * score math, pinned version), and the reason, required. A refused save keeps every answer
 * and the reason in the page and shows why; answers the server names are marked on their
 * question. Saving writes a new revision; the history then shows what changed.
 */
import { Form } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import type { Answers, ScorecardDefinition } from "../../modules/scorecards/scorecard-definition.schema";
import { CsrfField } from "../csrf-field";
import { FieldError } from "../field-error";
import { ScorecardForm } from "../scorecard-form/scorecard-form";
import type { ChangeFailure } from "./void-dialog";

interface CorrectionFormProps {
  definition: ScorecardDefinition;
  answers: Answers;
  /** The evaluation's autosave counter as loaded: a change made meanwhile answers 409. */
  revision: number;
  maxReason: number;
  failure: ChangeFailure | null;
  submitting: boolean;
  onCancel: () => void;
}

/** Field errors "answers.<id>" as the scorecard form takes them: by question id. */
function questionErrors(fieldErrors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fieldErrors)
      .filter(([field]) => field.startsWith("answers."))
      .map(([field, message]) => [field.slice("answers.".length), message]),
  );
}

export function CorrectionForm({ definition, answers, revision, maxReason, failure, submitting, onCancel }: CorrectionFormProps) {
  const [draft, setDraft] = useState<Answers>(answers);
  const title = useRef<HTMLHeadingElement>(null);
  // The button that opened the form is gone: a keyboard user continues from the form's title.
  useEffect(() => title.current?.focus(), []);
  const reasonError = failure?.fieldErrors.reason;
  return (
    <Form method="post" className="correction-form" aria-labelledby="correction-title">
      <h3 id="correction-title" ref={title} tabIndex={-1}>
        Correct the answers
      </h3>
      <p className="muted small">
        Change what was scored wrong and say why. The correction becomes a new revision; the one before stays in the history.
      </p>
      {failure ? (
        <p className="alert alert--error" role="alert">
          {failure.message}
        </p>
      ) : null}
      <CsrfField />
      <input type="hidden" name="intent" value="correct" />
      <input type="hidden" name="revision" value={revision} />
      <input type="hidden" name="answers" value={JSON.stringify(draft)} />
      <ScorecardForm definition={definition} answers={draft} onChange={setDraft} errors={failure ? questionErrors(failure.fieldErrors) : {}} />
      <div className="field">
        <label htmlFor="correction-reason">Reason for the correction</label>
        <textarea
          id="correction-reason"
          name="reason"
          rows={3}
          required
          defaultValue={failure?.values.reason ?? ""}
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={reasonError ? "correction-reason-hint correction-reason-error" : "correction-reason-hint"}
        />
        <p className="field__hint" id="correction-reason-hint">
          Required, up to {maxReason} characters. The agent and everyone who can read this evaluation see it in the history.
        </p>
        <FieldError id="correction-reason-error" message={reasonError} />
      </div>
      <div className="correction-form__actions">
        <button type="submit" className="button button--primary" disabled={submitting}>
          {submitting ? "Saving the correction…" : "Save the correction"}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </Form>
  );
}
