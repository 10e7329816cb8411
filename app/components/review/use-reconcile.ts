/**
 * Each time the workspace is shown — its first load, Back to a document the browser kept, a
 * restore from the back-forward cache (`pageshow` with `persisted`) — it asks the server where
 * the draft stands (GET /review/:id/draft) and settles that with reconcile.ts before the
 * scorecard takes input: a newer save is loaded in place of the old copy, unsaved edits on an
 * old copy are reported as a conflict, and a draft submitted meanwhile as locked.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { DraftRevisionReply } from "../../routes/review.$evaluationId.draft";
import { hasUnsavedChanges, type SaveFailureKind } from "./autosave-state";
import type { Autosave } from "./use-autosave";
import { reconcileDraft } from "./reconcile";

export const draftRevisionPath = (evaluationId: string) => `/review/${evaluationId}/draft`;

interface Options {
  evaluationId: string;
  autosave: Pick<Autosave, "state" | "report">;
  /** Load the server's copy (the page revalidates and remounts the scorecard with it). */
  onTakeServer: () => void;
}

const OLD_COPY =
  "This page was showing an older copy of the evaluation than the one saved since. Your latest changes here were not saved; reload the saved version to see it, or keep yours.";

export function useReconcileOnShow({ evaluationId, autosave, onTakeServer }: Options): { checking: boolean } {
  const [checking, setChecking] = useState(true);
  const latest = useRef(autosave);
  const takeServer = useRef(onTakeServer);
  useEffect(() => {
    latest.current = autosave;
    takeServer.current = onTakeServer;
  });

  const check = useCallback(async () => {
    setChecking(true);
    let reply: DraftRevisionReply | null = null;
    try {
      const response = await fetch(draftRevisionPath(evaluationId), { headers: { Accept: "application/json" }, cache: "no-store" });
      reply = (await response.json()) as DraftRevisionReply;
    } catch {
      // Offline or no answer: the page's copy stands, and autosave's own revision check (409) still guards the save.
    }
    const { state, report } = latest.current;
    // A save in flight answers for itself (a stale one is refused with 409).
    if (reply?.ok && state.sending === null) {
      const decision = reconcileDraft({ revision: state.revision, unsaved: hasUnsavedChanges(state) }, reply);
      const failure = (kind: SaveFailureKind, message: string) => report(kind, message);
      if (decision === "take-server") {
        // Stays "checking" until the remount with the saved copy replaces this panel.
        takeServer.current();
        return;
      }
      if (decision === "conflict") failure("conflict", OLD_COPY);
      if (decision === "submitted") failure("locked", "This evaluation was already submitted; it can no longer change.");
    } else if (reply && !reply.ok) {
      report("locked", reply.message);
    }
    setChecking(false);
  }, [evaluationId]);

  useEffect(() => {
    void check();
    const onShow = (event: PageTransitionEvent) => {
      if (event.persisted) void check();
    };
    window.addEventListener("pageshow", onShow);
    return () => window.removeEventListener("pageshow", onShow);
  }, [check]);

  return { checking };
}
