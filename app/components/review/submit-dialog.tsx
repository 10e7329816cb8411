import { useEffect, useRef } from "react";
import { formatScore } from "../../modules/scorecards/explain-score";
import type { ScoreResult } from "../../modules/scorecards/score-math";

interface SubmitDialogProps {
  open: boolean;
  /** The browser's preview of the score; the server recomputes and records its own. */
  result: ScoreResult;
  /** A save is still in flight: submitting waits for its revision. */
  waiting: boolean;
  submitting: boolean;
  /** "Next: …" or "This is the last item of your queue." */
  afterText: string;
  onConfirm: () => void;
  onClose: () => void;
}

export function verdictOf(result: ScoreResult): { text: string; tone: "pass" | "fail" | "none" } {
  if (result.autoFailed) return { text: "Fail — auto-failed by a critical question", tone: "fail" };
  if (result.overall === null) return { text: "No score: nothing counted (every question N/A)", tone: "none" };
  return result.passed ? { text: `Pass (pass mark ${result.passMark})`, tone: "pass" } : { text: `Fail (pass mark ${result.passMark})`, tone: "fail" };
}

/** "Submit this evaluation?" with the score and verdict it will be recorded with. Esc or Cancel closes it. */
export function SubmitDialog({ open, result, waiting, submitting, afterText, onConfirm, onClose }: SubmitDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    else if (!open && element.open) element.close();
  }, [open]);
  const verdict = verdictOf(result);
  return (
    <dialog
      ref={dialog}
      className="dialog submit-dialog"
      aria-labelledby="submit-dialog-title"
      aria-describedby="submit-dialog-score"
      onClose={onClose}
      // While the submit is under way, Esc does not hide it.
      onCancel={(event) => {
        if (submitting) event.preventDefault();
      }}
    >
      {open ? (
        <>
          <h2 id="submit-dialog-title">Submit this evaluation?</h2>
          <p id="submit-dialog-score" className={`submit-dialog__score submit-dialog__score--${verdict.tone}`}>
            <span className="submit-dialog__value">{result.overall === null ? "—" : formatScore(result.overall)}</span>{" "}
            <span>{verdict.text}</span>
          </p>
          <p>
            Once submitted, the answers, feedback and annotations can no longer change. {afterText}
          </p>
          <div className="dialog__actions">
            <button type="button" className="button" onClick={onClose} disabled={submitting}>
              Cancel
            </button>
            <button type="button" className="button button--primary" onClick={onConfirm} disabled={waiting || submitting} autoFocus>
              {submitting ? "Submitting…" : waiting ? "Saving first…" : "Submit"}
            </button>
          </div>
        </>
      ) : null}
    </dialog>
  );
}
