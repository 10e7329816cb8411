/**
 * Autosave of a session's notes (issue 15 §2): the shared note (the agent reads it) or the
 * coach's private one (the agent's supervisors, QA leads and admins read it; the agent never
 * does). Written only by the coach side — `coaching:manage` in the session's scope (the coach,
 * the agent's supervisors, QA leads), never by the agent. Like the review's draft, a save names
 * the revision it was edited from: a stale one answers 409 with the note as it is now
 * (NoteConflict), so the page can offer "take the saved version" or "keep mine" — the latter is
 * simply a save naming the revision the conflict reported. The session row is locked for the
 * write, so two first saves of the same note cannot both insert. Nothing is audited per save
 * (an autosave every second would drown the log), as for review drafts.
 */
import { sql } from "kysely";
import type { Database } from "../../lib/db.server";
import { DomainError, fieldErrorsOf } from "../../lib/errors";
import { assertMayCoach } from "../access/coaching-scope.server";
import { forbidden } from "../access/refusals";
import type { FeedbackDocument } from "../evaluations/feedback-document";
import type { Viewer } from "../users/roles";
import { loadSession } from "./load-session.server";
import { noteMessage, sessionNoteSchema, type NoteVisibility } from "./session-note.schema";

export interface SavedNote {
  body: FeedbackDocument;
  revision: number;
  updatedAt: Date;
  updatedBy: string;
}

/** A stale save: the note as the server has it now travels with the refusal. */
export class NoteConflict extends DomainError {
  constructor(readonly current: SavedNote) {
    super("conflict", `${current.updatedBy} saved this note after this page loaded. Your text is still here: take the saved version, or keep yours and overwrite it.`);
  }
}

export async function saveSessionNote(db: Database, viewer: Viewer, sessionId: string, rawInput: unknown, now: Date): Promise<{ revision: number; savedAt: Date }> {
  const input = parseNote(rawInput);
  return db.transaction().execute(async (trx) => {
    const session = await loadSession(trx, viewer, sessionId, { forUpdate: true });
    assertMayCoach(viewer);
    if (viewer.id === session.agent_id) throw forbidden("The coach writes the session's notes.");
    const current = await readNote(trx, session.id, input.visibility);
    if ((current?.revision ?? 0) !== input.baseRevision) {
      if (current) throw new NoteConflict(current);
      // The note was deleted under the page (it never is today): start it again.
      throw new DomainError("conflict", "This note changed after this page loaded. Reload the page.");
    }
    const body = JSON.stringify(input.body);
    const saved = current
      ? await trx
          .updateTable("coaching_session_notes")
          .set({ body, revision: sql`revision + 1`, updated_by: viewer.id, updated_at: now })
          .where("session_id", "=", session.id)
          .where("visibility", "=", input.visibility)
          .returning(["revision", "updated_at"])
          .executeTakeFirstOrThrow()
      : await trx
          .insertInto("coaching_session_notes")
          .values({ session_id: session.id, visibility: input.visibility, body, revision: 1, updated_by: viewer.id, updated_at: now })
          .returning(["revision", "updated_at"])
          .executeTakeFirstOrThrow();
    return { revision: saved.revision, savedAt: saved.updated_at };
  });
}

function parseNote(rawInput: unknown) {
  const parsed = sessionNoteSchema.safeParse(rawInput);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({ ...issue, message: noteMessage(issue.message) }));
  throw new DomainError("invalid", issues.map((issue) => issue.message).join("; "), fieldErrorsOf(issues));
}

/** One note of a session with who saved it last; null when nobody has written it. Callers decide who may read which. */
export async function readNote(db: Database, sessionId: string, visibility: NoteVisibility): Promise<SavedNote | null> {
  const row = await db
    .selectFrom("coaching_session_notes as n")
    .innerJoin("users as u", "u.id", "n.updated_by")
    .select(["n.body", "n.revision", "n.updated_at", "u.name"])
    .where("n.session_id", "=", sessionId)
    .where("n.visibility", "=", visibility)
    .executeTakeFirst();
  return row ? { body: row.body as unknown as FeedbackDocument, revision: row.revision, updatedAt: row.updated_at, updatedBy: row.name } : null;
}
