import { useRef, useState, type ReactNode } from "react";

/** A secret shown this once (an API token, a webhook's signing secret), with a copy button. */
export function OneTimeSecret({ title, label, secret, children }: { title: string; label: string; secret: string; children?: ReactNode }) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  const field = useRef<HTMLInputElement>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied("yes");
    } catch {
      // No clipboard permission (plain http, an old browser): select it for Ctrl+C instead.
      field.current?.select();
      setCopied("failed");
    }
  }
  return (
    <section className="alert alert--success" role="status" aria-labelledby="new-secret-title">
      <h2 id="new-secret-title">{title}</h2>
      {children}
      <div className="field">
        <label htmlFor="new-secret">{label}</label>
        <div className="inline-form">
          <input id="new-secret" ref={field} readOnly value={secret} size={60} onFocus={(event) => event.currentTarget.select()} />
          <button type="button" className="button" onClick={() => void copy()}>
            Copy
          </button>
        </div>
        <p className="field__hint" aria-live="polite">
          {copied === "yes" ? "Copied to the clipboard." : copied === "failed" ? "Could not copy: press Ctrl+C (⌘C) to copy the selected secret." : ""}
        </p>
      </div>
    </section>
  );
}
