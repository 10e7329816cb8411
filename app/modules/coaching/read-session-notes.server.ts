/**
 * A session's notes as the viewer may read them (issue 15 §2): the shared note for everybody who
 * sees the session; the private note only for `coaching:oversee` in scope (the agent's
 * supervisors, QA leads, admins) — for anybody else, the agent above all, its row is never
 * selected, so it cannot leak through a page, a loader's data, an export or the API.
 */
import type { Database } from "../../lib/db.server";
import { seesPrivateCoachingNotes } from "../access/coaching-scope.server";
import type { Viewer } from "../users/roles";
import { loadSession } from "./load-session.server";
import { readNote, type SavedNote } from "./save-session-note.server";

export type SessionNotes = { shared: SavedNote | null } & ({ seesPrivate: true; private: SavedNote | null } | { seesPrivate: false });

export async function readSessionNotes(db: Database, viewer: Viewer, sessionId: string): Promise<SessionNotes> {
  const session = await loadSession(db, viewer, sessionId);
  const shared = await readNote(db, session.id, "shared");
  if (!seesPrivateCoachingNotes(viewer) || viewer.id === session.agent_id) return { shared, seesPrivate: false };
  return { shared, seesPrivate: true, private: await readNote(db, session.id, "private") };
}
