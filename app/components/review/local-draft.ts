/**
 * A copy of the unsaved draft in the browser's localStorage, keyed by evaluation id, so
 * that input typed while offline (or in a tab closed before its save went out) survives a
 * reload. Written while there are unsaved changes, removed once the server has them; on
 * load the page offers to restore it when it is newer than the server's copy.
 */
import type { FeedbackDocument } from "../../modules/evaluations/feedback-document";
import type { Answers } from "../../modules/scorecards/scorecard-definition.schema";

export interface LocalDraft {
  answers: Answers;
  feedback: FeedbackDocument;
  /** The server revision the draft was edited from. */
  revision: number;
  /** When it was last changed in the browser (ISO). */
  changedAt: string;
}

type DraftStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

export const localDraftKey = (evaluationId: string) => `parley:evaluation-draft:${evaluationId}`;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The stored copy, or null when there is none or it is unreadable (then it is removed). */
export function readLocalDraft(storage: DraftStorage | null, evaluationId: string): LocalDraft | null {
  if (!storage) return null;
  let raw: string | null;
  try {
    raw = storage.getItem(localDraftKey(evaluationId));
  } catch {
    return null;
  }
  if (!raw) return null;
  try {
    const value: unknown = JSON.parse(raw);
    if (
      isRecord(value) &&
      isRecord(value.answers) &&
      isRecord(value.feedback) &&
      value.feedback.type === "doc" &&
      Array.isArray(value.feedback.content) &&
      typeof value.revision === "number" &&
      typeof value.changedAt === "string" &&
      !Number.isNaN(Date.parse(value.changedAt))
    ) {
      return value as unknown as LocalDraft;
    }
  } catch {
    // Unreadable: fall through and drop it.
  }
  clearLocalDraft(storage, evaluationId);
  return null;
}

/** Stores the copy; a full or blocked storage is not an error (the page still has the draft). */
export function writeLocalDraft(storage: DraftStorage | null, evaluationId: string, draft: LocalDraft): boolean {
  if (!storage) return false;
  try {
    storage.setItem(localDraftKey(evaluationId), JSON.stringify(draft));
    return true;
  } catch {
    return false;
  }
}

export function clearLocalDraft(storage: DraftStorage | null, evaluationId: string): void {
  try {
    storage?.removeItem(localDraftKey(evaluationId));
  } catch {
    // Nothing to do: private mode or storage disabled.
  }
}

/** Same answers and feedback (key order aside). */
export function sameDraftContent(a: Pick<LocalDraft, "answers" | "feedback">, b: Pick<LocalDraft, "answers" | "feedback">): boolean {
  return stableJson(a.answers) === stableJson(b.answers) && stableJson(a.feedback) === stableJson(b.feedback);
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    isRecord(v) ? Object.fromEntries(Object.keys(v).sort().map((key) => [key, v[key]])) : v,
  );
}

/**
 * Whether to offer the local copy on load: it differs from the server's copy and is newer —
 * edited from the revision the server still has (nobody saved since), or changed after the
 * server's copy was saved. An older or identical copy is stale and can go.
 */
export function shouldOfferRestore(
  local: LocalDraft | null,
  server: Pick<LocalDraft, "answers" | "feedback" | "revision"> & { updatedAt: string },
): local is LocalDraft {
  if (!local) return false;
  if (sameDraftContent(local, server)) return false;
  return local.revision >= server.revision || Date.parse(local.changedAt) > Date.parse(server.updatedAt);
}

/** localStorage when the browser allows it. */
export function browserStorage(): DraftStorage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    return null;
  }
}
