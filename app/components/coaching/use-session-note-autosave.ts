/**
 * Autosave of one session note, as the review workspace saves its draft: about a second after the
 * last change (at once on blur or when the tab is hidden) the document goes to the session page's
 * action with the revision it was edited from. The decisions (debounce, backoff, what the status
 * line says) are the workspace's own state machine (review/autosave-state.ts); on a conflict
 * the answer carries the saved note, and the coach takes it or overwrites it with theirs.
 */
import { useFetcher } from "@remix-run/react";
import { useCallback, useEffect, useMemo, useReducer, useRef } from "react";
import type { FeedbackDocument } from "../../modules/evaluations/feedback-document";
import { autosaveReducer, initialAutosaveState, nextSaveDelayMs, readyToSend, saveStatus } from "../review/autosave-state";
import { useCsrfToken } from "../review/use-autosave";
import type { NoteSaveBody, NoteSaveResult } from "./session-note-save";
import { useFetcherAnswer } from "../use-fetcher-answer";

interface Options {
  sessionId: string;
  visibility: "shared" | "private";
  revision: number;
  savedAt: string | null;
  formatTime: (iso: string) => string;
  debounceMs?: number;
}

export function useSessionNoteAutosave({ sessionId, visibility, revision, savedAt, formatTime, debounceMs = 1000 }: Options) {
  const [state, dispatch] = useReducer(autosaveReducer, undefined, () => initialAutosaveState(revision, savedAt));
  const fetcher = useFetcher<NoteSaveResult>({ key: `note:${sessionId}:${visibility}` });
  const submit = fetcher.submit;
  const csrf = useCsrfToken();
  const doc = useRef<FeedbackDocument>({ type: "doc", content: [] });
  const stateRef = useRef(state);
  useEffect(() => {
    stateRef.current = state;
  });

  const send = useCallback(() => {
    dispatch({ type: "send" });
    const body: NoteSaveBody = { intent: "note", _csrf: csrf, visibility, body: doc.current, baseRevision: stateRef.current.revision };
    submit(body as unknown as Parameters<typeof submit>[0], { method: "post", action: `/coaching/sessions/${sessionId}`, encType: "application/json" });
  }, [csrf, sessionId, submit, visibility]);

  useFetcherAnswer<NoteSaveResult>(
    fetcher,
    (result) => dispatch(result.ok ? { type: "saved", revision: result.revision, savedAt: result.savedAt } : { type: "failed", kind: result.kind, message: result.message }),
    () => {
      if (stateRef.current.sending !== null) dispatch({ type: "failed", kind: "server", message: "The save was interrupted." });
    },
  );

  useEffect(() => {
    const delay = nextSaveDelayMs(state, debounceMs);
    if (delay === null) return;
    const timer = window.setTimeout(() => {
      if (readyToSend(stateRef.current)) send();
    }, delay);
    return () => window.clearTimeout(timer);
  }, [state, debounceMs, send]);

  const flush = useCallback(() => {
    if (readyToSend(stateRef.current)) send();
  }, [send]);
  useEffect(() => {
    const onHidden = () => {
      if (document.visibilityState === "hidden") flush();
    };
    document.addEventListener("visibilitychange", onHidden);
    window.addEventListener("online", flush);
    return () => {
      document.removeEventListener("visibilitychange", onHidden);
      window.removeEventListener("online", flush);
    };
  }, [flush]);

  const conflict = state.failure?.kind === "conflict" && fetcher.data && !fetcher.data.ok ? (fetcher.data.current ?? null) : null;
  return {
    state,
    status: useMemo(() => saveStatus(state, formatTime), [state, formatTime]),
    conflict,
    changed: useCallback((next: FeedbackDocument) => {
      doc.current = next;
      dispatch({ type: "edit" });
    }, []),
    flush,
    /** Take the saved note: the caller remounts the editor with it. */
    takeSaved: useCallback((current: { body: FeedbackDocument; revision: number }) => {
      doc.current = current.body;
      dispatch({ type: "restart", revision: current.revision, savedAt: new Date().toISOString() });
    }, []),
    /** Keep this page's text: save it over the revision the conflict reported. */
    overwrite: useCallback((current: { revision: number }) => {
      dispatch({ type: "restart", revision: current.revision, savedAt: null, edited: true });
    }, []),
  };
}
