import { Form } from "@remix-run/react";
import { useEffect, useRef, type KeyboardEvent } from "react";
import { CsrfField } from "../csrf-field";
import { FieldError } from "../field-error";

export interface SkipTarget {
  intent: "skip" | "replace";
  assignmentId: string;
  agentName: string;
  scorecardName: string;
  /** "Call · 20 Nov 2026, 10:00" */
  conversation: string;
  /** Set when a lead skips somebody else's work: whose queue it leaves. */
  reviewerName?: string;
}

interface SkipDialogProps {
  target: SkipTarget | null;
  maxReason: number;
  /** The action's failure for this very target, if the last post was refused. */
  failure: { message: string; fieldErrors: Record<string, string>; values: Record<string, string> } | null;
  submitting: boolean;
  onClose: () => void;
}

/**
 * Asks for the reason before an assignment leaves the queue (skip, or skip and replace).
 * One dialog serves the whole table; it stays open with the typed reason when the post is
 * refused. Ctrl+Enter (⌘+Enter) confirms, Esc cancels.
 */
export function SkipDialog({ target, maxReason, failure, submitting, onClose }: SkipDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const reason = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (target && !element.open) {
      element.showModal();
      reason.current?.focus();
    } else if (!target && element.open) {
      element.close();
    }
  }, [target]);

  function confirmWithKeys(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      event.currentTarget.form?.requestSubmit();
    }
  }

  const replacing = target?.intent === "replace";
  const reasonError = failure?.fieldErrors.reason;
  const otherError = failure && !reasonError ? failure.message : null;
  return (
    <dialog ref={dialog} aria-labelledby="skip-dialog-title" className="dialog reason-dialog" onClose={onClose}>
      {target ? (
        <Form method="post" key={`${target.intent}-${target.assignmentId}`} className="reason-dialog__form">
          <h2 id="skip-dialog-title">{replacing ? "Skip and replace this conversation?" : "Skip this conversation?"}</h2>
          <p className="muted">
            {target.agentName} · {target.conversation} · {target.scorecardName}
            {target.reviewerName ? ` · assigned to ${target.reviewerName}` : ""}
          </p>
          {replacing ? (
            <p>
              It is skipped, and Parley draws {target.agentName}&rsquo;s next conversation from the same sampling run into
              your queue, with the same due date. If the run has no other conversation of this agent, it is only skipped.
            </p>
          ) : target.reviewerName ? (
            <p>
              It leaves {target.reviewerName}&rsquo;s queue and is not drawn again for this scorecard. The reason is kept with the
              assignment and shown on the conversation&rsquo;s page.
            </p>
          ) : (
            <p>It leaves your queue and is not drawn again for this scorecard. Your QA lead sees the reason.</p>
          )}
          {otherError ? (
            <p className="alert alert--error" role="alert">
              {otherError}
            </p>
          ) : null}
          <CsrfField />
          <input type="hidden" name="intent" value={target.intent} />
          <input type="hidden" name="assignmentId" value={target.assignmentId} />
          <input type="hidden" name="agentName" value={target.agentName} />
          <div className="field">
            <label htmlFor="skip-reason">Reason</label>
            <textarea
              ref={reason}
              id="skip-reason"
              name="reason"
              rows={3}
              required
              maxLength={maxReason}
              defaultValue={failure?.values.reason ?? ""}
              aria-invalid={reasonError ? true : undefined}
              aria-describedby={reasonError ? "skip-reason-hint skip-reason-error" : "skip-reason-hint"}
              onKeyDown={confirmWithKeys}
            />
            <p className="field__hint" id="skip-reason-hint">
              For example “no audio” or “wrong language”. Required, up to {maxReason} characters. Ctrl+Enter confirms.
            </p>
            <FieldError id="skip-reason-error" message={reasonError} />
          </div>
          <div className="dialog__actions">
            <button type="button" className="button" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="button button--danger" disabled={submitting}>
              {submitting ? (replacing ? "Replacing…" : "Skipping…") : replacing ? "Skip and replace" : "Skip"}
            </button>
          </div>
        </Form>
      ) : null}
    </dialog>
  );
}
