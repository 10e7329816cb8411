/**
 * Autosave of the review workspace: about a second after the last change (and at once when
 * the reviewer leaves the scorecard or the tab), the answers and feedback go to the route's
 * action "save" through a fetcher, with the revision they were edited from. The decisions
 * live in autosave-state.ts; this hook owns the timers, the request and the local copy.
 */
import { useFetcher, useRouteLoaderData } from "@remix-run/react";
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from "react";
import type { FeedbackDocument } from "../../modules/evaluations/feedback-document";
import type { Answers } from "../../modules/scorecards/scorecard-definition.schema";
import type { RootLoaderData } from "../../root";
import { useFetcherAnswer } from "../use-fetcher-answer";
import {
  autosaveReducer,
  canOverwrite,
  hasUnsavedChanges,
  initialAutosaveState,
  nextSaveDelayMs,
  questionErrorsOf,
  readyToSend,
  saveStatus,
  type AutosaveState,
  type SaveFailureKind,
  type SaveStatus,
} from "./autosave-state";
import { heldParts, heldStatus, saveableContent, type HeldPart } from "./held-back";
import { browserStorage, clearLocalDraft, writeLocalDraft } from "./local-draft";
import type { WorkspaceActionResult, WorkspaceRequestBody } from "./workspace-action";

export interface DraftContent {
  answers: Answers;
  feedback: FeedbackDocument;
}

interface UseAutosaveOptions {
  evaluationId: string;
  revision: number;
  savedAt: string | null;
  /** The page's current answers and feedback. */
  content: DraftContent;
  /** Start with unsaved changes (a restored local copy). */
  edited?: boolean;
  debounceMs?: number;
  formatTime: (iso: string) => string;
}

export interface Autosave {
  state: AutosaveState;
  status: SaveStatus;
  /** Messages per question id from the last refused save. */
  questionErrors: Record<string, string>;
  /** Call after every change of the answers or the feedback. */
  changed: () => void;
  /** Save now if anything is unsaved (leaving the scorecard, hiding the tab). */
  flush: () => void;
  /** After a conflict: save this page's draft over the server's current revision. */
  overwrite: () => void;
  /** Stop saving (the draft is being submitted); `resume` starts again. */
  pause: () => void;
  /** A failure reported by another request (a refused submit), so the page shows it the same way. */
  report: (kind: SaveFailureKind, message: string, questionErrors?: Record<string, string>) => void;
  resume: () => void;
  paused: boolean;
  /** The revision a submit must name. */
  revision: number;
  /** A save is in flight. */
  busy: boolean;
  /** Parts over their limit: not sent, the rest is (held-back.ts). */
  held: HeldPart[];
}

/** The route's action URL for an evaluation. */
export const workspaceActionPath = (evaluationId: string) => `/review/${evaluationId}`;

export function useCsrfToken(): string {
  return useRouteLoaderData<RootLoaderData>("root")?.csrfToken ?? "";
}

