/**
 * What the workspace's action answers to the page (app/routes/review.$evaluationId.tsx),
 * shared with the autosave hook and the submit button. A submit that succeeds redirects
 * and answers nothing here. `kind` says what the page should do about a failure (see
 * autosave-state.ts), decided by the refusal's `code`; "offline" is added by the route's
 * clientAction when the request never reached the server (then there is no code).
 */
import type { ErrorCode } from "../../lib/errors";
import type { FeedbackDocument } from "../../modules/evaluations/feedback-document";
import type { Answers } from "../../modules/scorecards/scorecard-definition.schema";
import type { SaveFailureKind } from "./autosave-state";

export type WorkspaceIntent = "save" | "submit";

export type WorkspaceActionResult =
  | { intent: "save"; ok: true; revision: number; savedAt: string }
  | { intent: WorkspaceIntent; ok: false; code?: ErrorCode; kind: SaveFailureKind; message: string; fieldErrors: Record<string, string> };

/** The JSON body the page posts. `overwrite`: save over whatever revision the server has now. */
export interface WorkspaceRequestBody {
  intent: WorkspaceIntent;
  _csrf: string;
  answers: Answers;
  feedback: FeedbackDocument;
  revision: number;
  overwrite?: boolean;
}

/** What the page does about a refusal, by its code (app/lib/errors.ts); no code (a bare HTTP error) is the server's problem. */
export function failureKindOf(code: ErrorCode | undefined): SaveFailureKind {
  switch (code) {
    case "conflict":
      return "conflict";
    // Not the reviewer's to change any more (submitted, reassigned, role changed): nothing more can be saved here.
    case "locked":
    case "forbidden":
    case "not_found":
      return "locked";
    case "invalid":
    case "bad_request":
      return "invalid";
    default:
      return "server";
  }
}
