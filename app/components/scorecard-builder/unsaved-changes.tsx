import { useBlocker } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { leavesBuilder } from "./navigation-guard";

/**
 * Warns before unsaved edits are lost: the browser's own prompt when the tab is closed or
 * reloaded, and a dialog when a link inside the app would leave the builder.
 */
export function UnsavedChangesGuard({ dirty }: { dirty: boolean }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && leavesBuilder(currentLocation, nextLocation));

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (blocker.state === "blocked" && !element.open) element.showModal();
    if (blocker.state !== "blocked" && element.open) element.close();
  }, [blocker.state]);

  // Saved or discarded meanwhile: nothing left to lose, so go on.
  useEffect(() => {
    if (blocker.state === "blocked" && !dirty) blocker.proceed();
  }, [blocker, dirty]);

  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby="leave-title"
      aria-describedby="leave-text"
      onCancel={() => {
        if (blocker.state === "blocked") blocker.reset();
      }}
    >
      <h3 id="leave-title">Leave without saving?</h3>
      <p id="leave-text">The draft has changes that are not saved. If you leave now they are lost.</p>
      <div className="dialog__actions">
        <button type="button" className="button" onClick={() => blocker.state === "blocked" && blocker.reset()}>
          Stay and keep editing
        </button>
        <button type="button" className="button button--danger" onClick={() => blocker.state === "blocked" && blocker.proceed()}>
          Leave without saving
        </button>
      </div>
    </dialog>
  );
}
