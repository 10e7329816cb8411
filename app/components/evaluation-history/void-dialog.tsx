/**
 * "Void evaluation…" for a QA lead: a dialog that says what voiding does, asks for the reason
 * (required) and asks to confirm. It stays open with the typed reason when the post is
 * refused; Esc or Cancel closes it without doing anything.
 */
import { Form } from "@remix-run/react";
import { useRef } from "react";
import { CsrfField } from "../csrf-field";
import { FieldError } from "../field-error";

export interface ChangeFailure {
  message: string;
  fieldErrors: Record<string, string>;
  values: Record<string, string>;
}

interface VoidDialogProps {
  agentName: string;
  revision: number;
  maxReason: number;
  failure: ChangeFailure | null;
  submitting: boolean;
}

export function VoidDialog({ agentName, revision, maxReason, failure, submitting }: VoidDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const reasonError = failure?.fieldErrors.reason;
  const otherError = failure && !reasonError ? failure.message : null;
  return (
    <>
      <button type="button" className="button button--danger" onClick={() => dialog.current?.showModal()}>
        Void evaluation…
      </button>
      <dialog ref={dialog} className="dialog reason-dialog" aria-labelledby="void-title">
        <Form method="post" className="reason-dialog__form">
          <h2 id="void-title">Void this evaluation?</h2>
          <p>
            It will no longer count in any score, list or figure, and its page will show it as void. Its history stays. {agentName}&rsquo;s
            conversation can then be sampled or assigned again. A void evaluation cannot be corrected or restored.
          </p>
          {otherError ? (
            <p className="alert alert--error" role="alert">
              {otherError}
            </p>
          ) : null}
          <CsrfField />
          <input type="hidden" name="intent" value="void" />
          <input type="hidden" name="revision" value={revision} />
          <div className="field">
            <label htmlFor="void-reason">Reason for voiding</label>
            <textarea
              id="void-reason"
              name="reason"
              rows={3}
              required
              defaultValue={failure?.values.reason ?? ""}
              aria-invalid={reasonError ? true : undefined}
              aria-describedby={reasonError ? "void-reason-hint void-reason-error" : "void-reason-hint"}
            />
            <p className="field__hint" id="void-reason-hint">
              For example “scored against the wrong call”. Required, up to {maxReason} characters.
            </p>
            <FieldError id="void-reason-error" message={reasonError} />
          </div>
          <div className="dialog__actions">
            <button type="button" className="button" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
            <button type="submit" className="button button--danger" disabled={submitting}>
              {submitting ? "Voiding…" : "Void evaluation"}
            </button>
          </div>
        </Form>
      </dialog>
    </>
  );
}
