import { useEffect, useRef, useState } from "react";
import type { SkipTarget } from "./skip-dialog";

/** The action's refusal as the page reads it: what it says, per field, and the values posted. */
interface PostedFailure {
  ok: false;
  message: string;
  fieldErrors: Record<string, string>;
  values: Record<string, string>;
}

/**
 * The wiring around SkipDialog that the dashboard and My queue share: which row's dialog is
 * open, the action's refusal (kept in its dialog with the typed reason when it is for that
 * very row and intent; a refusal read and cancelled is not shown again when the dialog
 * reopens), and focus: a done skip closes its dialog and moves focus to the status message,
 * as its row has gone (the dialog hands focus back to its opener as it closes, so the message
 * takes it after).
 */
export function useSkipDialog(result: { ok: true } | PostedFailure | undefined) {
  const [target, setTarget] = useState<SkipTarget | null>(null);
  const [dismissed, setDismissed] = useState<unknown>(null);
  const status = useRef<HTMLParagraphElement>(null);
  const focusStatusOnClose = useRef(false);
  const failure = result && !result.ok && result !== dismissed ? result : null;

  useEffect(() => {
    if (!result?.ok) return;
    setTarget((open) => {
      if (open) focusStatusOnClose.current = true;
      return null;
    });
  }, [result]);

  const targetFailure =
    failure && target && failure.values.assignmentId === target.assignmentId && failure.values.intent === target.intent ? failure : null;

  function close() {
    setTarget(null);
    if (failure) setDismissed(failure);
    if (focusStatusOnClose.current) {
      focusStatusOnClose.current = false;
      status.current?.focus();
    }
  }

  return { target, open: setTarget, failure, targetFailure, status, close };
}
