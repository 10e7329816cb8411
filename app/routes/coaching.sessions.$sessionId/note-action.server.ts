/**
 * The session page's JSON action: a note autosave (session-note-editor.tsx). CSRF checked as
 * for the review workspace's autosave; a refusal answers with its status and, for a stale
 * revision, the note as it is now (NoteConflict) so the editor can offer both versions.
 */
import { data } from "@remix-run/node";
import { failureKindOf } from "../../components/review/workspace-action";
import type { NoteSaveResult } from "../../components/coaching/session-note-save";
import { assertCsrf, getSession } from "../../lib/auth.server";
import { db } from "../../lib/db.server";
import { DomainError } from "../../lib/errors";
import { refusalOf } from "../../lib/errors.server";
import { nulInField, nulPath } from "../../lib/nul";
import { NoteConflict, saveSessionNote } from "../../modules/coaching/save-session-note.server";
import type { Viewer } from "../../modules/users/roles";

function failure(error: DomainError) {
  const body: NoteSaveResult = {
    intent: "note",
    ok: false,
    code: error.code,
    kind: failureKindOf(error.code),
    message: error.message,
    ...(error instanceof NoteConflict ? { current: { body: error.current.body, revision: error.current.revision, updatedBy: error.current.updatedBy } } : {}),
  };
  return data(body, { status: error.status });
}

export async function noteAction(request: Request, viewer: Viewer, sessionId: string, notFound: string) {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return failure(new DomainError("bad_request", "The request could not be read. Reload the page and try again."));
  }
  const nul = nulPath(body);
  if (nul) return failure(nulInField(nul, "The note"));
  const session = await getSession(request);
  const csrf = new FormData();
  const token = body && typeof body === "object" && "_csrf" in body && typeof body._csrf === "string" ? body._csrf : "";
  csrf.set("_csrf", token);
  try {
    if (!session) throw new DomainError("unauthenticated", "Your session ended. Sign in again in another tab; your note is still here.");
    assertCsrf(session, csrf);
    const saved = await saveSessionNote(db(), viewer, sessionId, body, new Date());
    const result: NoteSaveResult = { intent: "note", ok: true, revision: saved.revision, savedAt: saved.savedAt.toISOString() };
    return data(result);
  } catch (error) {
    const refusal = error instanceof NoteConflict ? error : refusalOf(error, { notFound });
    if (!refusal) throw error;
    return failure(refusal);
  }
}
