/**
 * What the session page's action answers to a note autosave (app/routes/coaching.sessions.$sessionId),
 * shared with the editor's hook. A conflict (409) carries the note as the server has it now, so
 * the editor can offer to take it or to keep the coach's text and overwrite it.
 */
import type { ErrorCode } from "../../lib/errors";
import type { FeedbackDocument } from "../../modules/evaluations/feedback-document";
import type { SaveFailureKind } from "../review/autosave-state";

export type NoteSaveResult =
  | { intent: "note"; ok: true; revision: number; savedAt: string }
  | { intent: "note"; ok: false; code?: ErrorCode; kind: SaveFailureKind; message: string; current?: { body: FeedbackDocument; revision: number; updatedBy: string } };

export interface NoteSaveBody {
  intent: "note";
  _csrf: string;
  visibility: "shared" | "private";
  body: FeedbackDocument;
  baseRevision: number;
}