export function useAutosave({ evaluationId, revision, savedAt, content, edited = false, debounceMs = 1000, formatTime }: UseAutosaveOptions): Autosave {
  const [state, dispatch] = useReducer(autosaveReducer, undefined, () => initialAutosaveState(revision, savedAt, { edited }));
  const [paused, setPaused] = useState(false);
  const fetcher = useFetcher<WorkspaceActionResult>({ key: `autosave:${evaluationId}` });
  const submit = fetcher.submit;
  const csrf = useCsrfToken();

  // Timers and event handlers read the latest values through refs.
  const stateRef = useRef(state);
  const contentRef = useRef(content);
  // What the server has: the page's first content, then what each successful save sent.
  const savedContent = useRef<DraftContent>(content);
  const sentContent = useRef<DraftContent>(content);
  const pausedRef = useRef(paused);
  useEffect(() => {
    stateRef.current = state;
    contentRef.current = content;
    pausedRef.current = paused;
  });

  const send = useCallback(
    (overwrite: boolean) => {
      const current = stateRef.current;
      dispatch({ type: "send" });
      const sendable = saveableContent(contentRef.current, savedContent.current);
      sentContent.current = sendable;
      const body: WorkspaceRequestBody = {
        intent: "save",
        _csrf: csrf,
        answers: sendable.answers,
        feedback: sendable.feedback,
        revision: current.revision,
        ...(overwrite ? { overwrite: true } : {}),
      };
      submit(body as unknown as Parameters<typeof submit>[0], {
        method: "post",
        action: workspaceActionPath(evaluationId),
        encType: "application/json",
      });
    },
    [csrf, evaluationId, submit],
  );

  // The answer to the save in flight. A request that ends without an answer (aborted) is a
  // failure to retry, so the page never waits for it forever.
  useFetcherAnswer<WorkspaceActionResult>(
    fetcher,
    (result) => {
      if (result.ok) {
        savedContent.current = sentContent.current;
        dispatch({ type: "saved", revision: result.revision, savedAt: result.savedAt });
      } else dispatch({ type: "failed", kind: result.kind, message: result.message, questionErrors: questionErrorsOf(result.fieldErrors) });
    },
    () => {
      if (stateRef.current.sending !== null) dispatch({ type: "failed", kind: "server", message: "The save was interrupted." });
    },
  );

  // Debounce after an edit, backoff after a failure: one timer, rescheduled on every change.
  useEffect(() => {
    if (paused) return;
    const delay = nextSaveDelayMs(state, debounceMs);
    if (delay === null) return;
    const timer = window.setTimeout(() => {
      if (!pausedRef.current && readyToSend(stateRef.current)) send(false);
    }, delay);
    return () => window.clearTimeout(timer);
  }, [state, paused, debounceMs, send]);

  const flush = useCallback(() => {
    if (!pausedRef.current && readyToSend(stateRef.current)) send(false);
  }, [send]);

  // Back online: retry now rather than at the end of the backoff.
  useEffect(() => {
    const retryNow = () => flush();
    window.addEventListener("online", retryNow);
    return () => window.removeEventListener("online", retryNow);
  }, [flush]);

  // Leaving the tab saves at once.
  useEffect(() => {
    const onVisibility = () => {
      if (document.visibilityState === "hidden") flush();
    };
    document.addEventListener("visibilitychange", onVisibility);
    return () => document.removeEventListener("visibilitychange", onVisibility);
  }, [flush]);

  // The local copy: written while the server lacks something, removed once it has everything
  // (and while a submit is under way; a refused submit writes it again). Nothing is removed
  // on mount: the page first looks at a copy left by an earlier visit (offer to restore).
  const held = useMemo(() => heldParts(content), [content]);
  const unsaved = (hasUnsavedChanges(state) || held.length > 0) && !paused;
  const hadUnsaved = useRef(false);
  useEffect(() => {
    const storage = browserStorage();
    if (unsaved) {
      writeLocalDraft(storage, evaluationId, { ...content, revision: state.revision, changedAt: new Date().toISOString() });
    } else if (hadUnsaved.current) {
      clearLocalDraft(storage, evaluationId);
    }
    hadUnsaved.current = unsaved;
  }, [unsaved, content, state.revision, evaluationId]);

  const changed = useCallback(() => dispatch({ type: "edit" }), []);
  const overwrite = useCallback(() => {
    if (canOverwrite(stateRef.current)) send(true);
  }, [send]);
  const pause = useCallback(() => setPaused(true), []);
  const report = useCallback(
    (kind: SaveFailureKind, message: string, questionErrors?: Record<string, string>) => dispatch({ type: "failed", kind, message, questionErrors }),
    [],
  );
  const resume = useCallback(() => setPaused(false), []);

  const questionErrors = state.failure?.questionErrors ?? {};
  const status = useMemo(() => saveStatus(state, formatTime, held.length > 0 ? heldStatus(held) : null), [state, formatTime, held]);
  return {
    state,
    status,
    questionErrors,
    changed,
    flush,
    overwrite,
    pause,
    report,
    resume,
    paused,
    revision: state.revision,
    busy: state.sending !== null,
    held,
  };
}
