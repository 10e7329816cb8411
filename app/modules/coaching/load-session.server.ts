import type { Database } from "../../lib/db.server";
import { notFound } from "../../lib/errors";
import { coachingRowsVisibleTo } from "../access/coaching-scope.server";
import type { Viewer } from "../users/roles";

/** A session the viewer may see, optionally locked; 404 otherwise. */
export async function loadSession(db: Database, viewer: Viewer, sessionId: string, options: { forUpdate?: boolean } = {}) {
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) throw notFound("Coaching session");
  let query = db.selectFrom("coaching_sessions").selectAll("coaching_sessions").where("coaching_sessions.id", "=", sessionId).where(coachingRowsVisibleTo(viewer, "coaching_sessions.agent_id"));
  if (options.forUpdate) query = query.forUpdate();
  const session = await query.executeTakeFirst();
  if (!session) throw notFound("Coaching session");
  return session;
}
