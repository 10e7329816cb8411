import { Form } from "@remix-run/react";
import { type ReactNode, useId, useRef, useState } from "react";
import { CsrfField } from "../csrf-field";

interface ConfirmActionProps {
  /** The button that opens the dialog ("Publish…"). */
  label: string;
  title: string;
  children: ReactNode;
  intent: string;
  confirmLabel: string;
  /** Extra hidden fields posted with the intent. */
  fields?: Record<string, string>;
  tone?: "primary" | "danger" | "plain";
  busy?: boolean;
  /** Why the action cannot be taken now: shown instead of opening the dialog. */
  refusal?: string | null;
}

/** A button that asks in a modal dialog before it posts an irreversible or far-reaching action. */
export function ConfirmAction({ label, title, children, intent, confirmLabel, fields = {}, tone = "plain", busy = false, refusal = null }: ConfirmActionProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [refused, setRefused] = useState<string | null>(null);
  const buttonClass = tone === "primary" ? "button button--primary" : tone === "danger" ? "button button--danger" : "button";
  return (
    <div className="confirm-action">
      <button
        type="button"
        className={buttonClass}
        disabled={busy}
        aria-describedby={refused ? `${id}-refusal` : undefined}
        onClick={() => {
          if (refusal) setRefused(refusal);
          else {
            setRefused(null);
            dialog.current?.showModal();
          }
        }}
      >
        {label}
      </button>
      {refused && refusal ? (
        <p className="field__error" id={`${id}-refusal`} role="alert">
          {refusal}
        </p>
      ) : null}
      <dialog ref={dialog} aria-labelledby={`${id}-title`} aria-describedby={`${id}-text`} className="dialog">
        <h3 id={`${id}-title`}>{title}</h3>
        <div id={`${id}-text`}>{children}</div>
        <div className="dialog__actions">
          <button type="button" className="button" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
          <Form method="post" onSubmit={() => dialog.current?.close()}>
            <CsrfField />
            {Object.entries(fields).map(([name, value]) => (
              <input key={name} type="hidden" name={name} value={value} />
            ))}
            <button type="submit" name="intent" value={intent} className={tone === "plain" ? "button button--primary" : buttonClass}>
              {confirmLabel}
            </button>
          </Form>
        </div>
      </dialog>
    </div>
  );
}
