/**
 * What the workspace's action answers to the page (app/routes/review.$evaluationId.tsx),
 * shared with the autosave hook and the submit button. A submit that succeeds redirects
 * and answers nothing here. `kind` says what the page should do about a failure (see
 * autosave-state.ts); "offline" is added by the route's clientAction when the request never
 * reached the server.
 */
import type { FeedbackDocument } from "../../modules/evaluations/feedback-document";
import type { Answers } from "../../modules/scorecards/scorecard-definition.schema";
import type { SaveFailureKind } from "./autosave-state";

export type WorkspaceIntent = "save" | "submit";

export type WorkspaceActionResult =
  | { intent: "save"; ok: true; revision: number; savedAt: string }
  | { intent: WorkspaceIntent; ok: false; kind: SaveFailureKind; message: string; fieldErrors: Record<string, string> };

/** The JSON body the page posts. `overwrite`: save over whatever revision the server has now. */
export interface WorkspaceRequestBody {
  intent: WorkspaceIntent;
  _csrf: string;
  answers: Answers;
  feedback: FeedbackDocument;
  revision: number;
  overwrite?: boolean;
}

/** The failure kind for an HTTP status of the action. */
export function failureKindOf(status: number, message = ""): SaveFailureKind {
  if (status === 409) return /submitted/i.test(message) ? "locked" : "conflict";
  if (status === 422 || status === 400) return "invalid";
  if (status === 403 || status === 404) return "locked";
  return "server";
}
