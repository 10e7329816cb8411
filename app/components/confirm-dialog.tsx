/**
 * A button that asks in a modal dialog before it posts an intent: the shape the dispute page
 * (withdraw) and the coaching plan page (complete, cancel) share. With `reason`, the dialog
 * asks for a required reason posted as `reason`.
 */
import { Form } from "@remix-run/react";
import { useId, useRef, type ReactNode } from "react";
import { CsrfField } from "./csrf-field";

interface ConfirmDialogProps {
  /** The button that opens the dialog ("Withdraw…"). */
  opener: string;
  title: string;
  children?: ReactNode;
  intent: string;
  confirmLabel: string;
  /** The label of the button that closes the dialog without posting ("Keep the dispute"). */
  keepLabel: string;
  tone?: "primary" | "danger";
  openerTone?: "plain" | "danger";
  /** Ask for a reason: the label of its box. */
  reason?: string;
}

export function ConfirmDialog({ opener, title, children, intent, confirmLabel, keepLabel, tone = "primary", openerTone = "plain", reason }: ConfirmDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const close = () => dialog.current?.close();
  return (
    <>
      <button type="button" className={openerTone === "danger" ? "button button--danger" : "button"} onClick={() => dialog.current?.showModal()}>
        {opener}
      </button>
      <dialog ref={dialog} className="dialog" aria-labelledby={`${id}-title`}>
        <Form method="post" onSubmit={close}>
          <CsrfField />
          <h2 id={`${id}-title`}>{title}</h2>
          {children}
          {reason ? (
            <div className="field">
              <label htmlFor={`${id}-reason`}>{reason}</label>
              <textarea id={`${id}-reason`} name="reason" required maxLength={2000} rows={3} />
            </div>
          ) : null}
          <div className="dialog__actions">
            <button type="button" className="button" onClick={close}>
              {keepLabel}
            </button>
            <button type="submit" name="intent" value={intent} className={tone === "danger" ? "button button--danger" : "button button--primary"}>
              {confirmLabel}
            </button>
          </div>
        </Form>
      </dialog>
    </>
  );
}
