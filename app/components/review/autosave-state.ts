/**
 * The review workspace's autosave as a pure state machine (DESIGN.md "Errors, bad input,
 * consistency"): every edit counts, a save carries the count it includes, and the page
 * knows at any moment whether what is on screen is on the server. The hook around it
 * (use-autosave.ts) owns the timers and the request; everything it decides — may a save
 * go now, how long until the next retry, what the status line says — is here.
 *
 * Failures never drop the reviewer's input: the answers and feedback stay in the page.
 * - offline / server: retried with backoff, and at once when the browser is back online;
 * - conflict (409, another tab saved first): nothing is sent until the reviewer chooses to
 *   reload the saved version or to keep theirs and overwrite it;
 * - invalid (422): not retried until something changes;
 * - locked: the evaluation was submitted elsewhere; nothing more can be saved.
 */

export type SaveFailureKind = "offline" | "server" | "conflict" | "invalid" | "locked";

export interface SaveFailure {
  kind: SaveFailureKind;
  message: string;
  /** Messages per question id (the action's `answers.<id>` field errors). */
  questionErrors: Record<string, string>;
  /** The edit count when it failed: an invalid draft is sent again only after a change. */
  atEdit: number;
}

export interface AutosaveState {
  /** The revision the next save must name (the server's, as last seen). */
  revision: number;
  /** Edits made on this page so far. */
  edits: number;
  /** Edits the server has (included in the last successful save). */
  savedEdits: number;
  /** The edit count carried by the save in flight; null when none is. */
  sending: number | null;
  /** When the server last stored this draft (ISO). */
  savedAt: string | null;
  failure: SaveFailure | null;
  /** Consecutive failures that are retried (offline, server): the backoff step. */
  retries: number;
}

export type AutosaveEvent =
  | { type: "edit" }
  | { type: "send" }
  | { type: "saved"; revision: number; savedAt: string }
  | { type: "failed"; kind: SaveFailureKind; message: string; questionErrors?: Record<string, string> }
  /** The page took the server's copy again (after "Reload the saved version"). */
  | { type: "restart"; revision: number; savedAt: string | null; edited?: boolean };

export function initialAutosaveState(revision: number, savedAt: string | null, { edited = false } = {}): AutosaveState {
  return { revision, edits: edited ? 1 : 0, savedEdits: 0, sending: null, savedAt, failure: null, retries: 0 };
}

const RETRIED: ReadonlySet<SaveFailureKind> = new Set(["offline", "server"]);

export function autosaveReducer(state: AutosaveState, event: AutosaveEvent): AutosaveState {
  switch (event.type) {
    case "edit":
      return { ...state, edits: state.edits + 1 };
    case "send":
      return { ...state, sending: state.edits };
    case "saved":
      if (state.sending === null) return state;
      return {
        ...state,
        revision: event.revision,
        savedEdits: Math.max(state.savedEdits, state.sending),
        sending: null,
        savedAt: event.savedAt,
        failure: null,
        retries: 0,
      };
    case "failed": {
      const retried = RETRIED.has(event.kind);
      return {
        ...state,
        sending: null,
        failure: { kind: event.kind, message: event.message, questionErrors: event.questionErrors ?? {}, atEdit: state.edits },
        retries: retried ? state.retries + 1 : 0,
      };
    }
    case "restart":
      return initialAutosaveState(event.revision, event.savedAt, { edited: event.edited });
  }
}

export function hasUnsavedChanges(state: AutosaveState): boolean {
  return state.edits > state.savedEdits;
}

/** Whether a save may go now: something is unsaved, nothing is in flight, and no failure holds it back. */
export function readyToSend(state: AutosaveState): boolean {
  if (state.sending !== null || !hasUnsavedChanges(state)) return false;
  switch (state.failure?.kind) {
    case undefined:
    case "offline":
    case "server":
      return true;
    case "invalid":
      return state.edits > state.failure.atEdit;
    case "conflict":
    case "locked":
      return false;
  }
}

/** "Keep mine and overwrite" is offered only after a conflict, and not while a save is in flight. */
export function canOverwrite(state: AutosaveState): boolean {
  return state.failure?.kind === "conflict" && state.sending === null;
}

export function isRetrying(state: AutosaveState): boolean {
  return state.failure !== null && RETRIED.has(state.failure.kind);
}

export const RETRY_BASE_MS = 2000;
export const RETRY_MAX_MS = 30_000;

/** Backoff after the nth consecutive failure: 2 s, 4 s, 8 s, 16 s, then every 30 s. */
export function retryDelayMs(retries: number): number {
  if (retries <= 0) return 0;
  return Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** (retries - 1));
}

/** How long the hook waits before the next save, or null when none should be scheduled. */
export function nextSaveDelayMs(state: AutosaveState, debounceMs: number): number | null {
  if (!readyToSend(state)) return null;
  return isRetrying(state) ? Math.max(debounceMs, retryDelayMs(state.retries)) : debounceMs;
}

export type SaveStatusKind = "saving" | "saved" | "unsaved" | "offline" | "retrying" | "conflict" | "invalid" | "locked" | "clean" | "held";

export interface SaveStatus {
  kind: SaveStatusKind;
  label: string;
}

/**
 * The status line above the scorecard; `formatTime` turns the ISO save time into "14:32".
 * `held` names what autosave keeps back because it is over its limit (held-back.ts): the rest
 * is saved, and the line says so rather than "Saved".
 */
export function saveStatus(state: AutosaveState, formatTime: (iso: string) => string, held: string | null = null): SaveStatus {
  if (state.sending !== null) return { kind: "saving", label: "Saving…" };
  switch (state.failure?.kind) {
    case "offline":
      return { kind: "offline", label: "Offline — will retry" };
    case "server":
      return { kind: "retrying", label: "Not saved — will retry" };
    case "conflict":
      return { kind: "conflict", label: "Not saved — changed in another tab" };
    case "locked":
      return { kind: "locked", label: "Not saved — already submitted" };
    case "invalid":
      if (state.edits === state.failure.atEdit) {
        // Name the problem: "check the highlighted answers" only when answers are highlighted.
        const onAnswers = Object.keys(state.failure.questionErrors).length > 0;
        return { kind: "invalid", label: onAnswers ? "Not saved — check the highlighted answers" : "Not saved — see why below" };
      }
      break;
    case undefined:
      break;
  }
  if (hasUnsavedChanges(state)) return { kind: "unsaved", label: "Unsaved changes" };
  if (held) return { kind: "held", label: held };
  if (state.savedAt) return { kind: "saved", label: `Saved ${formatTime(state.savedAt)}` };
  return { kind: "clean", label: "No changes yet" };
}

/** The action's field errors (`answers.<questionId>`) as messages per question id. */
export function questionErrorsOf(fieldErrors: Record<string, string>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [field, message] of Object.entries(fieldErrors)) {
    const match = /^answers\.([^.]+)/.exec(field);
    if (match?.[1]) errors[match[1]] ??= message;
  }
  return errors;
}
